package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cancel, LISTEN/NOTIFY, and what happens to pending requests when the connection goes away. */
class SessionTest {

    /** Waits until the backend is running {@code query} (pg_stat_activity), polling another session. */
    private static void awaitRunning(PgConnection observer, int pid, String query) {
        // no fixed sleep: ask the server until it says so, bounded by the test timeout
        while (!observer.query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query = $2",
                pid, query).first().getString(0).equals("1")) {
            Thread.onSpinWait();
        }
    }

    @Test
    void cancelRequestStopsARunningQueryWithin57014() throws Exception {
        try (PgConnection conn = TestCluster.connect(); PgConnection observer = TestCluster.connect()) {
            String sql = "SELECT pg_sleep(10)";
            CompletableFuture<RowSet> sleeping = conn.async().query(sql);
            awaitRunning(observer, conn.processId(), sql);
            long start = System.nanoTime();
            conn.cancel();
            assertThatThrownBy(() -> sleeping.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(conn.query("SELECT 1").first().getInt(0)).as("the session goes on").isEqualTo(1);
        }
    }

    @Test
    void cancelOverTlsUsesAnEncryptedConnection() throws Exception {
        try (PgConnection conn = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=require sslrootcert=/none"));
                PgConnection observer = TestCluster.connect()) {
            assertThat(conn.async().isTls()).isTrue();
            String sql = "SELECT pg_sleep(10)";
            CompletableFuture<RowSet> sleeping = conn.async().execute(sql);
            awaitRunning(observer, conn.processId(), sql);
            conn.cancel();
            assertThatThrownBy(() -> sleeping.get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("57014"));
        }
    }

    @Test
    void notificationsReachTheListeningConnection() throws Exception {
        try (PgConnection listener = TestCluster.connect(); PgConnection notifier = TestCluster.connect()) {
            LinkedBlockingQueue<Notification> received = new LinkedBlockingQueue<>();
            listener.onNotification(received::add);
            listener.query("LISTEN jobs");
            notifier.query("NOTIFY jobs, 'first'");
            notifier.execute("SELECT pg_notify($1, $2)", "jobs", "second");
            notifier.query("NOTIFY other_channel, 'not for us'");
            Notification first = received.poll(5, TimeUnit.SECONDS);
            Notification second = received.poll(5, TimeUnit.SECONDS);
            assertThat(first).isEqualTo(new Notification(notifier.processId(), "jobs", "first"));
            assertThat(second).isEqualTo(new Notification(notifier.processId(), "jobs", "second"));
            // notifications arrive even while the listener is idle; a query flushes nothing more
            listener.query("SELECT 1");
            assertThat(received).isEmpty();
        }
    }

    @Test
    void terminatedBackendFailsThePendingRequestAndEverythingBehindIt() {
        try (PgConnection victim = TestCluster.connect(); PgConnection killer = TestCluster.connect()) {
            String sql = "SELECT pg_sleep(10)";
            CompletableFuture<RowSet> sleeping = victim.async().query(sql);
            List<CompletableFuture<RowSet>> behind = new ArrayList<>();
            for (int i = 0; i < 10; i++) behind.add(victim.async().execute("SELECT $1::int4", i));
            awaitRunning(killer, victim.processId(), sql);
            long start = System.nanoTime();
            assertThat(killer.query("SELECT pg_terminate_backend($1)", victim.processId()).first().getBoolean(0)).isTrue();
            assertThatThrownBy(() -> sleeping.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(PgException.class, e -> {
                        // PostgreSQL says why before it closes: FATAL 57P01
                        assertThat(e.sqlState()).isEqualTo("57P01");
                        assertThat(e.isFatal()).isTrue();
                    });
            for (CompletableFuture<RowSet> f : behind) {
                assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).cause().isInstanceOf(PgException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(victim.isOpen()).isFalse();
            assertThatThrownBy(() -> victim.query("SELECT 1")).isInstanceOf(PgException.class);
        }
    }

    @Test
    void requestsAfterCloseFailAndCloseWaitsForPendingOnes() {
        PgAsyncConnection conn = TestCluster.connectAsync();
        CompletableFuture<RowSet> pending = conn.query("SELECT pg_sleep(0.2), 'done'");
        CompletableFuture<Void> closed = conn.closeAsync();
        CompletableFuture<RowSet> late = conn.query("SELECT 1");
        assertThat(pending.join().first().getString(1)).isEqualTo("done");
        closed.join();
        assertThatThrownBy(late::join).cause().isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).startsWith("08"));
        assertThat(conn.isOpen()).isFalse();
    }

    @Test
    void protocolVersionAndCancelKeyOfPostgres15() {
        try (PgConnection conn = PgConnection.connect(TestCluster.plain() + " max_protocol_version=3.2")) {
            // PostgreSQL 15 answers a 3.2 request with NegotiateProtocolVersion: 3.0
            assertThat(conn.async().protocolVersion()).isEqualTo("3.0");
            assertThat(conn.processId()).isPositive();
        }
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.plain() + " min_protocol_version=3.2 max_protocol_version=3.2"))
                .isInstanceOf(PgException.class).hasMessageContaining("min_protocol_version");
    }
}
