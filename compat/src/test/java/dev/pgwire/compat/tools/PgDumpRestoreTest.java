package dev.pgwire.compat.tools;

import dev.pgwire.compat.ServeErrors;
import dev.pgwire.compat.Servers;
import dev.pgwire.compat.Target;
import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A PostgreSQL 15 database dumped by pg_dump (plain format) and restored into serve with psql, as
 * an operator moves a database: the dump runs without an error (psql stops at the first one), and
 * afterwards both databases answer alike — every relation's rows, the sequences' and identities'
 * next values, the constraints the dump adds after the data, and what the catalog says of them.
 * Then serve's own pg_dump of it restores into PostgreSQL, giving back a database whose dump is
 * the source's, and into serve. The source database is {@code src/test/resources/pgdump/source.sql}.
 */
class PgDumpRestoreTest {
    private static final String SOURCE = "dump_source";
    private static final String RESTORED = "dump_restored";
    /** serve's dump of the restored database, restored into PostgreSQL. */
    private static final String BACK = "dump_back";
    /** serve's dump of the restored database, restored into serve. */
    private static final String AGAIN = "dump_again";

    /** pg_dump's output for the source database and for {@link #BACK}, taken before any test writes. */
    private static String sourceDump;
    private static String backDump;

    @BeforeAll
    static void dumpAndRestore() throws IOException {
        Target pg = Servers.postgres();
        Servers.database(pg, SOURCE);
        ExternalProcess.Result load = Clients.psql(List.of("-d", pg.conninfo(SOURCE), "-v", "ON_ERROR_STOP=1", "-q"),
                resource("pgdump/source.sql"), Map.of(), Duration.ofSeconds(60));
        if (load.exitCode() != 0) fail("the source database does not load into PostgreSQL: " + load.stderr());

        ExternalProcess.Result dump = ExternalProcess.command(List.of(pgDump(), "-d", pg.conninfo(SOURCE)))
                .timeout(Duration.ofSeconds(60)).run();
        if (dump.exitCode() != 0) fail("pg_dump fails: " + dump.stderr());
        assertFalse(dump.stdout().isBlank(), "pg_dump wrote nothing");

        Target serve = Servers.serve();
        int mark = ServeErrors.mark();
        ExternalProcess.Result restore = Clients.psql(List.of("-d", serve.conninfo(RESTORED), "-v", "ON_ERROR_STOP=1", "-q"),
                dump.stdout(), Map.of(), Duration.ofSeconds(120));
        if (restore.exitCode() != 0 || !restore.stderr().isBlank()) {
            fail("the dump does not restore into serve: " + restore.stderr()
                    + ServeErrors.describe(ServeErrors.since(mark, RESTORED)));
        }

        // and out again: serve's own dump, restored into PostgreSQL and into serve
        String serveDump = pgDump(serve, RESTORED);
        Servers.database(pg, BACK);
        ExternalProcess.Result back = Clients.psql(List.of("-d", pg.conninfo(BACK), "-v", "ON_ERROR_STOP=1", "-q"),
                serveDump, Map.of(), Duration.ofSeconds(120));
        if (back.exitCode() != 0 || !back.stderr().isBlank()) fail("serve's dump does not restore into PostgreSQL: " + back.stderr());
        int again = ServeErrors.mark();
        ExternalProcess.Result intoServe = Clients.psql(List.of("-d", serve.conninfo(AGAIN), "-v", "ON_ERROR_STOP=1", "-q"),
                serveDump, Map.of(), Duration.ofSeconds(120));
        if (intoServe.exitCode() != 0 || !intoServe.stderr().isBlank()) {
            fail("serve's dump does not restore into serve: " + intoServe.stderr() + ServeErrors.describe(ServeErrors.since(again, AGAIN)));
        }
        sourceDump = pgDump(pg, SOURCE);
        backDump = pgDump(pg, BACK);
    }

    /** pg_dump's plain output, without the \restrict lines whose keys change with every run. */
    private static String pgDump(Target target, String database) {
        ExternalProcess.Result dump = ExternalProcess.command(List.of(pgDump(), "-d", target.conninfo(database)))
                .timeout(Duration.ofSeconds(60)).run();
        if (dump.exitCode() != 0) fail("pg_dump of " + database + " fails: " + dump.stderr());
        StringBuilder out = new StringBuilder();
        for (String line : dump.stdout().split("\n", -1)) {
            if (!line.startsWith("\\restrict ") && !line.startsWith("\\unrestrict ")) out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * A database that went from PostgreSQL through serve and back dumps as the source does: every
     * definition, default, constraint, index, comment and row, with names qualified as pg_dump's
     * empty search_path asks.
     */
    @Test
    void serveDumpRestoresIntoPostgresAsTheSource() {
        assertEquals(sourceDump, backDump);
    }

    private static String pgDump() {
        var bundled = PgCluster.BIN.resolve("pg_dump");
        return Files.isExecutable(bundled) ? bundled.toString() : "pg_dump";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PgDumpRestoreTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("no resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"User Accounts\"", "billing.invoices", "billing.items", "logs", "counters", "billing.big",
            "billing.per_user"})
    void rowsAreThoseOfPostgres(String relation) throws SQLException {
        String query = "SELECT * FROM " + relation + " ORDER BY 1, 2";
        List<List<String>> expected = rows(Servers.postgres(), SOURCE, query);
        assertEquals(expected, rows(Servers.serve(), RESTORED, query), relation);
        assertEquals(expected, rows(Servers.serve(), AGAIN, query), relation + ", restored from serve's dump");
    }

    /** What the catalog says of the restored objects: kinds, populated, identity and serial sequences, comments. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "SELECT n.nspname, c.relname, c.relkind, c.relispopulated FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname IN ('public', 'billing') AND c.relkind IN ('r', 'v', 'm', 'S') ORDER BY 1, 2",
        "SELECT attrelid::regclass::text, attname, attidentity, attgenerated, attnotnull FROM pg_attribute"
            + " WHERE attrelid IN ('\"User Accounts\"'::regclass, 'billing.invoices'::regclass, 'logs'::regclass) AND attnum > 0"
            + " ORDER BY 1, attnum",
        "SELECT pg_get_serial_sequence('\"User Accounts\"', 'Id'), pg_get_serial_sequence('billing.invoices', 'id'),"
            + " pg_get_serial_sequence('logs', 'id')",
        "SELECT schemaname, sequencename, data_type, start_value, increment_by, max_value, last_value FROM pg_sequences ORDER BY 1, 2",
        "SELECT obj_description('\"User Accounts\"'::regclass, 'pg_class'), col_description('\"User Accounts\"'::regclass, 2)",
        "SELECT conrelid::regclass::text, conname, contype FROM pg_constraint WHERE connamespace IN"
            + " (SELECT oid FROM pg_namespace WHERE nspname IN ('public', 'billing')) ORDER BY 1, 2",
        "SELECT schemaname, tablename, indexname FROM pg_indexes WHERE schemaname IN ('public', 'billing') ORDER BY 1, 2, 3",
        "SELECT billing.net(13), 'happy'::mood > 'sad'::mood"})
    void catalogIsThatOfPostgres(String query) throws SQLException {
        assertEquals(rows(Servers.postgres(), SOURCE, query), rows(Servers.serve(), RESTORED, query), query);
    }

    /** The sequences go on from where the source left them; the rows drawn are rolled back. */
    @Test
    void sequencesAndIdentitiesContinue() throws SQLException {
        List<String> drawn = List.of(
                "SELECT nextval('billing.ticket')",
                "INSERT INTO \"User Accounts\" (mail) VALUES ('d@x.org') RETURNING \"Id\"",
                "INSERT INTO billing.invoices (amount) VALUES (1) RETURNING id, total_cents",
                "INSERT INTO logs (msg) VALUES ('m') RETURNING id");
        assertEquals(inRolledBackTransaction(Servers.postgres(), SOURCE, drawn),
                inRolledBackTransaction(Servers.serve(), RESTORED, drawn));
    }

    /** The keys, checks and domain the dump adds hold in the restored database, with PostgreSQL's SQLSTATE. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "INSERT INTO \"User Accounts\" (mail, nick) VALUES ('e@x.org', 'ann')",
        "INSERT INTO \"User Accounts\" (mail) VALUES ('no address')",
        "INSERT INTO billing.items VALUES (99, 1, 'x', 1, 1)",
        "INSERT INTO billing.invoices (amount) VALUES (-1)",
        "INSERT INTO billing.invoices (id, amount) VALUES (5, 1)",
        "INSERT INTO billing.invoices (amount, ref) VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
        "INSERT INTO counters VALUES ('a', 2)"})
    void constraintsHold(String statement) throws SQLException {
        String expected = sqlState(Servers.postgres(), SOURCE, statement);
        assertFalse(expected == null, "PostgreSQL accepts " + statement);
        assertEquals(expected, sqlState(Servers.serve(), RESTORED, statement), statement);
    }

    private static List<List<String>> rows(Target t, String database, String query) throws SQLException {
        try (Connection c = t.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return read(rs);
        }
    }

    private static List<List<String>> read(ResultSet rs) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) row.add(rs.getString(i));
            out.add(row);
        }
        return out;
    }

    private static List<List<List<String>>> inRolledBackTransaction(Target t, String database, List<String> queries) throws SQLException {
        List<List<List<String>>> out = new ArrayList<>();
        try (Connection c = t.connect(database)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String q : queries) {
                    try (ResultSet rs = st.executeQuery(q)) {
                        out.add(read(rs));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }

    /** The SQLSTATE the statement fails with, or null when it succeeds (then rolled back). */
    private static String sqlState(Target t, String database, String statement) throws SQLException {
        try (Connection c = t.connect(database)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(statement);
                return null;
            } catch (SQLException e) {
                return e.getSQLState();
            } finally {
                c.rollback();
            }
        }
    }
}
