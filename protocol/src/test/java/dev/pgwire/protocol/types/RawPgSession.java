package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Sync;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;

/**
 * A minimal protocol 3.0 session over a plain socket with trust authentication: enough to ask a
 * real PostgreSQL for one value in text and in binary format.
 */
final class RawPgSession implements AutoCloseable {

    /** One value as the server sent it in both formats, or the error it raised. */
    record Result(byte[] text, byte[] binary, PgException error) {}

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPgSession(String host, int port, String user) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        ByteBuf startup = Unpooled.buffer();
        try {
            new StartupMessage(196608, Map.of("user", user, "database", "postgres")).encode(startup);
            write(startup);
        } finally {
            startup.release();
        }
        while (true) {
            BackendMessage m = read();
            if (m instanceof ErrorResponse e) throw e.toException();
            if (m instanceof Authentication a && !(a instanceof Authentication.Ok)) {
                throw new IllegalStateException("expected trust authentication, got " + a);
            }
            if (m instanceof ReadyForQuery) return;
        }
    }

    /** Runs a simple query (e.g. a SET), failing on an error. */
    void execute(String sql) throws IOException {
        send(new Query(sql));
        PgException error = null;
        while (true) {
            BackendMessage m = read();
            if (m instanceof ErrorResponse e) error = e.toException();
            if (m instanceof ReadyForQuery) break;
        }
        if (error != null) throw error;
    }

    /** Runs a one-column query twice in one batch: result format text, then binary. */
    Result fetch(String sql) throws IOException {
        return fetch(sql, new byte[0][]);
    }

    /** As {@link #fetch(String)}, with parameters in text format ($1 is {@code parameters[0]}). */
    Result fetch(String sql, byte[]... parameters) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        try {
            new Parse("", sql, new int[0]).encode(buf);
            new Bind("", "", new short[0], parameters, new short[] {0}).encode(buf);
            new Execute("", 0).encode(buf);
            new Bind("", "", new short[0], parameters, new short[] {1}).encode(buf);
            new Execute("", 0).encode(buf);
            Sync.INSTANCE.encode(buf);
            write(buf);
        } finally {
            buf.release();
        }
        byte[][] values = new byte[2][];
        int rows = 0;
        PgException error = null;
        while (true) {
            BackendMessage m = read();
            if (m instanceof DataRow r) values[rows++] = r.values()[0];
            if (m instanceof ErrorResponse e) error = e.toException();
            if (m instanceof ReadyForQuery) break;
        }
        return new Result(values[0], values[1], error);
    }

    private void send(FrontendMessage m) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        try {
            m.encode(buf);
            write(buf);
        } finally {
            buf.release();
        }
    }

    private void write(ByteBuf buf) throws IOException {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    private BackendMessage read() throws IOException {
        byte type = in.readByte();
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        ByteBuf b = Unpooled.wrappedBuffer(body);
        try {
            return BackendMessages.decode(type, b);
        } finally {
            b.release();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send(new dev.pgwire.protocol.message.Terminate());
        } finally {
            socket.close();
        }
    }
}
