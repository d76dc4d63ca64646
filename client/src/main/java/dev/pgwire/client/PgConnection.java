package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A blocking PostgreSQL connection: each call waits for its result. Built on
 * {@link PgAsyncConnection} ({@link #async()} gives the same connection's asynchronous API, e.g.
 * for pipelining). One thread at a time should use it.
 *
 * <pre>{@code
 * try (PgConnection conn = PgConnection.connect("postgresql://app:secret@localhost/shop?sslmode=verify-full")) {
 *     conn.execute("INSERT INTO items (id, name) VALUES ($1, $2)", 1, "one");
 *     for (Row row : conn.query("SELECT id, name FROM items")) {
 *         System.out.println(row.getLong("id") + " " + row.getString("name"));
 *     }
 *     long total = conn.stream("SELECT n FROM big", List.of(), row -> sum.add(row.getLong(0)));
 * }
 * }</pre>
 *
 * Errors from the server are thrown as {@link PgException} with every field of the
 * ErrorResponse; a lost connection is SQLSTATE 08006 (or the server's FATAL error).
 */
public final class PgConnection implements AutoCloseable {
    /** Rows handed to the calling thread per batch, and the backlog at which the socket pauses / resumes. */
    static final int BATCH = 256;
    static final int HIGH = 8192;
    static final int LOW = 2048;

    private final PgAsyncConnection async;

    private PgConnection(PgAsyncConnection async) {
        this.async = async;
    }

    /** Connects with a libpq connection string (URI or key/value); see {@link PgConnectOptions}. */
    public static PgConnection connect(String conninfo) {
        return connect(PgConnectOptions.parse(conninfo));
    }

    public static PgConnection connect(PgConnectOptions options) {
        return new PgConnection(await(PgAsyncConnection.connect(options)));
    }

    /** The same connection, asynchronously. */
    public PgAsyncConnection async() {
        return async;
    }

    /** A simple query: one or more statements; the RowSet of the first, the rest through {@link RowSet#next()}. */
    public RowSet query(String sql) {
        return await(async.query(sql));
    }

    /** A statement with parameters ($1, $2, …) via the extended protocol; results in memory. */
    public RowSet query(String sql, Object... params) {
        return await(async.execute(sql, params));
    }

    /**
     * A statement with parameters via the extended protocol. The returned RowSet has the rows, if
     * any, and {@link RowSet#rowsAffected()}.
     */
    public RowSet execute(String sql, Object... params) {
        return await(async.execute(sql, params));
    }

    public PgPreparedStatement prepare(String sql, int... parameterTypes) {
        return await(async.prepare(sql, parameterTypes));
    }

    public RowSet execute(PgPreparedStatement statement, Object... params) {
        return await(async.execute(statement, params));
    }

    public void close(PgPreparedStatement statement) {
        await(async.close(statement));
    }

    /**
     * Runs a query and calls {@code consumer} for each row on this thread, while the rows are still
     * arriving; the socket is paused whenever more than a few thousand rows are waiting, so the
     * result may be any size. Returns the number of rows. If the consumer throws, the remaining
     * rows are read and dropped and the exception is rethrown.
     */
    public long stream(String sql, List<?> params, Consumer<? super Row> consumer) {
        HandOff<Row> handOff = new HandOff<>(async.handler(), BATCH, HIGH, LOW);
        CompletableFuture<Long> done = async.submit(new ExtendedQueryCommand<>(sql, params, new RowSink.Blocking(handOff)));
        drain(handOff, consumer);
        return await(done);
    }

    public long stream(PgPreparedStatement statement, List<?> params, Consumer<? super Row> consumer) {
        HandOff<Row> handOff = new HandOff<>(async.handler(), BATCH, HIGH, LOW);
        CompletableFuture<Long> done = async.submit(new ExtendedQueryCommand<>(statement, params,
                new RowSink.Blocking(handOff)));
        drain(handOff, consumer);
        return await(done);
    }

    /** A cursor read in batches of {@code fetchSize} rows (portal suspension). */
    public Cursor cursor(String sql, int fetchSize, Object... params) {
        return new Cursor(async.cursor(sql, fetchSize, params));
    }

    /** COPY FROM STDIN with the bytes of {@code in} (text, csv or binary COPY format); returns the row count. */
    public long copyIn(String sql, InputStream in) {
        CopyIn copy = await(async.copyIn(sql));
        byte[] buf = new byte[CopyIn.CHUNK];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (n == 0) continue;
                CompletableFuture<Void> w = copy.write(buf, 0, n);
                if (!w.isDone() || w.isCompletedExceptionally()) await(w);
            }
        } catch (IOException e) {
            try {
                await(copy.fail("client could not read the data: " + e.getMessage()));
            } catch (PgException expected) {
                // the server confirms the abort with an error; the read failure is what matters
            }
            throw new UncheckedIOException(e);
        } catch (PgException e) {
            await(copy.result()); // throws the server's own error
            throw e;
        }
        return await(copy.end());
    }

    /** COPY FROM STDIN with the pieces of {@code data}, read on this thread; returns the row count. */
    public long copyIn(String sql, Iterator<byte[]> data) {
        CopyIn copy = await(async.copyIn(sql));
        try {
            while (data.hasNext()) {
                CompletableFuture<Void> w = copy.write(data.next());
                if (!w.isDone() || w.isCompletedExceptionally()) await(w);
            }
        } catch (RuntimeException e) {
            if (!copy.result().isDone()) {
                try {
                    await(copy.fail("data source failed: " + e));
                } catch (PgException expected) {
                    // confirms the abort
                }
            }
            throw e;
        }
        return await(copy.end());
    }

    /** COPY TO STDOUT, calling {@code consumer} on this thread for each data message; returns the row count. */
    public long copyOut(String sql, Consumer<byte[]> consumer) {
        HandOff<byte[]> handOff = new HandOff<>(async.handler(), BATCH, HIGH, LOW);
        CompletableFuture<Long> done = async.submit(new CopyOutCommand(sql, new CopyOutCommand.DataSink() {
            @Override
            public void data(byte[] data) {
                handOff.add(data);
            }

            @Override
            public void readComplete() {
                handOff.readComplete();
            }

            @Override
            public void end(Throwable error) {
                handOff.end(error);
            }
        }));
        drain(handOff, consumer);
        return await(done);
    }

    /** COPY TO STDOUT into a stream; returns the row count. */
    public long copyOut(String sql, OutputStream out) {
        return copyOut(sql, data -> {
            try {
                out.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Cancels what this session is running (a CancelRequest on a new connection). */
    public void cancel() {
        await(async.cancelRequest());
    }

    /** Sets the NOTIFY listener (runs on the event loop: must not block). */
    public void onNotification(Consumer<Notification> listener) {
        async.onNotification(listener);
    }

    /** Sets the notice listener (runs on the event loop: must not block). */
    public void onNotice(Consumer<Notice> listener) {
        async.onNotice(listener);
    }

    public String parameter(String name) {
        return async.parameter(name);
    }

    public Map<String, String> parameters() {
        return async.parameters();
    }

    public TransactionStatus transactionStatus() {
        return async.transactionStatus();
    }

    public int processId() {
        return async.processId();
    }

    public boolean isOpen() {
        return async.isOpen();
    }

    @Override
    public void close() {
        async.close();
    }

    @Override
    public String toString() {
        return async.toString();
    }

    /** A blocking view of a {@link PgCursor}. */
    public static final class Cursor implements AutoCloseable {
        private final PgCursor cursor;

        Cursor(PgCursor cursor) {
            this.cursor = cursor;
        }

        /** The next batch; {@link RowSet#suspended()} while more follow. */
        public RowSet read() {
            return await(cursor.read());
        }

        @Override
        public void close() {
            await(cursor.close());
        }
    }

    private static <T> void drain(HandOff<T> handOff, Consumer<? super T> consumer) {
        try {
            handOff.drainTo(consumer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgException(SqlState.QUERY_CANCELED, "interrupted while waiting for the server");
        } catch (PgException e) {
            throw rethrow(e);
        }
    }

    /** Waits for a result; server errors are rethrown with this thread's stack and the original as cause. */
    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgException(SqlState.QUERY_CANCELED, "interrupted while waiting for the server");
        } catch (ExecutionException e) {
            Throwable cause = Connector.unwrap(e.getCause());
            if (cause instanceof PgException p) throw rethrow(p);
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new PgException(SqlState.INTERNAL_ERROR, String.valueOf(cause), cause);
        }
    }

    private static PgException rethrow(PgException p) {
        PgException copy = new PgException(p.fields());
        copy.initCause(p);
        return copy;
    }
}
