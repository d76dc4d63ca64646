package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Knex 3 (pg) against serve and PostgreSQL: {@code src/test/node/knex_flow.js}.
 *
 * <pre>mvn -pl compat test -Dtest=KnexTest</pre>
 */
class KnexTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void connectsCreatesATableInsertsAndSelects() {
        ToolRun.assertLikePostgres("Knex", "knex_connect", List.of("connect", "create table", "insert", "select"),
                List.of("insert", "select"), Function.identity(),
                (t, db) -> Scripts.node("knex_flow.js", List.of(t.uri(db), "connect"), TIMEOUT));
    }

    @Test
    void migratesRollsBackAndMigratesAgain() {
        List<String> steps = List.of("migrate latest", "history", "lock row", "column info", "has table and column", "crud",
                "migrate status", "migrate rollback", "tables after rollback", "migrate latest again");
        ToolRun.assertLikePostgres("Knex migrations", "knex_migrations", steps,
                List.of("migrate latest", "history", "lock row", "column info", "has table and column", "crud",
                        "migrate status", "migrate rollback", "tables after rollback", "migrate latest again"),
                Function.identity(),
                (t, db) -> Scripts.node("knex_flow.js", List.of(t.uri(db), "migrations"), TIMEOUT));
    }
}
