package dev.pgwire.client;

import dev.pgwire.client.StartupHandler.TlsMode;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to a PostgreSQL server taken through startup — TLS as sslmode asks, the
 * authentication exchange (SCRAM-SHA-256 and -PLUS, md5, password), ParameterStatus and
 * BackendKeyData — and then handed over bare: its channel's pipeline holds nothing of the client's
 * past the TLS handler, so the owner reads and writes frames itself. This is the upstream side of
 * a proxy or pooler; everything else should use {@link PgAsyncConnection}.
 *
 * <pre>{@code
 * PgRawConnection.connect(PgConnectOptions.parse("postgresql://app@db:5432/shop"), clientChannel.eventLoop(),
 *                 Map.of("client_encoding", "UTF8"))
 *         .thenAccept(up -> up.channel().pipeline().addLast(new MyFrameForwarder(up)));
 * }</pre>
 */
public final class PgRawConnection {
    private final Channel channel;
    private final SessionState session;
    private final PgConnectOptions options;
    private final PgConnectOptions.Host host;
    private final TlsSetup.Tls tls;
    private final TlsMode tlsMode;

    PgRawConnection(Channel channel, SessionState session, PgConnectOptions options, PgConnectOptions.Host host,
                    TlsSetup.Tls tls, TlsMode tlsMode) {
        this.channel = channel;
        this.session = session;
        this.options = options;
        this.host = host;
        this.tls = tls;
        this.tlsMode = tlsMode;
    }

    /**
     * Connects on {@code loop} (the connection's channel is registered there, so a proxy can keep
     * both sides of a pair on one thread). {@code startupParameters} go in the StartupMessage
     * besides the user and database of {@code options}, instead of this client's defaults.
     */
    public static CompletableFuture<PgRawConnection> connect(PgConnectOptions options, EventLoop loop,
                                                             Map<String, String> startupParameters) {
        return Connector.connectRaw(options, loop, Map.copyOf(startupParameters), null);
    }

    /**
     * Connects as {@link #connect(PgConnectOptions, EventLoop, Map)} does, but answers a SCRAM
     * request with {@code scramKeys} instead of a password (SCRAM pass-through: a proxy logs in
     * as the user whose ClientKey it recovered from that user's own SCRAM login). When the
     * server's salt and iteration count are not the keys', and for a request of md5 or a cleartext
     * password, the password of {@code options} or the password file answers, if there is one.
     */
    public static CompletableFuture<PgRawConnection> connect(PgConnectOptions options, EventLoop loop,
                                                             Map<String, String> startupParameters, ScramKeys scramKeys) {
        return Connector.connectRaw(options, loop, Map.copyOf(startupParameters),
                PassThroughSecrets.of(java.util.Objects.requireNonNull(scramKeys), null));
    }

    /**
     * Connects as {@link #connect(PgConnectOptions, EventLoop, Map, ScramKeys)} does, with the
     * secrets a proxy holds for the user: SCRAM keys answer a SCRAM request (the password when
     * the server's salt or iteration count are not theirs), an md5 hash answers an md5 request
     * (in preference to a password: it is the user's secret as the server stores it). A
     * cleartext request, or a request the secrets do not cover, needs the password of
     * {@code options} or the password file.
     */
    public static CompletableFuture<PgRawConnection> connect(PgConnectOptions options, EventLoop loop,
                                                             Map<String, String> startupParameters, PassThroughSecrets secrets) {
        return Connector.connectRaw(options, loop, Map.copyOf(startupParameters), java.util.Objects.requireNonNull(secrets));
    }

    /** The channel, after startup: only the TLS handler (if any) is left in its pipeline. */
    public Channel channel() {
        return channel;
    }

    /** The run-time parameters the server reported during startup (ParameterStatus). */
    public Map<String, String> parameters() {
        return Map.copyOf(session.parameters);
    }

    /** The backend's process id (BackendKeyData). */
    public int processId() {
        return session.processId;
    }

    /** The backend's cancel key (BackendKeyData). */
    public byte[] secretKey() {
        return session.secretKey == null ? null : session.secretKey.clone();
    }

    /** The host this connection reached. */
    public PgConnectOptions.Host host() {
        return host;
    }

    /** Whether TLS is in use. */
    public boolean tls() {
        return tlsMode != TlsMode.NONE;
    }

    /**
     * Sends a CancelRequest for this backend on a new connection (encrypted as this one is);
     * completes once the server has closed that connection.
     */
    public CompletableFuture<Void> cancel() {
        return CancelSender.send(channel.eventLoop(), options, host, tlsMode, tls, session.processId, session.secretKey);
    }
}
