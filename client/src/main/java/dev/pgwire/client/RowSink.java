package dev.pgwire.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a query command puts what it receives: the row shape, the rows, and the end of each
 * statement. Implementations collect into a {@link RowSet}, call a consumer, feed a
 * {@link java.util.concurrent.Flow.Subscriber}, or hand rows to a blocked thread. All calls come
 * from the event loop.
 *
 * @param <T> what the command's future completes with
 */
abstract class RowSink<T> {
    ConnectionHandler conn;

    /** The connection the rows come from; set before the first call. */
    void attach(ConnectionHandler conn) {
        this.conn = conn;
    }

    abstract void shape(RowShape shape);

    abstract void row(Row row);

    /** The end of one socket read. */
    void readComplete() {
    }

    /** CommandComplete (its tag), EmptyQueryResponse ("") or, for cursors, PortalSuspended (null). */
    abstract void statementComplete(String tag);

    /** The command ended without error; the value its future completes with. */
    abstract T result();

    /** The command failed. */
    void failed(Throwable error) {
    }

    /** Collects every statement's rows into RowSets. */
    static final class Collecting extends RowSink<RowSet> {
        private RowShape shape = RowShape.EMPTY;
        private List<Row> rows = new ArrayList<>();
        private RowSet first;
        private RowSet last;

        @Override
        void shape(RowShape s) {
            shape = s;
        }

        @Override
        void row(Row row) {
            rows.add(row);
        }

        @Override
        void statementComplete(String tag) {
            RowSet rs = new RowSet(shape, rows, tag, false);
            if (first == null) first = rs;
            else last.next(rs);
            last = rs;
            shape = RowShape.EMPTY;
            rows = new ArrayList<>();
        }

        @Override
        RowSet result() {
            return first != null ? first : new RowSet(RowShape.EMPTY, List.of(), "", false);
        }
    }

    /**
     * Calls a consumer for each row on the event loop, the fastest way to read a large result: the
     * consumer must not block. If it throws, later rows are skipped and the command fails with
     * that exception once the server has finished.
     */
    static final class ForEach extends RowSink<Long> {
        private final Consumer<? super Row> consumer;
        private long count;
        private RuntimeException thrown;

        ForEach(Consumer<? super Row> consumer) {
            this.consumer = consumer;
        }

        @Override
        void shape(RowShape s) {
        }

        @Override
        void row(Row row) {
            if (thrown != null) return;
            try {
                consumer.accept(row);
                count++;
            } catch (RuntimeException e) {
                thrown = e;
            }
        }

        @Override
        void statementComplete(String tag) {
        }

        @Override
        Long result() {
            if (thrown != null) throw thrown;
            return count;
        }
    }

    /** Hands rows to a thread blocked in {@link HandOff#drainTo}, pausing the socket while it is behind. */
    static final class Blocking extends RowSink<Long> {
        final HandOff<Row> handOff;
        private long count;

        Blocking(HandOff<Row> handOff) {
            this.handOff = handOff;
        }

        @Override
        void shape(RowShape s) {
        }

        @Override
        void row(Row row) {
            count++;
            handOff.add(row);
        }

        @Override
        void readComplete() {
            handOff.readComplete();
        }

        @Override
        void statementComplete(String tag) {
        }

        @Override
        Long result() {
            handOff.end(null);
            return count;
        }

        @Override
        void failed(Throwable error) {
            handOff.end(error);
        }
    }
}
