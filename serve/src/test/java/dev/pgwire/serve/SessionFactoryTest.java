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

    @Test
    void dataPersistsAcrossFactoryRestartsInFileMode(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("not-yet-there");
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(dataDir)) {
            Session s = factory.open(info("alice", "shop", Map.of()));
            run(s, "CREATE TABLE orders (id INTEGER, item TEXT)");
            run(s, "INSERT INTO orders VALUES (1, 'tea'), (2, 'cake')");
            s.close();
        }
        assertThat(dataDir.resolve("shop.duckdb")).exists();
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(dataDir)) {
            Session s = factory.open(info("bob", "shop", Map.of()));
            assertThat(run(s, "SELECT item FROM orders ORDER BY id").rows).containsExactly(List.of("tea"), List.of("cake"));
            Session other = factory.open(info("bob", "other", Map.of()));
            assertThat(fails(other, "SELECT * FROM orders").sqlState()).as("databases are separate files").isEqualTo("42P01");
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".duckdb"))).containsExactlyInAnyOrder("shop.duckdb", "other.duckdb");
        }
    }

    @Test
    void databaseDefaultsToTheUserName(@TempDir Path tmp) throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(tmp)) {
            factory.open(info("carol", null, Map.of())).close();
        }
        assertThat(tmp.resolve("carol.duckdb")).exists();
    }

    @Test
    void inMemoryDatabasesAreSharedBySessionsOfOneNameOnly() throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(null)) {
            Session a = factory.open(info("u", "mem", Map.of()));
            Session b = factory.open(info("u", "mem", Map.of()));
            Session c = factory.open(info("u", "elsewhere", Map.of()));
            run(a, "CREATE TABLE shared (v INTEGER)");
            run(a, "INSERT INTO shared VALUES (42)");
            assertThat(run(b, "SELECT v FROM shared").value()).isEqualTo("42");
            assertThat(fails(c, "SELECT v FROM shared").sqlState()).isEqualTo("42P01");
            a.close();
            b.close();
            Session d = factory.open(info("u", "mem", Map.of()));
            assertThat(run(d, "SELECT v FROM shared").value()).as("the database outlives its sessions").isEqualTo("42");
        }
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(null)) {
            Session fresh = factory.open(info("u", "mem", Map.of()));
            assertThat(fails(fresh, "SELECT v FROM shared").sqlState()).as("but not its factory").isEqualTo("42P01");
        }
    }

    @Test
    void unsafeDatabaseNamesDoNotExist() {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(null)) {
            for (String name : new String[] {"../etc", "a/b", "a\\b", "..", ".", "nul\0byte", "x".repeat(64), "é".repeat(32), "tab\tname"}) {
                assertThatThrownBy(() -> factory.open(info("u", name, Map.of())))
                        .as(name)
                        .isInstanceOfSatisfying(PgException.class, e -> {
                            assertThat(e.sqlState()).isEqualTo("3D000");
                            assertThat(e.getMessage()).isEqualTo("database \"" + name + "\" does not exist");
                        });
            }
            assertThatThrownBy(() -> factory.open(info("", "", Map.of()))).isInstanceOf(PgException.class);
        }
    }

    @Test
    void longestSafeNamesAndDotsInsideNamesAreFine(@TempDir Path tmp) throws Exception {
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(tmp)) {
            factory.open(info("u", "x".repeat(63), Map.of())).close();
            factory.open(info("u", "v1.2", Map.of())).close();
        }
        assertThat(tmp.resolve("x".repeat(63) + ".duckdb")).exists();
        assertThat(tmp.resolve("v1.2.duckdb")).exists();
    }

    @Test
    void sessionsOpenConcurrently(@TempDir Path tmp) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (DuckDbSessionFactory factory = new DuckDbSessionFactory(tmp)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Session>> opened = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String db = "db" + (i % 2);
                Callable<Session> task = () -> {
                    start.await();
                    Session s = factory.open(info("u", db, Map.of()));
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
            try (var files = Files.list(tmp)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".duckdb")))
                        .containsExactlyInAnyOrder("db0.duckdb", "db1.duckdb");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheFactoryClosesSessionsAndRefusesNewOnes() throws Exception {
        DuckDbSessionFactory factory = new DuckDbSessionFactory(null);
        Session s = factory.open(info("u", "x", Map.of()));
        factory.close();
        assertThatThrownBy(() -> s.execute("SELECT 1", new RecordingSink())).isInstanceOf(PgException.class);
        assertThatThrownBy(() -> factory.open(info("u", "x", Map.of())))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("57P03"));
    }
}
