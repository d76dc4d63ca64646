package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.TransactionStatus;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** idle_session_timeout, idle_in_transaction_session_timeout and shutdown, as PostgreSQL ends sessions. */
class TimeoutsAndShutdownTest {

    /** Just enough of a session for transaction timeouts: BEGIN, COMMIT and anything else. */
    static final class TransactionSession implements Session {
        final long idleInTransactionMillis;
        TransactionStatus status = TransactionStatus.IDLE;

        TransactionSession(long idleInTransactionMillis) {
            this.idleInTransactionMillis = idleInTransactionMillis;
        }

        @Override
        public void execute(String sql, ResultSink sink) {
            if (sql.equalsIgnoreCase("begin")) status = TransactionStatus.IN_TRANSACTION;
            if (sql.equalsIgnoreCase("commit")) status = TransactionStatus.IDLE;
            sink.complete(sql.toUpperCase());
        }

        @Override
        public TransactionStatus transactionStatus() {
            return status;
        }

        @Override
        public long idleInTransactionSessionTimeoutMillis() {
            return idleInTransactionMillis;
        }
    }

    private static ErrorResponse onlyError(List<BackendMessage> got) {
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).isInstanceOf(ErrorResponse.class);
        return (ErrorResponse) got.get(0);
    }

    /** Expects the server to send nothing (and not close) for {@code millis}. */
    private static void assertQuietFor(RawConnection c, int millis) throws Exception {
        c.socket.setSoTimeout(millis);
        assertThatThrownBy(c::read).isInstanceOf(SocketTimeoutException.class);
        c.socket.setSoTimeout(20_000);
    }

    @Test
    void idle_in_a_transaction_block_past_the_handlers_timeout_ends_the_session_with_FATAL_25P03() throws Exception {
        try (PgServer server = PgServer.builder().port(0).sessionFactory(info -> new TransactionSession(300)).start();
             RawConnection c = RawConnection.startup(server.port(), "a")) {
            // idle outside a transaction: the in-transaction timeout does not apply
            assertQuietFor(c, 600);
            c.send(new Query("begin"));
            assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IN_TRANSACTION);
            long ready = System.nanoTime();
            ErrorResponse e = onlyError(c.readUntilClosed());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ready);
            assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "25P03")
                    .containsEntry('M', "terminating connection due to idle-in-transaction timeout");
            assertThat(waited).isGreaterThanOrEqualTo(180); // 300 ms, less this thread's own delays
        }
    }

    @Test
    void a_message_before_the_timeout_stops_the_clock_and_a_handler_returning_0_has_none() throws Exception {
        try (PgServer server = PgServer.builder().port(0).sessionFactory(info -> new TransactionSession(
                info.user().equals("none") ? 0 : 800)).start()) {
            try (RawConnection c = RawConnection.startup(server.port(), "some")) {
                c.send(new Query("begin"));
                c.readUntilReady();
                c.send(new Query("select")); // well within 800 ms
                assertThat(c.readUntilReady()).containsExactly(new CommandComplete("SELECT"), ReadyForQuery.IN_TRANSACTION);
                c.send(new Query("commit"));
                assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
                assertQuietFor(c, 1200); // idle outside the block: no timeout
            }
            try (RawConnection c = RawConnection.startup(server.port(), "none")) {
                c.send(new Query("begin"));
                c.readUntilReady();
                assertQuietFor(c, 600);
                c.send(new Query("commit"));
                assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
            }
        }
    }

    @Test
    void the_idle_session_clock_starts_at_ReadyForQuery_not_at_the_clients_last_message() throws Exception {
        TestHandler h = new TestHandler();
        h.running = new CountDownLatch(1);
        try (PgServer server = PgServer.builder().port(0).idleSessionTimeout(Duration.ofMillis(400))
                .sessionFactory(h).start();
             RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Query("hold"));
            assertThat(h.running.await(10, TimeUnit.SECONDS)).isTrue();
            assertQuietFor(c, 800); // twice the timeout since the client's last message: still running
            h.holdRelease.release();
            assertThat(c.readUntilReady()).containsExactly(new CommandComplete("HOLD"), ReadyForQuery.IDLE);
            long ready = System.nanoTime();
            ErrorResponse e = onlyError(c.readUntilClosed());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ready);
            assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "57P05");
            assertThat(waited).isGreaterThanOrEqualTo(240); // 400 ms, less this thread's own delays
        }
    }

    @Test
    void a_running_query_still_running_at_the_shutdown_deadline_gets_FATAL_57P01_not_just_a_closed_socket() throws Exception {
        TestHandler h = new TestHandler();
        h.running = new CountDownLatch(1);
        PgServer server = PgServer.builder().port(0).sessionFactory(h).start();
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Query("wait")); // runs until cancelled
            assertThat(h.running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofMillis(200)));
            ErrorResponse e = onlyError(c.readUntilClosed());
            assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "57P01")
                    .containsEntry('M', "terminating connection due to administrator command");
            stopping.get(20, TimeUnit.SECONDS);
            assertThat(h.closed.get()).isEqualTo(h.opened.get());
        }
    }

    @Test
    void a_call_that_ignores_the_cancel_is_cut_off_after_a_grace_period_with_FATAL_57P01() throws Exception {
        TestHandler h = new TestHandler();
        h.running = new CountDownLatch(1);
        PgServer server = PgServer.builder().port(0).sessionFactory(h).start();
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Query("hold")); // ignores cancel
            assertThat(h.running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofMillis(200)));
            ErrorResponse e = onlyError(c.readUntilClosed());
            assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "57P01");
            stopping.get(20, TimeUnit.SECONDS);
        } finally {
            h.holdRelease.release();
        }
    }
}
