package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.Sync;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client cannot exhaust the heap within the documented limits: large messages, statements and
 * portals are counted against the session's and the server's memory, a message that does not fit
 * is answered with an error (54000 / 53200) and skipped unread, the session and every other
 * session go on, and pipelined messages wait in the socket instead of the heap.
 */
class MemoryLimitsTest {
    private static final int MB = 1 << 20;

    /** Streams a Query of {@code sqlBytes} bytes: {@code prefix} then spaces, without building it in memory. */
    private static void sendLargeQuery(RawConnection c, String prefix, long sqlBytes) throws IOException {
        OutputStream out = new BufferedOutputStream(c.socket.getOutputStream(), 1 << 16);
        long length = 4 + sqlBytes + 1;
        out.write('Q');
        out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        out.write(p);
        byte[] chunk = new byte[1 << 16];
        Arrays.fill(chunk, (byte) 'x');
        for (long left = sqlBytes - p.length; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.write(0);
        out.flush();
    }

    /** A query answered: every message before it has been handled and its memory given back. */
    private static void roundTrip(RawConnection c) throws IOException {
        c.send(new Query("set"));
        assertThat(c.readUntilReady()).containsExactly(new CommandComplete("SET"), ReadyForQuery.IDLE);
    }

    private static String code(BackendMessage m) {
        assertThat(m).isInstanceOf(ErrorResponse.class);
        return ((ErrorResponse) m).fields().get('C');
    }

    @Test
    void with_the_default_limits_a_100_MB_query_is_refused_with_54000_unread_and_the_session_goes_on() throws Exception {
        // The defaults are fractions of the heap (tests run with 1 GiB: 64 MiB per session).
        long size = Math.max(100L * MB, ServerConfig.defaultMaxSessionMemory() + MB);
        try (PgServer server = PgServer.builder().port(0).sessionFactory(new TestHandler()).start();
             RawConnection c = RawConnection.startup(server.port(), "big")) {
            sendLargeQuery(c, "echo ", size);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(code(got.get(0))).isEqualTo("54000");
            assertThat(((ErrorResponse) got.get(0)).fields().get('S')).isEqualTo("ERROR");
            assertThat(got).hasSize(2).last().isEqualTo(ReadyForQuery.IDLE);
            c.send(new Query("echo still here"));
            assertThat(c.readUntilReady()).hasSize(4).last().isEqualTo(ReadyForQuery.IDLE);
            assertThat(server.state().memory.used()).isZero();
            assertThat(server.state().memory.peak()).isLessThan(MB);
        }
    }

    @Test
    void three_large_queries_at_once_the_one_beyond_the_servers_memory_gets_53200_and_others_carry_on() throws Exception {
        // The three 60 MB queries against the 1 GiB defaults (64 MiB per session, 128 MiB in
        // all), scaled down by four to keep the test quick.
        TestHandler h = new TestHandler();
        h.running = new CountDownLatch(2);
        try (PgServer server = PgServer.builder().port(0).maxSessionMemory(16L * MB).maxServerMemory(32L * MB)
                .sessionFactory(h).start();
             RawConnection a = RawConnection.startup(server.port(), "a");
             RawConnection b = RawConnection.startup(server.port(), "b");
             RawConnection c = RawConnection.startup(server.port(), "c");
             RawConnection d = RawConnection.startup(server.port(), "d")) {
            sendLargeQuery(a, "hold ", 15L * MB);
            sendLargeQuery(b, "hold ", 15L * MB);
            assertThat(h.running.await(20, TimeUnit.SECONDS)).isTrue(); // both run, holding 30 MB
            sendLargeQuery(c, "set ", 15L * MB);
            List<BackendMessage> refused = c.readUntilReady();
            assertThat(code(refused.get(0))).isEqualTo("53200");
            assertThat(((ErrorResponse) refused.get(0)).fields().get('M')).isEqualTo("out of memory");
            assertThat(refused).hasSize(2);
            d.send(new Query("echo small queries run meanwhile"));
            assertThat(d.readUntilReady()).hasSize(4);

            h.holdRelease.release(2);
            assertThat(a.readUntilReady()).containsExactly(new CommandComplete("HOLD"), ReadyForQuery.IDLE);
            assertThat(b.readUntilReady()).containsExactly(new CommandComplete("HOLD"), ReadyForQuery.IDLE);
            sendLargeQuery(c, "set ", 15L * MB); // fits now
            assertThat(c.readUntilReady()).containsExactly(new CommandComplete("SET"), ReadyForQuery.IDLE);
            for (RawConnection x : List.of(a, b, c)) roundTrip(x); // each has finished with its message
            assertThat(server.state().memory.used()).isZero();
            assertThat(server.state().memory.peak()).isLessThanOrEqualTo(32L * MB);
        }
    }

    @Test
    void pipelined_1_MB_queries_behind_a_slow_one_wait_in_the_socket_and_all_are_answered() throws Exception {
        TestHandler h = new TestHandler();
        h.running = new CountDownLatch(1);
        int n = 400;
        try (PgServer server = PgServer.builder().port(0).sessionFactory(h).start();
             RawConnection c = RawConnection.startup(server.port(), "p")) {
            c.send(new Query("hold"));
            assertThat(h.running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < n; i++) sendLargeQuery(c, "set ", MB);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            h.holdRelease.release();
            assertThat(c.readUntilReady()).containsExactly(new CommandComplete("HOLD"), ReadyForQuery.IDLE);
            for (int i = 0; i < n; i++) {
                assertThat(c.readUntilReady()).as("query " + i).containsExactly(new CommandComplete("SET"), ReadyForQuery.IDLE);
            }
            writer.get(30, TimeUnit.SECONDS);
            roundTrip(c);
            // 400 MB went through; at most a few MB of it were ever held at once.
            assertThat(server.state().memory.peak()).isLessThan(16L * MB);
            assertThat(server.state().memory.used()).isZero();
        }
    }

    @Test
    void statements_and_portals_count_against_the_session_and_closing_them_gives_the_room_back() throws Exception {
        try (PgServer server = PgServer.builder().port(0).maxSessionMemory(MB).sessionFactory(new TestHandler()).start();
             RawConnection c = RawConnection.startup(server.port(), "s")) {
            String text = "echo " + "y".repeat(120_000); // about 240 kB held per statement: four fit in 1 MiB
            for (int i = 0; i < 4; i++) c.send(new Parse("s" + i, text, new int[0]));
            c.send(new Parse("s4", text, new int[0]), new Parse("s5", text, new int[0]), Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got.subList(0, 4)).allMatch(m -> m.getClass().getSimpleName().equals("ParseComplete"));
            assertThat(code(got.get(got.size() - 2))).isEqualTo("54000");
            assertThat(((ErrorResponse) got.get(got.size() - 2)).fields().get('M')).contains("prepared statement");

            c.send(new Close('S', "s0"), new Close('S', "s1"), new Parse("s4", text, new int[0]), Sync.INSTANCE);
            assertThat(c.readUntilReady()).extracting(m -> m.getClass().getSimpleName())
                    .containsExactly("CloseComplete", "CloseComplete", "ParseComplete", "ReadyForQuery");

            // parameter values held by a portal count too
            byte[] value = new byte[800_000];
            c.send(new Parse("", "param $1", new int[0]),
                    new Bind("", "", new short[0], new byte[][] {value}, new short[0]), Sync.INSTANCE);
            got = c.readUntilReady();
            assertThat(code(got.get(1))).isEqualTo("54000");
            assertThat(((ErrorResponse) got.get(1)).fields().get('M')).contains("portal");
        }
    }
}
