package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pure Java functions, each expectation as PostgreSQL 15 answers the same call (the differential
 * test checks many more against a running PostgreSQL).
 */
class PgFunctionsTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void toCharOfATimestampSpellsNamesPadsThemAndAddsOrdinals() {
        LocalDateTime leapDay = LocalDateTime.parse("2024-02-29T13:05:00");
        assertThat(PgFunctions.toChar(leapDay, "FMDay, DDth Month YYYY HH12:MI AM"))
                .isEqualTo("Thursday, 29th February  2024 01:05 PM");
        assertThat(PgFunctions.toChar(leapDay, "Dy DD Mon YYYY")).isEqualTo("Thu 29 Feb 2024");
        assertThat(PgFunctions.toChar(leapDay, "")).isNull();
    }

    @Test
    void toCharCountsBcYearsFromOneAndIsoWeeksAcrossTheYearEnd() {
        assertThat(PgFunctions.toChar(LocalDateTime.parse("-0043-03-15T12:00:00"), "YYYY-MM-DD BC CC"))
                .isEqualTo("0044-03-15 BC -01");
        assertThat(PgFunctions.toChar(LocalDateTime.parse("2021-01-03T00:00:00"), "IYYY-\"W\"IW-ID"))
                .isEqualTo("2020-W53-7");
    }

    @Test
    void toCharOfATimestamptzUsesTheSessionZoneNameAndOffset() {
        Instant springForward = Instant.parse("2020-03-08T07:00:00Z");
        assertThat(PgFunctions.toChar(springForward, "YYYY-MM-DD HH24:MI TZ OF", NEW_YORK))
                .isEqualTo("2020-03-08 03:00 EDT -04");
    }

    @Test
    void toCharOfAnIntervalKeepsSignsAndRefusesCalendarFields() {
        assertThat(PgFunctions.toChar(PgInterval.parse("-1 year -2 months 3 days 04:05:06"), "YYYY MM DD HH24:MI:SS"))
                .isEqualTo("-0001 -02 03 04:05:06");
        assertThatThrownBy(() -> PgFunctions.toChar(PgInterval.parse("1 year"), "Month"))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22007");
                    assertThat(e.getMessage()).isEqualTo("invalid format specification for an interval value");
                    assertThat(e.hint()).isEqualTo("Intervals are not tied to specific calendar dates.");
                });
    }

    @Test
    void toCharOfNumbersFollowsEachTypesDigitString() {
        assertThat(PgFunctions.toChar(new BigDecimal("-1234.567"), "FM9G999D99S")).isEqualTo("1,234.57-");
        assertThat(PgFunctions.toChar(new BigDecimal("0.0004859"), "9.99EEEE")).isEqualTo(" 4.86e-04");
        assertThat(PgFunctions.toChar(485, "RN")).isEqualTo("        CDLXXXV");
        assertThat(PgFunctions.toChar(12, "99th")).isEqualTo(" 12th");
        assertThat(PgFunctions.toChar(-125.8, "999.99PR")).isEqualTo("<125.80>");
        // numeric rounds 9.99 before choosing no new exponent; double precision goes through printf
        assertThat(PgFunctions.toCharNumeric("9.99", "9.9EEEE")).isEqualTo(" 10.0e+00");
        assertThat(PgFunctions.toChar(9.99, "9.9EEEE")).isEqualTo(" 1.0e+01");
        assertThat(PgFunctions.toChar(1, "")).isEmpty();
    }

    @Test
    void toDateToTimestampAndToNumberReadTheirTemplates() {
        assertThat(PgFunctions.toDate("05 Dec 2000", "DD Mon YYYY")).isEqualTo(LocalDate.of(2000, 12, 5));
        // 02:30 does not exist in New York that day: PostgreSQL reads it with the offset before the change
        assertThat(PgFunctions.toTimestamp("2020-03-08 02:30", "YYYY-MM-DD HH24:MI", NEW_YORK))
                .isEqualTo(Instant.parse("2020-03-08T07:30:00Z"));
        assertThat(PgFunctions.toNumber("12,454.8-", "99G999D9S")).isEqualTo("-12454.8");
    }

    @Test
    void toDateReportsPostgreSqlsErrors() {
        assertThatThrownBy(() -> PgFunctions.toDate("2021-02-29", "YYYY-MM-DD"))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22008");
                    assertThat(e.getMessage()).isEqualTo("date/time field value out of range: \"2021-02-29\"");
                });
        assertThatThrownBy(() -> PgFunctions.toDate("xyz", "YYYY"))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22007");
                    assertThat(e.getMessage()).isEqualTo("invalid value \"xyz\" for \"YYYY\"");
                    assertThat(e.detail()).isEqualTo("Value must be an integer.");
                });
    }

    @Test
    void formatPositionsWidthsAndQuoting() {
        assertThat(PgFunctions.format("|%-10s|%3$s|%2$L|%I|", "foo", "O'Reilly", "x"))
                .isEqualTo("|foo       |x|'O''Reilly'|x|");
        assertThat(PgFunctions.quoteIdent("Foo")).isEqualTo("\"Foo\"");
        assertThat(PgFunctions.quoteIdent("select")).isEqualTo("\"select\"");
        assertThat(PgFunctions.quoteIdent("name")).isEqualTo("name");
        assertThat(PgFunctions.quoteLiteral("a\\b")).isEqualTo("E'a\\\\b'");
        assertThat(PgFunctions.quoteNullable(null)).isEqualTo("NULL");
        assertThatThrownBy(() -> PgFunctions.format("%s"))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.getMessage()).isEqualTo("too few arguments for format()"));
    }

    @Test
    void regularExpressionsMatchAsPostgreSqlsEngineDoes() {
        assertThat(PgFunctions.regexpReplace("foobarbaz", "b(..)", "X\\1Y", "g")).isEqualTo("fooXarYXazY");
        // the first quantifier is non-greedy, so the whole match is the shortest: 'Y1', not Java's 'Y123'
        assertThat(PgFunctions.regexpMatch("XY1234Z", "Y*?([0-9]{1,3})", null)).containsExactly("1");
        // alternation at the top prefers the longest match, where Java takes the first alternative
        assertThat(PgFunctions.regexpMatch("abcd", "ab|abcd|abc", null)).containsExactly("abcd");
        assertThat(PgFunctions.regexpSplitToArray("hello world", "\\s+", null)).containsExactly("hello", "world");
        assertThat(PgFunctions.substring("foobar", "o(.)b")).isEqualTo("o");
        // \y is a word boundary and \b a backspace; [[:alpha:]] is ASCII in the C locale
        assertThat(PgFunctions.regexpMatch("word boundary", "\\yb\\w+", null)).containsExactly("boundary");
        assertThat(PgFunctions.regexpMatch("été", "[[:alpha:]]+", null)).containsExactly("t");
    }

    @Test
    void anInvalidPatternIsInvalidRegularExpression() {
        assertThatThrownBy(() -> PgFunctions.regexpMatch("ab", "a**", null))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("2201B");
                    assertThat(e.getMessage()).isEqualTo("invalid regular expression: quantifier operand invalid");
                });
        assertThatThrownBy(() -> PgFunctions.regexpMatch("ab", "(?<=(a))\\1", null))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("invalid regular expression: invalid backreference number"));
    }

    @Test
    void aRepeatedGroupOverAVeryLongStringFailsCleanlyWhereJavaWouldOverflowItsStack() {
        String longText = "foo bar ".repeat(100_000);
        assertThatThrownBy(() -> PgFunctions.regexpReplace(longText, "(\\w|\\s)+", "X", "g"))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("54001"));
        // a repeated character class needs no stack: Java loops over it
        assertThat(PgFunctions.regexpReplace(longText, "[\\w\\s]+", "X", "g")).isEqualTo("X");
    }

    @Test
    void encodeDecodeAndStrings() {
        assertThat(PgFunctions.encode(new byte[] {0, (byte) 0xff, '\\'}, "escape")).isEqualTo("\\000\\377\\\\");
        assertThat(PgFunctions.encode("abc".getBytes(StandardCharsets.US_ASCII), "base64")).isEqualTo("YWJj");
        assertThat(PgFunctions.encode(new byte[57], "base64")).hasSize(77).endsWith("\n");
        assertThat(PgFunctions.decode("YQ==", "base64")).containsExactly('a');
        assertThat(PgFunctions.initcap("hi THOMAS o'neil")).isEqualTo("Hi Thomas O'Neil");
        assertThat(PgFunctions.toHex(-1)).isEqualTo("ffffffff");
        assertThat(PgFunctions.toHex(-1L)).isEqualTo("ffffffffffffffff");
        assertThat(PgFunctions.stringToArray("xx~~yy~~zz", "~~", "yy")).containsExactly("xx", null, "zz");
        assertThat(PgFunctions.arrayToString(Arrays.asList("1", "2", null, "5"), ",", "*")).isEqualTo("1,2,*,5");
        assertThat(PgFunctions.arrayToString(Arrays.asList("1", "2", null, "5"), ",", null)).isEqualTo("1,2,5");
    }

    @Test
    void widthBucketAndIntervals() {
        assertThat(PgFunctions.widthBucketNumeric("5.35", "0.024", "10.06", 5)).isEqualTo(3);
        assertThat(PgFunctions.widthBucket(5.35, 0.024, 10.06, 5)).isEqualTo(3);
        assertThat(PgFunctions.justifyInterval(PgInterval.parse("1 mon -01:00:00")))
                .isEqualTo(new PgInterval(0, 29, 23 * 3_600_000_000L));
        assertThat(PgFunctions.makeInterval(0, 0, 0, 10, 0, 0, 1.5)).isEqualTo(new PgInterval(0, 10, 1_500_000L));
    }

    @Test
    void intervalTextInBothDuckDbsAndPostgreSqlsForm() {
        assertThat(PgInterval.parse("1 year 2 months -3 days -04:05:06.5"))
                .isEqualTo(new PgInterval(14, -3, -(4 * 3600 + 5 * 60 + 6) * 1_000_000L - 500_000L));
        assertThat(PgInterval.parse("1 year 2 mons -3 days -04:05:06.5")).isEqualTo(PgInterval.parse(
                "1 year 2 months -3 days -04:05:06.5"));
        assertThat(PgInterval.parse("-1 day 00:00:00.000003")).isEqualTo(new PgInterval(0, -1, 3));
        assertThat(PgInterval.parse("100:00:00")).isEqualTo(new PgInterval(0, 0, 360_000_000_000L));
        assertThat(PgInterval.parse("00:00:00")).isEqualTo(new PgInterval(0, 0, 0));
        assertThat(new PgInterval(14, -3, 5).toDuckDbText()).isEqualTo("14 months -3 days 5 microseconds");
        assertThat(List.of(PgInterval.parse("14 months -3 days 5 microseconds"))).containsExactly(new PgInterval(14, -3, 5));
    }
}
