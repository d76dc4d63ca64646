package dev.pgwire.client;

import dev.pgwire.client.PgConnectOptions.Host;
import dev.pgwire.client.PgConnectOptions.SslMode;
import dev.pgwire.client.PgConnectOptions.TargetSessionAttrs;
import dev.pgwire.client.StartupHandler.TlsMode;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.TypeRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Opens a connection the way libpq does (libpq documentation, "Specifying Multiple Hosts" and
 * "sslmode"): hosts in order (or shuffled with load_balance_hosts=random), each with the TLS
 * attempts its sslmode calls for, the next host when one cannot be reached or is not what
 * target_session_attrs asks for, and no further host once a server has rejected us.
 */
final class Connector {
    private final PgConnectOptions options;
    private final EventLoopGroup group;
    private final TypeRegistry types;
    private final TlsSetup.Tls tls;
    private final List<String> failures = new ArrayList<>();
    private PgException lastError;

    private Connector(PgConnectOptions options, EventLoopGroup group, TypeRegistry types) {
        this.options = options;
        this.group = group;
        this.types = types;
        boolean tcp = options.hosts().stream().anyMatch(h -> !h.isUnixSocket());
        this.tls = tcp && options.sslMode() != SslMode.DISABLE ? TlsSetup.create(options) : null;
    }

    static CompletableFuture<PgAsyncConnection> connect(PgConnectOptions options, EventLoopGroup group, TypeRegistry types) {
        Connector c;
        try {
            c = new Connector(options, group, types);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<Host> hosts = new ArrayList<>(options.hosts());
        if (options.loadBalanceHosts()) Collections.shuffle(hosts);
        TargetSessionAttrs target = options.targetSessionAttrs();
        if (target == TargetSessionAttrs.PREFER_STANDBY) {
            // first a standby, then anything (libpq does the same two passes)
            return c.tryHosts(hosts, 0, TargetSessionAttrs.STANDBY).exceptionallyCompose(e -> {
                if (!(unwrap(e) instanceof NoSuitableHost)) return CompletableFuture.failedFuture(unwrap(e));
                c.failures.clear();
                return c.tryHosts(hosts, 0, TargetSessionAttrs.ANY);
            }).exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
        }
        return c.tryHosts(hosts, 0, target);
    }

    /** Every host was tried and none could be used (none refused us outright). */
    private static final class NoSuitableHost extends PgException {
        private static final long serialVersionUID = 1L;

        NoSuitableHost(String sqlState, String message, Throwable cause) {
            super(sqlState, message, cause);
        }
    }

    private CompletableFuture<PgAsyncConnection> tryHosts(List<Host> hosts, int index, TargetSessionAttrs target) {
        if (index >= hosts.size()) return CompletableFuture.failedFuture(overallFailure());
        Host host = hosts.get(index);
        return tryHost(host, plans(host), 0, target).exceptionallyCompose(e -> {
            Throwable t = unwrap(e);
            if (t instanceof ConnectAttemptException a && a.kind != ConnectAttemptException.Kind.SERVER
                    && a.kind != ConnectAttemptException.Kind.CLIENT) {
                return tryHosts(hosts, index + 1, target);
            }
            // a server that rejected us ends the search, as in libpq
            return CompletableFuture.failedFuture(t instanceof ConnectAttemptException a ? a.error : t);
        });
    }

    private CompletableFuture<PgAsyncConnection> tryHost(Host host, List<TlsMode> plans, int i, TargetSessionAttrs target) {
        TlsMode mode = plans.get(i);
        return attempt(host, mode)
                .thenCompose(conn -> SessionCheck.accepts(conn, target).handle((ok, e) -> {
                    if (e == null && ok) return CompletableFuture.completedFuture(conn);
                    conn.closeAsync();
                    PgException why = e != null ? asPgException(unwrap(e)) : new PgException(
                            SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "session is not " + target.keyword());
                    return CompletableFuture.<PgAsyncConnection>failedFuture(
                            new ConnectAttemptException(ConnectAttemptException.Kind.WRONG_SESSION, why, false));
                }).thenCompose(f -> f))
                .exceptionallyCompose(e -> {
                    Throwable t = unwrap(e);
                    ConnectAttemptException a = t instanceof ConnectAttemptException x ? x
                            : new ConnectAttemptException(ConnectAttemptException.Kind.UNREACHABLE, asPgException(t), false);
                    record(host, a);
                    if (i + 1 < plans.size() && retryWithNextPlan(mode, a)) return tryHost(host, plans, i + 1, target);
                    return CompletableFuture.failedFuture(a);
                });
    }

    /**
     * prefer: a TLS attempt that failed in the handshake, or was rejected by the server after TLS
     * was up, is retried in plain text; allow: a plain attempt the server rejected is retried with TLS.
     */
    private static boolean retryWithNextPlan(TlsMode mode, ConnectAttemptException a) {
        if (mode == TlsMode.OPTIONAL) {
            return a.kind == ConnectAttemptException.Kind.TLS || a.kind == ConnectAttemptException.Kind.SERVER && a.tlsUsed;
        }
        return mode == TlsMode.NONE && a.kind == ConnectAttemptException.Kind.SERVER;
    }

    /** The TLS attempts for a host, in order (libpq: sslmode is ignored for Unix sockets). */
    private List<TlsMode> plans(Host host) {
        if (host.isUnixSocket()) return List.of(TlsMode.NONE);
        return switch (options.sslMode()) {
            case DISABLE -> List.of(TlsMode.NONE);
            case ALLOW -> List.of(TlsMode.NONE, TlsMode.REQUIRED);
            case PREFER -> List.of(TlsMode.OPTIONAL, TlsMode.NONE);
            case REQUIRE, VERIFY_CA, VERIFY_FULL -> List.of(
                    options.sslNegotiation() == PgConnectOptions.SslNegotiation.DIRECT ? TlsMode.DIRECT : TlsMode.REQUIRED);
        };
    }

    /**
     * A raw connection: hosts and TLS attempts in libpq's order as for {@link #connect}, the
     * first server that completes startup wins (target_session_attrs must be any).
     */
    static CompletableFuture<PgRawConnection> connectRaw(PgConnectOptions options, EventLoopGroup loop,
                                                         Map<String, String> parameters, PassThroughSecrets secrets) {
        Connector c;
        try {
            if (options.targetSessionAttrs() != TargetSessionAttrs.ANY) {
                throw new IllegalArgumentException("raw connections take target_session_attrs=any only");
            }
            c = new Connector(options, loop, TypeRegistry.standard());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<Host> hosts = new ArrayList<>(options.hosts());
        if (options.loadBalanceHosts()) Collections.shuffle(hosts);
        return c.rawHosts(hosts, 0, parameters, secrets);
    }

    private CompletableFuture<PgRawConnection> rawHosts(List<Host> hosts, int index, Map<String, String> parameters,
                                                        PassThroughSecrets secrets) {
        if (index >= hosts.size()) return CompletableFuture.failedFuture(overallFailure());
        Host host = hosts.get(index);
        return rawHost(host, plans(host), 0, parameters, secrets).exceptionallyCompose(e -> {
            Throwable t = unwrap(e);
            if (t instanceof ConnectAttemptException a && a.kind != ConnectAttemptException.Kind.SERVER
                    && a.kind != ConnectAttemptException.Kind.CLIENT) {
                return rawHosts(hosts, index + 1, parameters, secrets);
            }
            return CompletableFuture.failedFuture(t instanceof ConnectAttemptException a ? a.error : t);
        });
    }

    private CompletableFuture<PgRawConnection> rawHost(Host host, List<TlsMode> plans, int i, Map<String, String> parameters,
                                                       PassThroughSecrets secrets) {
        TlsMode mode = plans.get(i);
        CompletableFuture<PgRawConnection> promise = new CompletableFuture<>();
        StartupHandler startup = new StartupHandler(options, host, mode, tls, new SessionState(types), null, promise, parameters,
                secrets);
        start(host, startup, promise);
        return promise.exceptionallyCompose(e -> {
            Throwable t = unwrap(e);
            ConnectAttemptException a = t instanceof ConnectAttemptException x ? x
                    : new ConnectAttemptException(ConnectAttemptException.Kind.UNREACHABLE, asPgException(t), false);
            record(host, a);
            if (i + 1 < plans.size() && retryWithNextPlan(mode, a)) return rawHost(host, plans, i + 1, parameters, secrets);
            return CompletableFuture.failedFuture(a);
        });
    }

    /** One TCP or Unix-socket connection through startup. */
    CompletableFuture<PgAsyncConnection> attempt(Host host, TlsMode mode) {
        CompletableFuture<PgAsyncConnection> promise = new CompletableFuture<>();
        SessionState session = new SessionState(types);
        StartupHandler startup = new StartupHandler(options, host, mode, tls, session, promise);
        start(host, startup, promise);
        return promise;
    }

    private void start(Host host, StartupHandler startup, CompletableFuture<?> promise) {
        long timeoutMillis = options.connectTimeout().toMillis();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(Transports.channelType(group, host))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("startup", startup);
                    }
                });
        if (!host.isUnixSocket()) {
            b.option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.SO_KEEPALIVE, options.keepalives());
        }
        if (timeoutMillis > 0) b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        ChannelFuture cf = b.connect(Transports.address(group, host));
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                promise.completeExceptionally(new ConnectAttemptException(ConnectAttemptException.Kind.UNREACHABLE,
                        new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                                String.valueOf(f.cause().getMessage()), f.cause()), false));
                return;
            }
            if (timeoutMillis > 0) {
                Channel ch = cf.channel();
                ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> {
                    ChannelHandlerContext ctx = ch.pipeline().context(startup);
                    if (ctx != null) startup.timeout(ctx);
                }, timeoutMillis, TimeUnit.MILLISECONDS);
                promise.whenComplete((c, e) -> timer.cancel(false));
            }
        });
    }

    private void record(Host host, ConnectAttemptException a) {
        lastError = a.error;
        failures.add("connection to server " + describe(host) + " failed: " + a.error.getMessage());
    }

    private static String describe(Host host) {
        if (host.isUnixSocket()) return "on socket \"" + host.socketFile() + "\"";
        String addr = host.hostaddr() != null ? " (" + host.hostaddr() + ")" : "";
        return "at \"" + host.host() + "\"" + addr + ", port " + host.port();
    }

    private PgException overallFailure() {
        String message = failures.isEmpty() ? "no host to connect to" : String.join("; ", failures);
        String state = lastError != null && failures.size() == 1 ? lastError.sqlState()
                : SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION;
        return new NoSuitableHost(state, message, lastError);
    }

    private static PgException asPgException(Throwable t) {
        if (t instanceof PgException p) return p;
        return new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, String.valueOf(t.getMessage()), t);
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        return t;
    }
}
