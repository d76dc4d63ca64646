package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * TypeORM 0.3 (pg) against serve and PostgreSQL: {@code src/test/node/typeorm_flow.js}.
 *
 * <pre>mvn -pl compat test -Dtest=TypeOrmTest</pre>
 */
class TypeOrmTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void connectsCreatesATableInsertsAndSelects() {
        ToolRun.assertLikePostgres("TypeORM", "typeorm_connect", List.of("connect", "create table", "insert", "select"),
                List.of("insert", "select"), Function.identity(),
                (t, db) -> Scripts.node("typeorm_flow.js", List.of(t.uri(db), "connect"), TIMEOUT));
    }

    @Test
    void synchronizesRunsCrudAndSynchronizesAgainWithoutChanges() {
        List<String> steps = List.of("synchronize", "crud", "query builder", "transaction", "second synchronize");
        ToolRun.assertLikePostgres("TypeORM synchronize", "typeorm_sync", steps, steps, Function.identity(),
                (t, db) -> Scripts.node("typeorm_flow.js", List.of(t.uri(db), "sync"), TIMEOUT));
    }
}
