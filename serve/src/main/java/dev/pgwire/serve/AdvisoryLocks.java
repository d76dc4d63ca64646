package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's advisory locks for the sessions of one database: session-level locks held until
 * unlocked (re-entrant: each lock call needs its own unlock) or until the session ends,
 * transaction-level locks held until the transaction ends; exclusive and shared modes; a waiter
 * is woken when the lock frees, gives up when its session is cancelled (57014) and is refused
 * with 40P01 when waiting would close a cycle of sessions waiting for each other.
 *
 * <p>Keys: {@code space} 1 for a bigint key, 2 for a pair of integers (as PostgreSQL keeps the
 * two kinds of key apart).
 */
final class AdvisoryLocks {

    /** A lock's identity. */
    private record Key(int space, long key) {}

    /** Who holds one lock and how often (session-level and transaction-level counted apart). */
    private static final class Lock {
        final Map<Integer, int[]> holders = new HashMap<>(); // pid → {session count, transaction count}
        boolean exclusive;

        boolean heldBy(int pid) {
            return holders.containsKey(pid);
        }

        boolean grantable(int pid, boolean wantExclusive) {
            if (holders.isEmpty()) return true;
            if (holders.size() == 1 && heldBy(pid)) return true;
            return !exclusive && !wantExclusive;
        }
    }

    private final Map<Key, Lock> locks = new HashMap<>();
    /** The lock each waiting session waits for. */
    private final Map<Integer, Key> waiting = new HashMap<>();
    private final Set<Integer> cancelled = new HashSet<>();
    /** Sessions holding transaction-level locks (read without the table's lock at every statement's end). */
    private final Set<Integer> transactionHolders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** pg_advisory_lock and its variants: waits for the lock. */
    void lock(int pid, int space, long key, boolean exclusive, boolean transaction) {
        Key k = new Key(space, key);
        synchronized (this) {
            cancelled.remove(pid);
            while (!tryTake(pid, k, exclusive, transaction)) {
                if (closesCycle(pid, k)) {
                    throw new PgException(SqlState.DEADLOCK_DETECTED, "deadlock detected")
                            .withDetail("Process " + pid + " waits for an advisory lock held by a process that waits for it.");
                }
                waiting.put(pid, k);
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                } finally {
                    waiting.remove(pid);
                }
                if (cancelled.remove(pid)) {
                    throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                }
            }
        }
    }

    /** pg_try_advisory_lock and its variants. */
    synchronized boolean tryLock(int pid, int space, long key, boolean exclusive, boolean transaction) {
        return tryTake(pid, new Key(space, key), exclusive, transaction);
    }

    /** pg_advisory_unlock(_shared): one session-level hold released; false (with a warning in PostgreSQL) when none is held. */
    synchronized boolean unlock(int pid, int space, long key, boolean exclusive) {
        Key k = new Key(space, key);
        Lock l = locks.get(k);
        if (l == null || l.exclusive != exclusive) return false;
        int[] counts = l.holders.get(pid);
        if (counts == null || counts[0] == 0) return false;
        counts[0]--;
        release(k, l, pid, counts);
        return true;
    }

    /** pg_advisory_unlock_all: every session-level hold of the session. */
    synchronized void unlockAll(int pid) {
        releaseAll(pid, true, false);
    }

    /**
     * The end of a session's transaction (after every statement outside a block): its
     * transaction-level holds. Sessions that took none pass without taking the table's lock.
     */
    void transactionEnded(int pid) {
        if (!transactionHolders.remove(pid)) return;
        synchronized (this) {
            releaseAll(pid, false, true);
        }
    }

    /** The end of a session: every hold it has; a wait of it ends. */
    synchronized void sessionEnded(int pid) {
        cancel(pid);
        transactionHolders.remove(pid);
        releaseAll(pid, true, true);
    }

    private void releaseAll(int pid, boolean sessionLevel, boolean transactionLevel) {
        for (java.util.Iterator<Map.Entry<Key, Lock>> it = locks.entrySet().iterator(); it.hasNext(); ) {
            Lock l = it.next().getValue();
            int[] counts = l.holders.get(pid);
            if (counts == null) continue;
            if (sessionLevel) counts[0] = 0;
            if (transactionLevel) counts[1] = 0;
            if (counts[0] == 0 && counts[1] == 0) l.holders.remove(pid);
            if (l.holders.isEmpty()) it.remove();
        }
        notifyAll();
    }

    /** Whether session {@code pid} waits for an advisory lock (pg_stat_activity's wait_event). */
    synchronized boolean waiting(int pid) {
        return waiting.containsKey(pid);
    }

    /** Cancel of a session: its wait, if any, ends with 57014. */
    synchronized void cancel(int pid) {
        if (waiting.containsKey(pid)) {
            cancelled.add(pid);
            notifyAll();
        }
    }

    private boolean tryTake(int pid, Key k, boolean exclusive, boolean transaction) {
        Lock l = locks.get(k);
        if (l == null) {
            l = new Lock();
            l.exclusive = exclusive;
            locks.put(k, l);
        } else if (!l.grantable(pid, exclusive)) {
            return false;
        } else if (exclusive) {
            l.exclusive = true; // granted: the session holds it alone
        }
        int[] counts = l.holders.computeIfAbsent(pid, p -> new int[2]);
        counts[transaction ? 1 : 0]++;
        if (transaction) transactionHolders.add(pid);
        return true;
    }

    private void release(Key k, Lock l, int pid, int[] counts) {
        if (counts[0] == 0 && counts[1] == 0) l.holders.remove(pid);
        if (l.holders.isEmpty()) locks.remove(k);
        notifyAll();
    }

    /** Whether {@code pid} waiting for {@code k} would wait, through the holders, for itself. */
    private boolean closesCycle(int pid, Key k) {
        Set<Integer> seen = new HashSet<>();
        List<Key> frontier = new ArrayList<>(List.of(k));
        while (!frontier.isEmpty()) {
            Key next = frontier.remove(frontier.size() - 1);
            Lock l = locks.get(next);
            if (l == null) continue;
            for (int holder : l.holders.keySet()) {
                if (holder == pid) continue;
                if (!seen.add(holder)) continue;
                Key w = waiting.get(holder);
                if (w == null) continue;
                Lock wl = locks.get(w);
                if (wl != null && wl.heldBy(pid)) return true;
                frontier.add(w);
            }
        }
        return false;
    }
}
