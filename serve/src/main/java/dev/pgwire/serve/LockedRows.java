package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.LockingSelect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Takes the row locks of a {@code SELECT … FOR UPDATE / SHARE} before it runs: its probe
 * ({@link LockingSelect}) names the rows, and each is taken in {@link RowLocks} as the statement's
 * NOWAIT or SKIP LOCKED says, or after waiting for its holder's transaction to end.
 *
 * <p>A row whose holder committed after the statement's snapshot began (it waited for the holder,
 * or the holder ended while the probe ran) may have changed. PostgreSQL's READ COMMITTED re-reads
 * such a row; serve does so where DuckDB can: when nothing of the transaction has run yet, its
 * snapshot is taken again and the probe runs again, keeping the rows it now chooses and giving up
 * those it no longer does. Later in a transaction the snapshot cannot move, and the statement fails
 * with 40001 as it would under PostgreSQL's REPEATABLE READ.
 */
final class LockedRows {
    /**
     * Probes of one statement, at most: each after its snapshot was taken again because a row it
     * took had been committed by its holder since; past these the statement fails with 40001.
     */
    private static final int MAX_ROUNDS = 20;

    private LockedRows() {}

    /** Where the rows are locked and how the statement's transaction is taken anew. */
    interface Context {
        DuckDbStatementRunner runner();

        RowLocks locks();

        int pid();

        long lockTimeoutMillis();

        /**
         * The row locks' clock when the snapshot the probe reads began, at the earliest (read just
         * before the probe runs).
         */
        long snapshotClock();

        /** Whether the transaction's snapshot shows nothing the session did: taking it again loses nothing. */
        boolean freshSnapshot();

        /** Takes the transaction's snapshot again. */
        void renewSnapshot();

        /** Whether the statement was cancelled (or timed out). */
        boolean cancelled();
    }

    private record Taken(String table, long rowid) {}

    /**
     * Takes the rows of {@code plan}: first those of the locking SELECTs inside the statement
     * ({@link LockingSelect#before}), then its own; the statement then reads the rows chosen.
     *
     * @param binder binds the statement's parameters to a probe
     */
    static void take(LockingSelect plan, DuckDbStatementRunner.Binder binder, Context c) {
        List<LockingSelect> probes = new java.util.ArrayList<>(plan.before());
        if (plan.probeSql() != null) probes.add(plan);
        if (probes.stream().allMatch(p -> p.whileOthersHold() && p.targets().stream().noneMatch(t -> c.locks().othersHold(c.pid(), t.table())))) {
            return; // an UPDATE or DELETE of a table no other session holds rows of: nothing to wait for
        }
        Set<Taken> takenNow = new HashSet<>(); // rows this statement took (not held before it)
        Set<Taken> waitedFor = new HashSet<>(); // of those, the rows an UPDATE or DELETE waited for: kept
        for (int round = 1; ; round++) {
            long since = c.snapshotClock();
            Set<Taken> chosen = new HashSet<>();
            // the rows each probe chose, under its own key: a later probe (the statement around a locking
            // subquery) reads the subquery kept to them
            List<String> keys = new java.util.ArrayList<>();
            List<Long> ids = new java.util.ArrayList<>();
            boolean stale = false; // a row the snapshot may show as it was before its holder's commit
            for (int p = 0; p < probes.size(); p++) {
                LockingSelect probe = probes.get(p);
                List<LockingSelect.Target> targets = probe.targets();
                if (probe.whileOthersHold() && targets.stream().noneMatch(t -> c.locks().othersHold(c.pid(), t.table()))) continue;
                List<long[]> rows = c.runner().query(probe.probeSql(), binder, rs -> rowids(rs, targets.size()));
                for (long[] row : rows) {
                    for (int i = 0; i < targets.size(); i++) {
                        if (row[i] == Long.MIN_VALUE) continue; // the row of an outer join that has none
                        LockingSelect.Target t = targets.get(i);
                        boolean had = c.locks().held(c.pid(), t.table(), row[i]);
                        if (!c.locks().acquire(c.pid(), t.table(), row[i], t.strength(), policy(t), c.lockTimeoutMillis(), t.relation(),
                                c::cancelled)) {
                            continue; // SKIP LOCKED
                        }
                        Taken k = new Taken(t.table(), row[i]);
                        chosen.add(k);
                        keys.add(LockingSelect.chosenKey(t.table(), p));
                        ids.add(row[i]);
                        if (!had) {
                            takenNow.add(k);
                            if (probe.whileOthersHold()) waitedFor.add(k);
                        }
                        stale |= c.locks().committedSince(t.table(), row[i], since);
                    }
                }
                choose(c, keys, ids);
            }
            // rows an earlier round took that this one, on a newer snapshot, no longer reads are given up
            // (an UPDATE or DELETE keeps what it waited for: its probe names only rows others hold)
            for (java.util.Iterator<Taken> it = takenNow.iterator(); it.hasNext(); ) {
                Taken k = it.next();
                if (!chosen.contains(k) && !waitedFor.contains(k)) {
                    c.locks().release(c.pid(), k.table(), k.rowid());
                    it.remove();
                }
            }
            if (!stale) return;
            if (!c.freshSnapshot() || round == MAX_ROUNDS) {
                throw new PgException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
            }
            c.renewSnapshot();
        }
    }

    private static void choose(Context c, List<String> keys, List<Long> ids) {
        long[] rowids = new long[ids.size()];
        for (int i = 0; i < rowids.length; i++) rowids[i] = ids.get(i);
        c.locks().choose(c.pid(), keys.toArray(new String[0]), rowids);
    }

    private static RowLocks.Policy policy(LockingSelect.Target t) {
        return switch (t.policy()) {
            case "nowait" -> RowLocks.Policy.NOWAIT;
            case "skip" -> RowLocks.Policy.SKIP;
            default -> RowLocks.Policy.WAIT;
        };
    }

    private static long[] rowids(ResultSet rs, int n) throws SQLException {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = rs.getLong(i + 1);
            if (rs.wasNull()) ids[i] = Long.MIN_VALUE;
        }
        return ids;
    }
}
