package dev.pgwire.client;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.BindComplete;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CloseComplete;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.Flush;
import dev.pgwire.protocol.message.NoData;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.ParseComplete;
import dev.pgwire.protocol.message.PortalSuspended;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.Sync;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A portal read a batch at a time: Execute with a row limit returns that many rows and
 * PortalSuspended, and the next Execute resumes where it stopped (protocol section 55.2.3). The
 * batches are separated by Flush rather than Sync, because Sync would end the implicit transaction
 * and with it the portal; Sync is sent once the portal is exhausted or closed.
 *
 * <p>While a cursor is open it holds the connection: commands submitted meanwhile wait until it
 * has been read to the end or closed.
 *
 * <pre>{@code
 * PgCursor cursor = conn.cursor("SELECT * FROM big", 1000);
 * for (RowSet batch = cursor.read().join(); ; batch = cursor.read().join()) {
 *     batch.forEach(this::process);
 *     if (!batch.suspended()) break;   // the last batch carries the command tag
 * }
 * }</pre>
 */
public final class PgCursor {
    private final CursorCommand command;
    private final ConnectionHandler conn;

    PgCursor(ConnectionHandler conn, String sql, PgPreparedStatement statement, List<?> params, int fetchSize) {
        if (fetchSize < 1) throw new IllegalArgumentException("fetch size must be positive: " + fetchSize);
        this.conn = conn;
        this.command = new CursorCommand(sql, statement, params, fetchSize);
    }

    Command<Void> command() {
        return command;
    }

    /**
     * The next batch: at most the fetch size of rows, {@link RowSet#suspended()} while more
     * follow. After the last batch, reads return an empty RowSet.
     */
    public CompletableFuture<RowSet> read() {
        CompletableFuture<RowSet> f = new CompletableFuture<>();
        conn.channel().eventLoop().execute(() -> command.request(f));
        return f;
    }

    /** Closes the portal if rows are left, and releases the connection. */
    public CompletableFuture<Void> close() {
        conn.channel().eventLoop().execute(command::closePortal);
        return command.result.handle((v, e) -> null);
    }

    /** True once the portal is exhausted or closed and the connection is free. */
    public boolean isDone() {
        return command.result.isDone();
    }

    private static final class CursorCommand extends Command<Void> {
        private final String sql;
        private final PgPreparedStatement statement;
        private final List<?> params;
        private final int fetchSize;
        private ConnectionHandler conn;
        private RowShape shape = RowShape.EMPTY;
        private List<Row> rows = new ArrayList<>();
        private final List<RowSet> ready = new ArrayList<>();
        private CompletableFuture<RowSet> pending;
        private boolean executing;
        private boolean syncSent;
        private String tag;

        CursorCommand(String sql, PgPreparedStatement statement, List<?> params, int fetchSize) {
            this.sql = sql;
            this.statement = statement;
            this.params = params;
            this.fetchSize = fetchSize;
        }

        @Override
        boolean exclusive() {
            return true;
        }

        @Override
        void start(ConnectionHandler conn) {
            this.conn = conn;
            SessionState s = conn.session;
            BoundParams p = statement == null ? BoundParams.infer(params, s.types, s.codecContext)
                    : BoundParams.forTypes(statement.declaredTypes(), params, s.types, s.codecContext);
            ByteBuf out = conn.out();
            if (statement == null) {
                new Parse("", sql, p.types()).encode(out);
                new Bind("", "", p.formats(), p.values(), new short[0]).encode(out);
                new Describe('P', "").encode(out);
            } else {
                new Bind("", statement.name(), p.formats(), p.values(), statement.resultFormats()).encode(out);
                shape = statement.shape(s.codecContext);
            }
            new Execute("", fetchSize).encode(out);
            Flush.INSTANCE.encode(out);
            executing = true;
        }

        void request(CompletableFuture<RowSet> f) {
            if (!ready.isEmpty()) {
                f.complete(ready.remove(0));
            } else if (result.isDone()) {
                RowShape s = shape;
                String t = tag;
                result.whenComplete((v, e) -> {
                    if (e != null) f.completeExceptionally(e);
                    else f.complete(new RowSet(s, List.of(), t, false));
                });
            } else if (pending != null) {
                f.completeExceptionally(new IllegalStateException("a read of this cursor is already pending"));
            } else {
                pending = f;
                if (!executing && !syncSent && conn != null) {
                    new Execute("", fetchSize).encode(conn.out());
                    Flush.INSTANCE.encode(conn.out());
                    conn.flush();
                    executing = true;
                }
            }
        }

        void closePortal() {
            if (result.isDone() || syncSent || conn == null) return;
            new Close('P', "").encode(conn.out());
            Sync.INSTANCE.encode(conn.out());
            conn.flush();
            syncSent = true;
        }

        private void sync() {
            if (!syncSent) {
                Sync.INSTANCE.encode(conn.out());
                conn.flush();
                syncSent = true;
            }
        }

        private void deliver(RowSet batch) {
            if (pending != null) {
                CompletableFuture<RowSet> f = pending;
                pending = null;
                f.complete(batch);
            } else {
                ready.add(batch);
            }
        }

        @Override
        void onMessage(BackendMessage m, ConnectionHandler conn) {
            if (m instanceof DataRow d) {
                rows.add(new Row(shape, d.values()));
            } else if (m instanceof PortalSuspended) {
                executing = false;
                if (!syncSent) deliver(new RowSet(shape, rows, null, true));
                rows = new ArrayList<>();
            } else if (m instanceof CommandComplete c) {
                executing = false;
                tag = c.tag();
                sync();
            } else if (m instanceof EmptyQueryResponse) {
                executing = false;
                tag = "";
                sync();
            } else if (m instanceof RowDescription rd) {
                shape = new RowShape(rd.fields(), conn.session.types, conn.session.codecContext);
            } else if (m instanceof NoData) {
                shape = RowShape.EMPTY;
            } else if (!(m instanceof ParseComplete) && !(m instanceof BindComplete) && !(m instanceof CloseComplete)) {
                throw unexpected(m);
            }
        }

        @Override
        void onError(ConnectionHandler conn) {
            // the server now skips everything up to a Sync; without one it would wait forever
            executing = false;
            sync();
        }

        @Override
        void complete(ConnectionHandler conn) {
            deliver(new RowSet(shape, rows, tag, false));
            rows = new ArrayList<>();
            result.complete(null);
        }

        @Override
        void fail(Throwable t) {
            if (pending != null) {
                CompletableFuture<RowSet> f = pending;
                pending = null;
                f.completeExceptionally(t);
            }
            super.fail(t);
        }
    }
}
