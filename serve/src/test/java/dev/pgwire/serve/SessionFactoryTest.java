package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.spi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.pgwire.serve.SessionTestSupport.fails;
import static dev.pgwire.serve.SessionTestSupport.info;
import static dev.pgwire.serve.SessionTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionFactoryTest {

    static ServeOptions creating(Path dataDir) {
        return ServeOptions.inDirectory(dataDir).withCreateDatabasesOnConnect(true);
    }

    @Test
    void dataPersistsAcrossFactoryRestartsInFileMode(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("not-yet-there");
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(creating(dataDir))) {
            Session s = factory.open(info("postgres", "shop", Map.of()));
            run(s, "CREATE TABLE orders (id INTEGER, item TEXT)");
            run(s, "INSERT INTO orders VALUES (1, 'tea'), (2, 'cake')");
            s.close();
        }
        assertThat(dataDir.resolve("shop.duckdb")).exists();
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(creating(dataDir))) {
            Session s = factory.open(info("postgres", "shop", Map.of()));
            assertThat(run(s, "SELECT item FROM orders ORDER BY id").rows).containsExactly(List.of("tea"), List.of("cake"));
            Session other = factory.open(info("postgres", "other", Map.of()));
            assertThat(fails(other, "SELECT * FROM orders").sqlState()).as("databases are separate files").isEqualTo("42P01");
            assertThat(factory.databaseNames()).containsExactly("other", "postgres", "shop");
        }
    }

    /**
     * A database whose objects use serve's own macros (varchar(n) and char(n) columns check their
     * length with one, a domain's check and views over them too; a default calls a function serve
     * registers when it opens the database) opens again after a restart, and its checks still hold:
     * DuckDB refuses to replace a macro others depend on.
     */
    @Test
    void aDatabaseWhoseTablesUseServesMacrosOpensAgain(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(creating(dataDir))) {
            Session s = factory.open(info("postgres", "shop", Map.of()));
            run(s, "CREATE DOMAIN code AS varchar(10) CONSTRAINT code_lower CHECK (VALUE = lower(VALUE))");
            run(s, "CREATE TABLE items (sku varchar(5), grade char(2), c code, price real CHECK (price * 2 < 100),"
                    + " label text DEFAULT to_char(DATE '2024-03-05', 'YYYY-MM'))");
            run(s, "CREATE VIEW item_codes AS SELECT sku::varchar(3) AS short_sku, price * 2.0::float8 AS doubled FROM items");
            run(s, "INSERT INTO items VALUES ('ab', 'x', 'tea', 1.5)");
            s.close();
        }
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(creating(dataDir))) {
            Session s = factory.open(info("postgres", "shop", Map.of()));
            assertThat(run(s, "SELECT short_sku, doubled FROM item_codes").rows).containsExactly(List.of("ab", "3"));
            assertThat(fails(s, "INSERT INTO items (sku) VALUES ('abcdef')").sqlState()).isEqualTo("22001");
            assertThat(fails(s, "INSERT INTO items (grade) VALUES ('xyz')").sqlState()).isEqualTo("22001");
            assertThat(fails(s, "INSERT INTO items (c) VALUES ('TEA')").sqlState()).isEqualTo("23514");
            assertThat(fails(s, "INSERT INTO items (price) VALUES (60)").sqlState()).isEqualTo("23514");
            run(s, "INSERT INTO items VALUES ('cd', 'y', 'cake', 2)");
            assertThat(run(s, "SELECT count(*) FROM items").rows).containsExactly(List.of("2"));
            assertThat(run(s, "SELECT DISTINCT label FROM items").rows).as("a default calling serve's own function")
                    .containsExactly(List.of("2024-03"));
        }
    }

    @Test
    void aFreshDataDirectoryHoldsPostgresAndUnknownDatabasesDoNotExist(@TempDir Path tmp) throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(tmp)) {
            assertThat(factory.databaseNames()).containsExactly("postgres");
            factory.open(info("postgres", "postgres", Map.of())).close();
            assertThatThrownBy(() -> factory.open(info("postgres", "shop", Map.of())))
                    .isInstanceOfSatisfying(PgException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("3D000");
                        assertThat(e.getMessage()).isEqualTo("database \"shop\" does not exist");
                    });
            factory.roles().ensureSuperuser("carol");
            assertThatThrownBy(() -> factory.open(info("carol", null, Map.of())))
                    .as("the database defaults to the user name, as in PostgreSQL")
                    .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.getMessage()).isEqualTo("database \"carol\" does not exist"));
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".duckdb"))).containsExactly("postgres.duckdb");
        }
    }

    @Test
    void inMemoryDatabasesAreSharedBySessionsOfOneNameOnly() throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory().withCreateDatabasesOnConnect(true))) {
            Session a = factory.open(info("postgres", "mem", Map.of()));
            Session b = factory.open(info("postgres", "mem", Map.of()));
            Session c = factory.open(info("postgres", "elsewhere", Map.of()));
            run(a, "CREATE TABLE shared (v INTEGER)");
            run(a, "INSERT INTO shared VALUES (42)");
            assertThat(run(b, "SELECT v FROM shared").value()).isEqualTo("42");
            assertThat(fails(c, "SELECT v FROM shared").sqlState()).isEqualTo("42P01");
            a.close();
            b.close();
            Session d = factory.open(info("postgres", "mem", Map.of()));
            assertThat(run(d, "SELECT v FROM shared").value()).as("the database outlives its sessions").isEqualTo("42");
        }
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory())) {
            factory.open(info("postgres", "postgres", Map.of())).close();
            assertThatThrownBy(() -> factory.open(info("postgres", "mem", Map.of())))
                    .as("a new factory starts with postgres only")
                    .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("3D000"));
        }
    }

    @Test
    void impossibleDatabaseNamesDoNotExist() {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory().withCreateDatabasesOnConnect(true))) {
            for (String name : new String[] {"nul\0byte", "x".repeat(64), "é".repeat(32)}) {
                assertThatThrownBy(() -> factory.open(info("postgres", name, Map.of())))
                        .as(name)
                        .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("3D000"));
            }
            assertThatThrownBy(() -> factory.open(info("", "", Map.of()))).isInstanceOf(PgException.class);
        }
    }

    @Test
    void namesBecomeFileNamesInsideTheDataDirectoryOnly(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        String[] names = {"../etc", "a/b", "a\\b", "..", ".", "tab\tname", "Shop", "v1.2", "x".repeat(63), "é".repeat(31),
                "x;allow_unsigned_extensions=true", "y?threads=1", ":memory:"};
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(creating(dataDir))) {
            for (String name : names) {
                Session s = factory.open(info("postgres", name, Map.of()));
                run(s, "CREATE TABLE marker (name TEXT)");
                s.close();
            }
            assertThat(factory.databaseNames()).as("every name maps back to itself").contains(names);
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing outside the data directory").containsExactly("data");
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(Roles.FILE_NAME)))
                    .allMatch(n -> n.matches("([a-z0-9_]|-[0-9A-F]{2})+\\.duckdb(\\.wal)?"), "lower-case letters, digits, _ and -XX escapes")
                    .contains("-2E-2E-2Fetc.duckdb", "-53hop.duckdb", "x-3Ballow_unsigned_extensions-3Dtrue.duckdb");
        }
    }

    @Test
    void aDatabaseNameNeverSetsEngineOptions(@TempDir Path tmp) throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(creating(tmp))) {
            Session s = factory.open(info("postgres", "x;allow_unsigned_extensions=true;threads=1", Map.of()));
            run(s, "CREATE TABLE t (v INTEGER)");
            assertThat(run(s, "SELECT value FROM duckdb_settings() WHERE name = 'allow_unsigned_extensions'").value()).isEqualTo("false");
            assertThat(run(s, "SELECT value <> '1' FROM duckdb_settings() WHERE name = 'threads'").value()).isEqualTo("t");
        }
    }

    @Test
    void enginesCloseWhenTheirLastSessionEnds(@TempDir Path tmp) throws Exception {
        ServeOptions options = creating(tmp).withIdleClose(java.time.Duration.ZERO);
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(options)) {
            long threadsBefore = nativeThreads();
            // (eight engines left open would be some 70 threads more)
            for (int i = 0; i < 8; i++) {
                Session s = factory.open(info("postgres", "db" + i, Map.of()));
                run(s, "SELECT 1");
                s.close();
                assertThat(factory.openEngines()).isZero();
            }
            Session a = factory.open(info("postgres", "db1", Map.of()));
            Session b = factory.open(info("postgres", "db1", Map.of()));
            assertThat(factory.openEngines()).isEqualTo(1);
            a.close();
            assertThat(factory.openEngines()).as("open while a session remains").isEqualTo(1);
            b.close();
            assertThat(factory.openEngines()).isZero();
            if (threadsBefore > 0) {
                assertThat(nativeThreads()).as("engine threads do not pile up").isLessThan(threadsBefore + 20);
            }
        }
    }

    @Test
    void atMostTheIdleEnginesStayOpenWithoutSessionsTheOneIdleLongestClosingFirst(@TempDir Path tmp) throws Exception {
        ServeOptions options = creating(tmp).withIdleClose(java.time.Duration.ofMinutes(10)).withIdleEngines(2);
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(options)) {
            long threadsBefore = nativeThreads();
            int names = 8;
            for (int i = 0; i < names; i++) {
                Session s = factory.open(info("postgres", "db" + i, Map.of()));
                run(s, "CREATE TABLE t (v INTEGER)");
                run(s, "INSERT INTO t VALUES (" + i + ")");
                s.close();
                assertThat(factory.openEngines()).isEqualTo(Math.min(i + 1, 2));
            }
            if (threadsBefore > 0) {
                assertThat(nativeThreads()).as("engine threads do not pile up").isLessThan(threadsBefore + 30);
            }
            // the last two stayed open; the last one's data is there when it is used again, db0's after a reopen
            Session again = factory.open(info("postgres", "db" + (names - 1), Map.of()));
            assertThat(factory.openEngines()).isEqualTo(2);
            assertThat(run(again, "SELECT v FROM t").value()).isEqualTo(Integer.toString(names - 1));
            Session first = factory.open(info("postgres", "db0", Map.of()));
            assertThat(factory.openEngines()).as("two idle or in use, and db0 again").isEqualTo(3);
            assertThat(run(first, "SELECT v FROM t").value()).isEqualTo("0");
            first.close();
            again.close();
            assertThat(factory.openEngines()).as("the one idle longest closed").isEqualTo(2);
        }
    }

    /** The process's thread count, native engine threads included (Linux), or -1. */
    private static long nativeThreads() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return -1;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Threads:")) return Long.parseLong(line.substring(8).trim());
        }
        return -1;
    }

    @Test
    void clientsCannotReachFilesOrExtensionsByDefault(@TempDir Path tmp) throws Exception {
        Path secret = tmp.resolve("secret.csv");
        Files.writeString(secret, "a,b\n1,2\n");
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory())) {
            Session s = factory.open(info("postgres", "postgres", Map.of()));
            for (String sql : new String[] {
                    "SELECT * FROM read_csv('" + secret + "')",
                    "COPY (SELECT 1) TO '" + tmp.resolve("out.csv") + "'",
                    "ATTACH '" + tmp.resolve("other.duckdb") + "' AS other",
                    "INSTALL httpfs",
                    "LOAD httpfs"}) {
                PgException e = fails(s, sql);
                assertThat(e.sqlState()).as(sql).isIn("42501", "0A000", "42601");
            }
            assertThat(fails(s, "SELECT '10.0.0.1'::inet").getMessage()).as("no extension is fetched").doesNotContain("install");
            assertThat(tmp.resolve("out.csv")).doesNotExist();
            assertThat(tmp.resolve("other.duckdb")).doesNotExist();
        }
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory().withExternalAccess(true))) {
            Session s = factory.open(info("postgres", "postgres", Map.of()));
            assertThat(run(s, "SELECT count(*) FROM read_csv('" + secret + "')").value())
                    .as("the operator can allow it").isEqualTo("1");
        }
    }

    @Test
    void sessionsOpenConcurrently(@TempDir Path tmp) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(creating(tmp))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Session>> opened = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String db = "db" + (i % 2);
                Callable<Session> task = () -> {
                    start.await();
                    Session s = factory.open(info("postgres", db, Map.of()));
                    assertThat(run(s, "SELECT 42").value()).isEqualTo("42");
                    return s;
                };
                opened.add(pool.submit(task));
            }
            start.countDown();
            List<Session> sessions = new ArrayList<>();
            for (Future<Session> f : opened) sessions.add(f.get(60, TimeUnit.SECONDS));
            // sessions 0, 2, 4, 6 share db0; 1, 3, 5, 7 share db1
            run(sessions.get(0), "CREATE TABLE hits AS SELECT 0 AS n");
            assertThat(run(sessions.get(6), "SELECT count(*) FROM hits").value()).isEqualTo("1");
            assertThat(fails(sessions.get(7), "SELECT count(*) FROM hits").sqlState()).isEqualTo("42P01");
            assertThat(factory.databaseNames()).containsExactly("db0", "db1", "postgres");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheFactoryClosesSessionsAndRefusesNewOnes() throws Exception {
        DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inMemory());
        Session s = factory.open(info("postgres", "postgres", Map.of()));
        factory.close();
        assertThatThrownBy(() -> s.execute("SELECT 1", new RecordingSink())).isInstanceOf(PgException.class);
        assertThatThrownBy(() -> factory.open(info("postgres", "postgres", Map.of())))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("57P03"));
    }
}
