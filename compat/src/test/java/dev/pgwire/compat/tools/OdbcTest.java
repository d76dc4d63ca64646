package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * psqlODBC through pyodbc against serve and PostgreSQL: {@code src/test/python/odbc_flow.py}.
 * psqlODBC is how Tableau, Power BI and Excel reach PostgreSQL; the script connects as Tableau
 * does (every SELECT as DECLARE … CURSOR WITH HOLD and FETCH) and calls the ODBC catalog
 * functions BI tools browse a database with.
 *
 * <pre>mvn -pl compat test -Dtest=OdbcTest</pre>
 */
class OdbcTest {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void catalogFunctionsCursorQueriesValuesAndStatementRollbackMatchPostgres() {
        List<String> steps = List.of("connect", "create", "tables", "columns", "keys", "statistics", "type info",
                "procedures", "tableau query", "values", "statement rollback");
        ToolRun.assertLikePostgres("psqlODBC", "odbc_flow", steps, steps, Function.identity(),
                (t, db) -> Scripts.python("odbc_flow.py",
                        List.of(t.host(), Integer.toString(t.port()), db, t.user(), t.password()), TIMEOUT));
    }
}
