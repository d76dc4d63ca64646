package dev.pgwire.serve;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * SELECT … FOR UPDATE / FOR SHARE lock rows between sessions as PostgreSQL's do: SKIP LOCKED
 * passes rows another transaction holds (job queues), NOWAIT fails with 55P03, a plain lock waits
 * for the holder's transaction and then reads what it committed, lock_timeout and deadlocks end
 * the wait with 55P03 and 40P01, and locks go with the transaction.
 */
class RowLocksTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres");
    }

    static List<Integer> ids(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            List<Integer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getInt(1));
            }
            return out;
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @BeforeEach
    void jobs() throws SQLException {
        try (Connection c = connect()) {
            exec(c, "DROP TABLE IF EXISTS jobs");
            exec(c, "CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL, n int NOT NULL DEFAULT 0, worker int)");
            exec(c, "INSERT INTO jobs (id, state) SELECT g, 'new' FROM generate_series(1, 200) g");
        }
    }

    /** Waits until session {@code pid} waits for a row lock, as pg_stat_activity shows it. */
    static void awaitRowWait(Connection c, int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!"Lock/transactionid".equals(text(c, "SELECT coalesce(max(wait_event_type || '/' || wait_event), '')"
                + " FROM pg_stat_activity WHERE pid = " + pid))) {
            if (System.nanoTime() > deadline) throw new AssertionError("session " + pid + " never waited for a row");
            Thread.onSpinWait();
        }
    }

    /** A statement that may fail. */
    @FunctionalInterface
    interface SqlCall {
        Object call() throws SQLException;
    }

    /** Runs {@code call} on another thread: what it returns, or the SQLSTATE of its error. */
    static CompletableFuture<Object> inBackground(SqlCall call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (SQLException e) {
                return e.getSQLState();
            }
        });
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeUpdate();
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void anUpdateReturningOfAKeyedTableNeitherLosesNorOverwritesAnotherWriterChange() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Connection watch = connect()) {
            int pidB = Integer.parseInt(text(b, "SELECT pg_backend_pid()"));
            a.setAutoCommit(false);
            // a's UPDATE … RETURNING holds its row: b's UPDATE waits for a's commit and then changes a's value
            assertThat(ids(a, "UPDATE jobs SET n = n + 1 WHERE id = 1 RETURNING n")).containsExactly(1);
            CompletableFuture<Object> plain = inBackground(() -> update(b, "UPDATE jobs SET n = n * 100 WHERE id = 1"));
            awaitRowWait(watch, pidB);
            a.commit();
            assertThat(plain.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(ids(watch, "SELECT n FROM jobs WHERE id = 1")).containsExactly(100);
            // a's plain UPDATE is not committed: b's UPDATE … RETURNING does not write over it (DuckDB alone would)
            exec(a, "UPDATE jobs SET n = n + 1 WHERE id = 2");
            CompletableFuture<Object> returning = inBackground(() -> ids(b, "UPDATE jobs SET n = n * 100 + 5 WHERE id = 2 RETURNING n"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!returning.isDone() && !"active".equals(text(watch, "SELECT coalesce(max(state), '') FROM pg_stat_activity WHERE pid = " + pidB))) {
                if (System.nanoTime() > deadline) throw new AssertionError("the UPDATE … RETURNING never ran");
                Thread.onSpinWait();
            }
            a.commit();
            assertThat(returning.get(20, TimeUnit.SECONDS)).isEqualTo(List.of(105));
            assertThat(ids(watch, "SELECT n FROM jobs WHERE id = 2")).containsExactly(105);
        }
    }

    @Test
    void skipLockedGivesTwoTransactionsDifferentRows() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            String next = "SELECT id FROM jobs WHERE state = ? ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED";
            assertThat(ids(a, next, "new")).containsExactly(1, 2);
            assertThat(ids(b, next, "new")).containsExactly(3, 4);
            assertThat(ids(b, "SELECT id FROM jobs WHERE id <= 5 ORDER BY id FOR UPDATE SKIP LOCKED")).containsExactly(3, 4, 5);
            exec(a, "UPDATE jobs SET state = 'done' WHERE id IN (1, 2)");
            a.commit();
            b.rollback(); // its rows are free again
            assertThat(ids(a, next, "new")).containsExactly(3, 4);
            a.commit();
        }
    }

    @Test
    void workersOnAQueueTakeEveryJobExactlyOnce() throws Exception {
        ConcurrentHashMap<Integer, Integer> takenBy = new ConcurrentHashMap<>();
        runWorkers(8, (c, worker) -> {
            int done = 0;
            while (true) {
                List<Integer> job = ids(c, "SELECT id FROM jobs WHERE state = 'new' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
                if (job.isEmpty()) {
                    c.commit();
                    return done;
                }
                Integer before = takenBy.putIfAbsent(job.get(0), worker);
                if (before != null) throw new AssertionError("job " + job.get(0) + " taken by " + before + " and " + worker);
                try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'done', n = n + 1, worker = ? WHERE id = ?")) {
                    ps.setInt(1, worker);
                    ps.setInt(2, job.get(0));
                    ps.executeUpdate();
                }
                c.commit();
                done++;
            }
        });
    }

    @Test
    void aLockingSubqueryOrWithQueryTakesItsRowsBeforeTheStatementRuns() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            String take = "UPDATE jobs SET state = 'taken' WHERE id = (SELECT id FROM jobs WHERE state = ? ORDER BY id LIMIT 1"
                    + " FOR UPDATE SKIP LOCKED) RETURNING id";
            assertThat(ids(a, take, "new")).containsExactly(1);
            assertThat(ids(b, take, "new")).containsExactly(2); // row 1 is a's until it commits
            String takeWith = "WITH next AS (SELECT id FROM jobs WHERE state = 'new' ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " UPDATE jobs SET state = 'taken' FROM next WHERE jobs.id = next.id RETURNING jobs.id";
            assertThat(ids(a, takeWith, 2)).containsExactly(3, 4);
            assertThat(ids(b, takeWith, 1)).containsExactly(5);
            // rows each transaction changed (DuckDB keeps them apart until commit): locked again by their own transaction only
            String finish = "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'taken' ORDER BY id FOR UPDATE SKIP LOCKED) RETURNING id";
            assertThat(ids(a, finish)).containsExactly(1, 3, 4);
            assertThat(ids(b, finish)).containsExactly(2, 5);
            // NOWAIT inside a subquery fails on a held row as it does at the top
            assertThat(inBackground(() -> update(b, "UPDATE jobs SET n = 1 WHERE id IN (SELECT id FROM jobs WHERE id = 6 FOR UPDATE NOWAIT)"))
                    .get(20, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(inBackground(() -> update(a, "UPDATE jobs SET n = 2 WHERE id IN (SELECT id FROM jobs WHERE id = 6 FOR UPDATE NOWAIT)"))
                    .get(20, TimeUnit.SECONDS)).isEqualTo("55P03");
            a.rollback();
            b.commit();
            assertThat(text(a, "SELECT string_agg(id || ':' || n, ',' ORDER BY id) FROM jobs WHERE id <= 7")).isEqualTo("1:0,3:0,4:0,6:1,7:0");
        }
    }

    @Test
    void eachLockingSelectReadsTheRowsItsOwnProbeChose() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            exec(a, "DROP TABLE IF EXISTS customers");
            exec(a, "DROP TABLE IF EXISTS orders");
            exec(a, "CREATE TABLE customers (id int PRIMARY KEY, vip bool)");
            exec(a, "INSERT INTO customers VALUES (1, true), (2, false), (3, true)");
            exec(a, "CREATE TABLE orders (id int PRIMARY KEY, cid int, amt int)");
            exec(a, "INSERT INTO orders VALUES (10, 1, 5), (11, 2, 6), (12, 3, 7)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            // the statement's probe reads the subquery kept to the rows the subquery's probe chose
            assertThat(ids(a, "SELECT id FROM orders WHERE cid IN (SELECT id FROM customers WHERE vip FOR SHARE) ORDER BY id FOR UPDATE"))
                    .containsExactly(10, 12);
            a.rollback();
            // one probe's rows are not another's: the FOR UPDATE subquery skips the row b holds FOR SHARE
            assertThat(ids(b, "SELECT id FROM jobs WHERE id = 1 FOR SHARE")).containsExactly(1);
            try (PreparedStatement ps = a.prepareStatement("SELECT (SELECT id FROM jobs ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED),"
                    + " (SELECT id FROM jobs WHERE id = 1 FOR SHARE)"); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1) + "," + rs.getInt(2)).isEqualTo("2,1");
            }
            a.rollback();
            b.rollback();
            // an UPDATE whose rows come from a locking subquery waits for the rows another transaction holds
            assertThat(ids(b, "SELECT amt FROM orders WHERE id = 10 FOR UPDATE")).containsExactly(5);
            a.setAutoCommit(true);
            int pidA = Integer.parseInt(text(a, "SELECT pg_backend_pid()"));
            CompletableFuture<Object> update = inBackground(() -> update(a,
                    "UPDATE orders SET amt = amt + 1 WHERE cid IN (SELECT id FROM customers WHERE vip FOR KEY SHARE)"));
            awaitRowWait(b, pidA);
            exec(b, "UPDATE orders SET amt = amt + 10 WHERE id = 10");
            b.commit();
            assertThat(update.get(20, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(text(a, "SELECT amt FROM orders WHERE id = 10")).isEqualTo("16");
        }
    }

    @Test
    void aLockingSubqueryReadingTheStatementAroundItLocksNothingAndStillRuns() throws Exception {
        try (Connection a = connect()) {
            exec(a, "DROP TABLE IF EXISTS t2");
            exec(a, "CREATE TABLE t2 (id int PRIMARY KEY, jid int)");
            exec(a, "INSERT INTO t2 VALUES (1, 1), (2, 2)");
            a.setAutoCommit(false);
            // the statement's WITH query shadows the table; a correlated subquery; a catalog relation; OFFSET over part of FROM
            assertThat(ids(a, "WITH jobs AS (SELECT * FROM public.jobs WHERE id < 3) SELECT id FROM t2 WHERE jid IN"
                    + " (SELECT id FROM jobs FOR UPDATE) ORDER BY 1")).containsExactly(1, 2);
            assertThat(ids(a, "SELECT id FROM t2 WHERE EXISTS (SELECT 1 FROM jobs WHERE jobs.id = t2.jid FOR UPDATE) ORDER BY 1"))
                    .containsExactly(1, 2);
            assertThat(ids(a, "SELECT 1 WHERE EXISTS (SELECT 1 FROM pg_namespace FOR UPDATE)")).containsExactly(1);
            assertThat(ids(a, "UPDATE jobs SET n = 1 WHERE id IN (SELECT jobs.id FROM jobs JOIN t2 ON t2.jid = jobs.id"
                    + " ORDER BY jobs.id LIMIT 1 OFFSET 1 FOR UPDATE OF jobs) RETURNING id")).containsExactly(2);
            SQLException union = assertThrows(SQLException.class,
                    () -> ids(a, "SELECT id FROM jobs WHERE id = 1 UNION (SELECT id FROM jobs WHERE id = 2 FOR UPDATE)"));
            assertThat(union.getSQLState()).isEqualTo("0A000");
            a.rollback();
            // a row the transaction added, locked by it, leaves no lock behind once it commits
            exec(a, "INSERT INTO jobs (id, state) VALUES (1000, 'new')");
            assertThat(ids(a, "SELECT id FROM jobs WHERE id = 1000 FOR UPDATE")).containsExactly(1000);
            a.commit();
            try (Connection b = connect()) {
                exec(b, "ALTER TABLE jobs ALTER COLUMN worker TYPE bigint"); // refused while another transaction holds rows
            }
        }
    }

    @Test
    void workersTakingJobsInOneStatementEachTakeEveryJobOnce() throws Exception {
        runWorkers(6, (c, worker) -> {
            int done = 0;
            while (true) {
                List<Integer> job = ids(c, "UPDATE jobs SET state = 'done', n = n + 1, worker = ? WHERE id = (SELECT id FROM jobs"
                        + " WHERE state = 'new' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id", worker);
                c.commit();
                if (job.isEmpty()) {
                    // none left, or the one chosen was taken between the probe and its lock
                    if (text(c, "SELECT count(*) FROM jobs WHERE state = 'new'").equals("0")) return done;
                    c.commit();
                    continue;
                }
                done++;
            }
        });
    }

    /** One worker of a queue: takes jobs on its connection (autocommit off) until there are none, and says how many it did. */
    @FunctionalInterface
    interface Worker {
        int run(Connection c, int worker) throws Exception;
    }

    /** Runs {@code workers} workers, each on a connection of its own, and checks that together they did each job once. */
    private void runWorkers(int workers, Worker body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            runs.add(pool.submit(() -> {
                try (Connection c = connect()) {
                    c.setAutoCommit(false);
                    return body.run(c, worker);
                }
            }));
        }
        assertEveryJobDoneOnce(pool, runs);
    }

    /** Waits for the workers: together they did each of the 200 jobs, and each exactly once. */
    private void assertEveryJobDoneOnce(ExecutorService pool, List<Future<Integer>> runs) throws Exception {
        int total = 0;
        for (Future<Integer> f : runs) total += f.get(120, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(total).isEqualTo(200);
        try (Connection c = connect()) {
            assertThat(text(c, "SELECT count(*) FILTER (WHERE state = 'done' AND n = 1) || '/' || sum(n) FROM jobs")).isEqualTo("200/200");
        }
    }

    @Test
    void nowaitFailsOnAHeldRowAndSharedLocksShare() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(ids(a, "SELECT id FROM jobs WHERE id = 1 FOR UPDATE")).containsExactly(1);
            assertThat(ids(a, "SELECT id FROM jobs WHERE id = 2 FOR SHARE")).containsExactly(2);
            assertThat(ids(a, "SELECT id FROM jobs WHERE id = 3 FOR NO KEY UPDATE")).containsExactly(3);
            SQLException e = assertThrows(SQLException.class, () -> ids(b, "SELECT id FROM jobs WHERE id = 1 FOR SHARE NOWAIT"));
            assertThat(e.getSQLState()).isEqualTo("55P03");
            assertThat(e.getMessage()).contains("could not obtain lock on row in relation \"jobs\"");
            b.rollback();
            assertThat(ids(b, "SELECT id FROM jobs WHERE id = 2 FOR SHARE NOWAIT")).containsExactly(2); // share with share
            assertThat(ids(b, "SELECT id FROM jobs WHERE id = 3 FOR KEY SHARE NOWAIT")).containsExactly(3); // key share with no key update
            assertThat(assertThrows(SQLException.class, () -> ids(b, "SELECT id FROM jobs WHERE id = 2 FOR UPDATE NOWAIT"))
                    .getSQLState()).isEqualTo("55P03");
            b.rollback();
            a.rollback();
            assertThat(ids(b, "SELECT id FROM jobs WHERE id = 1 FOR UPDATE NOWAIT")).containsExactly(1); // a's locks went with its transaction
            b.rollback();
        }
    }

    @Test
    void aWaitingLockReadsWhatTheHolderCommitted() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            int pidB = Integer.parseInt(text(b, "SELECT pg_backend_pid()"));
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(ids(a, "SELECT n FROM jobs WHERE id = 7 FOR UPDATE")).containsExactly(0);
            CompletableFuture<Object> waiter = inBackground(() -> ids(b, "SELECT n FROM jobs WHERE id = 7 FOR UPDATE"));
            awaitRowWait(a, pidB);
            exec(a, "UPDATE jobs SET n = n + 1 WHERE id = 7");
            a.commit();
            assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo(List.of(1));
            exec(b, "UPDATE jobs SET n = n + 1 WHERE id = 7"); // no conflict: b read the committed row
            b.commit();
            assertThat(text(a, "SELECT n FROM jobs WHERE id = 7")).isEqualTo("2");
            a.commit();
        }
    }

    @Test
    void anUpdateOrDeleteWaitsForTheRowsAnotherTransactionHolds() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Connection c = connect()) {
            int pidB = Integer.parseInt(text(b, "SELECT pg_backend_pid()"));
            int pidC = Integer.parseInt(text(c, "SELECT pg_backend_pid()"));
            a.setAutoCommit(false);
            c.setAutoCommit(false);
            ids(a, "SELECT id FROM jobs WHERE id IN (9, 10) FOR UPDATE");
            CompletableFuture<Object> update = inBackground(() -> update(b, "UPDATE jobs SET n = n + ? WHERE id = ?", 10, 9));
            awaitRowWait(a, pidB);
            CompletableFuture<Object> delete = inBackground(() -> {
                List<Integer> n = ids(c, "DELETE FROM jobs WHERE id = 10 RETURNING n");
                c.commit();
                return n.get(0);
            });
            awaitRowWait(a, pidC);
            exec(a, "UPDATE jobs SET n = n + 1 WHERE id IN (9, 10)");
            a.commit();
            assertThat(update.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(delete.get(20, TimeUnit.SECONDS)).isEqualTo(1); // the row as a committed it
            assertThat(text(a, "SELECT n FROM jobs WHERE id = 9")).isEqualTo("11");
            assertThat(text(a, "SELECT count(*) FROM jobs WHERE id = 10")).isEqualTo("0");
            a.commit();
        }
    }

    @Test
    void lockTimeoutAndDeadlocksEndTheWait() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            int pidA = Integer.parseInt(text(a, "SELECT pg_backend_pid()"));
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            ids(a, "SELECT id FROM jobs WHERE id = 1 FOR UPDATE");
            exec(b, "SET lock_timeout = '50ms'");
            SQLException timeout = assertThrows(SQLException.class, () -> ids(b, "SELECT id FROM jobs WHERE id = 1 FOR UPDATE"));
            assertThat(timeout.getSQLState()).isEqualTo("55P03");
            assertThat(timeout.getMessage()).contains("canceling statement due to lock timeout");
            b.rollback();
            exec(b, "RESET lock_timeout");
            ids(b, "SELECT id FROM jobs WHERE id = 2 FOR UPDATE");
            CompletableFuture<Object> first = inBackground(() -> ids(a, "SELECT id FROM jobs WHERE id = 2 FOR UPDATE"));
            awaitRowWait(b, pidA);
            SQLException deadlock = assertThrows(SQLException.class, () -> ids(b, "SELECT id FROM jobs WHERE id = 1 FOR UPDATE"));
            assertThat(deadlock.getSQLState()).isEqualTo("40P01");
            b.rollback();
            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(List.of(2));
            a.rollback();
        }
    }

    @Test
    void aLockOutsideATransactionLastsForItsStatement() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            assertThat(ids(a, "SELECT id FROM jobs WHERE id = 1 FOR UPDATE")).containsExactly(1);
            b.setAutoCommit(false);
            assertThat(ids(b, "SELECT id FROM jobs WHERE id = 1 FOR UPDATE NOWAIT")).containsExactly(1);
            b.rollback();
        }
    }

    @Test
    void theRowsReadAreTheRowsLocked() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            // OFFSET is the probe's: the statement reads the rows it chose
            assertThat(ids(a, "SELECT id FROM jobs ORDER BY id LIMIT 3 OFFSET 2 FOR UPDATE")).containsExactly(3, 4, 5);
            assertThat(ids(a, "SELECT id FROM jobs ORDER BY id LIMIT ? OFFSET ? FOR UPDATE", 2, 5)).containsExactly(6, 7);
            assertThat(ids(a, "SELECT id FROM jobs WHERE id IN (3, 9) ORDER BY id FOR UPDATE")).containsExactly(3, 9);
            // an OFFSET where a table of FROM is not locked could skip other rows than the probe did: refused
            a.rollback();
            assertThat(state(a, "SELECT j.id FROM jobs j JOIN jobs k ON k.id = j.id ORDER BY j.id LIMIT 1 OFFSET 1 FOR UPDATE OF j"))
                    .isEqualTo("0A000");
            a.rollback();
            assertThat(ids(a, "SELECT id FROM jobs ORDER BY id LIMIT 3 OFFSET 2 FOR UPDATE")).containsExactly(3, 4, 5);
            assertThat(ids(b, "SELECT id FROM jobs WHERE id <= 8 ORDER BY id FOR UPDATE SKIP LOCKED")).containsExactly(1, 2, 6, 7, 8);
            a.rollback();
            b.rollback();
            // each session's temporary table is its own: locking one does not lock the other's
            exec(a, "CREATE TEMP TABLE batch (id int)");
            exec(b, "CREATE TEMP TABLE batch (id int)");
            exec(a, "INSERT INTO batch VALUES (1)");
            exec(b, "INSERT INTO batch VALUES (1)");
            assertThat(ids(a, "SELECT id FROM batch FOR UPDATE NOWAIT")).containsExactly(1);
            assertThat(ids(b, "SELECT id FROM batch FOR UPDATE NOWAIT")).containsExactly(1);
            a.rollback();
            b.rollback();
            // a SQL function's body is kept for every session: its FOR UPDATE reads as a plain query
            exec(a, "CREATE OR REPLACE FUNCTION first_jobs() RETURNS SETOF int LANGUAGE sql AS"
                    + " 'SELECT id FROM jobs ORDER BY id LIMIT 2 FOR UPDATE'");
            a.commit();
            assertThat(ids(b, "SELECT * FROM first_jobs()")).containsExactly(1, 2);
            b.commit();
        }
    }

    @Test
    void aWaitAfterTheTransactionDidSomethingFailsRatherThanLosingIt() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            int pidB = Integer.parseInt(text(b, "SELECT pg_backend_pid()"));
            exec(a, "DROP TABLE IF EXISTS audit");
            exec(a, "CREATE TABLE audit (n int)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            ids(a, "SELECT id FROM jobs WHERE id = 11 FOR UPDATE");
            exec(b, "INSERT INTO audit VALUES (42)");
            exec(b, "SAVEPOINT s");
            assertThat(state(b, "SELECT 1 / 0")).isEqualTo("22012");
            exec(b, "ROLLBACK TO SAVEPOINT s"); // replays the INSERT in a new DuckDB transaction
            CompletableFuture<Object> waiter = inBackground(() -> ids(b, "SELECT n FROM jobs WHERE id = 11 FOR UPDATE"));
            awaitRowWait(a, pidB);
            exec(a, "UPDATE jobs SET n = 5 WHERE id = 11");
            a.commit();
            // PostgreSQL's REPEATABLE READ answer: the INSERT is not silently dropped with a new snapshot
            assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo("40001");
            b.rollback();
            // a reader's lock (FOR SHARE, no write) leaves nothing for a later transaction to trip on
            exec(b, "SELECT count(*) FROM jobs");
            ids(a, "SELECT id FROM jobs WHERE id = 12 FOR SHARE");
            a.commit();
            assertThat(ids(b, "SELECT id FROM jobs WHERE id = 12 FOR UPDATE")).containsExactly(12);
            b.commit();
            // statement_timeout ends a wait
            ids(a, "SELECT id FROM jobs WHERE id = 13 FOR UPDATE");
            exec(b, "SET statement_timeout = 150");
            assertThat(state(b, "SELECT id FROM jobs WHERE id = 13 FOR UPDATE")).isEqualTo("57014");
            b.rollback();
            exec(b, "RESET statement_timeout");
            // a table whose rows another transaction holds is not altered under them
            assertThat(state(b, "ALTER TABLE jobs ADD CONSTRAINT jobs_n_small CHECK (n < 1000)")).isEqualTo("55P03");
            b.rollback();
            a.rollback();
        }
    }

    @Test
    void lockingKeepsPostgresRestrictions() throws Exception {
        try (Connection c = connect()) {
            assertThat(state(c, "SELECT state, count(*) FROM jobs GROUP BY state FOR UPDATE")).isEqualTo("0A000");
            assertThat(state(c, "SELECT count(*) FROM jobs FOR UPDATE")).isEqualTo("0A000");
            assertThat(state(c, "SELECT DISTINCT state FROM jobs FOR SHARE")).isEqualTo("0A000");
            assertThat(state(c, "SELECT id FROM jobs UNION SELECT 1 FOR UPDATE")).isEqualTo("0A000");
            assertThat(state(c, "SELECT id FROM jobs FOR UPDATE OF nothere")).isEqualTo("42P01");
            assertThat(state(c, "SELECT j.id FROM jobs j LEFT JOIN jobs k ON k.id = j.id + 1000 FOR UPDATE")).isEqualTo("0A000");
            assertThat(ids(c, "SELECT j.id FROM jobs j LEFT JOIN jobs k ON k.id = j.id + 1000 WHERE j.id = 3 FOR UPDATE OF j"))
                    .containsExactly(3);
        }
    }

    static String state(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        });
        return e.getSQLState();
    }
}
