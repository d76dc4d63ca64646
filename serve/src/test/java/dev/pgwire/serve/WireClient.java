package dev.pgwire.serve;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A byte-level client for comparing servers message by message: sends frontend message records
 * exactly as encoded, reads and decodes backend messages. Startup works with trust authentication.
 */
final class WireClient implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** What the server sent from authentication up to the first ReadyForQuery (BackendKeyData among it). */
    List<BackendMessage> greeting = List.of();

    private WireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and reads through authentication and startup up to the first ReadyForQuery. */
    static WireClient connect(int port, String user, String database) throws IOException {
        WireClient c = new WireClient(port);
        ByteBuf b = Unpooled.buffer();
        new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", user, "database", database)).encode(b);
        c.write(b);
        List<BackendMessage> startup = c.readUntilReady();
        for (BackendMessage m : startup) {
            if (m instanceof ErrorResponse e) throw new IOException("startup failed: " + e.fields());
        }
        c.greeting = startup;
        return c;
    }

    /** Sends the messages in one write, as a pipelining client does. */
    void send(FrontendMessage... messages) throws IOException {
        ByteBuf b = Unpooled.buffer();
        for (FrontendMessage m : messages) m.encode(b);
        write(b);
    }

    /** Sends bytes as they are (a message cut short, say). */
    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Closes with a TCP reset instead of an orderly close, as a killed client's kernel may. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private void write(ByteBuf b) throws IOException {
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        out.write(bytes);
        out.flush();
    }

    BackendMessage read() throws IOException {
        byte type = in.readByte();
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return BackendMessages.decode(type, Unpooled.wrappedBuffer(body));
    }

    /** Messages up to and including ReadyForQuery. */
    List<BackendMessage> readUntilReady() throws IOException {
        List<BackendMessage> got = new ArrayList<>();
        while (true) {
            BackendMessage m = read();
            got.add(m);
            if (m instanceof ReadyForQuery) return got;
        }
    }

    /**
     * Sends the messages and returns the replies up to the ReadyForQuery that answers the last Sync
     * or Query, without notices and parameter reports.
     */
    List<BackendMessage> exchange(FrontendMessage... messages) throws IOException {
        send(messages);
        long readies = java.util.Arrays.stream(messages).filter(m -> m instanceof Sync || m instanceof Query).count();
        List<BackendMessage> got = new ArrayList<>();
        for (long i = 0; i < readies; i++) {
            for (BackendMessage m : readUntilReady()) {
                if (!(m instanceof NoticeResponse) && !(m instanceof ParameterStatus)) got.add(m);
            }
        }
        return got;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
