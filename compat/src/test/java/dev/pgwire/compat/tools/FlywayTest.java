package dev.pgwire.compat.tools;

import dev.pgwire.compat.JavaTool;
import dev.pgwire.compat.Target;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway (flyway-database-postgresql) against serve and PostgreSQL, with the SQL migrations in
 * {@code src/test/resources/db/flyway-first} and {@code db/flyway}.
 *
 * <pre>mvn -pl compat test -Dtest=FlywayTest</pre>
 */
class FlywayTest {

    static Flyway flyway(Target t, String db, String location) {
        return Flyway.configure().dataSource(t.jdbcUrl(db), t.user(), t.password())
                .locations("classpath:" + location).cleanDisabled(true).load();
    }

    static List<String> rows(Target t, String db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = t.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) row.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(row.toString());
            }
        }
        return out;
    }

    @Test
    void connectsAndRunsAFirstMigrationThatCreatesATableAndInserts() {
        JavaTool.assertLikePostgres("Flyway", "flyway_first", (t, db) -> {
            MigrateResult r = flyway(t, db, "db/flyway-first").migrate();
            return List.of(r.migrationsExecuted, r.success, rows(t, db, "SELECT id, name FROM fw_first ORDER BY id"));
        });
    }

    @Test
    void migratesValidatesAndASecondMigrateDoesNothing() {
        JavaTool.assertLikePostgres("Flyway", "flyway_full", (t, db) -> {
            Flyway fw = flyway(t, db, "db/flyway");
            MigrateResult first = fw.migrate();
            fw.validate();
            MigrateResult second = fw.migrate();
            List<String> info = new ArrayList<>();
            for (MigrationInfo m : fw.info().all()) info.add(m.getVersion() + " " + m.getDescription() + " " + m.getState());
            return List.of(first.migrationsExecuted, second.migrationsExecuted, info,
                    rows(t, db, "SELECT name, books FROM fw_book_counts ORDER BY name"),
                    rows(t, db, "SELECT version, description, type, success FROM flyway_schema_history ORDER BY installed_rank"));
        });
    }
}
