package dev.pgwire.compat.tools;

import dev.pgwire.compat.JavaTool;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

/**
 * Liquibase against serve and PostgreSQL with {@code src/test/resources/db/liquibase/changelog.xml}:
 * update, a second update that does nothing, rollback of the last three change sets, update again.
 *
 * <pre>mvn -pl compat test -Dtest=LiquibaseTest</pre>
 */
class LiquibaseTest {

    @Test
    @SuppressWarnings("deprecation") // the Liquibase facade is the documented embedding API of 4.x
    void updatesRollsBackAndUpdatesAgain() {
        JavaTool.assertLikePostgres("Liquibase", "liquibase_full", (t, db) -> {
            try (Connection c = t.connect(db)) {
                Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                Liquibase lb = new Liquibase("db/liquibase/changelog.xml", new ClassLoaderResourceAccessor(), database);
                lb.update("");
                int afterUpdate = lb.listUnrunChangeSets(null, null).size();
                List<String> books = FlywayTest.rows(t, db, "SELECT b.title, b.price, a.name FROM lb_books b JOIN lb_authors a ON a.id = b.author_id");
                lb.update("");
                lb.rollback(3, "");
                int afterRollback = lb.listUnrunChangeSets(null, null).size();
                List<String> tables = FlywayTest.rows(t, db, "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public' ORDER BY table_name");
                lb.update("");
                List<String> history = FlywayTest.rows(t, db, "SELECT id, exectype FROM databasechangelog ORDER BY orderexecuted");
                return List.of(afterUpdate, books, afterRollback, tables, history);
            }
        });
    }
}
