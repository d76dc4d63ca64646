package dev.pgwire.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds a TCP port on 127.0.0.1 that nothing listens on right now.
 *
 * <p>The port is free when this method returns; another process may still take it before the
 * caller binds, so callers that start servers on it should be ready to retry with a new port.
 *
 * <pre>{@code
 * int port = FreePort.find();
 * }</pre>
 */
public final class FreePort {

    private FreePort() {
    }

    /** Returns a port on 127.0.0.1 that could be bound a moment ago. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            // Without SO_REUSEADDR a server binding the port right after us could hit TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on 127.0.0.1", e);
        }
    }
}
