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
 */
public record SessionInfo(String user, String database, Map<String, String> parameters, SocketAddress remoteAddress,
                          boolean tls, int processId, int protocolMinor) {
}
