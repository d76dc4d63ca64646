package dev.pgwire.serve;

import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.PortalSuspended;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.server.PgServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve under stress on loopback: many sessions pipelining simple and extended queries and
 * cancelling at random, with a checker that matches every response to its request; a client that
 * never reads a large result; a storm of connections reset mid-message while other sessions work.
 * serve stays up, the other sessions are unaffected, and no session or DuckDB instance is left.
 */
class ServeStressTest {
    private static final short[] NONE = new short[0];
    /** Runs until cancelled: a cross join DuckDB needs hours for. */
    private static final String ENDLESS = "SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000000) b";

    /** One request of a pipeline and what must come back for it, up to its ReadyForQuery. */
    private interface Request {
        List<FrontendMessage> messages();

        /** Checks the response (ending with ReadyForQuery); {@code cancelled} allows 57014 in place of a result. */
        void check(List<BackendMessage> got, boolean cancelled);
    }

    private static String text(BackendMessage row, int i) {
        assertThat(row).isInstanceOf(DataRow.class);
        return new String(((DataRow) row).values()[i], StandardCharsets.UTF_8);
    }

    private static String code(BackendMessage m) {
        assertThat(m).isInstanceOf(ErrorResponse.class);
        return ((ErrorResponse) m).fields().get('C');
    }

    private static boolean isCancel(List<BackendMessage> got) {
        return got.size() >= 2 && got.get(got.size() - 2) instanceof ErrorResponse e && "57014".equals(e.fields().get('C'));
    }

    /** {@code SELECT 'token'}: the token back. */
    private record Echo(String token) implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Query("SELECT '" + token + "' AS token"));
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            if (cancelled && isCancel(got)) return;
            assertThat(got).hasSize(4);
            assertThat(text(got.get(1), 0)).isEqualTo(token);
            assertThat(got.get(2)).isEqualTo(new CommandComplete("SELECT 1"));
        }
    }

    /** n rows 1..n in order. */
    private record Series(int n) implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Query("SELECT i FROM generate_series(1, " + n + ") AS g(i) ORDER BY i"));
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            if (cancelled && isCancel(got)) return;
            assertThat(got.get(0)).isInstanceOf(RowDescription.class);
            for (int i = 1; i <= n; i++) assertThat(text(got.get(i), 0)).isEqualTo(Integer.toString(i));
            assertThat(got.get(n + 1)).isEqualTo(new CommandComplete("SELECT " + n));
            assertThat(got).hasSize(n + 3);
        }
    }

    /** Parse, Bind with a parameter, Execute: the parameter plus one. */
    private record Param(int k) implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Parse("", "SELECT $1::int8 + 1", new int[0]),
                    new Bind("", "", NONE, new byte[][] {Integer.toString(k).getBytes(StandardCharsets.UTF_8)}, NONE),
                    new Execute("", 0), Sync.INSTANCE);
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            if (cancelled && isCancel(got)) return;
            assertThat(got.get(0).getClass().getSimpleName()).isEqualTo("ParseComplete");
            assertThat(got.get(1).getClass().getSimpleName()).isEqualTo("BindComplete");
            assertThat(text(got.get(2), 0)).isEqualTo(Long.toString(k + 1L));
            assertThat(got.get(3)).isEqualTo(new CommandComplete("SELECT 1"));
            assertThat(got).hasSize(5);
        }
    }

    /** A portal with a row limit: rows up to the limit, then PortalSuspended or completion. */
    private record Portal(int n, int limit) implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Parse("", "SELECT i FROM generate_series(1, " + n + ") AS g(i) ORDER BY i", new int[0]),
                    new Bind("", "", NONE, new byte[0][], NONE), new Execute("", limit), Sync.INSTANCE);
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            if (cancelled && isCancel(got)) return;
            int expected = limit == 0 ? n : Math.min(n, limit);
            for (int i = 0; i < expected; i++) assertThat(text(got.get(2 + i), 0)).isEqualTo(Integer.toString(i + 1));
            // as PostgreSQL: a portal stopped at its limit is suspended even when no row is left
            assertThat(got.get(2 + expected)).isEqualTo(limit > 0 && n >= limit ? PortalSuspended.INSTANCE
                    : new CommandComplete("SELECT " + expected));
            assertThat(got).hasSize(expected + 4);
        }
    }

    /** Division by zero: 22012, and the pipeline goes on after it. */
    private record Failing() implements Request {
        public List<FrontendMessage> messages() {
            return List.of(new Query("SELECT 1 / 0"));
        }

        public void check(List<BackendMessage> got, boolean cancelled) {
            assertThat(got).hasSize(2);
            assertThat(code(got.get(0))).isIn("22012", cancelled ? "57014" : "22012");
        }
    }

    private static Request randomRequest(Random r, int session, int round, int k) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> new Echo("s" + session + "r" + round + "k" + k + "x" + r.nextInt(1_000_000));
            case 2 -> new Series(r.nextInt(200));
            case 3 -> new Param(r.nextInt(1_000_000));
            case 4 -> new Portal(1 + r.nextInt(40), r.nextInt(4) * 5);
            default -> new Failing();
        };
    }

    private static List<BackendMessage> answer(WireClient c) throws IOException {
        List<BackendMessage> got = new ArrayList<>();
        for (BackendMessage m : c.readUntilReady()) {
            if (!(m instanceof NoticeResponse) && !(m instanceof ParameterStatus)) got.add(m);
        }
        return got;
    }

    private static List<BackendMessage> ask(WireClient c, String sql) throws IOException {
        c.send(new Query(sql));
        return answer(c);
    }

    private static void cancel(int port, BackendKeyData key) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            ByteBuf b = Unpooled.buffer();
            new CancelRequest(key.processId(), key.secretKey()).encode(b);
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            assertThat(s.getInputStream().read()).as("the server closes a cancel connection without a word").isEqualTo(-1);
        }
    }

    private static BackendKeyData key(WireClient c) {
        return (BackendKeyData) c.greeting.stream().filter(m -> m instanceof BackendKeyData).findFirst().orElseThrow();
    }

    /** Sends the endless query, cancels until the cancel lands, and expects 57014 for it. */
    private static void cancelEndless(WireClient c, int port) throws IOException {
        c.send(new Query(ENDLESS));
        c.socket.setSoTimeout(250);
        List<BackendMessage> got = null;
        for (int attempt = 0; got == null; attempt++) {
            assertThat(attempt).as("a cancel lands within 60 s").isLessThan(240);
            cancel(port, key(c)); // before the query runs it lands on nothing: sent again
            try {
                got = answer(c);
            } catch (SocketTimeoutException e) {
                // still running
            }
        }
        c.socket.setSoTimeout(30_000);
        assertThat(code(got.get(0))).isEqualTo("57014");
        assertThat(got.get(got.size() - 1)).isEqualTo(ReadyForQuery.IDLE);
    }

    /** One client: rounds of pipelined requests, some cancelled at random, some ending in an endless query cancelled. */
    private static int client(int port, int id, long seed) throws Exception {
        Random r = new Random(seed);
        int answered = 0;
        try (WireClient c = WireClient.connect(port, "postgres", "postgres")) {
            for (int round = 0; round < 12; round++) {
                List<Request> batch = new ArrayList<>();
                int n = 1 + r.nextInt(8);
                for (int k = 0; k < n; k++) batch.add(randomRequest(r, id, round, k));
                boolean randomCancel = r.nextInt(4) == 0;
                List<FrontendMessage> all = new ArrayList<>();
                for (Request q : batch) all.addAll(q.messages());
                c.send(all.toArray(FrontendMessage[]::new));
                if (randomCancel) cancel(port, key(c)); // lands on whatever runs now, or on nothing
                for (Request q : batch) {
                    q.check(answer(c), randomCancel);
                    answered++;
                }
                if (r.nextInt(5) == 0) {
                    cancelEndless(c, port);
                    answered++;
                }
            }
            assertThat(text(ask(c, "SELECT 'still here'").get(1), 0)).isEqualTo("still here");
        }
        return answered;
    }

    private static boolean await(BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) return false;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    private static String counts(PgServer server, DuckDbSessionFactory engine) {
        return "server sessions " + server.activeSessions() + ", serve sessions " + engine.openSessions()
                + ", engines " + engine.openEngines();
    }

    private static void awaitNothingLeft(PgServer server, DuckDbSessionFactory engine) {
        assertThat(await(() -> server.activeSessions() == 0 && engine.openSessions() == 0 && engine.openEngines() == 0,
                Duration.ofSeconds(30))).as("no session or engine left: %s", counts(server, engine)).isTrue();
    }

    /**
     * Cancels sent without pause while a session runs short pipelined batches: each lands on some
     * statement, between statements, or on the BEGIN, COMMIT or ROLLBACK around them. Every
     * answer is its result or 57014, and no cancel leaves DuckDB in a transaction the session does
     * not know of (which answered a later, uncancelled statement with 25P02).
     */
    @Test
    void cancels_landing_between_statements_never_leave_a_later_statement_in_a_failed_transaction() throws Exception {
        try (DuckDbSessionFactory engine = engine();
             PgServer server = PgServer.builder().port(0).sessionFactory(engine).start();
             WireClient c = WireClient.connect(server.port(), "postgres", "postgres")) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            Thread canceller = new Thread(() -> {
                try {
                    while (!done.get() && sent.incrementAndGet() < 5_000) cancel(server.port(), key(c));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            canceller.start();
            List<String> codes = new ArrayList<>();
            try {
                for (int round = 0; round < 300; round++) {
                    List<Request> batch = List.of(new Param(round), new Portal(10, 5), new Failing(), new Echo("r" + round));
                    List<FrontendMessage> all = new ArrayList<>();
                    for (Request q : batch) all.addAll(q.messages());
                    c.send(all.toArray(FrontendMessage[]::new));
                    for (Request q : batch) {
                        List<BackendMessage> got = answer(c);
                        for (BackendMessage m : got) if (m instanceof ErrorResponse e) codes.add(e.fields().get('C'));
                        q.check(got, true);
                    }
                }
            } finally {
                done.set(true);
                canceller.join();
            }
            assertThat(codes).as("cancels sent: %d", sent.get()).isSubsetOf("57014", "22012").contains("57014");
            assertThat(text(ask(c, "SELECT 'still here'").get(1), 0)).isEqualTo("still here");
        }
    }

    @Test
    void a_client_reset_while_its_query_runs_inside_duckdb_has_the_query_stopped_and_the_session_closed() throws Exception {
        try (DuckDbSessionFactory engine = engine();
             PgServer server = PgServer.builder().port(0).sessionFactory(engine).start()) {
            for (int i = 0; i < 3; i++) {
                WireClient c = WireClient.connect(server.port(), "postgres", "postgres");
                c.send(new Query(ENDLESS));
                c.reset();
            }
            awaitNothingLeft(server, engine);
        }
    }

    @TempDir
    Path dataDir;

    /** Files, so that an engine closes with its last session (an in-memory database stays open to keep its data). */
    private DuckDbSessionFactory engine() {
        return new DuckDbSessionFactory(ServeOptions.inDirectory(dataDir).withIdleClose(Duration.ZERO));
    }

    @Test
    void many_sessions_pipelining_and_cancelling_at_random_get_every_answer_matched_to_its_request() throws Exception {
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (DuckDbSessionFactory engine = engine();
             PgServer server = PgServer.builder().port(0).sessionFactory(engine).start()) {
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int id = i;
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return client(server.port(), id, 7_000L + id);
                    } catch (Exception e) {
                        throw new RuntimeException("client " + id, e);
                    }
                }, pool));
            }
            int total = 0;
            for (CompletableFuture<Integer> run : runs) total += run.get(180, TimeUnit.SECONDS);
            assertThat(total).isGreaterThan(clients * 12);
            awaitNothingLeft(server, engine);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_client_that_never_reads_a_large_result_holds_back_only_its_own_session() throws Exception {
        try (DuckDbSessionFactory engine = engine();
             PgServer server = PgServer.builder().port(0).sessionFactory(engine).start()) {
            WireClient stuck = WireClient.connect(server.port(), "postgres", "postgres");
            stuck.socket.setReceiveBufferSize(32 * 1024);
            stuck.send(new Query("SELECT i, repeat('x', 500) FROM generate_series(1, 100000000) AS g(i)"));
            // meanwhile other sessions are served, one after another and side by side
            for (int i = 0; i < 20; i++) {
                try (WireClient other = WireClient.connect(server.port(), "postgres", "postgres")) {
                    List<BackendMessage> got = ask(other, "SELECT " + i);
                    assertThat(text(got.get(1), 0)).isEqualTo(Integer.toString(i));
                }
            }
            assertThat(await(() -> engine.openSessions() == 1, Duration.ofSeconds(30)))
                    .as("only the stuck session is left open: %d", engine.openSessions()).isTrue();
            long heapBefore = usedHeapAfterGc();
            try (WireClient other = WireClient.connect(server.port(), "postgres", "postgres")) {
                Series s = new Series(150);
                other.send(s.messages().toArray(FrontendMessage[]::new));
                s.check(answer(other), false);
            }
            assertThat(usedHeapAfterGc()).as("the unread result does not pile up in the heap").isLessThan(heapBefore + (64L << 20));
            // the reader goes away without reading: its query is stopped and its session closed
            stuck.reset();
            awaitNothingLeft(server, engine);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static byte[] bytes(FrontendMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        byte[] a = new byte[b.readableBytes()];
        b.readBytes(a);
        b.release();
        return a;
    }

    @Test
    void a_storm_of_connections_reset_mid_message_leaves_serve_up_other_sessions_unaffected_and_nothing_behind()
            throws Exception {
        int connections = 200;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DuckDbSessionFactory engine = engine();
             PgServer server = PgServer.builder().port(0).maxConnections(64).sessionFactory(engine).start()) {
            // a steady session works through the storm and must see every answer
            AtomicBoolean storming = new AtomicBoolean(true);
            AtomicInteger steadyAnswers = new AtomicInteger();
            CompletableFuture<Void> steady = CompletableFuture.runAsync(() -> {
                try (WireClient c = WireClient.connect(server.port(), "postgres", "postgres")) {
                    Random r = new Random(1);
                    for (int i = 0; storming.get() || i < 10; i++) {
                        Request q = r.nextBoolean() ? new Echo("steady" + i) : new Series(r.nextInt(100));
                        c.send(q.messages().toArray(FrontendMessage[]::new));
                        q.check(answer(c), false);
                        steadyAnswers.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            List<CompletableFuture<Void>> storm = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                long seed = i;
                storm.add(CompletableFuture.runAsync(() -> stormOne(server.port(), new Random(seed)), pool));
            }
            for (CompletableFuture<Void> f : storm) f.get(120, TimeUnit.SECONDS);
            storming.set(false);
            steady.get(60, TimeUnit.SECONDS);
            assertThat(steadyAnswers.get()).isGreaterThanOrEqualTo(10);
            awaitNothingLeft(server, engine);
            // every slot came back: as many sessions as the limit allows still get in and work
            List<WireClient> again = new ArrayList<>();
            for (int i = 0; i < 64; i++) again.add(WireClient.connect(server.port(), "postgres", "postgres"));
            assertThat(text(ask(again.get(63), "SELECT 42").get(1), 0)).isEqualTo("42");
            for (WireClient c : again) c.close();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Connects, then sends a query whole (never reading its answer) or cut anywhere, and resets the connection. */
    private static void stormOne(int port, Random r) {
        for (int attempt = 0; ; attempt++) {
            WireClient c;
            try {
                c = WireClient.connect(port, "postgres", "postgres");
            } catch (IOException e) {
                // 53300 while the server has not yet seen earlier resets: try again
                assertThat(e.getMessage()).contains("53300");
                assertThat(attempt).isLessThan(2000);
                continue;
            }
            try {
                String sql = switch (r.nextInt(4)) {
                    case 0 -> ENDLESS;
                    case 1 -> "SELECT i, repeat('y', 200) FROM generate_series(1, 1000000) AS g(i)";
                    case 2 -> "INSERT INTO nowhere VALUES ('z')";
                    default -> "SELECT '" + "z".repeat(r.nextInt(20_000)) + "'";
                };
                byte[] all = bytes(r.nextBoolean() ? new Query(sql)
                        : new Parse("", sql, new int[0]));
                int cut = r.nextInt(3) == 0 ? all.length : r.nextInt(all.length);
                c.raw(Arrays.copyOf(all, cut));
                c.reset();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            return;
        }
    }
}
