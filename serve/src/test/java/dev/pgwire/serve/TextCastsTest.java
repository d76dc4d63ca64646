package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Values made text inside a statement (casts, ||, concat, format, array_to_string) read as PostgreSQL's output functions write them. */
class TextCastsTest extends SessionTestSupport {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "1.0::float8::text|1", "1e15::float8::text|1e+15", "'-0'::float8::text|-0", "'NaN'::float8::text|NaN",
            "'-Infinity'::float8::text|-Infinity", "1.5::float4::text|1.5", "(-0.0)::float8::text|0",
            "`'v=' || 1.0::float8`|v=1", "concat(1e20::float8, 'x')|1e+20x", "format('%s', 2.0::float4)|2",
            "ARRAY[1.0::float8, 1e15]::text|{1,1e+15}", "array_to_string(ARRAY[1.0::float8, 2.5], ',')|1,2.5",
            "ROW(1, 'a b', NULL, true, '')::text|`(1,\"a b\",,t,\"\")`", "ROW(1)::text|(1)", "ROW(NULL::bool)::text|()",
            "substr('abcdef', -1, 3)|a", "substr('abcdef', 0)|abcdef", "substr('abcdef', -5, 2)|``",
            "substr('abc', NULL::int, 2) IS NULL|t", "substr('abc', NULL::int) IS NULL|t", "substr('abc', -1, NULL::int) IS NULL|t", "`concat('ab'::char(4), '|')`|`ab  |`",
    })
    void valuesAsText(String expr, String expected) {
        assertThat(text(expr)).isEqualTo(expected);
    }

    @Test
    void aTableRowAsTextIsItsRecordText() {
        run("CREATE TABLE r (a int, b text, c float8, d bool, e numeric(5,2), f char(3))");
        run("INSERT INTO r VALUES (1, 'x y', 1.0, true, 1.5, 'ab'), (2, NULL, NULL, NULL, NULL, NULL)");
        assertThat(run("SELECT t::text FROM r t ORDER BY a").rows).containsExactly(
                java.util.List.of("(1,\"x y\",1,t,1.50,\"ab \")"), java.util.Arrays.asList("(2,,,,,)"));
    }

    @Test
    void anArrayWhoseElementsDuckDbWouldWriteOtherwiseIsRefused() {
        PgException e = fails("SELECT ARRAY['10:00'::time]::text");
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.getMessage()).isEqualTo("an array of type time without time zone[] cannot be cast to text");
    }

    @Test
    void arraysOfTimestampsIntervalsAndJsonAreWrittenByTheirElementsOutput() {
        assertThat(run("SELECT ARRAY['2024-01-01 10:00:00.5'::timestamp, NULL]::text, ARRAY['1 mon 2 days'::interval]::text,"
                + " ARRAY['{\"a\": [1, 2]}'::jsonb]::text, ARRAY['0044-03-15 BC'::date]::text").rows).containsExactly(
                java.util.List.of("{\"2024-01-01 10:00:00.5\",NULL}", "{\"1 mon 2 days\"}", "{\"{\\\"a\\\": [1, 2]}\"}",
                        "{\"0044-03-15 BC\"}"));
    }
}
