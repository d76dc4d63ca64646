package dev.pgwire.serve;

import java.util.function.Predicate;

/**
 * The one portal of a session whose DuckDB result is open (suspended mid-way), if any. DuckDB runs
 * nothing else on a connection while a streamed result is open, so before anything else runs the
 * portal is detached: it reads the rest of its rows into memory and lets the result go.
 */
final class OpenPortal {
    private DuckDbPortal portal;
    /** Whether a portal belongs to a WITH HOLD cursor (which outlives its transaction's commit). */
    private final Predicate<DuckDbPortal> held;

    OpenPortal(Predicate<DuckDbPortal> held) {
        this.held = held;
    }

    /** A portal now holds DuckDB's one open streaming result of this connection. */
    void opened(DuckDbPortal p) {
        portal = p;
    }

    void closed(DuckDbPortal p) {
        if (portal == p) portal = null;
    }

    /** Reads the open portal's remaining rows into memory so that the connection can run something else. */
    void detach() {
        DuckDbPortal p = portal;
        if (p == null) return;
        portal = null;
        p.detach();
    }

    /**
     * At the end of a transaction: the open portal ends with it, unless it is the portal of a WITH
     * HOLD cursor and the transaction commits — that one keeps its rows (PostgreSQL materializes
     * such cursors at commit).
     */
    void transactionEnded(boolean commit) {
        if (commit && portal != null && held.test(portal)) detach(); else abandon();
    }

    /** Lets the open portal's result go without reading it: the portal ends with its transaction. */
    void abandon() {
        DuckDbPortal p = portal;
        portal = null;
        if (p != null) p.abandon();
    }
}
