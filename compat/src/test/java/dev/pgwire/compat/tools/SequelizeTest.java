package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Sequelize 6 (pg) against serve and PostgreSQL: {@code src/test/node/sequelize_flow.js}.
 *
 * <pre>mvn -pl compat test -Dtest=SequelizeTest</pre>
 */
class SequelizeTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void connectsCreatesATableInsertsAndSelects() {
        ToolRun.assertLikePostgres("Sequelize", "sequelize_connect", List.of("connect", "create table", "insert", "select"),
                List.of("insert", "select"), Function.identity(),
                (t, db) -> Scripts.node("sequelize_flow.js", List.of(t.uri(db), "connect"), TIMEOUT));
    }

    @Test
    void syncsRunsCrudDescribesAndAlters() {
        List<String> steps = List.of("sync force", "crud", "transaction", "describe table", "show all tables", "show indexes", "sync alter");
        ToolRun.assertLikePostgres("Sequelize sync", "sequelize_sync", steps, steps, Function.identity(),
                (t, db) -> Scripts.node("sequelize_flow.js", List.of(t.uri(db), "sync"), TIMEOUT));
    }
}
