package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Wire;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsTest {

    private static String code(BackendMessage m) {
        return ((ErrorResponse) m).fields().get('C');
    }

    @Test
    void connections_beyond_the_limit_get_FATAL_53300_and_a_freed_slot_is_reusable() throws Exception {
        TestHandler h = new TestHandler();
        try (PgServer server = PgServer.builder().port(0).maxConnections(2).sessionFactory(h).start()) {
            RawConnection a = RawConnection.startup(server.port(), "a");
            RawConnection b = RawConnection.startup(server.port(), "b");
            try (RawConnection c = new RawConnection(server.port())) {
                c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "c")));
                List<BackendMessage> got = c.readUntilClosed();
                assertThat(code(got.get(0))).isEqualTo("53300");
            }
            a.close();
            // the slot comes back when the server notices the close; retry until it does
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (RawConnection c = new RawConnection(server.port())) {
                    c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "c")));
                    BackendMessage first = c.read();
                    if (!(first instanceof ErrorResponse)) break;
                    assertThat(System.nanoTime()).isLessThan(deadline);
                }
            }
            b.close();
        }
    }

    @Test
    void an_idle_session_is_closed_with_57P05() throws Exception {
        TestHandler h = new TestHandler();
        try (PgServer server = PgServer.builder().port(0).idleSessionTimeout(Duration.ofMillis(300))
                .sessionFactory(h).start();
             RawConnection c = RawConnection.startup(server.port(), "a")) {
            List<BackendMessage> got = c.readUntilClosed();
            assertThat(got).hasSize(1);
            assertThat(code(got.get(0))).isEqualTo("57P05");
        }
    }

    @Test
    void a_client_that_never_authenticates_is_dropped_at_the_auth_timeout() throws Exception {
        TestHandler h = new TestHandler();
        try (PgServer server = PgServer.builder().port(0).authTimeout(Duration.ofMillis(300)).sessionFactory(h).start();
             RawConnection c = new RawConnection(server.port())) {
            c.raw(new byte[] {0, 0, 0}); // an incomplete length word, then silence
            List<BackendMessage> got = c.readUntilClosed();
            assertThat(code(got.get(0))).isEqualTo("57014");
        }
    }

    @Test
    void shutdown_closes_idle_sessions_with_57P01_and_lets_in_flight_work_finish() throws Exception {
        TestHandler h = new TestHandler();
        h.running = new CountDownLatch(1);
        PgServer server = PgServer.builder().port(0).sessionFactory(h).start();
        try (RawConnection idle = RawConnection.startup(server.port(), "idle");
             RawConnection busy = RawConnection.startup(server.port(), "busy")) {
            busy.send(new Query("hold"));
            assertThat(h.running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(20)));
            List<BackendMessage> idleGot = idle.readUntilClosed();
            assertThat(code(idleGot.get(0))).isEqualTo("57P01");
            h.holdRelease.release();
            List<BackendMessage> busyGot = busy.readUntilClosed();
            assertThat(busyGot.get(0)).isEqualTo(new CommandComplete("HOLD"));
            assertThat(code(busyGot.get(busyGot.size() - 1))).isEqualTo("57P01");
            stopping.get(20, TimeUnit.SECONDS);
            assertThat(h.closed.get()).isEqualTo(h.opened.get());
        }
    }
}
