package dev.pgwire.server;

import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.StartupPacket;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A byte-level test client: writes frames or raw bytes, reads decoded backend messages. */
final class RawConnection implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawConnection(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawConnection startup(int port, String user) throws IOException {
        RawConnection c = new RawConnection(port);
        c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", user, "database", "db")));
        c.readUntilReady();
        return c;
    }

    void send(StartupPacket p) throws IOException {
        ByteBuf b = Unpooled.buffer();
        p.encode(b);
        raw(bytes(b));
    }

    void send(FrontendMessage... messages) throws IOException {
        ByteBuf b = Unpooled.buffer();
        for (FrontendMessage m : messages) m.encode(b);
        raw(bytes(b));
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    int readByte() throws IOException {
        return in.read();
    }

    BackendMessage read() throws IOException {
        byte type = in.readByte();
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return BackendMessages.decode(type, Unpooled.wrappedBuffer(body));
    }

    /** Reads messages up to and including ReadyForQuery. */
    List<BackendMessage> readUntilReady() throws IOException {
        List<BackendMessage> got = new ArrayList<>();
        while (true) {
            BackendMessage m = read();
            got.add(m);
            if (m instanceof ReadyForQuery) return got;
        }
    }

    /** Reads until the server closes the connection; returns what arrived before. */
    List<BackendMessage> readUntilClosed() throws IOException {
        List<BackendMessage> got = new ArrayList<>();
        try {
            while (true) got.add(read());
        } catch (EOFException | java.net.SocketException e) {
            return got;
        }
    }

    InputStream input() {
        return in;
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] a = new byte[b.readableBytes()];
        b.readBytes(a);
        return a;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static int frameSize(ByteBuf b) {
        return FrameReader.typedFrameSize(b, Integer.MAX_VALUE);
    }
}
