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
 * @param maxMessageSize      largest message accepted after authentication (≤ 1 GiB − 1)
 * @param authTimeout         time allowed to complete startup and authentication
 * @param idleSessionTimeout  close idle sessions after this long (57P05); null for never
 * @param serverVersion       reported as server_version
 * @param ioThreads           event-loop threads doing socket I/O
 */
public record ServerConfig(String host, int port, Path unixSocketDirectory, TlsConfig tls, boolean tlsRequired,
                           AuthConfig auth, CredentialStore credentials, int maxConnections, int maxMessageSize,
                           Duration authTimeout, Duration idleSessionTimeout, String serverVersion, int ioThreads) {

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
        if (ioThreads < 1) throw new IllegalArgumentException("ioThreads must be at least 1");
        if (tlsRequired && tls == null) throw new IllegalArgumentException("TLS is required but no certificate is configured");
    }

    /** Certificate chain and private key, both PEM files (the key in PKCS#8). */
    public record TlsConfig(Path certificateChain, Path privateKey) {
        public TlsConfig {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }
}
