package dev.pgwire.protocol.capture;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately naive frontend that builds every byte by hand, independent of the protocol
 * module, so that fixtures recorded with it are a fair check of that module's codec.
 */
final class RawClient implements Closeable {
    static final int PROTOCOL_3_0 = 196608;
    static final int PROTOCOL_3_2 = 196610;

    /** A backend message as read off the socket. */
    record Msg(char type, byte[] body) {
        int int32(int at) {
            return RecordingProxy.int32(body, at);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The text of column {@code i} of a DataRow, null for NULL. */
        String column(int i) {
            int at = 2;
            for (int c = 0; ; c++) {
                int len = int32(at);
                at += 4;
                if (c == i) return len < 0 ? null : new String(body, at, len, StandardCharsets.UTF_8);
                if (len > 0) at += len;
            }
        }
    }

    /** A message body under construction. */
    static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Body cstr(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8)).i8(0);
        }

        Body i8(int v) {
            return io(() -> out.writeByte(v));
        }

        Body i16(int v) {
            return io(() -> out.writeShort(v));
        }

        Body i32(int v) {
            return io(() -> out.writeInt(v));
        }

        Body raw(byte[] b) {
            return io(() -> out.write(b));
        }

        /** An int32 length and the bytes, or length -1 for NULL. */
        Body value(byte[] b) {
            return b == null ? i32(-1) : i32(b.length).raw(b);
        }

        byte[] toBytes() {
            return bytes.toByteArray();
        }

        private Body io(IoAction a) {
            try {
                a.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        private interface IoAction {
            void run() throws IOException;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    int processId;
    byte[] secretKey;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    void startup(int version, String... nameValuePairs) throws IOException {
        Body b = new Body().i32(version);
        for (String s : nameValuePairs) b.cstr(s);
        untyped(b.i8(0));
    }

    void cancel(int processId, byte[] secretKey) throws IOException {
        untyped(new Body().i32(80877102).i32(processId).raw(secretKey));
    }

    /** SSLRequest or GSSENCRequest: a length of 8 and the request code. */
    void encryptionRequest(int code) throws IOException {
        untyped(new Body().i32(code));
    }

    /** The single-byte answer to an encryption request. */
    int readByte() throws IOException {
        return in.readUnsignedByte();
    }

    private void untyped(Body b) throws IOException {
        byte[] body = b.toBytes();
        out.writeInt(4 + body.length);
        out.write(body);
        out.flush();
    }

    /** Queues one typed message; {@link #flush} sends what is queued. */
    void send(char type, Body b) throws IOException {
        byte[] body = b.toBytes();
        out.writeByte(type);
        out.writeInt(4 + body.length);
        out.write(body);
    }

    void flush() throws IOException {
        out.flush();
    }

    void query(String sql) throws IOException {
        send('Q', new Body().cstr(sql));
        flush();
    }

    void terminate() throws IOException {
        send('X', new Body());
        flush();
    }

    /** The next backend message, or null at end of stream. */
    Msg read() throws IOException {
        int type = in.read();
        if (type < 0) return null;
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        Msg m = new Msg((char) type, body);
        if (m.type == 'K') {
            processId = m.int32(0);
            secretKey = Arrays.copyOfRange(body, 4, body.length);
        }
        return m;
    }

    /** Reads messages up to and including the first of the given type. */
    List<Msg> readUntil(char type) throws IOException {
        List<Msg> seen = new ArrayList<>();
        while (true) {
            Msg m = read();
            if (m == null) throw new EOFException("connection closed before message '" + type + "': " + seen);
            seen.add(m);
            if (m.type == type) return seen;
        }
    }

    List<Msg> readToEnd() throws IOException {
        List<Msg> seen = new ArrayList<>();
        for (Msg m = read(); m != null; m = read()) seen.add(m);
        return seen;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
