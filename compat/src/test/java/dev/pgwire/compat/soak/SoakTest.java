package dev.pgwire.compat.soak;

import dev.pgwire.compat.Scripts;
import dev.pgwire.serve.DuckDbSessionFactory;
import dev.pgwire.serve.ServeOptions;
import dev.pgwire.server.PgServer;
import dev.pgwire.testkit.ExternalProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak: about 200 clients through four drivers — pgjdbc in this JVM, psycopg 3 (threads) and
 * asyncpg (coroutines) in two Python processes, node-postgres in a Node process — against one
 * serve for a bounded time, each mixing autocommit inserts, batched transactions (committed or
 * rolled back), COPY FROM STDIN, reads, and connections dropped idle, inside a transaction or
 * inside COPY. Every client keeps a ledger of what it was told (see {@link Ledger}). Afterwards:
 * every acknowledged row is in the table exactly once, nothing rolled back or dropped is, each
 * client's committed-transaction counter matches its acknowledgements, no client met an error
 * other than a write conflict (40001), and serve holds no session, DuckDB instance, socket, data
 * file, busy thread, native engine thread or heap beyond what it held before.
 *
 * <p>{@code -Dsoak.seconds=N} (default 30, what the build runs) and {@code -Dsoak.clients=N}
 * (default 200) size it; {@code bin/soak} runs the long version (docs/RELIABILITY.md).
 */
@Tag("soak")
class SoakTest {
    /** Server errors a client may meet under concurrent writes: a conflict between transactions. */
    static final Set<String> EXPECTED_SQLSTATES = Set.of("40001");

    private static final String HOST = "127.0.0.1";
    private static final String USER = "postgres";
    private static final String DB = "postgres";

    @Test
    void clients_of_four_drivers_writing_copying_and_disconnecting_at_random_lose_nothing_and_leak_nothing(
            @TempDir Path dataDir) throws Exception {
        int seconds = Integer.getInteger("soak.seconds", 30);
        int clients = Integer.getInteger("soak.clients", 200);
        long seed = Long.getLong("soak.seed", System.nanoTime() % 100_000);
        int jdbc = clients * 2 / 5;
        int psycopg = clients / 5;
        int asyncpg = clients / 5;
        int node = clients - jdbc - psycopg - asyncpg;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            names.add(i < jdbc ? "pgjdbc-" + i : i < jdbc + psycopg ? "psycopg-" + i
                    : i < jdbc + psycopg + asyncpg ? "asyncpg-" + i : "node-pg-" + i);
        }
        System.out.printf("soak: %d s, %d clients (pgjdbc %d, psycopg %d, asyncpg %d, node-postgres %d), seed %d%n",
                seconds, clients, jdbc, psycopg, asyncpg, node, seed);

        try (DuckDbSessionFactory engine = new DuckDbSessionFactory(ServeOptions.inDirectory(dataDir)
                     .withIdleClose(Duration.ofSeconds(1)));
             PgServer server = PgServer.builder().host(HOST).port(0).maxConnections(clients + 50)
                     .sessionFactory(engine).start()) {
            int port = server.port();
            try (Connection c = connect(port); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE soak_rows (id BIGINT NOT NULL, client TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT)");
                st.execute("CREATE TABLE soak_counters (client TEXT PRIMARY KEY, n BIGINT NOT NULL)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO soak_counters VALUES (?, 0)")) {
                    for (String n : names) {
                        ps.setString(1, n);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            awaitIdle(server, engine);
            Resources before = Resources.take();

            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
            Duration processTimeout = Duration.ofSeconds(seconds + 180L);
            List<String> common = List.of(HOST, Integer.toString(port), DB, USER);
            CompletableFuture<ExternalProcess.Result> py = CompletableFuture.supplyAsync(() -> Scripts.python("soak_clients.py",
                    args("psycopg", common, psycopg, jdbc, seconds, seed), processTimeout));
            CompletableFuture<ExternalProcess.Result> apg = CompletableFuture.supplyAsync(() -> Scripts.python("soak_clients.py",
                    args("asyncpg", common, asyncpg, jdbc + psycopg, seconds, seed), processTimeout));
            CompletableFuture<ExternalProcess.Result> js = CompletableFuture.supplyAsync(() -> Scripts.node("soak_clients.js",
                    args(null, common, node, jdbc + psycopg + asyncpg, seconds, seed), processTimeout));
            ExecutorService pool = Executors.newFixedThreadPool(jdbc);
            List<CompletableFuture<Ledger>> jdbcRuns = new ArrayList<>();
            for (int i = 0; i < jdbc; i++) {
                JdbcSoakClient client = new JdbcSoakClient(HOST, port, DB, USER, i, deadline, seed * 1000 + i);
                jdbcRuns.add(CompletableFuture.supplyAsync(client::run, pool));
            }

            List<Ledger> ledgers = new ArrayList<>();
            for (CompletableFuture<Ledger> f : jdbcRuns) ledgers.add(f.get(seconds + 180L, TimeUnit.SECONDS));
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            for (CompletableFuture<ExternalProcess.Result> f : List.of(py, apg, js)) {
                ExternalProcess.Result r = f.get(seconds + 240L, TimeUnit.SECONDS);
                assertThat(r.exitCode()).as(Scripts.describe(r)).isZero();
                for (Map<String, Object> line : Scripts.jsonLines(r)) ledgers.add(Ledger.fromJson(line));
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            assertThat(ledgers).extracting(l -> l.client).containsExactlyInAnyOrderElementsOf(names);

            long checked = checkRows(port, ledgers);
            report(ledgers, elapsed, checked);

            awaitIdle(server, engine);
            Resources after = Resources.take();
            checkNoLeaks(before, after, dataDir);
        }
    }

    private static List<String> args(String driver, List<String> common, int clients, int first, int seconds, long seed) {
        List<String> a = new ArrayList<>();
        if (driver != null) a.add(driver);
        a.addAll(common);
        a.addAll(List.of(Integer.toString(clients), Integer.toString(first), Integer.toString(seconds), Long.toString(seed)));
        return a;
    }

    private static Connection connect(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/" + DB, p);
    }

    /** Every ledger against the table; returns the number of rows checked. */
    private static long checkRows(int port, List<Ledger> ledgers) throws SQLException {
        Map<Long, Integer> present = new HashMap<>();
        Map<String, Long> counters = new HashMap<>();
        try (Connection c = connect(port); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id FROM soak_rows")) {
                while (rs.next()) present.merge(rs.getLong(1), 1, Integer::sum);
            }
            try (ResultSet rs = st.executeQuery("SELECT client, n FROM soak_counters")) {
                while (rs.next()) counters.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<String> problems = new ArrayList<>();
        Set<Long> accounted = new HashSet<>();
        for (Ledger l : ledgers) {
            for (String u : l.unexpected) problems.add(l.client + " met an unexpected error: " + u);
            for (long id : l.acked) {
                int n = present.getOrDefault(id, 0);
                if (n != 1) problems.add(l.client + ": acknowledged row " + id + " is there " + n + " times");
                accounted.add(id);
            }
            for (long id : l.absent) {
                if (present.containsKey(id)) problems.add(l.client + ": row " + id + " of a rolled-back, refused or dropped write is there");
                accounted.add(id);
            }
            for (long id : l.indoubt) {
                if (present.getOrDefault(id, 0) > 1) problems.add(l.client + ": row " + id + " (in doubt) is there more than once");
                accounted.add(id);
            }
            long n = counters.getOrDefault(l.client, -1L);
            if (n < l.txAcked || n > l.txAcked + l.txInDoubt) {
                problems.add(l.client + ": counter " + n + " after " + l.txAcked + " acknowledged and " + l.txInDoubt
                        + " in-doubt transactions");
            }
        }
        for (long id : present.keySet()) {
            if (!accounted.contains(id)) problems.add("row " + id + " was written by no client");
        }
        assertThat(problems).as("%d problems, first ones", problems.size()).isEmpty();
        return present.values().stream().mapToLong(Integer::longValue).sum();
    }

    private static void report(List<Ledger> ledgers, double elapsed, long rows) {
        Map<String, long[]> byDriver = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        for (Ledger l : ledgers) {
            long[] t = byDriver.computeIfAbsent(l.driver, d -> new long[5]);
            t[0]++;
            t[1] += l.ops;
            t[2] += l.acked.size();
            t[3] += l.txAcked;
            t[4] += l.disconnects;
            l.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        }
        StringBuilder sb = new StringBuilder(String.format("soak: %.1f s, %d rows checked%n", elapsed, rows));
        long ops = 0;
        for (Map.Entry<String, long[]> e : byDriver.entrySet()) {
            long[] t = e.getValue();
            ops += t[1];
            sb.append(String.format("  %-14s %4d clients %8d operations %8d rows acknowledged %6d transactions %5d disconnects%n",
                    e.getKey(), t[0], t[1], t[2], t[3], t[4]));
        }
        sb.append(String.format("  total %d operations (%.0f/s); errors by SQLSTATE %s%n", ops, ops / elapsed, errors));
        Map<String, double[]> timing = new TreeMap<>();
        for (Ledger l : ledgers) {
            l.timing.forEach((k, v) -> {
                double[] t = timing.computeIfAbsent(l.driver + " " + k, x -> new double[3]);
                t[0] += v[0];
                t[1] += v[1];
                t[2] = Math.max(t[2], v[2]);
            });
        }
        timing.forEach((k, t) -> sb.append(String.format("  %-22s %7.0f × mean %6.1f ms, longest %7.1f ms%n",
                k, t[0], t[0] == 0 ? 0 : t[1] * 1000 / t[0], t[2] * 1000)));
        System.out.print(sb);
    }

    /** Waits (at most 60 s) until serve has no session and no open DuckDB instance. */
    private static void awaitIdle(PgServer server, DuckDbSessionFactory engine) {
        BooleanSupplier idle = () -> server.activeSessions() == 0 && engine.openSessions() == 0 && engine.openEngines() == 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!idle.getAsBoolean() && System.nanoTime() < end) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(server.activeSessions()).as("sessions the server still holds").isZero();
        assertThat(engine.openSessions()).as("serve sessions not closed").isZero();
        assertThat(engine.openEngines()).as("DuckDB instances still open").isZero();
    }

    private static boolean idleInPool(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && f.getMethodName().equals("getTask")) return true;
        }
        return false;
    }

    private static void checkNoLeaks(Resources before, Resources after, Path dataDir) {
        List<String> problems = new ArrayList<>();
        Set<String> baseline = new HashSet<>();
        for (Thread t : before.javaThreads().keySet()) baseline.add(t.getName());
        Map<String, Integer> newThreads = new TreeMap<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : after.javaThreads().entrySet()) {
            Thread t = e.getKey();
            if (baseline.contains(t.getName()) || !t.isAlive()) continue;
            String name = t.getName();
            String family = name.replaceAll("-?\\d+$", "");
            newThreads.merge(family, 1, Integer::sum);
            // the server's worker pool keeps idle threads for a while; one still running a session is a leak
            if (name.startsWith("pgwire-worker") && idleInPool(e.getValue())) continue;
            if (name.startsWith("pgwire-io")) continue; // a fixed number, started as connections arrive
            // housekeeping of the JDK and of the clients' libraries, idle
            if (name.equals("process reaper") || name.startsWith("ForkJoinPool") || name.startsWith("PostgreSQL-JDBC")) continue;
            problems.add("thread " + name + " (" + t.getState() + ") at " + (e.getValue().length > 0 ? e.getValue()[0] : "?"));
        }
        System.out.printf("soak: resources before/after — JVM threads %d/%d (new: %s), native threads %d/%d, fds %d/%d,"
                        + " sockets %d/%d, heap after GC %d/%d MiB%n",
                before.jvmThreadCount(), after.jvmThreadCount(), newThreads, before.nativeThreads(), after.nativeThreads(),
                before.openFiles().size(), after.openFiles().size(), before.sockets(), after.sockets(),
                before.heapAfterGc() >> 20, after.heapAfterGc() >> 20);
        if (before.nativeThreads() >= 0 && after.nativeThreads() > before.nativeThreads() + 4) {
            problems.add("native threads " + before.nativeThreads() + " before, " + after.nativeThreads() + " after");
        }
        if (after.sockets() > before.sockets()) {
            problems.add("sockets " + before.sockets() + " before, " + after.sockets() + " after");
        }
        if (after.filesUnder(dataDir) > 0) {
            problems.add("files of the data directory still open: " + after.openFiles().stream()
                    .filter(f -> f.startsWith(dataDir.toAbsolutePath().toString())).toList());
        }
        if (after.openFiles().size() > before.openFiles().size() + 16) {
            problems.add("file descriptors " + before.openFiles().size() + " before, " + after.openFiles().size() + " after");
        }
        long slack = 64L << 20;
        if (after.heapAfterGc() > before.heapAfterGc() + slack) {
            problems.add("heap after GC " + (before.heapAfterGc() >> 20) + " MiB before, " + (after.heapAfterGc() >> 20) + " MiB after");
        }
        assertThat(problems).isEmpty();
        assertThat(Files.isDirectory(dataDir)).isTrue();
    }
}
