package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.PortalSuspended;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.Wire;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many sessions at once pipelining simple and extended queries and cancelling at random: a checker
 * matches every response to its request (an echo returns its own token, rows come in order with
 * the right count) or, where a cancel was in flight, to 57014; a cancel sent while a call is
 * known to run always lands.
 */
class StressTest {
    private static final short[] NONE = new short[0];

    /** One request of a pipeline and what must come back for it, up to its ReadyForQuery. */
    private interface Request {
        List<FrontendMessage> messages();

        /** Checks the response (ending with ReadyForQuery); {@code cancelled} allows 57014 in place of a result. */
        void check(List<BackendMessage> got, boolean cancelled);
    }

    private static String text(DataRow row, int i) {
        return new String(row.values()[i], StandardCharsets.UTF_8);
    }

    private static boolean isCancel(List<BackendMessage> got) {
        return got.size() >= 2 && got.get(got.size() - 2) instanceof ErrorResponse e
                && "57014".equals(e.fields().get('C'));
    }

    private record Echo(String token) implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Query("echo " + token));
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            if (cancelled && isCancel(got)) return;
            assertThat(got).hasSize(4);
            assertThat(text((DataRow) got.get(1), 0)).isEqualTo(token);
        }
    }

    private record Rows(int n) implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Query("rows " + n));
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            assertThat(got.get(0)).isInstanceOf(RowDescription.class);
            int i = 1;
            for (; got.get(i) instanceof DataRow row; i++) assertThat(text(row, 0)).isEqualTo(Integer.toString(i - 1));
            if (cancelled && isCancel(got)) return;
            assertThat(i - 1).isEqualTo(n);
            assertThat(got.get(i)).isEqualTo(new CommandComplete("SELECT " + n));
            assertThat(got).hasSize(i + 2);
        }
    }

    /** Parse, Bind and Execute with a row limit, then Sync: rows up to the limit, then suspension or completion. */
    private record Portal(int n, int limit) implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Parse("", "rows " + n, new int[0]), new Bind("", "", NONE, new byte[0][], NONE),
                    new Execute("", limit), Sync.INSTANCE);
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            // the cancel may land on Parse or Bind as well: then 57014 and ReadyForQuery are the whole answer
            if (cancelled && isCancel(got) && got.size() <= 4 && got.stream().noneMatch(m -> m instanceof DataRow)) return;
            assertThat(got.get(0).getClass().getSimpleName()).isEqualTo("ParseComplete");
            assertThat(got.get(1).getClass().getSimpleName()).isEqualTo("BindComplete");
            int i = 2;
            for (; got.get(i) instanceof DataRow row; i++) assertThat(text(row, 0)).isEqualTo(Integer.toString(i - 2));
            if (cancelled && isCancel(got)) return;
            int expected = limit == 0 ? n : Math.min(n, limit);
            assertThat(i - 2).isEqualTo(expected);
            assertThat(got.get(i)).isEqualTo(limit > 0 && n > limit ? PortalSuspended.INSTANCE
                    : new CommandComplete("SELECT " + expected));
        }
    }

    private record Failing() implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Query("error 22012"));
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            assertThat(got).hasSize(2);
            assertThat(((ErrorResponse) got.get(0)).fields().get('C')).isIn("22012", cancelled ? "57014" : "22012");
        }
    }

    private static Request randomRequest(Random r, int session, int round, int k) {
        return switch (r.nextInt(5)) {
            case 0, 1 -> new Echo("s" + session + "-r" + round + "-" + k + "-" + r.nextInt(1_000_000));
            case 2 -> new Rows(r.nextInt(300));
            case 3 -> new Portal(r.nextInt(40), r.nextInt(4) * 5);
            default -> new Failing();
        };
    }

    private static void cancel(PgServer server, BackendKeyData key) throws IOException {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new CancelRequest(key.processId(), key.secretKey()));
            assertThat(c.readUntilClosed()).isEmpty();
        }
    }

    /** One client: rounds of pipelined requests, some cancelled at random, some ending in a cancelled wait. */
    private static int client(PgServer server, TestHandler h, int id, long seed) throws Exception {
        Random r = new Random(seed);
        int answered = 0;
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "u" + id)));
            List<BackendMessage> greeting = c.readUntilReady();
            BackendKeyData key = (BackendKeyData) greeting.get(greeting.size() - 2);
            for (int round = 0; round < 20; round++) {
                List<Request> batch = new ArrayList<>();
                int n = 1 + r.nextInt(8);
                for (int k = 0; k < n; k++) batch.add(randomRequest(r, id, round, k));
                boolean randomCancel = r.nextInt(5) == 0;
                boolean waitAtEnd = !randomCancel && r.nextInt(6) == 0;
                List<FrontendMessage> all = new ArrayList<>();
                for (Request q : batch) all.addAll(q.messages());
                c.send(all.toArray(FrontendMessage[]::new));
                // lands on whatever runs now, or on nothing; applied before the cancel connection closes
                if (randomCancel) cancel(server, key);
                for (Request q : batch) {
                    List<BackendMessage> got = c.readUntilReady();
                    q.check(got, randomCancel);
                    answered++;
                }
                if (waitAtEnd) {
                    // (sent on its own: output pipelined before a call is held until the call ends)
                    c.send(new Query("wait"));
                    assertThat(h.waitStarted.computeIfAbsent(key.processId(), p -> new java.util.concurrent.Semaphore(0))
                            .tryAcquire(10, TimeUnit.SECONDS)).isTrue();
                    cancel(server, key); // the wait runs now: this cancel must stop it
                    List<BackendMessage> got = c.readUntilReady();
                    assertThat(((ErrorResponse) got.get(0)).fields().get('C')).isEqualTo("57014");
                    answered++;
                }
            }
        }
        return answered;
    }

    @Test
    void many_sessions_pipelining_and_cancelling_at_random_get_every_answer_matched_to_its_request() throws Exception {
        TestHandler h = new TestHandler();
        int clients = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (PgServer server = PgServer.builder().port(0).sessionFactory(h).start()) {
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int id = i;
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return client(server, h, id, 1000L + id);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, pool));
            }
            int total = 0;
            for (CompletableFuture<Integer> run : runs) total += run.get(60, TimeUnit.SECONDS);
            assertThat(total).isGreaterThan(clients * 20);
            // the server closes a session after its client left, on the session's own thread
            assertThat(h.closedSessions.tryAcquire(clients, 30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.state().memory.used()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
