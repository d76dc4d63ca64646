package dev.pgwire.client;

import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A scripted server on a blocking socket, for behaviour no real server shows on demand (an old
 * server that reports no read-only parameters, bytes injected after the SSL answer, …). Each
 * connection runs {@link Script} on its own thread.
 */
final class FakeServer implements AutoCloseable {

    interface Script {
        void run(Conn conn) throws IOException;
    }

    /** One accepted connection. */
    static final class Conn {
        final DataInputStream in;
        final OutputStream out;

        Conn(Socket s) throws IOException {
            this.in = new DataInputStream(s.getInputStream());
            this.out = s.getOutputStream();
        }

        /** Reads a startup-phase packet; returns its code (the protocol version, or the SSLRequest code). */
        int readStartupPacket() throws IOException {
            int length = in.readInt();
            int code = in.readInt();
            in.readNBytes(length - 8);
            return code;
        }

        /** Reads one regular message; returns its type, or -1 at end of stream. */
        int readMessage() throws IOException {
            int type = in.read();
            if (type < 0) return -1;
            int length = in.readInt();
            in.readNBytes(length - 4);
            return type;
        }

        /** Reads one Query message; returns its SQL, or null at end of stream or on another message. */
        String readQuery() throws IOException {
            int type = in.read();
            if (type < 0) return null;
            byte[] body = in.readNBytes(in.readInt() - 4);
            return type == 'Q' ? new String(body, 0, body.length - 1, StandardCharsets.UTF_8) : null;
        }

        void send(BackendMessage... messages) throws IOException {
            ByteBuf b = Unpooled.buffer();
            for (BackendMessage m : messages) m.encode(b);
            out.write(ByteBufUtil.getBytes(b));
            out.flush();
        }

        void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** AuthenticationOk, a BackendKeyData and ReadyForQuery: a server that trusts everyone. */
        void acceptLogin() throws IOException {
            send(Authentication.Ok.INSTANCE, new BackendKeyData(4242, new byte[] {1, 2, 3, 4}), ReadyForQuery.IDLE);
        }
    }

    private final ServerSocket socket;
    private final Thread acceptor;

    FakeServer(Script script) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            script.run(new Conn(s));
                        } catch (IOException e) {
                            // the client went away: the script is over
                        }
                    }, "fake-server-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
