package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.CopyResponse;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.RowDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.util.concurrent.CompletableFuture;

/**
 * A running {@code COPY ... FROM STDIN} (protocol section 55.2.6): write the data in any pieces
 * (rows may span writes), then {@link #end()} or {@link #fail(String)}. Data is sent in CopyData
 * messages of about 64 KiB. Each write's future completes when the connection can take more, so a
 * producer that waits for it never runs ahead of the socket.
 *
 * <p>One thread at a time may use a CopyIn. While it is open the connection is held: commands
 * submitted meanwhile wait until the COPY ends. If the server rejects the data midway, writes
 * fail from then on and {@link #result()} fails with the server's error.
 *
 * <pre>{@code
 * CopyIn copy = conn.copyIn("COPY t (id, name) FROM STDIN").join();
 * for (String line : lines) copy.write((line + "\n").getBytes(UTF_8)).join();
 * long rows = copy.end().join();
 * }</pre>
 */
public final class CopyIn {
    static final int CHUNK = 64 * 1024;

    private final CopyInCommand command;
    private final Channel channel;
    private final ConnectionHandler handler;
    private final CopyResponse response;
    private ByteBuf frame;
    private boolean ended;

    private CopyIn(CopyInCommand command, ConnectionHandler handler, CopyResponse response) {
        this.command = command;
        this.handler = handler;
        this.channel = handler.channel();
        this.response = response;
    }

    /** 0 for text or csv, 1 for binary. */
    public int overallFormat() {
        return response.overallFormat();
    }

    /** The number of columns being copied. */
    public int columnCount() {
        return response.columnFormats().length;
    }

    public CompletableFuture<Void> write(byte[] data) {
        return write(data, 0, data.length);
    }

    public CompletableFuture<Void> write(byte[] data, int offset, int length) {
        if (ended) throw new IllegalStateException("COPY already ended");
        if (command.result.isDone()) return command.result.thenApply(n -> null);
        if (frame == null) {
            // heap: rows are appended in many small writes, and the transport copies the frame once
            frame = Unpooled.buffer(CHUNK + 5);
            frame.writeByte('d');
            frame.writeInt(0);
        }
        frame.writeBytes(data, offset, length);
        if (frame.readableBytes() < CHUNK) return CompletableFuture.completedFuture(null);
        send();
        if (channel.isWritable()) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> f = new CompletableFuture<>();
        channel.eventLoop().execute(() -> handler.whenWritable().whenComplete((v, e) -> {
            if (e != null) f.completeExceptionally(e);
            else f.complete(null);
        }));
        return f;
    }

    private void send() {
        if (frame == null) return;
        ByteBuf f = frame;
        frame = null;
        f.setInt(1, f.readableBytes() - 1);
        channel.writeAndFlush(f);
    }

    /** Sends what is buffered and CopyDone; completes with the number of rows copied. */
    public CompletableFuture<Long> end() {
        if (!ended) {
            ended = true;
            send();
            channel.writeAndFlush(encode(CopyDone.INSTANCE));
        }
        return command.result;
    }

    /**
     * Aborts the COPY with CopyFail; the server rolls it back and the returned future fails with
     * its error (SQLSTATE 57014, the message including {@code reason}).
     */
    public CompletableFuture<Long> fail(String reason) {
        if (!ended) {
            ended = true;
            if (frame != null) {
                frame.release();
                frame = null;
            }
            channel.writeAndFlush(encode(new CopyFail(reason)));
        }
        return command.result;
    }

    /** Completes with the row count once the server has finished, or fails with its error. */
    public CompletableFuture<Long> result() {
        return command.result;
    }

    private ByteBuf encode(FrontendMessage m) {
        ByteBuf b = channel.alloc().buffer(16);
        m.encode(b);
        return b;
    }

    /**
     * Query with the COPY statement; on CopyInResponse the caller gets a {@link CopyIn} to write
     * with. Holds the connection until the COPY ends.
     */
    static final class CopyInCommand extends Command<Long> {
        private final String sql;
        final CompletableFuture<CopyIn> started = new CompletableFuture<>();
        private String tag;
        private boolean copying;
        private boolean wrongStatement;

        CopyInCommand(String sql) {
            this.sql = sql;
        }

        @Override
        boolean exclusive() {
            return true;
        }

        @Override
        void start(ConnectionHandler conn) {
            new Query(sql).encode(conn.out());
        }

        @Override
        void onMessage(BackendMessage m, ConnectionHandler conn) {
            if (m instanceof CopyResponse c) {
                if (c.kind() == CopyResponse.Kind.IN) {
                    copying = true;
                    started.complete(new CopyIn(this, conn, c));
                } else if (c.kind() == CopyResponse.Kind.OUT) {
                    wrongStatement = true; // its data is read and dropped below
                } else {
                    throw unexpected(m);
                }
            } else if (m instanceof CommandComplete c) {
                tag = c.tag();
            } else if (m instanceof RowDescription || m instanceof DataRow || m instanceof EmptyQueryResponse
                    || m instanceof CopyData || m instanceof CopyDone) {
                wrongStatement |= !copying;
            } else {
                throw unexpected(m);
            }
        }

        @Override
        void complete(ConnectionHandler conn) {
            if (!copying || wrongStatement) {
                fail(new PgException("42601", "copyIn needs a COPY ... FROM STDIN statement: " + sql));
                return;
            }
            result.complete(RowSet.rowCount(tag));
        }

        @Override
        void fail(Throwable t) {
            started.completeExceptionally(t);
            super.fail(t);
        }
    }
}
