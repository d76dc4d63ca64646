package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** json and jsonb operators, casts and functions become the pg_json* functions, chosen by the operands' types. */
class JsonTranslationTest {

    private static Translation translate(String sql) {
        return new Translator(TranslatorTest.SESSION).translate(sql);
    }

    private static String duckDb(String sql) {
        return translate(sql).duckDbSql();
    }

    private static void fails(String sql, String sqlState) {
        assertThatThrownBy(() -> duckDb(sql)).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).as(sql).isEqualTo(sqlState));
    }

    @Test
    void arrowOnJsonbGivesTheNormalFormAndOnJsonTheTextAsWritten() {
        assertThat(duckDb("SELECT '{\"a\":1}'::jsonb -> 'a'")).contains("pg_jsonb_object_field(").contains("pg_jsonb_out(");
        assertThat(duckDb("SELECT '{\"a\":1}'::json -> 'a'")).contains("pg_json_object_field(").contains("pg_json_in(");
        assertThat(duckDb("SELECT '[1]'::jsonb ->> 0")).contains("pg_jsonb_array_element_text(");
        assertThat(duckDb("SELECT '{\"a\":1}'::jsonb #> '{a}'")).contains("pg_jsonb_extract_path(").contains("to_json(");
    }

    @Test
    void resultTypesAreJsonJsonbTextBooleanAndInteger() {
        Translation t = translate("SELECT '{}'::jsonb -> 'a', '{}'::json -> 'a', '{}'::jsonb ->> 'a', '{}'::jsonb ? 'a',"
                + " jsonb_array_length('[]'), to_json(1), jsonb_agg(1), '{}'::jsonb || '{}', '{}'::jsonb - 'a'");
        String[] expected = {"jsonb", "json", "text", "bool", "int4", "json", "jsonb", "jsonb", "jsonb"};
        for (int i = 0; i < expected.length; i++) assertThat(t.resultType(i).name()).as("column " + (i + 1)).isEqualTo(expected[i]);
    }

    @Test
    void operandsNoOperatorTakesArePostgreSqlsErrors() {
        fails("SELECT '{}'::json = '{}'::json", "42883");
        fails("SELECT 'x'::text -> 'a'", "42883");
        fails("SELECT '[1]'::jsonb -> 1::bigint", "42883");
        fails("SELECT '{}'::json @> '{}'", "42883");
        fails("SELECT '{}'::jsonb = '{}'::text", "42883");
        fails("SELECT '{\"a\":1}' -> 'a'", "42725");
        fails("SELECT jsonb_typeof('{}'::json)", "42883");
        fails("SELECT 1::jsonb", "42846");
        fails("SELECT '{}'::json::int", "42846");
        fails("SELECT x FROM (VALUES ('[1]'::json)) t(x) ORDER BY x", "42883");
    }

    @Test
    void untypedConstantsTakeTheTypeTheOperatorWants() {
        assertThat(duckDb("SELECT '{\"a\":1}' ? 'a'")).contains("pg_jsonb_exists(");
        assertThat(duckDb("SELECT '{}'::jsonb = '{\"a\": 1}'")).contains("pg_jsonb_cmp(");
        assertThat(duckDb("SELECT '{}'::jsonb || 'x'::text")).contains("pg_jsonb_out(").doesNotContain("pg_jsonb_concat");
    }

    @Test
    void aggregatesJoinTheValuesJsonTextsKeepingOrderByAndFilter() {
        String sql = duckDb("SELECT json_agg(x ORDER BY y DESC) FILTER (WHERE x > 1) FROM t");
        assertThat(sql).contains("pg_json_agg_format(").contains("string_agg(").contains("ORDER BY y DESC").contains("FILTER (WHERE");
        assertThat(duckDb("SELECT jsonb_object_agg(k, v) FROM t")).contains("pg_jsonb_out(").contains("field name must not be null");
    }

    @Test
    void setReturningFunctionsInFromHavePostgreSqlsColumns() {
        assertThat(duckDb("SELECT * FROM jsonb_each('{}')")).contains("unnest(").contains("AS jsonb_each(\"key\", \"value\")");
        assertThat(duckDb("SELECT * FROM jsonb_object_keys('{}') AS k")).contains("AS k(k)");
        assertThat(duckDb("SELECT * FROM jsonb_array_elements('[]') WITH ORDINALITY AS t"))
                .contains("WITH ORDINALITY AS pg_u").contains("AS t(\"value\", ordinality)");
    }

    @Test
    void jsonbSortsAndGroupsByItsSortKey() {
        assertThat(duckDb("SELECT v FROM t ORDER BY v")).isEqualTo("SELECT v FROM t ORDER BY v");
        assertThat(duckDb("SELECT v FROM (SELECT '1'::jsonb AS v) s ORDER BY v")).contains("ORDER BY pg_jsonb_sort_key(v)");
        assertThat(duckDb("SELECT v, count(*) FROM (SELECT '1'::jsonb AS v) s GROUP BY v"))
                .contains("any_value(v) AS v").contains("GROUP BY pg_jsonb_sort_key(v)");
        assertThat(duckDb("SELECT DISTINCT v FROM (SELECT '1'::jsonb AS v) s")).contains("DISTINCT ON (pg_jsonb_sort_key(v))");
    }

    @Test
    void viewsReadJsonOperatorsAsPostgreSqlDoes() {
        assertThat(duckDb("CREATE VIEW v AS SELECT '{\"a\":[1]}'::jsonb -> 'a' -> 0 AS x")).contains("pg_jsonb_array_element(");
    }

    @Test
    void setOperationsNeedJsonbsEqualityAndReadAConstantBesideJsonbAsJsonb() {
        fails("SELECT '[]'::json UNION SELECT '[]'::json", "42883");
        assertThat(duckDb("SELECT '[ ]'::json UNION ALL SELECT '{}'::json")).contains("UNION ALL");
        Translation t = translate("SELECT '{}'::jsonb AS j UNION SELECT '{\"b\": 1, \"a\": 2}' ORDER BY j");
        assertThat(t.duckDbSql()).contains("pg_jsonb_out(CAST('{\"b\": 1, \"a\": 2}' AS VARCHAR))")
                .contains("ORDER BY pg_jsonb_sort_key(j)");
        assertThat(t.resultType(0).name()).isEqualTo("jsonb");
    }

    @Test
    void parametersDeclaredJsonOrJsonbChooseTheOperators() {
        Translator translator = new Translator(TranslatorTest.SESSION);
        int jsonb = dev.pgwire.protocol.types.PgType.JSONB.oid();
        int json = dev.pgwire.protocol.types.PgType.JSON.oid();
        assertThat(translator.translate("SELECT $1 @> '{}'", new int[] {jsonb}).duckDbSql()).contains("pg_jsonb_contains(");
        assertThat(translator.translate("SELECT $1 -> 'a'", new int[] {json}).duckDbSql()).contains("pg_json_object_field(");
        assertThat(translator.translate("SELECT $1 -> 'a'", new int[] {json}).resultType(0).name()).isEqualTo("json");
        assertThatThrownBy(() -> translator.translate("SELECT $1 @> '{}'", new int[] {json}))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("42883"));
        // an undeclared parameter beside jsonb is jsonb, so that it is described as jsonb
        assertThat(translator.translate("SELECT '{}'::jsonb @> $1").duckDbSql()).contains("CAST($1 AS JSON)");
    }
}
