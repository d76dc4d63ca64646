package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * postgres.js with arrays against serve and PostgreSQL: {@code src/test/node/postgresjs_arrays.js}.
 * postgres.js reads the array types from pg_type when it connects, so this needs serve's catalog.
 *
 * <pre>mvn -pl compat test -Dtest=PostgresJsArraysTest</pre>
 */
class PostgresJsArraysTest {
    @Test
    void sendsAndReadsArrays() {
        List<String> steps = List.of("connect", "array literals", "array parameters", "array columns", "any", "unnest");
        ToolRun.assertLikePostgres("postgres.js", "postgresjs_arrays", steps, steps, Function.identity(),
                (t, db) -> Scripts.node("postgresjs_arrays.js", List.of(t.uri(db)), Duration.ofSeconds(60)));
    }
}
