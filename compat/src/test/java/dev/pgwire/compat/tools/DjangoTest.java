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
     * position; introspection; QuerySet.iterator(), which reads through a server-side cursor.
     */
    @Test
    void migratesAuthAndContentTypesRunsCrudAndAtomic() {
        List<String> steps = List.of("migrate", "crud", "atomic", "bulk upsert", "introspection", "iterator");
        ToolRun.assertLikePostgres("Django", "django_full", steps, steps, Function.identity(),
                (t, db) -> Scripts.python("django_flow.py", args(t, db, "full"), TIMEOUT));
    }

    /**
     * What migrations do to tables that hold rows, through Django's schema editor: a
     * PositiveIntegerField added with a default (ADD COLUMN … DEFAULT 0 NOT NULL CHECK, then DROP
     * DEFAULT), a field made unique and plain again, a CheckConstraint the rows break and then
     * keep, a column's check dropped and added again, and the unique key and check of a CREATE
     * TABLE dropped; each time the constraints as Django's introspection finds them (it looks
     * them up to drop them) and which rows are refused, with their SQLSTATEs. One migration's
     * operations in one transaction, each finding what the earlier ones made, rolled back and
     * committed. Then row locks from
     * two connections: select_for_update(skip_locked=True) on the second skips the row the first
     * holds, and nowait=True on that row is 55P03.
     */
    @Test
    void altersTablesWithRowsThroughTheSchemaEditorAndLocksRows() {
        List<String> steps = List.of("add positive field", "alter field unique", "check constraint",
                "alter field positive", "table constraints", "one migration", "select_for_update skip_locked");
        ToolRun.assertLikePostgres("Django", "django_schema", steps, steps, Function.identity(),
                (t, db) -> Scripts.python("django_flow.py", args(t, db, "schema"), TIMEOUT));
    }
}
