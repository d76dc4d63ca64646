package dev.pgwire.server;

import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.CredentialStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link PgServer} needs besides the handler. Build with {@link PgServer#builder}.
 *
 * @param host                host to listen on; null for no TCP listener
 * @param port                TCP port (0 picks a free one); also names the Unix socket
 * @param unixSocketDirectory directory for {@code .s.PGSQL.<port>}; null for none
 * @param tls                 certificate and key, or null for no TLS
 * @param tlsRequired         refuse connections that do not negotiate TLS (Unix sockets excepted)
 * @param auth                pg_hba-like rules choosing the method per connection
 * @param credentials         where passwords are checked
 * @param maxConnections      sessions allowed at once; more are refused with 53300
 * @param maxMessageSize      largest message accepted after authentication (≤ 1 GiB − 1); a longer
 *                            one is a protocol violation (FATAL 08P01)
 * @param maxSessionMemory    bytes one session may hold in large messages being received and run
 *                            and in its prepared statements and portals; a message or Bind/Parse
 *                            beyond it is answered with ERROR 54000 and the session goes on
 * @param maxServerMemory     the same, for all sessions together; beyond it ERROR 53200
 * @param authTimeout         time allowed to complete startup and authentication
 * @param idleSessionTimeout  close idle sessions after this long (57P05); null for never
 * @param serverVersion       reported as server_version
 * @param ioThreads           event-loop threads doing socket I/O
 * @param tcpDeferAccept      TCP_DEFER_ACCEPT on the TCP listener (Linux, native transport): a
 *                            connection is accepted once its first bytes have arrived, or after
 *                            about this long; zero for off
 * @param reusePort           one TCP listener per event loop sharing the port (SO_REUSEPORT; Linux,
 *                            native transport), each loop serving the connections it accepts
 */
public record ServerConfig(String host, int port, Path unixSocketDirectory, TlsConfig tls, boolean tlsRequired,
                           AuthConfig auth, CredentialStore credentials, int maxConnections, int maxMessageSize,
                           long maxSessionMemory, long maxServerMemory,
                           Duration authTimeout, Duration idleSessionTimeout, String serverVersion, int ioThreads,
                           Duration tcpDeferAccept, boolean reusePort) {

    public ServerConfig {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(authTimeout, "authTimeout");
        if (host == null && unixSocketDirectory == null) {
            throw new IllegalArgumentException("neither a TCP host nor a Unix socket directory is configured");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
        if (maxMessageSize < 1024 || maxMessageSize > dev.pgwire.protocol.message.Wire.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("maxMessageSize must be between 1024 and 1 GiB - 1");
        }
        if (maxSessionMemory < 64 * 1024) throw new IllegalArgumentException("maxSessionMemory must be at least 64 KiB");
        if (maxServerMemory < maxSessionMemory) {
            throw new IllegalArgumentException("maxServerMemory must be at least maxSessionMemory");
        }
        if (ioThreads < 1) throw new IllegalArgumentException("ioThreads must be at least 1");
        Objects.requireNonNull(tcpDeferAccept, "tcpDeferAccept");
        if (tcpDeferAccept.isNegative() || tcpDeferAccept.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tcpDeferAccept out of range: " + tcpDeferAccept);
        }
        if (tlsRequired && tls == null) throw new IllegalArgumentException("TLS is required but no certificate is configured");
    }

    /** One session's default memory limit: a sixteenth of the heap, between 16 MiB and 1 GiB. */
    public static long defaultMaxSessionMemory() {
        return Math.max(16L << 20, Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 16));
    }

    /** All sessions' default memory limit: an eighth of the heap, and at least one session's. */
    public static long defaultMaxServerMemory() {
        return Math.max(defaultMaxSessionMemory(), Runtime.getRuntime().maxMemory() / 8);
    }

    /** Certificate chain and private key, both PEM files (the key in PKCS#8). */
    public record TlsConfig(Path certificateChain, Path privateKey) {
        public TlsConfig {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }
}
