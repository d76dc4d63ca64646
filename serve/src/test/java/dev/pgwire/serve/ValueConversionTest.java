package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgArray;
import dev.pgwire.protocol.types.PgInterval;
import dev.pgwire.protocol.types.PgNumeric;
import dev.pgwire.protocol.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DuckDB values, in the shapes the JDBC driver hands out, become the type registry's Java values
 * and from there PostgreSQL's text.
 */
class ValueConversionTest {
    private static final CodecContext UTC = CodecContext.DEFAULT;

    private static String text(String duckDbType, Object value, CodecContext ctx) {
        return PgTypes.forDuckDbType(duckDbType).text(value, ctx);
    }

    private static Object pg(String duckDbType, Object value) {
        return PgTypes.forDuckDbType(duckDbType).pgValue(value, UTC);
    }

    @ParameterizedTest(name = "DOUBLE {0} with extra_float_digits {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "0.30000000000000004|1|0.30000000000000004", "0.30000000000000004|0|0.3", "1e100|1|1e+100",
            "3.141592653589793|-10|3.1416", "2.82879384806159E17|1|2.82879384806159e+17", "-0.0|1|-0"})
    void floatsFollowExtraFloatDigits(double value, int extraFloatDigits, String expected) {
        assertThat(text("DOUBLE", value, UTC.withExtraFloatDigits(extraFloatDigits))).isEqualTo(expected);
    }

    @Test
    void duckDbInfinitiesAreThePostgresInfinities() {
        assertThat(pg("DATE", LocalDate.ofEpochDay(Integer.MAX_VALUE))).isEqualTo(LocalDate.MAX);
        assertThat(text("DATE", LocalDate.ofEpochDay(-Integer.MAX_VALUE), UTC)).isEqualTo("-infinity");
        assertThat(pg("TIMESTAMP", Long.MAX_VALUE)).isEqualTo(LocalDateTime.MAX);
        assertThat(text("TIMESTAMP", -Long.MAX_VALUE, UTC)).isEqualTo("-infinity");
        assertThat(pg("TIMESTAMP WITH TIME ZONE", Long.MAX_VALUE)).isEqualTo(OffsetDateTime.MAX);
        assertThat(pg("TIME", 86_400_000_000L)).isEqualTo(LocalTime.MAX);
        assertThat(text("TIME", 86_400_000_000L, UTC)).isEqualTo("24:00:00");
    }

    @Test
    void datesAndTimestampsBeforeTheCommonEraPrintBc() {
        assertThat(text("DATE", LocalDate.of(-43, 3, 15), UTC)).isEqualTo("0044-03-15 BC");
        long micros = LocalDateTime.of(-43, 3, 15, 10, 0).toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L;
        assertThat(text("TIMESTAMP", micros, UTC)).isEqualTo("0044-03-15 10:00:00 BC");
    }

    @Test
    void timestampTzIsShownInTheSessionTimeZone() {
        long micros = 1706708700_000000L; // 2024-01-31 13:45:00 UTC
        assertThat(text("TIMESTAMP WITH TIME ZONE", micros, UTC)).isEqualTo("2024-01-31 13:45:00+00");
        assertThat(text("TIMESTAMP WITH TIME ZONE", micros + 123_400, UTC.withTimeZone(ZoneId.of("Asia/Kolkata"))))
                .isEqualTo("2024-01-31 19:15:00.1234+05:30");
        assertThat(text("TIMESTAMP WITH TIME ZONE", -2208988800_000000L, UTC.withTimeZone(ZoneId.of("Europe/Paris"))))
                .isEqualTo("1900-01-01 00:09:21+00:09:21");
    }

    @Test
    void nanosecondTimestampsRoundToMicroseconds() {
        assertThat(pg("TIMESTAMP_NS", LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_500)))
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_457_000));
        assertThat(pg("TIMESTAMP_NS", LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_499)))
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_000));
    }

    @Test
    void duckDbIntervalTextIsReadBack() {
        assertThat(DuckDbText.parseInterval("1 year 2 months 3 days 04:05:06.5")).containsExactly(14, 3, 14_706_500_000L);
        assertThat(DuckDbText.parseInterval("-10 months -3 days 100:00:00")).containsExactly(-10, -3, 360_000_000_000L);
        assertThat(DuckDbText.parseInterval("-00:00:01")).containsExactly(0, 0, -1_000_000L);
        assertThat(DuckDbText.parseInterval("-1 year -1 month")).containsExactly(-13, 0, 0);
        assertThat(DuckDbText.parseInterval("00:00:00.000001")).containsExactly(0, 0, 1);
        assertThat(pg("INTERVAL", "1 year 2 months 3 days 04:05:06")).isEqualTo(new PgInterval(14, 3, 14_706_000_000L));
        assertThat(text("INTERVAL", "-1 year 2 months -3 days 100:00:00", UTC)).isEqualTo("-10 mons -3 days +100:00:00");
    }

    @Test
    void integersBeyondInt8AndDecimalsAreNumericWithTheirScale() {
        assertThat(pg("HUGEINT", new BigInteger("170141183460469231731687303715884105727")))
                .isEqualTo(PgNumeric.of(new BigDecimal("170141183460469231731687303715884105727")));
        assertThat(text("DECIMAL(10,3)", new BigDecimal("1.250"), UTC)).isEqualTo("1.250");
    }

    @Test
    void nestedListsOfEqualLengthAreMultidimensionalArrays() {
        Object v = pg("INTEGER[][]", new Object[] {new Object[] {1, 2}, new Object[] {3, 4}});
        assertThat(v).isEqualTo(new PgArray(PgType.INT4.oid(), new int[] {2, 2}, new int[] {1, 1}, new Object[] {1, 2, 3, 4}));
        assertThat(text("INTEGER[][]", new Object[] {new Object[] {1, 2}, new Object[] {3, 4}}, UTC)).isEqualTo("{{1,2},{3,4}}");
    }

    @Test
    void raggedListsAndNullSublistsStayText() {
        assertThat(text("INTEGER[][]", new Object[] {new Object[] {1, 2}, null}, UTC)).isEqualTo("{{1,2},NULL}");
        assertThat(text("INTEGER[][]", new Object[] {new Object[] {1, 2}, new Object[] {3}}, UTC)).isEqualTo("{{1,2},{3}}");
        assertThat(pg("INTEGER[][]", new Object[] {new Object[] {1}, new Object[] {}}))
                .isInstanceOf(PgColumnType.Literal.class);
    }

    @Test
    void arraysOfATypeWithoutCodecAreArrayLiterals() {
        assertThat(text("BIT[]", new Object[] {"101", null}, UTC)).isEqualTo("{101,NULL}");
    }

    @Test
    void arrayElementsAreQuotedLikeArrayOut() {
        assertThat(element("plain")).isEqualTo("plain");
        assertThat(element("")).isEqualTo("\"\"");
        assertThat(element("null")).isEqualTo("\"null\"");
        assertThat(element("a b")).isEqualTo("\"a b\"");
        assertThat(element("q\"x")).isEqualTo("\"q\\\"x\"");
        assertThat(element("back\\slash")).isEqualTo("\"back\\\\slash\"");
        assertThat(element("c,d")).isEqualTo("\"c,d\"");
        assertThat(element("{x}")).isEqualTo("\"{x}\"");
        assertThat(element("tab\there")).isEqualTo("\"tab\there\"");
        assertThat(element("NULLS")).isEqualTo("NULLS");
        assertThat(text("VARCHAR[][]", new Object[] {new Object[] {"a b"}, new Object[] {}}, UTC)).isEqualTo("{{\"a b\"},{}}");
    }

    private static String element(String s) {
        StringBuilder sb = new StringBuilder();
        DuckDbText.appendArrayElement(sb, s);
        return sb.toString();
    }
}
