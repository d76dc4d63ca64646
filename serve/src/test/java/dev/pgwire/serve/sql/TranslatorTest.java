package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DuckDB SQL the translation writes for PostgreSQL statements. */
class TranslatorTest {

    static final SessionContext SESSION = new SessionContext() {
        @Override public String user() { return "alice"; }
        @Override public String database() { return "shop"; }
        @Override public int backendPid() { return 4242; }
        @Override public String currentSchema() { return "public"; }
        @Override public List<String> currentSchemas(boolean implicit) {
            return implicit ? List.of("pg_catalog", "public") : List.of("public");
        }
        @Override public String setting(String name) { return name.equalsIgnoreCase("DateStyle") ? "ISO, MDY" : null; }
        @Override public String versionText() { return "PostgreSQL 15.0 (pgwire serve)"; }
    };

    static String duckDb(String sql) {
        return new Translator(SESSION).translate(sql).duckDbSql();
    }

    @Test
    void resultColumnsAreNamedAsPostgreSqlNamesThem() {
        assertThat(duckDb("SELECT 1")).isEqualTo("SELECT 1 AS \"?column?\"");
        assertThat(duckDb("SELECT count(*) FROM t")).isEqualTo("SELECT count(*) AS count FROM t");
        assertThat(duckDb("SELECT '1'::int, x::text, a.b FROM a")).isEqualTo(
                "SELECT CAST('1' AS INTEGER) AS int4, CAST(x AS VARCHAR) AS x, a.b FROM a");
        assertThat(duckDb("SELECT CASE WHEN true THEN 1 END, coalesce(null, 2), (SELECT max(v) FROM t)"))
                .isEqualTo("SELECT CASE WHEN true THEN 1 END AS \"case\", coalesce(NULL, 2) AS \"coalesce\","
                        + " (SELECT max(v) AS max FROM t) AS max");
    }

    @Test
    void constantsKeepTheirExactValue() {
        assertThat(duckDb("SELECT (-32768)::smallint")).isEqualTo("SELECT CAST((-32768) AS SMALLINT) AS int2");
        assertThat(duckDb("SELECT 1e30, 12345.6789::numeric, 1.50"))
                .isEqualTo("SELECT 1000000000000000000000000000000 AS \"?column?\","
                        + " CAST('12345.6789' AS DECIMAL(9,4)) AS \"numeric\", 1.50 AS \"?column?\"");
        assertThatThrownBy(() -> duckDb("SELECT 1e40::numeric")).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).isEqualTo("22003"));
    }

    @Test
    void sessionFunctionsAnswerForTheSession() {
        assertThat(duckDb("SELECT current_user, current_database(), version()")).isEqualTo(
                "SELECT CAST('alice' AS VARCHAR) AS \"current_user\", CAST('shop' AS VARCHAR) AS current_database,"
                        + " CAST('PostgreSQL 15.0 (pgwire serve)' AS VARCHAR) AS version");
    }

    @Test
    void printTranslations() {
        for (String sql : new String[] {
                "SELECT (-32768)::SMALLINT AS v",
                "SELECT x FROM t WHERE name LIKE 'a%' AND y ~ 'b+' ORDER BY 1 DESC NULLS LAST LIMIT 5 OFFSET 2",
                "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) v",
                "SELECT '{1,2}'::int[], '\\xdeadbeef'::bytea, ARRAY[1,2], x = ANY('{1,2}'::int[]) FROM t",
                "SELECT j->'a', j->>'b', j#>'{a,0}', j @> '{\"a\":1}', j ? 'k' FROM t",
                "INSERT INTO t (a, b) VALUES (1, 'x') ON CONFLICT (a) DO UPDATE SET b = excluded.b RETURNING *",
                "UPDATE t SET a = a + 1 FROM u WHERE t.id = u.id RETURNING t.a",
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT sum(n) FROM r",
                "SELECT row_number() OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t",
                "SELECT extract(second FROM ts), position('b' in 'abc'), substring('abc' from 2 for 1), trim(both 'x' from 'xax') FROM t",
        }) {
            System.out.println(sql + "\n  -> " + duckDb(sql));
        }
    }
}
