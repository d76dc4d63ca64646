package dev.pgwire.gateway;

import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * min_pool_size, server_idle_timeout and server_lifetime against PostgreSQL 15: the gateway's
 * server connections are counted in pg_stat_activity, in a database only these tests use.
 */
@Timeout(120)
class PoolSizingTest {
    static final String DB = "pool_sizing";
    static PgCluster pg;
    Gateway gw;

    @BeforeAll
    static void start() {
        pg = SharedCluster.get();
        if (pg.psql("SELECT count(*) FROM pg_database WHERE datname = '" + DB + "'").strip().equals("0")) {
            pg.psql("CREATE DATABASE " + DB);
        }
    }

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        gw = null;
    }

    private static int serverConnections() {
        return Integer.parseInt(pg.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + DB + "'").strip());
    }

    /** Polls pg_stat_activity until the count of server connections satisfies {@code ok}; returns it. */
    private static int awaitServerConnections(IntPredicate ok, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            int n = serverConnections();
            if (ok.test(n)) return n;
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": still " + n + " server connections");
            Thread.sleep(50);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(SharedCluster.jdbc(gw, DB));
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void min_pool_size_is_kept_open_and_idle_connections_above_it_close_after_server_idle_timeout() throws Exception {
        gw = Gateway.start(SharedCluster.config(pg, PoolMode.TRANSACTION, 4).minPoolSize(2)
                .serverIdleTimeout(Duration.ofSeconds(1)).build());
        awaitServerConnections(n -> n == 0, "no server connection before the first client");
        try (Connection c = connect()) {
            backendPid(c); // the pool exists from its first client on
        }
        awaitServerConnections(n -> n == 2, "min_pool_size 2 opened");

        // Four transactions at once take the pool to its size.
        ExecutorService clients = Executors.newFixedThreadPool(4);
        CountDownLatch allIn = new CountDownLatch(4);
        CountDownLatch counted = new CountDownLatch(1);
        try {
            List<Future<Integer>> pids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pids.add(clients.submit(() -> {
                    try (Connection c = connect()) {
                        c.setAutoCommit(false);
                        int pid = backendPid(c);
                        allIn.countDown();
                        assertThat(counted.await(30, TimeUnit.SECONDS)).isTrue();
                        c.commit();
                        return pid;
                    }
                }));
            }
            assertThat(allIn.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serverConnections()).as("one server connection per open transaction").isEqualTo(4);
            counted.countDown();
            assertThat(pids.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).distinct().count()).isEqualTo(4);
        } finally {
            clients.shutdownNow();
        }

        // Idle for longer than server_idle_timeout: back to the minimum, and not below it.
        awaitServerConnections(n -> n == 2, "idle connections above min_pool_size closed");
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < until) {
            assertThat(serverConnections()).as("min_pool_size kept past server_idle_timeout").isEqualTo(2);
            Thread.sleep(100);
        }
        try (Connection c = connect()) {
            assertThat(backendPid(c)).isPositive();
        }
    }

    @Test
    void a_connection_older_than_server_lifetime_is_replaced_once_idle() throws Exception {
        gw = Gateway.start(SharedCluster.config(pg, PoolMode.TRANSACTION, 1).serverLifetime(Duration.ofSeconds(1)).build());
        int first;
        try (Connection c = connect()) {
            first = backendPid(c);
            // held in a transaction past its lifetime: not retired while in use
            c.setAutoCommit(false);
            assertThat(backendPid(c)).isEqualTo(first);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < until) {
                assertThat(backendPid(c)).as("the same backend for the whole transaction").isEqualTo(first);
                Thread.sleep(100);
            }
            c.commit();
            c.setAutoCommit(true);
            // once idle it is closed, and the client's next transaction gets a new backend
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int next = backendPid(c);
            while (next == first && System.nanoTime() < deadline) {
                Thread.sleep(50);
                next = backendPid(c);
            }
            assertThat(next).as("a new backend after server_lifetime").isNotEqualTo(first);
        }
        assertThat(pg.psql("SELECT count(*) FROM pg_stat_activity WHERE pid = " + first).strip()).isEqualTo("0");
    }
}
