package dev.pgwire.gateway;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.CredentialFile;
import dev.pgwire.server.auth.CredentialStore;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.server.frame.FrameHandler;
import dev.pgwire.server.frame.FrameSession;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A pooling PostgreSQL gateway: clients connect to it as to PostgreSQL, and their work runs on
 * pooled connections to the upstream servers of its {@link GatewayConfig}. Client connections are
 * served by {@link PgServer}'s frame layer, upstream ones come from the client module; a client and
 * the server connection it holds share one event loop.
 *
 * <pre>{@code
 * try (Gateway gw = Gateway.start(GatewayConfig.builder()
 *         .listen("127.0.0.1", 6432)
 *         .database("*", "postgresql://app@127.0.0.1:5432")
 *         .defaultPoolSize(8)
 *         .build())) {
 *     // psql -h 127.0.0.1 -p 6432 -U app shop
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private volatile GatewayConfig config;
    private volatile CredentialStore credentials;
    final Statements statements = new Statements();
    final GatewayMetrics metrics = new GatewayMetrics();
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping;
    private final PgServer server;
    private final AuthQuery authQuery;
    private final int metricsPort;
    private final long startedMillis = System.currentTimeMillis();
    private volatile boolean shuttingDown;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private Gateway(GatewayConfig config) throws IOException {
        this.config = config;
        this.credentials = loadCredentials(config);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgwire-gateway-housekeeping");
            t.setDaemon(true);
            return t;
        });
        PgServer.Builder b = PgServer.builder()
                .host(config.listenHost())
                .port(config.listenPort())
                .unixSocketDirectory(config.unixSocketDir())
                .maxConnections(config.maxClientConn())
                .ioThreads(config.ioThreads())
                .tcpDeferAccept(config.tcpDeferAccept() ? GatewayConfig.TCP_DEFER_ACCEPT_WAIT : Duration.ZERO)
                .reusePort(config.soReuseport())
                .auth(authConfig(config))
                .credentialSource(this::credentialsFor)
                .frameHandlerFactory(this::open);
        if (config.tlsCert() != null) b.tls(config.tlsCert(), config.tlsKey());
        try {
            this.server = b.start();
            this.authQuery = new AuthQuery(this, server.eventLoops());
            this.metricsPort = config.metricsHost() != null ? metrics.listen(config.metricsHost(), config.metricsPort()) : -1;
        } catch (IOException | RuntimeException e) {
            housekeeping.shutdownNow();
            metrics.close();
            throw e;
        }
        housekeeping.scheduleWithFixedDelay(this::maintain, 200, 200, TimeUnit.MILLISECONDS);
        log.info("gateway listening on {}:{} ({} pooling, default pool size {})", config.listenHost(), server.port(),
                config.poolMode().keyword(), config.defaultPoolSize());
    }

    /** Starts listening; the configuration's databases are connected to as clients arrive. */
    public static Gateway start(GatewayConfig config) throws IOException {
        if (!isLoopback(config.listenHost()) && config.authType().equals("trust")) {
            throw new IllegalArgumentException("listening on " + config.listenHost()
                    + " needs passwords: set auth_type (scram-sha-256, md5, hba) and auth_file");
        }
        return new Gateway(config);
    }

    private static boolean isLoopback(String host) {
        try {
            return new InetSocketAddress(host, 0).getAddress().isLoopbackAddress();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static AuthConfig authConfig(GatewayConfig c) {
        return switch (c.authType()) {
            case "trust" -> AuthConfig.trustLoopback();
            case "password" -> AuthConfig.all(AuthMethod.PASSWORD);
            case "md5" -> AuthConfig.all(AuthMethod.MD5);
            case "scram-sha-256" -> AuthConfig.all(AuthMethod.SCRAM_SHA_256);
            default -> AuthConfig.load(c.hbaFile());
        };
    }

    private static CredentialStore loadCredentials(GatewayConfig c) {
        return c.authFile() == null ? new InMemoryCredentialStore() : CredentialFile.load(c.authFile());
    }

    /**
     * auth_file first; a user missing from it is looked up upstream when auth_user is set (an
     * admin-console login only with auth_dbname, the console having no upstream of its own).
     */
    private CompletionStage<CredentialStore> credentialsFor(String user, String database) {
        CredentialStore file = credentials;
        GatewayConfig c = config;
        boolean console = database.equals(GatewayConfig.ADMIN_DATABASE) || database.equals("pgbouncer");
        if (file.hasUser(user) || c.authUser() == null || (console && c.authDbname() == null)) {
            return CompletableFuture.completedFuture(file);
        }
        return authQuery.credentialsFor(user, database);
    }

    public GatewayConfig config() {
        return config;
    }

    /** The port clients connect to. */
    public int port() {
        return server.port();
    }

    /** The port of the Prometheus endpoint, or -1. */
    public int metricsPort() {
        return metricsPort;
    }

    ScheduledExecutorService housekeeping() {
        return housekeeping;
    }

    EventLoop nextLoop() {
        return server.eventLoops().next();
    }

    long startedMillis() {
        return startedMillis;
    }

    Collection<Pool> pools() {
        return pools.values();
    }

    /** The Prometheus text of the gateway's metrics. */
    public String scrapeMetrics() {
        return metrics.scrape();
    }

    // ---- clients ---------------------------------------------------------------------------

    private CompletionStage<FrameHandler> open(FrameSession session) {
        String db = session.info().database();
        String user = session.info().user();
        if (db.equals(GatewayConfig.ADMIN_DATABASE) || db.equals("pgbouncer")) {
            if (!mayAdminister(session)) {
                return CompletableFuture.failedFuture(new PgException(SqlState.INSUFFICIENT_PRIVILEGE,
                        "not allowed to connect to the admin console"));
            }
            return CompletableFuture.completedFuture(new AdminConsole(this, session));
        }
        if (shuttingDown) {
            return CompletableFuture.failedFuture(new PgException(SqlState.CANNOT_CONNECT_NOW, "the gateway is shutting down"));
        }
        GatewayConfig.DatabaseConfig entry = config.database(db);
        if (entry == null) {
            return CompletableFuture.failedFuture(new PgException(SqlState.INVALID_CATALOG_NAME,
                    "no such database: " + db));
        }
        Pool pool = pools.computeIfAbsent(db + '\0' + user, k -> {
            Pool p = new Pool(this, entry, db, user);
            metrics.pool(p);
            return p;
        });
        // SCRAM pass-through: the key the client just proved logs the pool in upstream as this user.
        session.scramClientKey().ifPresent(pool::scramClientKey);
        // md5 pass-through: the md5 hash the client's login was checked against answers PostgreSQL's md5 challenge.
        session.md5PasswordHash().ifPresent(pool::md5Hash);
        ClientSession c = new ClientSession(this, pool, session);
        pool.clients.add(c);
        return c.open();
    }

    private boolean mayAdminister(FrameSession session) {
        if (config.adminUsers().contains(session.info().user())) return true;
        // Without admin_users, local connections (loopback, Unix socket) may administer.
        return config.adminUsers().isEmpty() && (!(session.info().remoteAddress() instanceof InetSocketAddress isa)
                || isa.getAddress().isLoopbackAddress());
    }

    // ---- operations ------------------------------------------------------------------------

    private void maintain() {
        try {
            for (Pool p : pools.values()) p.maintain();
            authQuery.closeIdle(config.serverIdleTimeout().toNanos());
        } catch (RuntimeException e) {
            log.error("housekeeping failed", e);
        }
    }

    /** Reads the configuration file again (SIGHUP, RELOAD) and applies it without dropping clients. */
    public void reload() {
        GatewayConfig now = config;
        if (now.source() == null) {
            reload(now);
            return;
        }
        reload(IniConfig.load(now.source()));
    }

    /**
     * Applies a new configuration: pool sizes and modes, databases, credentials and timeouts take
     * effect at once (a pool mode for clients' next transactions); the listen address and its
     * socket options, TLS and auth_type keep their values until restart.
     */
    public void reload(GatewayConfig next) {
        CredentialStore creds = loadCredentials(next);
        config = next;
        credentials = creds;
        authQuery.close(); // auth_user, its database or server may have changed
        for (Pool p : pools.values()) {
            GatewayConfig.DatabaseConfig entry = next.database(p.database);
            if (entry == null) p.closeIdle();
            else p.reconfigure(entry);
        }
        log.info("configuration reloaded{}", next.source() == null ? "" : " from " + next.source());
    }

    /** PAUSE: no more server connections are handed out; completes once none is in use. */
    CompletableFuture<Void> pause(String database) {
        List<Pool> affected = new ArrayList<>();
        for (Pool p : pools.values()) {
            if (database == null || p.database.equals(database)) {
                p.pause();
                affected.add(p);
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (affected.stream().allMatch(p -> p.activeServers() == 0)) done.complete(null);
            else housekeeping.schedule(check[0], 20, TimeUnit.MILLISECONDS);
        };
        check[0].run();
        return done;
    }

    void resume(String database) {
        for (Pool p : pools.values()) if (database == null || p.database.equals(database)) p.resume();
    }

    /**
     * Stops accepting clients, lets transactions in flight finish until {@code deadline} (idle
     * clients are told 57P01 at once, busy ones at the end of their transaction), then closes
     * every server connection.
     */
    public void shutdown(Duration deadline) {
        if (shuttingDown) {
            terminated.join();
            return;
        }
        shuttingDown = true;
        try {
            // the server connections close while their event loops still run: a channel on a stopped
            // loop is never closed, and its PostgreSQL backend would outlive the gateway
            server.shutdown(deadline, this::closeServerConnections);
            authQuery.close();
        } finally {
            housekeeping.shutdownNow();
            metrics.close();
            terminated.complete(null);
        }
    }

    /**
     * Closes every server connection (the idle ones with a Terminate), and waits a little for
     * them to close: a client's connection given back as the gateway stops is closed too.
     */
    private void closeServerConnections() {
        List<io.netty.channel.ChannelFuture> closing = new ArrayList<>();
        for (Pool p : pools.values()) {
            p.closeIdle();
            for (ServerConnection s : p.servers) closing.add(s.channel.close());
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (io.netty.channel.ChannelFuture f : closing) {
            long left = until - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left))) break;
        }
    }

    /** Completes once the gateway has shut down (SHUTDOWN from the console, or {@link #shutdown}). */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
