package dev.pgwire.serve.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expressions written back as PostgreSQL 15 writes them (pg_get_expr, pg_get_constraintdef): the
 * expected texts are PostgreSQL's own for a table
 * {@code t(id int, name varchar(20), n bigint, price numeric(10,2), f float8, d date, tx text, b bool)}.
 */
class PgDeparseTest {
    private static final Map<String, PgTypeName> COLUMNS = Map.of(
            "id", new PgTypeName("int4", -1, 0, true), "name", new PgTypeName("varchar", 24, 0, true),
            "n", new PgTypeName("int8", -1, 0, true), "price", new PgTypeName("numeric", 655366, 0, true),
            "f", new PgTypeName("float8", -1, 0, true), "d", new PgTypeName("date", -1, 0, true),
            "tx", new PgTypeName("text", -1, 0, true), "b", new PgTypeName("bool", -1, 0, true));

    private static Node expr(String sql) {
        return PgParser.parse("SELECT " + sql).get(0).tree().list("targetList").get(0).node("val");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "price > 0|(price > (0)::numeric)|price > 0::numeric",
            "id > 0|(id > 0)|id > 0",
            "n > 0|(n > 0)|n > 0",
            "f > 0|(f > (0)::double precision)|f > 0::double precision",
            "length(name) > 0|(length((name)::text) > 0)|length(name::text) > 0",
            "tx = 'x'|(tx = 'x'::text)|tx = 'x'::text",
            "name = 'x'|((name)::text = 'x'::text)|name::text = 'x'::text",
            "id > 0 AND n < 10|((id > 0) AND (n < 10))|id > 0 AND n < 10",
            "id IN (1, 2)|(id = ANY (ARRAY[1, 2]))|id = ANY (ARRAY[1, 2])",
            "tx IN ('a', 'b')|(tx = ANY (ARRAY['a'::text, 'b'::text]))|tx = ANY (ARRAY['a'::text, 'b'::text])",
            "name IS NOT NULL|(name IS NOT NULL)|name IS NOT NULL",
            "d > '2020-01-01'|(d > '2020-01-01'::date)|d > '2020-01-01'::date",
            "id BETWEEN 1 AND 5|((id >= 1) AND (id <= 5))|id >= 1 AND id <= 5",
            "price >= 0.5|(price >= 0.5)|price >= 0.5",
    })
    void checkExpressions(String written, String plain, String pretty) {
        assertThat(PgDeparse.text(expr(written), null, COLUMNS::get, false)).isEqualTo(plain);
        assertThat(PgDeparse.text(expr(written), null, COLUMNS::get, true)).isEqualTo(pretty);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'x'|varchar|24|'x'::character varying",
            "'hello'|text|-1|'hello'::text",
            "-1|int8|-1|'-1'::integer",
            "0|int8|-1|0",
            "now()|timestamptz|-1|now()",
            "CURRENT_TIMESTAMP|timestamptz|-1|CURRENT_TIMESTAMP",
            "true|bool|-1|true",
            "1.5|numeric|-1|1.5",
            "'{}'::text[]|text|-1|'{}'::text[]",
            "format('%s-%s', 'a', 'b')|text|-1|format('%s-%s'::text, 'a', 'b')",
            "format('x%sy', 1)|text|-1|format('x%sy'::text, 1)",
            "concat_ws('-', 'a', 2)|text|-1|concat_ws('-'::text, 'a', 2)",
    })
    void defaults(String written, String type, int typmod, String expected) {
        PgTypeName target = new PgTypeName(type, typmod, written.endsWith("[]") ? 1 : 0, true);
        assertThat(PgDeparse.text(expr(written), target, COLUMNS::get, false)).isEqualTo(expected);
    }
}
