package dev.pgwire.protocol.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A TCP proxy that forwards bytes unchanged and writes what went by on the last of the expected
 * connections as a transcript (earlier ones, such as pgbench's probe connection, are only forwarded): one line per message, {@code F} for frontend and {@code B} for backend, in the
 * order the proxy saw them. It knows just enough framing to cut the streams into messages: the
 * untyped startup packets, the one-byte answer to SSLRequest/GSSENCRequest, and typed messages.
 */
final class RecordingProxy implements AutoCloseable {
    private static final int SSL_REQUEST_CODE = 80877103;
    private static final int GSSENC_REQUEST_CODE = 80877104;

    private final int upstreamPort;
    private final Path file;
    private final ServerSocket listener;
    private final List<String> lines = new ArrayList<>();
    private final Thread connection;
    private volatile boolean backendAnswersOneByte;
    private volatile Exception failure;

    RecordingProxy(int upstreamPort, Path file, String... header) throws IOException {
        this(upstreamPort, 1, file, header);
    }

    RecordingProxy(int upstreamPort, int connections, Path file, String... header) throws IOException {
        this.upstreamPort = upstreamPort;
        this.file = file;
        for (String h : header) lines.add("# " + h);
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(60_000);
        connection = new Thread(() -> serve(connections), "proxy-" + file.getFileName());
        connection.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serve(int connections) {
        for (int i = 1; i <= connections && failure == null; i++) serveOne(i == connections);
    }

    private void serveOne(boolean recorded) {
        try (Socket client = listener.accept();
             Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            Thread up = new Thread(() -> pump(client, server, recorded ? new Splitter('F') : null), "proxy-frontend");
            Thread down = new Thread(() -> pump(server, client, recorded ? new Splitter('B') : null), "proxy-backend");
            up.start();
            down.start();
            up.join();
            down.join();
        } catch (Exception e) {
            failure = e;
        }
    }

    private void pump(Socket from, Socket to, Splitter splitter) {
        byte[] buf = new byte[65536];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                // Record before forwarding: the SSLRequest flag must be set before the answer can arrive.
                if (splitter != null) splitter.feed(buf, n);
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a reset ends the conversation like an EOF does
        } finally {
            if (splitter != null) splitter.finish();
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // the other side is already gone
            }
        }
    }

    private synchronized void record(char direction, byte[] message) {
        lines.add(direction + " " + HexFormat.of().formatHex(message));
    }

    @Override
    public void close() throws IOException {
        try {
            connection.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the proxied connection to end");
        } finally {
            listener.close();
        }
        if (failure != null) throw new IOException("proxying failed", failure);
        synchronized (this) {
            Files.write(file, lines, StandardCharsets.UTF_8);
        }
        System.out.println("wrote " + file + " (" + lines.size() + " lines)");
    }

    /** Cuts one direction of the stream into messages. */
    private final class Splitter {
        private final char direction;
        private byte[] pending = new byte[0];
        private boolean untyped;

        Splitter(char direction) {
            this.direction = direction;
            this.untyped = direction == 'F';
        }

        void feed(byte[] buf, int n) {
            byte[] all = new byte[pending.length + n];
            System.arraycopy(pending, 0, all, 0, pending.length);
            System.arraycopy(buf, 0, all, pending.length, n);
            int at = 0;
            while (true) {
                int size = nextSize(all, at);
                if (size < 0 || all.length - at < size) break;
                byte[] message = new byte[size];
                System.arraycopy(all, at, message, 0, size);
                onMessage(message);
                at += size;
            }
            pending = new byte[all.length - at];
            System.arraycopy(all, at, pending, 0, pending.length);
        }

        private int nextSize(byte[] b, int at) {
            int left = b.length - at;
            if (direction == 'B' && backendAnswersOneByte) return left >= 1 ? 1 : -1;
            if (untyped) return left >= 4 ? int32(b, at) : -1;
            return left >= 5 ? int32(b, at + 1) + 1 : -1;
        }

        private void onMessage(byte[] message) {
            if (direction == 'B' && backendAnswersOneByte) {
                backendAnswersOneByte = false;
            } else if (untyped) {
                int code = message.length >= 8 ? int32(message, 4) : 0;
                if (code == SSL_REQUEST_CODE || code == GSSENC_REQUEST_CODE) backendAnswersOneByte = true;
                else untyped = false;
            }
            record(direction, message);
        }

        void finish() {
            if (pending.length > 0) record(direction, pending);
            pending = new byte[0];
        }
    }

    static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
