package dev.pgwire.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The statement running on a session's DuckDB connection, and the interrupts of cancel and
 * statement_timeout that stop it. DuckDB interrupts a connection, not a statement, so marking and
 * interrupting share one lock: an interrupt never lands after its statement ended and the next one
 * (a ROLLBACK, the next call's BEGIN) began.
 */
final class StatementInterrupts {
    private static final Logger log = LoggerFactory.getLogger(StatementInterrupts.class);
    private static final long REINTERRUPT_MILLIS = 50;

    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    private Statement running;

    StatementInterrupts(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Marks the statement running now (null when none runs). */
    void running(Statement statement) {
        synchronized (lock) {
            running = statement;
        }
    }

    /**
     * Interrupts the statement running now, and keeps doing so while it runs: an interrupt that
     * arrives before DuckDB has started the query is forgotten by DuckDB.
     *
     * @param stillWanted false once the call that asked for the interrupt is over; checked under
     *                    the lock that marks statements, so a statement begun after it turned false
     *                    is never interrupted
     */
    void interrupt(BooleanSupplier stillWanted) {
        if (!interruptIf(stillWanted)) return;
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        synchronized (self) {
            self[0] = scheduler.scheduleWithFixedDelay(() -> {
                if (!interruptIf(stillWanted)) {
                    synchronized (self) {
                        self[0].cancel(false);
                    }
                }
            }, REINTERRUPT_MILLIS, REINTERRUPT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private boolean interruptIf(BooleanSupplier wanted) {
        synchronized (lock) {
            if (!wanted.getAsBoolean()) return false;
            Statement s = running;
            if (s == null) return true;
            try {
                s.cancel();
            } catch (SQLException | RuntimeException e) {
                log.debug("interrupting a DuckDB statement failed: {}", e.getMessage());
            }
            return true;
        }
    }
}
