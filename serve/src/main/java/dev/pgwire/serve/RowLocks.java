package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL's row-level locks for the sessions of one database, which DuckDB does not have: the
 * rows a {@code SELECT … FOR UPDATE | FOR NO KEY UPDATE | FOR SHARE | FOR KEY SHARE} returned,
 * held until the session's transaction ends. A row is named by its table and DuckDB's rowid.
 *
 * <p>The four strengths conflict as in PostgreSQL: numbered 0 (KEY SHARE) to 3 (UPDATE), two
 * conflict when their numbers add up to 3 or more. A session that wants a row another holds in a
 * conflicting strength waits until it is released (lock_timeout and cancel end the wait with
 * 55P03 and 57014), fails at once under NOWAIT (55P03), or passes the row by under SKIP LOCKED;
 * a wait that would close a cycle of sessions waiting for each other is refused with 40P01.
 */
final class RowLocks {

    /** What a locking statement does with a row another session holds. */
    enum Policy { WAIT, NOWAIT, SKIP }

    private record Row(String table, long rowid) {
        /**
         * The row {@code rowid} of {@code table} as session {@code pid} sees it. DuckDB numbers the
         * rows a transaction added (or moved by an UPDATE) from {@link #LOCAL_ROWIDS} on in each
         * transaction alike; no other session sees them, so such a row is the session's own.
         */
        static Row of(int pid, String table, long rowid) {
            return rowid >= LOCAL_ROWIDS ? new Row(table + "\u0000" + pid, rowid) : new Row(table, rowid);
        }

        /** A row of the session's own transaction: no other session sees it, waits for it, or learns of its commit. */
        boolean local() {
            return rowid >= LOCAL_ROWIDS;
        }
    }

    /** DuckDB's MAX_ROW_ID: the first rowid of the rows a transaction holds before it commits. */
    static final long LOCAL_ROWIDS = 36_028_797_018_960_000L;

    private record Wait(Row row, int strength) {}

    /** The sessions holding each row and the strongest strength each took. */
    private final Map<Row, Map<Integer, Integer>> holders = new HashMap<>();
    /** The rows each session holds (changed under the monitor; read without it by {@link #holding}). */
    private final Map<Integer, Set<Row>> held = new ConcurrentHashMap<>();
    /** The row each waiting session waits for. */
    private final Map<Integer, Wait> waiting = new HashMap<>();
    /** Sessions that ended while a statement of theirs may still run: they take no more rows. */
    private final Set<Integer> ended = new HashSet<>();
    /** How long a wait sleeps before it looks at its statement's cancel again. */
    private static final long POLL_MILLIS = 100;
    /** Per table, how many rows each session holds there (read by statements deciding whether to look). */
    private final Map<String, Map<Integer, Integer>> tables = new ConcurrentHashMap<>();
    /** Counts the commits of sessions that held rows. */
    private long clock;
    /** The clock when each row was last released by a commit, the most recent {@value #REMEMBERED} rows. */
    private final Map<Row, Long> committed = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Row, Long> eldest) {
            if (size() <= REMEMBERED) return false;
            forgottenBefore = eldest.getValue() + 1;
            return true;
        }
    };
    private static final int REMEMBERED = 100_000;
    /** Rows released by commits before this clock are no longer remembered one by one. */
    private long forgottenBefore;

    private static boolean conflict(int a, int b) {
        return a + b >= 3;
    }

    /** Whether no session other than {@code pid} holds the row in a strength conflicting with {@code strength}. */
    synchronized boolean free(int pid, String table, long rowid, int strength) {
        return blocker(pid, Row.of(pid, table, rowid), strength) == null;
    }

    /** The rows each session's locking statement chose (the statement then reads those alone). */
    private final Map<Integer, Set<Row>> chosen = new ConcurrentHashMap<>();

    /**
     * The rows session {@code pid}'s statement about to run reads: those its probes chose and it
     * locked, each probe's under its own key (LockingSelect.chosenKey).
     */
    void choose(int pid, String[] tables, long[] rowids) {
        Set<Row> rows = new HashSet<>();
        for (int i = 0; i < tables.length; i++) rows.add(Row.of(pid, tables[i], rowids[i]));
        chosen.put(pid, rows);
    }

    /** Whether session {@code pid}'s locking statement chose the row (pgwire_row_chosen). */
    boolean chosen(int pid, String table, long rowid) {
        Set<Row> rows = chosen.get(pid);
        return rows != null && rows.contains(Row.of(pid, table, rowid));
    }

    /** Whether session {@code pid} holds the row. */
    synchronized boolean held(int pid, String table, long rowid) {
        Map<Integer, Integer> h = holders.get(Row.of(pid, table, rowid));
        return h != null && h.containsKey(pid);
    }

    /** Whether a session other than {@code pid} holds any row of {@code table} (a cheap test, before looking at rows). */
    boolean othersHold(int pid, String table) {
        Map<Integer, Integer> t = tables.get(table);
        if (t == null || t.isEmpty()) return false;
        return t.size() > 1 || !t.containsKey(pid);
    }

    /**
     * Takes the row for session {@code pid} in {@code strength} (or keeps the stronger one it holds);
     * false when SKIP LOCKED passes it by.
     *
     * @param relation the table's name for errors
     * @param timeoutMillis lock_timeout: 0 waits as long as it takes
     */
    boolean acquire(int pid, String table, long rowid, int strength, Policy policy, long timeoutMillis, String relation,
                    java.util.function.BooleanSupplier cancelled) {
        Row row = Row.of(pid, table, rowid);
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        synchronized (this) {
            if (ended.contains(pid)) throw ended();
            while (blocker(pid, row, strength) != null) {
                if (policy == Policy.SKIP) return false;
                if (policy == Policy.NOWAIT) {
                    throw new PgException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row in relation \"" + relation + "\"");
                }
                if (closesCycle(pid, row, strength)) {
                    throw new PgException(SqlState.DEADLOCK_DETECTED, "deadlock detected")
                            .withDetail("Process " + pid + " waits for a row of relation \"" + relation
                                    + "\" locked by a process that waits for it.");
                }
                // a cancel (or statement_timeout) may have come before the wait began: it is looked at every turn
                if (cancelled.getAsBoolean()) throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                if (ended.contains(pid)) throw ended();
                long wait = POLL_MILLIS;
                if (deadline != 0) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) throw new PgException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
                    wait = Math.min(wait, left);
                }
                waiting.put(pid, new Wait(row, strength));
                try {
                    wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                } finally {
                    waiting.remove(pid);
                }
            }
            Map<Integer, Integer> h = holders.computeIfAbsent(row, r -> new HashMap<>());
            Integer had = h.get(pid);
            if (had == null) {
                held.computeIfAbsent(pid, p -> new HashSet<>()).add(row);
                if (!row.local()) tables.computeIfAbsent(table, t -> new ConcurrentHashMap<>()).merge(pid, 1, Integer::sum);
            }
            if (had == null || had < strength) h.put(pid, strength);
        }
        return true;
    }

    /** Session {@code pid} gives up the row (one it took in a statement that then chose other rows). */
    synchronized void release(int pid, String table, long rowid) {
        Row row = Row.of(pid, table, rowid);
        Set<Row> mine = held.get(pid);
        if (mine == null || !mine.remove(row)) return;
        drop(pid, row);
        notifyAll();
    }

    /**
     * The end of a session's transaction: every row it holds, noted as possibly changed when it
     * committed. Sessions that hold none pass without the table's lock.
     */
    void transactionEnded(int pid, boolean committed) {
        chosen.remove(pid);
        if (!holding(pid)) return;
        synchronized (this) {
            Set<Row> mine = held.remove(pid);
            if (committed) clock++;
            if (mine != null) {
                for (Row row : mine) {
                    drop(pid, row);
                    if (committed && !row.local()) {
                        this.committed.remove(row);
                        this.committed.put(row, clock);
                    }
                }
            }
            notifyAll();
        }
    }

    /**
     * The end of a session: its rows, and its wait if it waits; a statement of it still running
     * ({@code running}) takes no more.
     */
    void sessionEnded(int pid, boolean running) {
        synchronized (this) {
            if (running) ended.add(pid);
            notifyAll();
        }
        transactionEnded(pid, false);
    }

    /** A new session with process id {@code pid} (one that ended may have had it). */
    synchronized void sessionStarted(int pid) {
        ended.remove(pid);
    }

    private static PgException ended() {
        return new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
    }

    /** The clock now: a snapshot DuckDB takes from now on shows every commit of a row holder so far. */
    synchronized long clock() {
        return clock;
    }

    /**
     * Whether a transaction that held the row may have committed a change of it after clock
     * {@code since}: a snapshot taken then does not show the row as it is.
     */
    synchronized boolean committedSince(String table, long rowid, long since) {
        if (rowid >= LOCAL_ROWIDS) return false; // a row of the session's own transaction
        Long at = committed.get(new Row(table, rowid));
        return at != null ? at > since : since < forgottenBefore - 1;
    }

    /** Whether session {@code pid} waits for a row (pg_stat_activity's wait_event). */
    synchronized boolean waiting(int pid) {
        return waiting.containsKey(pid);
    }

    /** Cancel of a session: its wait, if any, ends with 57014 (the waiter looks at its statement's cancel). */
    synchronized void cancel(int pid) {
        if (waiting.containsKey(pid)) notifyAll();
    }

    private boolean holding(int pid) {
        return held.containsKey(pid);
    }

    private void drop(int pid, Row row) {
        Map<Integer, Integer> h = holders.get(row);
        if (h != null) {
            h.remove(pid);
            if (h.isEmpty()) holders.remove(row);
        }
        if (row.local()) return; // not counted in tables
        Map<Integer, Integer> t = tables.get(row.table());
        if (t != null && t.computeIfPresent(pid, (p, n) -> n > 1 ? n - 1 : null) == null && t.isEmpty()) tables.remove(row.table(), t);
    }

    /** A session other than {@code pid} holding {@code row} in a strength conflicting with {@code strength}, or null. */
    private Integer blocker(int pid, Row row, int strength) {
        Map<Integer, Integer> h = holders.get(row);
        if (h == null) return null;
        for (Map.Entry<Integer, Integer> e : h.entrySet()) {
            if (e.getKey() != pid && conflict(e.getValue(), strength)) return e.getKey();
        }
        return null;
    }

    /** Whether {@code pid} waiting for {@code row} would wait, through other waiting sessions, for itself. */
    private boolean closesCycle(int pid, Row row, int strength) {
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        blockers(pid, row, strength, todo);
        while (!todo.isEmpty()) {
            int p = todo.poll();
            if (p == pid) return true;
            if (!seen.add(p)) continue;
            Wait w = waiting.get(p);
            if (w != null) blockers(p, w.row(), w.strength(), todo);
        }
        return false;
    }

    /** Adds to {@code out} the sessions other than {@code pid} holding {@code row} in a strength conflicting with {@code strength}. */
    private void blockers(int pid, Row row, int strength, ArrayDeque<Integer> out) {
        Map<Integer, Integer> h = holders.get(row);
        if (h == null) return;
        for (Map.Entry<Integer, Integer> e : h.entrySet()) {
            if (e.getKey() != pid && conflict(e.getValue(), strength)) out.add(e.getKey());
        }
    }
}
