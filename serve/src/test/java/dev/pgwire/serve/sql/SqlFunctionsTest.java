package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import static dev.pgwire.serve.sql.TranslatorTest.duckDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CREATE FUNCTION as the DuckDB macro serve keeps, in both languages. */
class SqlFunctionsTest {

    @Test
    void strictFunctionGivesNullForANullArgumentWithoutRunningTheBody() {
        assertThat(duckDb("CREATE FUNCTION f(a int, b int) RETURNS int LANGUAGE sql STRICT AS 'SELECT coalesce(a, b)'"))
                .startsWith("CREATE MACRO public.f(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN CAST(NULL AS INTEGER) ELSE CAST((")
                .contains("\"strict\": true");
        assertThat(duckDb("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql CALLED ON NULL INPUT AS 'SELECT a'"))
                .startsWith("CREATE MACRO public.f(a) AS CAST((").contains("\"strict\": false");
    }

    @Test
    void resultLosesItsTypeModifierAsInPostgresql() {
        // the result is numeric without modifier, held exactly (22003 rather than rounded), as is the argument
        assertThat(duckDb("CREATE FUNCTION f(a numeric(30,18)) RETURNS numeric(10,2) LANGUAGE sql AS 'SELECT a'"))
                .contains("AS pgwire.exact_numeric((SELECT * FROM (SELECT pgwire.exact_numeric(a)").doesNotContain("DECIMAL(10,2)")
                .doesNotContain("DECIMAL(30,18)").contains("\"returns\": {\"name\": \"numeric\", \"typmod\": -1");
    }

    @Test
    void bodyTablesHaveAliasesOfTheirOwn() {
        // a caller's emp.id cannot be read from the body's table of that name
        assertThat(duckDb("CREATE FUNCTION name_of(p int) RETURNS text LANGUAGE sql AS 'SELECT emp.name FROM emp WHERE id = p'"))
                .contains("SELECT pgwire_name_of_0.\"name\" FROM emp AS pgwire_name_of_0 WHERE (id = ");
    }

    @Test
    void plpgsqlFunctionIsTheMacroOfItsCompiledBody() {
        String sql = duckDb("CREATE OR REPLACE FUNCTION half(n int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$"
                + " BEGIN IF n > 0 THEN RETURN n / 2.0; END IF; END $$");
        assertThat(sql).startsWith("CREATE OR REPLACE MACRO public.half(n) AS CAST((SELECT CASE WHEN")
                .contains("error('[pgwire:2F005] control reached end of function without RETURN')")
                .contains("\"language\": \"plpgsql\"").contains("\"volatility\": \"immutable\"")
                .contains("\"body\": \" BEGIN IF n > 0 THEN RETURN n / 2.0; END IF; END \"");
    }

    @Test
    void plpgsqlFunctionThatCannotBeOneExpressionIsRefused() {
        assertThatThrownBy(() -> duckDb("CREATE FUNCTION f(n int) RETURNS SETOF int LANGUAGE plpgsql AS $$ BEGIN RETURN NEXT n; END $$"))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("0A000");
                    assertThat(e.detail()).contains("RETURNS SETOF");
                });
        assertThatThrownBy(() -> duckDb("CREATE FUNCTION f(n int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN LOOP END LOOP; END $$"))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.detail()).contains("a LOOP"));
    }
}
