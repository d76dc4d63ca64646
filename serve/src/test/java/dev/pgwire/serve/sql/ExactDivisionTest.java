package dev.pgwire.serve.sql;

import org.junit.jupiter.api.Test;

import static dev.pgwire.serve.sql.TranslatorTest.duckDb;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forms numeric division and avg take in DuckDB SQL (their values are compared with
 * PostgreSQL's in the differential corpus, numeric.sql: div_* and avg_*).
 */
class ExactDivisionTest {

    @Test
    void aColumnByAConstantWithAFiniteInverseIsDuckDbsProductBelowTheProvenBound() {
        // bigint / 100.0: below 10^16 PostgreSQL's scale keeps both decimals of g × 0.01
        String sql = duckDb("SELECT sum(CAST((g % 100000) / 100.0 AS numeric(12,2))) FROM generate_series(CAST(1 AS bigint), 10) AS s(g)");
        assertThat(sql).contains("CASE WHEN abs(CAST((g % 100000) AS HUGEINT)) < CAST('10000000000000000' AS HUGEINT)"
                + " THEN CAST((g % 100000) * CAST('0.01' AS DECIMAL(2,2)) AS DECIMAL(20,2))"
                + " ELSE CAST(pgwire_numeric_div_scaled_text(CAST((g % 100000) AS HUGEINT), 0, CAST('1000' AS HUGEINT), 1) AS DECIMAL(20,2)) END");
        // an integer's whole range is below the bound: no test at all
        assertThat(duckDb("SELECT i / 4.0 + 1 FROM (SELECT 1 AS i) t WHERE (i / 0.5) > 0"))
                .contains("CAST(i * CAST('0.25' AS DECIMAL(2,2)) AS DECIMAL(38,20))")
                .contains("CAST(i * CAST('2' AS DECIMAL(1,0)) AS DECIMAL(38,20))")
                .doesNotContain("pgwire_numeric_div");
    }

    @Test
    void aConstantWithoutAFiniteInverseKeepsTheFunctionWithUnscaledOperands() {
        assertThat(duckDb("SELECT x / 3.0 FROM (SELECT CAST(1.5 AS numeric(5,2)) AS x) t"))
                .contains("pgwire_numeric_div_scaled_text(CAST(x * CAST('100' AS DECIMAL(3,0)) AS HUGEINT), 2, CAST('30' AS HUGEINT), 1)");
        assertThat(duckDb("SELECT 1 + x / 3.0 FROM (SELECT CAST(1.5 AS numeric(5,2)) AS x) t"))
                .contains("pgwire_numeric_div_scaled(CAST(x * CAST('100' AS DECIMAL(3,0)) AS HUGEINT), 2, CAST('30' AS HUGEINT), 1)");
    }

    @Test
    void aNumericWithoutModifierIsDividedFromItsText() {
        assertThat(duckDb("SELECT x / 3 FROM (SELECT CAST(1.5 AS numeric) AS x) t"))
                .contains("pgwire_numeric_div_text(CAST(x AS VARCHAR), CAST(3 AS VARCHAR))");
    }

    @Test
    void avgIsSumOverCountWithPostgreSqlsScale() {
        assertThat(duckDb("SELECT avg(n) FROM (SELECT CAST(1.5 AS numeric(12,2)) AS n) t"))
                .contains("pgwire_numeric_div_scaled_text(CAST(replace(CAST(sum(n) AS VARCHAR), '.', '') AS HUGEINT), 2,"
                        + " CAST(nullif(count(n), 0) AS HUGEINT), 0)");
        assertThat(duckDb("SELECT avg(DISTINCT i) FILTER (WHERE i > 0) FROM (SELECT 1 AS i) t"))
                .contains("pgwire_numeric_div_scaled_text(CAST(sum(DISTINCT i) FILTER (WHERE (i > 0)) AS HUGEINT), 0,"
                        + " CAST(nullif(count(DISTINCT i) FILTER (WHERE (i > 0)), 0) AS HUGEINT), 0)");
    }

    @Test
    void aCastToNumericOfAQuotientOfKnownScalesIsRoundedByTheFunctionToTheCastsScale() {
        assertThat(duckDb("SELECT CAST(g / 3.0 AS numeric(14,2)) FROM (SELECT CAST(1 AS bigint) AS g) t"))
                .contains("CAST(CAST(pgwire_numeric_div_scaled_round(CAST(g AS HUGEINT), 0, CAST('30' AS HUGEINT), 1, 2) AS DECIMAL(38,0))"
                        + " * CAST('0.01' AS DECIMAL(2,2)) AS DECIMAL(14,2))");
        assertThat(duckDb("SELECT CAST(avg(i) AS numeric(10,0)) FROM (SELECT 1 AS i) t"))
                .contains("CAST(CAST(pgwire_numeric_div_scaled_round(CAST(sum(i) AS HUGEINT), 0, CAST(nullif(count(i), 0) AS HUGEINT), 0, 0)"
                        + " AS DECIMAL(38,0)) AS DECIMAL(10,0))");
    }

    @Test
    void orderByAQuotientResultColumnSortsByTheNumberNotItsText() {
        assertThat(duckDb("SELECT x / 3.0 AS q FROM (SELECT 1 AS x) t ORDER BY q DESC, 1"))
                .startsWith("SELECT pgwire_numeric_div_scaled_text(")
                .endsWith("ORDER BY pgwire_numeric_div_scaled(CAST(x AS HUGEINT), 0, CAST('30' AS HUGEINT), 1) DESC,"
                        + " pgwire_numeric_div_scaled(CAST(x AS HUGEINT), 0, CAST('30' AS HUGEINT), 1)");
    }
}
