package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.Target;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Django 5.2 (psycopg 3) against serve and PostgreSQL: {@code src/test/python/django_flow.py}.
 *
 * <pre>mvn -pl compat test -Dtest=DjangoTest</pre>
 */
class DjangoTest {
    static final Duration TIMEOUT = Duration.ofSeconds(150);

    static List<String> args(Target t, String db, String mode) {
        return List.of(t.host(), Integer.toString(t.port()), db, t.user(), t.password(), mode);
    }

    @Test
    void connectsCreatesATableInsertsAndSelects() {
        ToolRun.assertLikePostgres("Django", "django_connect", List.of("connect", "create, insert, select"),
                List.of("connect", "create, insert, select"), Function.identity(),
                (t, db) -> Scripts.python("django_flow.py", args(t, db, "connect"), TIMEOUT));
    }

    /**
     * Migrations; CRUD; nested atomic blocks (a savepoint rolled back after an INSERT that took a
     * serial id, which serve runs again with the id it got); an upsert through
     * bulk_create(update_conflicts=True), whose RETURNING rows Django assigns to its objects by
     * position; introspection.
     */
    @Test
    void migratesAuthAndContentTypesRunsCrudAndAtomic() {
        List<String> steps = List.of("migrate", "crud", "atomic", "bulk upsert", "introspection");
        ToolRun.assertLikePostgres("Django", "django_full", steps, steps, Function.identity(),
                (t, db) -> Scripts.python("django_flow.py", args(t, db, "full"), TIMEOUT));
    }
}
