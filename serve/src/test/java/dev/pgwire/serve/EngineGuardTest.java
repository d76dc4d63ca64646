package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.spi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.pgwire.serve.SessionTestSupport.fails;
import static dev.pgwire.serve.SessionTestSupport.info;
import static dev.pgwire.serve.SessionTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client's SQL may not reach in the engine (EngineGuard, Checks): serve's own schema and
 * catalog, SQL given as text, the files of the data directory, DuckDB's settings, and the AND
 * chains that would crash the engine.
 */
class EngineGuardTest {

    @Test
    void serveOwnObjectsAreNoClientsToChangeOrRead() throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory())) {
            factory.roles().ensureSuperuser("tester");
            Session s = factory.open(info("tester", "postgres", Map.of()));
            for (String sql : new String[] {
                    "CREATE OR REPLACE MACRO pgwire.float_add(a, b) AS 42",
                    "CREATE FUNCTION pgwire.float_add(a float8, b float8) RETURNS float8 LANGUAGE sql AS 'SELECT 42'",
                    "CREATE OR REPLACE MACRO \"pgwire\".float_add(a, b) AS 42",
                    "DROP TABLE pgwire.extensions",
                    "SELECT rolname, rolpassword FROM query_table('pgwire_catalog.pg.pg_authid')",
                    "SELECT * FROM query('SELECT 1')",
                    "SELECT * FROM \"query\"('SELECT 1')",
                    "SELECT * FROM pgwire_catalog.pg.pg_authid",
                    // another session's catalog rows (its temporary and uncommitted objects), and signals to sessions
                    "SELECT pgwire_temp_rows(1, 'pg.pg_class')",
                    "SELECT pgwire_pending_rows(1, 'pg.pg_class', true)",
                    "SELECT \"pgwire_signal_backend\"(1)"}) {
                assertThat(fails(s, sql).sqlState()).as(sql).isEqualTo("42501");
            }
            // serve's schema is never on the search path, so an unqualified name cannot land there either
            run(s, "SET search_path = pgwire, public");
            run(s, "CREATE MACRO float_add(a, b) AS 42");
            assertThat(run(s, "SELECT 1.5::float8 + 2.5::float8").value()).isEqualTo("4");
            assertThat(run(s, "SELECT count(*) FROM duckdb_functions() WHERE function_name = 'float_add' AND schema_name = 'public'")
                    .value()).as("made in public").isEqualTo("1");
            // a string that happens to name them is only a string
            assertThat(run(s, "SELECT 'pgwire_catalog.pg.pg_authid' AS t").value()).isEqualTo("pgwire_catalog.pg.pg_authid");
        }
    }

    @Test
    void theDataDirectorysFilesAreNotReachable(@TempDir Path dir) throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inDirectory(dir))) {
            factory.roles().ensureSuperuser("tester");
            Session s = factory.open(info("tester", "postgres", Map.of()));
            run(s, "CREATE TABLE t (a int)");
            run(s, "INSERT INTO t VALUES (1), (2)");
            List<Path> files;
            try (var listing = Files.list(dir)) {
                files = listing.toList();
            }
            Path database = files.stream().filter(p -> p.toString().endsWith(".duckdb")).findFirst().orElseThrow();
            Path checkpoint = Path.of(database + ".wal.checkpoint");
            for (String sql : new String[] {
                    "COPY t TO '" + checkpoint + "'",
                    "COPY t TO '" + dir.resolve("copy.csv") + "' (FORMAT csv)",
                    "COPY t FROM '" + database + "'",
                    "SELECT count(*) FROM read_blob('" + database + "')",
                    "SELECT count(*) FROM read_text('" + database + "')",
                    "SELECT count(*) FROM glob('" + dir + "/*')"}) {
                PgException e = fails(s, sql);
                assertThat(e.sqlState()).as(sql).isEqualTo("42501");
            }
            assertThat(checkpoint).doesNotExist();
            assertThat(dir.resolve("copy.csv")).doesNotExist();
            // COPY with the client stays everyone's
            assertThat(run(s, "SELECT count(*) FROM t").value()).isEqualTo("2");
        }
    }

    @Test
    void engineSettingsAreForSuperusersOnly() throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory())) {
            factory.roles().ensureSuperuser("tester");
            Session admin = factory.open(info("tester", "postgres", Map.of()));
            run(admin, "CREATE ROLE bob LOGIN");
            Session bob = factory.open(info("bob", "postgres", Map.of()));
            for (String sql : new String[] {"SELECT * FROM duckdb_settings()", "SELECT * FROM duckdb_secrets()",
                    "SELECT * FROM duckdb_databases()"}) {
                assertThat(fails(bob, sql).sqlState()).as(sql).isEqualTo("42501");
            }
            assertThat(run(admin, "SELECT count(*) > 0 FROM duckdb_settings()").value()).isEqualTo("t");
        }
    }

    @Test
    void longAndChainsAreRefusedBeforeTheEngine() throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory())) {
            factory.roles().ensureSuperuser("tester");
            Session s = factory.open(info("tester", "postgres", Map.of()));
            run(s, "CREATE TABLE d (a int)");
            StringBuilder flat = new StringBuilder("SELECT count(*) FROM d WHERE a <> 0");
            StringBuilder nested = new StringBuilder("SELECT count(*) FROM d WHERE a <> 0");
            for (int i = 1; i < 2500; i++) {
                flat.append(" AND a <> ").append(i);
                if (i < 1200) nested.append(" AND (a <> ").append(i);
            }
            nested.append(")".repeat(1199));
            PgException e = fails(s, flat.toString());
            assertThat(e.sqlState()).isEqualTo("54001");
            assertThat(e.getMessage()).contains("AND");
            assertThat(fails(s, nested.toString()).sqlState()).as("nested ANDs count as one chain").isEqualTo("54001");
            // DuckDB's own dialect, which is not parsed here, is counted too
            assertThat(fails(s, flat.toString().replace("SELECT count(*)", "SELECT * EXCLUDE (a)")).sqlState()).isEqualTo("54001");
            StringBuilder allowed = new StringBuilder("SELECT count(*) FROM d WHERE a <> 0");
            for (int i = 1; i < 500; i++) allowed.append(" AND a <> ").append(i);
            assertThat(run(s, allowed.toString()).value()).isEqualTo("0");
            assertThat(run(s, "SELECT 1").value()).as("the session goes on").isEqualTo("1");
        }
    }
}
