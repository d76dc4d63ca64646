package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Where PostgreSQL makes a second writer of a row wait for the first, DuckDB fails it at once with
 * a write-write conflict (40001). A statement that is its own transaction (autocommit) and whose
 * conflict reached nothing of the client — no row or column description sent — is simply run
 * again, after a short randomised pause, until it succeeds or {@link #LIMIT_MILLIS} have passed:
 * to the client it looks like the wait PostgreSQL would have made. Inside a transaction block the
 * conflict is the client's 40001, as drivers and ORMs expect (the block's earlier statements
 * cannot be run again unseen).
 */
final class ConflictRetry {
    /** How long a statement keeps trying before its conflict is reported. */
    static final long LIMIT_MILLIS = 10_000;

    private ConflictRetry() {}

    /** One attempt at the statement, writing to the sink it is given. */
    interface Attempt {
        void run(ResultSink sink);
    }

    static void run(Attempt attempt, ResultSink sink, BooleanSupplier cancelled) {
        retrying(attempt, sink, () -> { }, cancelled);
    }

    /** As {@link #run}, for an attempt that writes nothing; {@code restart} readies the transaction again. */
    static void retrying(Attempt attempt, Runnable restart, BooleanSupplier cancelled) {
        retrying(attempt, null, restart, cancelled);
    }

    private static void retrying(Attempt attempt, ResultSink sink, Runnable restart, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + LIMIT_MILLIS * 1_000_000L;
        long pause = 1;
        while (true) {
            Tracking tracking = sink == null ? null : new Tracking(sink);
            try {
                attempt.run(tracking);
                return;
            } catch (PgException e) {
                if (!conflict(e) || tracking != null && tracking.wrote
                        || cancelled.getAsBoolean()
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(pause, 2 * pause + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ErrorMapper.canceled();
            }
            pause = Math.min(pause * 2, 50);
            restart.run();
        }
    }

    /**
     * A write-write conflict: 40001, or the error DuckDB's driver lost (it reports only "Invalid
     * result set") that did not happen again when re-run — what a conflict with a transaction
     * that has committed since looks like.
     */
    private static boolean conflict(PgException e) {
        return SqlState.SERIALIZATION_FAILURE.equals(e.sqlState())
                || SqlState.INTERNAL_ERROR.equals(e.sqlState()) && e.getMessage().startsWith(LOST_ERROR);
    }

    static final String LOST_ERROR = "statement failed in DuckDB; the cause could not be determined";

    /** The client's sink, noting whether anything went to it (beyond ParameterStatus). */
    private static final class Tracking extends ForwardingSink {
        boolean wrote;

        Tracking(ResultSink sink) {
            super(sink);
        }

        @Override
        public void describeColumns(List<Column> columns) {
            wrote = true;
            super.describeColumns(columns);
        }

        @Override
        public RowWriter row() {
            wrote = true;
            return super.row();
        }

        @Override
        public void complete(String commandTag) {
            wrote = true;
            super.complete(commandTag);
        }

        @Override
        public void emptyQuery() {
            wrote = true;
            super.emptyQuery();
        }

        @Override
        public void notice(String severity, String sqlState, String message) {
            wrote = true;
            super.notice(severity, sqlState, message);
        }
    }
}
