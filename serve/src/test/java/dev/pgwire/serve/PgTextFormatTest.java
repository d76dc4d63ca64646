package dev.pgwire.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PgTextFormatTest {

    @ParameterizedTest(name = "float8 {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1.5|1.5", "0.1|0.1", "1e100|1e+100", "1.2345e-05|1.2345e-05", "100|100", "-2.5|-2.5",
            "0.30000000000000004|0.30000000000000004", "1e15|1e+15", "1e14|100000000000000",
            "123456789012345678|1.2345678901234568e+17", "0.0001|0.0001", "0.00001|1e-05",
            "5e-324|5e-324", "1.7976931348623157e308|1.7976931348623157e+308", "2.2250738585072014E-308|2.2250738585072014e-308",
            "3.141592653589793|3.141592653589793", "-0.000123|-0.000123", "1e22|1e+22", "1e23|1e+23",
            // Java 17's Double.toString gives 2.82879384806159008E17 here (JDK-4511638)
            "2.82879384806159E17|2.82879384806159e+17", "1.0E-5|1e-05", "123456789012345|123456789012345",
            "1234567890123456|1.234567890123456e+15", "4.35|4.35", "0.5|0.5"})
    void float8ShortestRoundTrip(double value, String expected) {
        assertThat(PgTextFormat.float8(value, 1)).isEqualTo(expected);
    }

    @Test
    void float8SpecialValues() {
        assertThat(PgTextFormat.float8(Double.NaN, 1)).isEqualTo("NaN");
        assertThat(PgTextFormat.float8(Double.POSITIVE_INFINITY, 1)).isEqualTo("Infinity");
        assertThat(PgTextFormat.float8(Double.NEGATIVE_INFINITY, 1)).isEqualTo("-Infinity");
        assertThat(PgTextFormat.float8(0.0, 1)).isEqualTo("0");
        assertThat(PgTextFormat.float8(-0.0, 1)).isEqualTo("-0");
        assertThat(PgTextFormat.float4(Float.NaN, 1)).isEqualTo("NaN");
        assertThat(PgTextFormat.float4(Float.NEGATIVE_INFINITY, 3)).isEqualTo("-Infinity");
    }

    @ParameterizedTest(name = "float4 {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1.5|1.5", "0.1|0.1", "3.4028235e38|3.4028235e+38", "1e-45|1e-45", "16777216|1.6777216e+07",
            "1.17549435e-38|1.1754944e-38", "3.14159265|3.1415927", "100000|100000", "1000000|1e+06", "1.1|1.1",
            "0.0001|0.0001", "0.00001|1e-05", "-7.25|-7.25"})
    void float4ShortestRoundTrip(float value, String expected) {
        assertThat(PgTextFormat.float4(value, 1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "float8 {0} with extra_float_digits {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "0.30000000000000004|0|0.3", "0.1|0|0.1", "1e100|0|1e+100", "123456.789|0|123456.789",
            "3.141592653589793|-10|3.1416", "3.141592653589793|-5|3.141592654", "1e15|0|1e+15", "1e14|0|100000000000000", "0.00001234|0|1.234e-05",
            "2.5|-14|2", "3.5|-14|4", "0.30000000000000004|3|0.30000000000000004"})
    void float8PrintfStyleBelowOneExtraDigit(double value, int extraFloatDigits, String expected) {
        assertThat(PgTextFormat.float8(value, extraFloatDigits)).isEqualTo(expected);
    }

    @Test
    void float4PrintfStyle() {
        assertThat(PgTextFormat.float4(0.1f, 0)).isEqualTo("0.1");
        assertThat(PgTextFormat.float4(3.14159265f, 0)).isEqualTo("3.14159");
        assertThat(PgTextFormat.float4(1e6f, 0)).isEqualTo("1e+06");
        assertThat(PgTextFormat.float4(123456f, 0)).isEqualTo("123456");
    }

    @Test
    void randomDoublesAreShortestAndReadBack() {
        SplittableRandom random = new SplittableRandom(20240131);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) continue;
            String s = PgTextFormat.float8(d, 1);
            assertThat(Double.parseDouble(s)).as(s).isEqualTo(d);
            int digits = significantDigits(s);
            if (digits > 1) {
                // no decimal with one digit less reads back as d
                BigDecimal exact = new BigDecimal(Math.abs(d));
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                    double shorter = exact.round(new MathContext(digits - 1, mode)).doubleValue();
                    assertThat(shorter).as("%s has a shorter form", s).isNotEqualTo(Math.abs(d));
                }
            }
        }
    }

    @Test
    void randomFloatsReadBack() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f)) continue;
            String s = PgTextFormat.float4(f, 1);
            assertThat(Float.parseFloat(s)).as(s).isEqualTo(f);
        }
    }

    private static int significantDigits(String s) {
        String m = s.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "");
        return m.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
    }

    @Test
    void datesPrintBcYearsAndInfinity() {
        StringBuilder sb = new StringBuilder();
        PgTextFormat.appendDate(sb, LocalDate.of(-43, 3, 15));
        assertThat(sb.toString()).isEqualTo("0044-03-15 BC");
        sb.setLength(0);
        PgTextFormat.appendDate(sb, LocalDate.of(1, 1, 1));
        assertThat(sb.toString()).isEqualTo("0001-01-01");
        sb.setLength(0);
        PgTextFormat.appendDate(sb, LocalDate.ofEpochDay(Integer.MAX_VALUE));
        assertThat(sb.toString()).isEqualTo("infinity");
    }

    @Test
    void timestampTzOffsetsHaveMinutesAndSecondsOnlyWhenNeeded() {
        StringBuilder sb = new StringBuilder();
        long micros = 1706708700_000000L; // 2024-01-31 13:45:00 UTC
        PgTextFormat.appendTimestampTz(sb, micros, ZoneId.of("UTC"));
        assertThat(sb.toString()).isEqualTo("2024-01-31 13:45:00+00");
        sb.setLength(0);
        PgTextFormat.appendTimestampTz(sb, micros + 123_400, ZoneId.of("Asia/Kolkata"));
        assertThat(sb.toString()).isEqualTo("2024-01-31 19:15:00.1234+05:30");
        sb.setLength(0);
        PgTextFormat.appendTimestampTz(sb, micros, ZoneId.of("America/Los_Angeles"));
        assertThat(sb.toString()).isEqualTo("2024-01-31 05:45:00-08");
        sb.setLength(0);
        PgTextFormat.appendTimestampTz(sb, -2208988800_000000L, ZoneId.of("Europe/Paris")); // 1900-01-01, Paris Mean Time
        assertThat(sb.toString()).isEqualTo("1900-01-01 00:09:21+00:09:21");
    }

    @ParameterizedTest(name = "interval {0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "14|3|14706000000|1 year 2 mons 3 days 04:05:06",
            "0|0|-1000000|-00:00:01",
            "0|0|0|00:00:00",
            "1|0|0|1 mon",
            "-13|0|0|-1 years -1 mons",
            "0|1|-1000000|1 day -00:00:01",
            "-10|-3|360000000000|-10 mons -3 days +100:00:00",
            "0|-1|1000000|-1 days +00:00:01",
            "0|0|1|00:00:00.000001",
            "0|0|6500000|00:00:06.5",
            "24|0|0|2 years",
            "0|2|0|2 days"})
    void intervalsInPostgresStyle(int months, int days, long micros, String expected) {
        StringBuilder sb = new StringBuilder();
        PgTextFormat.appendInterval(sb, months, days, micros);
        assertThat(sb.toString()).isEqualTo(expected);
    }

    @Test
    void duckDbIntervalTextIsReadBack() {
        assertThat(PgTextFormat.parseDuckDbInterval("1 year 2 months 3 days 04:05:06.5")).containsExactly(14, 3, 14_706_500_000L);
        assertThat(PgTextFormat.parseDuckDbInterval("-10 months -3 days 100:00:00")).containsExactly(-10, -3, 360_000_000_000L);
        assertThat(PgTextFormat.parseDuckDbInterval("-00:00:01")).containsExactly(0, 0, -1_000_000L);
        assertThat(PgTextFormat.parseDuckDbInterval("-1 year -1 month")).containsExactly(-13, 0, 0);
        assertThat(PgTextFormat.parseDuckDbInterval("00:00:00.000001")).containsExactly(0, 0, 1);
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
    }

    private static String element(String s) {
        StringBuilder sb = new StringBuilder();
        PgTextFormat.appendArrayElement(sb, s);
        return sb.toString();
    }
}
