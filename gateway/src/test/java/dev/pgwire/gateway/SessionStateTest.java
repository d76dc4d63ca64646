package dev.pgwire.gateway;

import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a client leaves on a server connection under transaction pooling: settings never leak to
 * the next client, a connection never goes back inside a transaction, and state that cannot move
 * (temporary tables, cursors WITH HOLD, session advisory locks, LISTEN) pins the client to its
 * connection — shown in SHOW CLIENTS — until the client drops it.
 */
@Timeout(60)
class SessionStateTest {
    static PgCluster pg;

    @BeforeAll
    static void start() {
        pg = SharedCluster.get();
        pg.psql("CREATE TABLE IF NOT EXISTS state_rows (id int PRIMARY KEY)");
    }

    static Connection connect(Gateway gw, String app) throws SQLException {
        return DriverManager.getConnection(SharedCluster.jdbc(gw, "postgres") + "&ApplicationName=" + app);
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** SHOW CLIENTS' pinned column for the client with this application_name. */
    static String pinned(Gateway gw, String app) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gw.port()
                + "/pgwire?user=postgres&sslmode=disable&preferQueryMode=simple");
             Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("SHOW CLIENTS")) {
            String found = null;
            while (rs.next()) {
                if (app.equals(rs.getString("application_name"))) found = rs.getString("pinned");
            }
            assertThat(found).as("client " + app + " in SHOW CLIENTS").isNotNull();
            return found;
        }
    }

    /**
     * Waits until SHOW CLIENTS shows the client pinned for {@code reason} ("" for not pinned): the
     * check runs on the server connection right after the ReadyForQuery that ends a transaction.
     */
    static void awaitPinned(Gateway gw, String app, String reason) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String now;
        while (!(now = pinned(gw, app)).equals(reason)) {
            if (System.nanoTime() > deadline) assertThat(now).as("pinned, for " + app).isEqualTo(reason);
            Thread.sleep(10);
        }
    }

    static int waiting(Gateway gw) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gw.port()
                + "/pgwire?user=postgres&sslmode=disable&preferQueryMode=simple");
             Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("SHOW POOLS")) {
            int n = 0;
            while (rs.next()) n += rs.getInt("cl_waiting");
            return n;
        }
    }

    static void awaitWaiting(Gateway gw, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiting(gw) != n) {
            if (System.nanoTime() > deadline) throw new AssertionError("never " + n + " waiting clients");
            Thread.sleep(10);
        }
    }

    @Test
    void set_outside_a_block_stays_with_its_client_and_never_reaches_the_next_client_on_the_same_connection() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 1);
             Connection a = connect(gw, "a"); Connection b = connect(gw, "b")) {
            String pid = one(a, "SELECT pg_backend_pid()");
            try (Statement st = a.createStatement()) {
                st.execute("SET search_path = pg_catalog");
                st.execute("SET statement_timeout = 4321");
                st.execute("SET TimeZone = 'Asia/Tokyo'");
                st.execute("SET extra_float_digits = 0");
            }
            assertThat(one(b, "SELECT pg_backend_pid()")).as("one server connection").isEqualTo(pid);
            assertThat(one(b, "SHOW search_path")).isEqualTo("\"$user\", public");
            assertThat(one(b, "SHOW statement_timeout")).isEqualTo("0");
            String direct;
            try (Connection d = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), pg.password())) {
                direct = one(d, "SHOW extra_float_digits"); // what pgjdbc's own setup leaves
            }
            assertThat(one(b, "SHOW extra_float_digits")).isEqualTo(direct).isNotEqualTo("0");
            assertThat(b.unwrap(PGConnection.class).getParameterStatus("TimeZone")).isNotEqualTo("Asia/Tokyo");
            assertThat(one(a, "SHOW search_path")).isEqualTo("pg_catalog");
            assertThat(one(a, "SHOW statement_timeout")).isEqualTo("4321ms");
            assertThat(one(a, "SHOW TimeZone")).isEqualTo("Asia/Tokyo");
            assertThat(a.unwrap(PGConnection.class).getParameterStatus("TimeZone")).isEqualTo("Asia/Tokyo");
            assertThat(one(b, "SHOW TimeZone")).isNotEqualTo("Asia/Tokyo");
            // RESET takes the client back to its own startup value.
            try (Statement st = a.createStatement()) {
                st.execute("RESET statement_timeout");
            }
            assertThat(one(b, "SHOW statement_timeout")).isEqualTo("0");
            assertThat(one(a, "SHOW statement_timeout")).isEqualTo("0");
        }
    }

    @Test
    void set_in_a_rolled_back_block_and_set_local_do_not_outlive_their_transaction() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 1);
             Connection a = connect(gw, "a"); Connection b = connect(gw, "b")) {
            a.setAutoCommit(false);
            try (Statement st = a.createStatement()) {
                st.execute("SET search_path = pg_catalog");
                st.execute("SET LOCAL statement_timeout = 999");
            }
            a.rollback();
            a.setAutoCommit(true);
            assertThat(one(b, "SHOW search_path")).isEqualTo("\"$user\", public");
            assertThat(one(a, "SHOW search_path")).isEqualTo("\"$user\", public");
            assertThat(one(a, "SHOW statement_timeout")).isEqualTo("0");
            a.setAutoCommit(false);
            try (Statement st = a.createStatement()) {
                st.execute("SET search_path = pg_catalog, public");
                st.execute("SET LOCAL statement_timeout = 999");
            }
            a.commit();
            a.setAutoCommit(true);
            assertThat(one(b, "SHOW search_path")).isEqualTo("\"$user\", public");
            assertThat(one(a, "SHOW search_path")).isEqualTo("pg_catalog, public");
            assertThat(one(a, "SHOW statement_timeout")).isEqualTo("0");
        }
    }

    @Test
    void a_connection_inside_a_transaction_or_a_failed_one_is_never_handed_to_another_client() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 1);
             Connection a = connect(gw, "a"); Connection b = connect(gw, "b")) {
            a.setAutoCommit(false);
            try (Statement st = a.createStatement()) {
                st.execute("INSERT INTO state_rows VALUES (1) ON CONFLICT DO NOTHING");
            }
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    return one(b, "SELECT count(*) FROM state_rows WHERE id = 1");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            awaitWaiting(gw, 1);
            assertThat(seen).isNotDone();
            a.commit();
            assertThat(seen.get(10, TimeUnit.SECONDS)).as("b ran after a's commit, on a fresh transaction").isEqualTo("1");

            // A failed block ('E') is still a transaction: held until the client ends it.
            try (Statement st = a.createStatement()) {
                assertThatThrownBy(() -> st.execute("SELECT 1 / 0")).isInstanceOf(SQLException.class);
            }
            CompletableFuture<String> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return one(b, "SELECT 'fresh'"); // on a connection inside a failed block: 25P02
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            awaitWaiting(gw, 1);
            assertThat(status).isNotDone();
            a.rollback();
            assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo("fresh");
        }
    }

    @Test
    void a_temporary_table_pins_its_client_until_dropped() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 2);
             Connection a = connect(gw, "temp_a"); Connection b = connect(gw, "temp_b")) {
            one(a, "SELECT pg_backend_pid()");
            awaitPinned(gw, "temp_a", "");
            try (Statement st = a.createStatement()) {
                st.execute("CREATE TEMP TABLE scratch (x int)");
                st.execute("INSERT INTO scratch VALUES (1), (2)");
            }
            awaitPinned(gw, "temp_a", "temporary tables");
            // the connection a is pinned to: the one its CREATE ran on, not necessarily its first one's
            String pid = one(a, "SELECT pg_backend_pid()");
            for (int i = 0; i < 5; i++) {
                assertThat(one(b, "SELECT pg_backend_pid()")).as("b never gets a's connection").isNotEqualTo(pid);
                assertThat(one(a, "SELECT count(*) FROM scratch")).isEqualTo("2");
                assertThat(one(a, "SELECT pg_backend_pid()")).isEqualTo(pid);
            }
            try (Statement st = a.createStatement()) {
                st.execute("DROP TABLE scratch");
            }
            awaitPinned(gw, "temp_a", "");
        }
    }

    @Test
    void a_cursor_with_hold_pins_its_client_until_closed() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 2); Connection a = connect(gw, "hold_a")) {
            try (Statement st = a.createStatement()) {
                st.execute("DECLARE held CURSOR WITH HOLD FOR SELECT g FROM generate_series(1, 10) g");
            }
            awaitPinned(gw, "hold_a", "cursors WITH HOLD");
            assertThat(one(a, "FETCH 3 FROM held")).isEqualTo("1");
            assertThat(one(a, "FETCH 1 FROM held")).isEqualTo("4");
            try (Statement st = a.createStatement()) {
                st.execute("CLOSE held");
            }
            awaitPinned(gw, "hold_a", "");
        }
    }

    @Test
    void a_session_advisory_lock_pins_its_client_until_unlocked() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 2); Connection a = connect(gw, "lock_a")) {
            one(a, "SELECT pg_advisory_lock(4242)");
            awaitPinned(gw, "lock_a", "session advisory locks");
            assertThat(one(a, "SELECT pg_advisory_unlock(4242)")).isEqualTo("t"); // the same session holds it
            awaitPinned(gw, "lock_a", "");
            // A transaction-level lock ends with its transaction and pins nothing.
            one(a, "SELECT pg_advisory_xact_lock(4243)");
            awaitPinned(gw, "lock_a", "");
        }
    }

    @Test
    void listen_pins_its_client_which_then_gets_notifications_until_unlisten() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 2);
             Connection a = connect(gw, "listen_a"); Connection b = connect(gw, "listen_b")) {
            try (Statement st = a.createStatement()) {
                st.execute("LISTEN jobs");
            }
            awaitPinned(gw, "listen_a", "LISTEN");
            try (Statement st = b.createStatement()) {
                st.execute("NOTIFY jobs, 'one'");
            }
            PGNotification[] got = a.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(got).isNotNull().hasSize(1);
            assertThat(got[0].getParameter()).isEqualTo("one");
            try (Statement st = a.createStatement()) {
                st.execute("UNLISTEN *");
            }
            awaitPinned(gw, "listen_a", "");
        }
    }

    @Test
    void session_mode_resets_a_connection_before_the_next_client_gets_it() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.SESSION, 1)) {
            String pid;
            try (Connection a = connect(gw, "a"); Statement st = a.createStatement()) {
                pid = one(a, "SELECT pg_backend_pid()");
                st.execute("SET search_path = pg_catalog");
                st.execute("CREATE TEMP TABLE left_behind (x int)");
                st.execute("PREPARE left_stmt AS SELECT 1");
                one(a, "SELECT pg_advisory_lock(4244)");
            }
            try (Connection b = connect(gw, "b")) {
                assertThat(one(b, "SELECT pg_backend_pid()")).isEqualTo(pid);
                assertThat(one(b, "SHOW search_path")).isEqualTo("\"$user\", public");
                assertThat(one(b, "SELECT count(*) FROM pg_prepared_statements")).isEqualTo("0");
                assertThat(one(b, "SELECT count(*) FROM pg_class WHERE relname = 'left_behind'")).isEqualTo("0");
                assertThat(one(b, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
            }
        }
    }
}
