package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What PostgreSQL refuses while analysing a query and DuckDB accepts: output names, common types, row comparisons. */
class QueryChecksTest {

    private static ColumnInfo column(String name, int number, String duckDb, String pg) {
        return new ColumnInfo(name, number, duckDb, new PgTypeName(pg, -1, 0, true), false, null, "", null, null);
    }

    private static final Relation ORDERS = new Relation("public", "orders", false, List.of(
            column("id", 1, "BIGINT", "int8"), column("status", 2, "VARCHAR", "text"), column("total", 3, "DECIMAL(12,2)", "numeric")),
            null);

    private static final SessionContext SESSION = new SessionContext() {
        @Override public String user() { return "alice"; }
        @Override public String database() { return "shop"; }
        @Override public int backendPid() { return 4242; }
        @Override public String currentSchema() { return "public"; }
        @Override public List<String> currentSchemas(boolean implicit) { return List.of("public"); }
        @Override public String setting(String name) { return null; }
        @Override public String versionText() { return "PostgreSQL 15.0 (pgwire serve)"; }
        @Override public CatalogView catalog() {
            return (schema, name) -> name.equals("orders") ? ORDERS : null;
        }
    };

    private static String duckDb(String sql) {
        return new Translator(SESSION).translate(sql).duckDbSql();
    }

    private static void failsWith(String sql, String sqlState, String message) {
        assertThatThrownBy(() -> duckDb(sql)).isInstanceOfSatisfying(PgException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(sqlState);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void anOutputNameInWhereHavingOrAnOrderByExpressionIsNoColumn() {
        failsWith("SELECT id AS n FROM orders WHERE n > 1", "42703", "column \"n\" does not exist");
        failsWith("SELECT status, count(*) AS n FROM orders GROUP BY status HAVING n > 1", "42703", "column \"n\" does not exist");
        failsWith("SELECT id AS n FROM orders ORDER BY n + 1", "42703", "column \"n\" does not exist");
        failsWith("SELECT status AS s FROM orders GROUP BY s || 'x'", "42703", "column \"s\" does not exist");
        failsWith("SELECT id AS n, n + 1 FROM orders", "42703", "column \"n\" does not exist");
        failsWith("SELECT id AS n FROM orders WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = n)", "42703",
                "column \"n\" does not exist");
        failsWith("SELECT upper(status) FROM orders WHERE upper = 'X'", "42703", "column \"upper\" does not exist");
    }

    @Test
    void anOutputNameThatIsAlsoAColumnOrIsUsedBareIsAccepted() {
        assertThat(duckDb("SELECT id AS status FROM orders WHERE status = 'x'")).contains("WHERE (status = 'x')");
        assertThat(duckDb("SELECT status AS s, count(*) AS n FROM orders GROUP BY s ORDER BY n")).contains("GROUP BY s ORDER BY n");
        assertThat(duckDb("SELECT q.n AS total FROM (SELECT id AS n, total FROM orders) q WHERE total > 1")).contains("WHERE (total > 1)");
        failsWith("SELECT q.n AS total FROM (SELECT id AS n FROM orders) q WHERE total > 1", "42703", "column \"total\" does not exist");
        assertThat(duckDb("WITH c(k) AS (SELECT id FROM orders) SELECT k AS m FROM c WHERE k > 1 ORDER BY m")).contains("ORDER BY m");
        assertThat(duckDb("SELECT id AS x FROM orders WHERE id IN (SELECT id AS x FROM orders UNION SELECT 2 ORDER BY x LIMIT 1)"))
                .contains("ORDER BY x LIMIT 1");
        // where a FROM item's columns are not known here, the name is left to DuckDB
        assertThat(duckDb("SELECT a AS n FROM elsewhere WHERE n > 1")).contains("WHERE (n > 1)");
        assertThat(duckDb("SELECT x AS n FROM jsonb_to_record('{}') AS r(x int) WHERE n > 1")).isNotNull();
    }

    @Test
    void aBareOrderByNameOfTwoDifferentOutputColumnsIsAmbiguous() {
        failsWith("SELECT id, id::text FROM orders ORDER BY id", "42702", "ORDER BY \"id\" is ambiguous");
        failsWith("SELECT 1 AS a, 2 AS a ORDER BY a", "42702", "ORDER BY \"a\" is ambiguous");
        failsWith("SELECT id AS k, status AS k FROM orders GROUP BY k", "42702", "GROUP BY \"k\" is ambiguous");
        assertThat(duckDb("SELECT id, orders.id, id::bigint FROM orders ORDER BY id")).endsWith("ORDER BY id");
        assertThat(duckDb("SELECT *, id FROM orders ORDER BY id")).endsWith("ORDER BY id");
    }

    @Test
    void valuesOfDifferentTypeCategoriesCannotBeMatched() {
        failsWith("SELECT CASE WHEN true THEN 1 ELSE 'x'::text END", "42804", "CASE types text and integer cannot be matched");
        failsWith("SELECT CASE WHEN true THEN true ELSE 1 END", "42804", "CASE types integer and boolean cannot be matched");
        failsWith("SELECT coalesce(total, status) FROM orders", "42804", "COALESCE types numeric and text cannot be matched");
        failsWith("SELECT greatest(1, '2024-01-01'::timestamptz)", "42804", "GREATEST types integer and timestamp with time zone cannot be matched");
        failsWith("SELECT ARRAY[1, 'x'::text]", "42804", "ARRAY types integer and text cannot be matched");
        failsWith("VALUES (1), ('x'::text)", "42804", "VALUES types integer and text cannot be matched");
        failsWith("SELECT coalesce(ARRAY[1], ARRAY['a'::text])", "42846", "COALESCE could not convert type text[] to integer[]");
        failsWith("SELECT now() UNION SELECT 1", "42804", "UNION types timestamp with time zone and integer cannot be matched");
        failsWith("SELECT '{}'::json UNION ALL SELECT '{}'::jsonb", "42846", "UNION could not convert type jsonb to json");
        failsWith("SELECT 'a' UNION SELECT 'b' UNION SELECT 1", "42804", "UNION types text and integer cannot be matched");
        assertThat(duckDb("SELECT 1 UNION SELECT '2' UNION SELECT id FROM orders EXCEPT SELECT NULL")).isNotNull();
        assertThat(duckDb("SELECT CASE WHEN false THEN 1 ELSE '2' END")).isEqualTo("SELECT CASE WHEN false THEN 1 ELSE CAST('2' AS INTEGER) END AS \"case\"");
        // an untyped string takes the common type; a cast of the array gives the elements their type
        assertThat(duckDb("SELECT CASE WHEN true THEN 1 ELSE '2' END, ARRAY[1, '2'::text]::text[], coalesce(id, 2.5) FROM orders"))
                .isNotNull();
        assertThat(duckDb("INSERT INTO orders (id, status) VALUES (1, 'a'), ('2', 'b')")).isNotNull();
    }

    @Test
    void rowComparisonsAreWrittenOutMemberByMember() {
        assertThat(duckDb("SELECT (1, NULL) = (1, 2)")).isEqualTo("SELECT ((1 = 1) AND (NULL = 2)) AS \"?column?\"");
        assertThat(duckDb("SELECT (1, 2) < (1, 3)")).isEqualTo("SELECT ((1 < 1) OR ((1 = 1) AND (2 < 3))) AS \"?column?\"");
        assertThat(duckDb("SELECT (1, 'a') = (SELECT 1, 'a')"))
                .isEqualTo("SELECT (SELECT ((1 = pgwire_row.pgwire_c1) AND ('a' = pgwire_row.pgwire_c2)) AS \"?column?\""
                        + " FROM (SELECT 1 AS \"?column?\", 'a' AS \"?column?\") AS pgwire_row(pgwire_c1, pgwire_c2)) AS \"?column?\"");
        assertThat(duckDb("SELECT (1, NULL) IN ((1, 2), (3, 4))"))
                .isEqualTo("SELECT (((1 = 1) AND (NULL = 2)) OR ((1 = 3) AND (NULL = 4))) AS \"?column?\"");
        failsWith("SELECT (1, 2) = (SELECT 1)", "42601", "subquery has too few columns");
        failsWith("SELECT (1, 2) IN (SELECT 1, 2, 3)", "42601", "subquery has too many columns");
        failsWith("SELECT (1, 2) = (1, 2, 3)", "42601", "unequal number of entries in row expressions");
        failsWith("SELECT (random(), 1) < (SELECT 1, 2)", "0A000", "a row comparison of members that are volatile or aggregate is not supported");
    }

    @Test
    void comparingANumberWithTextOrABooleanOrADateHasNoOperator() {
        failsWith("SELECT CASE 1 WHEN 'a'::text THEN 1 END", "42883", "operator does not exist: integer = text");
        failsWith("SELECT 1 = 'a'::text", "42883", "operator does not exist: integer = text");
        failsWith("SELECT * FROM orders WHERE status = 1", "42883", "operator does not exist: text = integer");
        failsWith("SELECT 1 IN ('a'::text)", "42883", "operator does not exist: integer = text");
        failsWith("SELECT id < 'x'::varchar FROM orders", "42883", "operator does not exist: bigint < character varying");
        failsWith("SELECT true = 1", "42883", "operator does not exist: boolean = integer");
        failsWith("SELECT date '2024-01-01' = 1", "42883", "operator does not exist: date = integer");
    }

    @Test
    void comparisonsWithinAKindOrWithAnUntypedLiteralStayComparisons() {
        assertThat(duckDb("SELECT CASE 1 WHEN '1' THEN 'one' END")).contains("CASE 1 WHEN");
        assertThat(duckDb("SELECT * FROM orders WHERE id = 1.5 OR total = 2 OR status = 'x'::varchar")).contains("WHERE");
        assertThat(duckDb("SELECT date '2024-01-01' < now()")).contains("<");
    }

    @Test
    void aStartBeforeTheFirstCharacterCountsFromThere() {
        assertThat(duckDb("SELECT substr(status, -1, 3) FROM orders")).contains("WHEN (-1) >= 1 THEN substring(status, (-1), 3)")
                .contains("WHEN (-1) + 3 - 1 >= 0 THEN substring(status, 1, (-1) + 3 - 1)");
        assertThat(duckDb("SELECT substring('abc', 2)")).contains("substring('abc', 2)");
    }

    @Test
    void floatsBecomeTextAsPostgresWritesThem() {
        assertThat(duckDb("SELECT 1.5::float8::text")).contains("pg_float8_text(");
        assertThat(duckDb("SELECT 'x' || 1.5::float4")).contains("pg_float4_text(");
        assertThat(duckDb("SELECT concat(1.5::float8, 'x')")).contains("pg_float8_text(");
        assertThat(duckDb("SELECT (-0.0)::float8")).contains("CAST('0.0' AS DOUBLE)");
    }
}
