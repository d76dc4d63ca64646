package dev.pgwire.serve;

import dev.pgwire.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many sessions writing one database: 32 clients updating one row in autocommit see no error and
 * every increment counts (serve runs a conflicting autocommit statement again, as PostgreSQL's
 * writer would have waited), while a conflict inside a transaction block is the client's 40001;
 * 32 clients inserting get exact counts.
 */
class ConcurrentWritersTest {
    @TempDir
    static Path dir;
    static DuckDbSessionFactory engine;
    static PgServer server;
    static final int CLIENTS = 32;

    @BeforeAll
    static void start() throws Exception {
        engine = new DuckDbSessionFactory(ServeOptions.inDirectory(dir));
        server = PgServer.builder().port(0).sessionFactory(engine).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    static Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=app" + extra);
    }

    static long scalar(String sql) throws SQLException {
        try (Connection c = connect(""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs {@code work} on CLIENTS connections at once; returns the errors' SQLSTATEs. */
    static List<String> concurrently(String extra, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> runs = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            runs.add(pool.submit(() -> {
                List<String> errors = new ArrayList<>();
                try (Connection c = connect(extra)) {
                    go.await();
                    work.run(c, client, errors);
                }
                return errors;
            }));
        }
        go.countDown();
        List<String> errors = new ArrayList<>();
        for (Future<List<String>> f : runs) errors.addAll(f.get(180, TimeUnit.SECONDS));
        pool.shutdown();
        return errors;
    }

    interface Work {
        void run(Connection c, int client, List<String> errors) throws Exception;
    }

    @Test
    void hot_row_updates_in_autocommit_all_count_without_errors() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE counter (id int PRIMARY KEY, n bigint)");
            st.execute("INSERT INTO counter VALUES (1, 0), (2, 0)");
        }
        int each = 10;
        List<String> extended = concurrently("", (c, client, errors) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE counter SET n = n + ? WHERE id = 1")) {
                for (int i = 0; i < each; i++) {
                    ps.setInt(1, 1);
                    try {
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        errors.add(e.getSQLState() + " " + e.getMessage());
                    }
                }
            }
        });
        List<String> simple = concurrently("&preferQueryMode=simple", (c, client, errors) -> {
            try (Statement st = c.createStatement()) {
                for (int i = 0; i < each; i++) {
                    try {
                        st.executeUpdate("UPDATE counter SET n = n + 1 WHERE id = 2");
                    } catch (SQLException e) {
                        errors.add(e.getSQLState() + " " + e.getMessage());
                    }
                }
            }
        });
        assertThat(extended).isEmpty();
        assertThat(simple).isEmpty();
        assertThat(scalar("SELECT n FROM counter WHERE id = 1")).isEqualTo((long) CLIENTS * each);
        assertThat(scalar("SELECT n FROM counter WHERE id = 2")).isEqualTo((long) CLIENTS * each);
    }

    @Test
    void a_conflict_inside_a_transaction_block_is_40001() throws Exception {
        try (Connection a = connect(""); Connection b = connect("")) {
            try (Statement st = a.createStatement()) {
                st.execute("CREATE TABLE block_conflict (id int PRIMARY KEY, n int)");
                st.execute("INSERT INTO block_conflict VALUES (1, 0)");
            }
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try (Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                sa.executeUpdate("UPDATE block_conflict SET n = n + 1 WHERE id = 1");
                String state = null;
                try {
                    sb.executeUpdate("UPDATE block_conflict SET n = n + 1 WHERE id = 1");
                    b.commit();
                } catch (SQLException e) {
                    state = e.getSQLState();
                }
                a.commit();
                assertThat(state).isEqualTo("40001");
            }
        }
    }

    @Test
    void thirty_two_writers_inserting_get_exact_counts() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE writes (client int, seq int, PRIMARY KEY (client, seq))");
        }
        int each = 50;
        List<String> errors = concurrently("", (c, client, errs) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO writes VALUES (?, ?)")) {
                for (int i = 0; i < each; i++) {
                    ps.setInt(1, client);
                    ps.setInt(2, i);
                    ps.executeUpdate();
                }
            }
        });
        assertThat(errors).isEmpty();
        assertThat(scalar("SELECT count(*) FROM writes")).isEqualTo((long) CLIENTS * each);
        assertThat(scalar("SELECT count(DISTINCT client) FROM writes")).isEqualTo(CLIENTS);
    }
}
