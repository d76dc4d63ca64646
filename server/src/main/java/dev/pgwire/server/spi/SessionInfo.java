package dev.pgwire.server.spi;

import java.net.SocketAddress;
import java.util.Map;

/**
 * What the server knows about an authenticated connection when it opens a {@link Session}.
 *
 * @param user              the authenticated user name
 * @param database          the database asked for (defaults to the user name, as PostgreSQL)
 * @param parameters        every startup parameter the client sent (application_name, options, …)
 * @param remoteAddress     the peer's address (an InetSocketAddress, or a Unix socket address)
 * @param tls               true when the connection is encrypted
 * @param processId         the process id reported in BackendKeyData
 * @param protocolMinor     the negotiated protocol minor version (0 or 2)
 * @param localAddress      the server's address the connection came to (its port is what
 *                          {@code SHOW port} answers); null where not known
 * @param maxConnections    the sessions the server allows at once ({@code SHOW max_connections});
 *                          0 where not known
 */
public record SessionInfo(String user, String database, Map<String, String> parameters, SocketAddress remoteAddress,
                          boolean tls, int processId, int protocolMinor, SocketAddress localAddress, int maxConnections) {

    /** A session whose server address and connection limit are not known. */
    public SessionInfo(String user, String database, Map<String, String> parameters, SocketAddress remoteAddress,
                       boolean tls, int processId, int protocolMinor) {
        this(user, database, parameters, remoteAddress, tls, processId, protocolMinor, null, 0);
    }
}
