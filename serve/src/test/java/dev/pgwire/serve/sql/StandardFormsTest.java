package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import static dev.pgwire.serve.sql.TranslatorTest.duckDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL-standard forms DuckDB's grammar or functions lack, as the translation writes them. */
class StandardFormsTest {

    private static void failsWith(String sql, String sqlState) {
        assertThatThrownBy(() -> duckDb(sql)).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).isEqualTo(sqlState));
    }

    @Test
    void nextvalPassesItsValueToTheSessionAndLastvalAsksForIt() {
        // (no sequence s in this catalog: currval of it is left to DuckDB, whose error names it; ExtendedJdbcTest has the real one)
        assertThat(duckDb("SELECT nextval('s'), lastval(), currval('s')"))
                .isEqualTo("SELECT pgwire_nextval_seen(4242, NULL, nextval('s')) AS nextval, pgwire_lastval(4242) AS lastval,"
                        + " currval('s') AS currval");
    }

    @Test
    void withTiesKeepsTheRowsRankedWithinTheCountAndTheOffset() {
        assertThat(duckDb("SELECT a, b AS x FROM t ORDER BY 2 DESC NULLS LAST, a OFFSET 1 FETCH FIRST 3 ROWS WITH TIES"))
                .isEqualTo("SELECT a, b AS x FROM t QUALIFY rank() OVER (ORDER BY b DESC NULLS LAST, a)"
                        + " <= (CASE WHEN 3 < 0 THEN error('[pgwire:2201W] LIMIT must not be negative') ELSE 3 END + coalesce(1, 0))"
                        + " ORDER BY 2 DESC NULLS LAST, a OFFSET 1");
        failsWith("SELECT a FROM t ORDER BY a FETCH FIRST NULL ROWS WITH TIES", "2201W");
    }

    @Test
    void withTiesOverDistinctOrASetOperationRanksTheFinishedRows() {
        assertThat(duckDb("SELECT DISTINCT a, b + 1 FROM t ORDER BY b + 1 DESC FETCH FIRST 1 ROWS WITH TIES"))
                .isEqualTo("SELECT pgwire_ties.c1 AS a, pgwire_ties.c2 AS \"?column?\" FROM (SELECT DISTINCT a, (b + 1) AS \"?column?\" FROM t)"
                        + " AS pgwire_ties(c1, c2) QUALIFY rank() OVER (ORDER BY pgwire_ties.c2 DESC)"
                        + " <= (CASE WHEN 1 < 0 THEN error('[pgwire:2201W] LIMIT must not be negative') ELSE 1 END)"
                        + " ORDER BY pgwire_ties.c2 DESC");
        assertThat(duckDb("SELECT a FROM t UNION SELECT a FROM u ORDER BY a FETCH FIRST 1 ROWS WITH TIES"))
                .startsWith("SELECT pgwire_ties.c1 AS a FROM (SELECT a FROM t UNION SELECT a FROM u) AS pgwire_ties(c1) QUALIFY");
        failsWith("SELECT DISTINCT a FROM t ORDER BY a + 1 FETCH FIRST 1 ROWS WITH TIES", "42P10");
        failsWith("SELECT DISTINCT * FROM t ORDER BY 1 FETCH FIRST 1 ROWS WITH TIES", "0A000");
    }

    @Test
    void aJoinUsingAliasNamesTheMergedColumns() {
        assertThat(duckDb("SELECT j.x, j.* FROM a JOIN b USING (x) AS j WHERE j.x > 1"))
                .isEqualTo("SELECT a.x, a.x FROM a JOIN b USING (x) WHERE (a.x > 1)");
        assertThat(duckDb("SELECT j.x FROM a RIGHT JOIN b AS bb USING (x) AS j")).isEqualTo("SELECT bb.x FROM a RIGHT JOIN b AS bb USING (x)");
        assertThat(duckDb("SELECT j.x FROM a FULL JOIN b USING (x) AS j")).isEqualTo("SELECT x FROM a FULL JOIN b USING (x)");
        failsWith("SELECT j.y FROM a JOIN b USING (x) AS j", "42703");
    }

    @Test
    void searchAndCycleBecomeColumnsOfBothTerms() {
        String sql = duckDb("WITH RECURSIVE t AS (SELECT id FROM n WHERE p IS NULL UNION ALL SELECT n.id FROM n JOIN t ON n.p = t.id)"
                + " SEARCH DEPTH FIRST BY id SET ord CYCLE id SET seen USING path SELECT id FROM t ORDER BY ord");
        assertThat(sql).doesNotContain("SEARCH").doesNotContain("CYCLE")
                .contains("[struct_pack(pg_0 := id)] AS ord")
                .contains("list_append(t.ord, struct_pack(pg_0 := n.id)) AS ord")
                .contains("list_contains(t.path, struct_pack(pg_0 := n.id))")
                .contains("CASE WHEN list_contains(t.path, struct_pack(pg_0 := n.id)) THEN true ELSE false END AS seen")
                .contains("WHERE (t.seen <> true)");
    }

    @Test
    void substringSimilarTakesThePartBetweenTheSeparators() {
        assertThat(duckDb("SELECT substring('foobar' FROM '%#\"o_b#\"%' FOR '#')"))
                .isEqualTo("SELECT CASE WHEN regexp_matches(CAST('foobar' AS VARCHAR), '^(?s:(?:.*?)(o.b)(?:.*))$')"
                        + " THEN regexp_extract(CAST('foobar' AS VARCHAR), '^(?s:(?:.*?)(o.b)(?:.*))$', 1) END AS \"substring\"");
        failsWith("SELECT substring('foobar' FROM '#\"f#\"o#\"o' FOR '#')", "2200C");
        failsWith("SELECT substring('foobar' FROM '%' FOR '##')", "22025");
    }

    @Test
    void upperAndLowerChangeAsciiLettersOnly() {
        assertThat(duckDb("SELECT upper('straße')"))
                .isEqualTo("SELECT translate(CAST('straße' AS VARCHAR), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') AS upper");
    }

    @Test
    void numericSeriesCountsInDecimalsAndDateTruncInAZoneUsesItsWallClock() {
        assertThat(duckDb("SELECT generate_series(1.0, 2.0, 0.5)")).contains("pgwire_numeric_div_trunc(")
                .contains("step size cannot equal zero").doesNotContain("DOUBLE");
        assertThat(duckDb("SELECT date_trunc('day', timestamptz '2024-05-17 02:00:00+00', 'america/new_york')"))
                .contains("timezone(CAST('America/New_York' AS VARCHAR), date_trunc(");
        failsWith("SELECT date_trunc('day', timestamptz '2024-05-17 02:00:00+00', 'Nope/Zone')", "22023");
    }
}
