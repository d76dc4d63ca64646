package dev.pgwire.cli;

import dev.pgwire.gateway.Gateway;
import dev.pgwire.gateway.GatewayConfig;
import dev.pgwire.gateway.IniConfig;
import dev.pgwire.gateway.PoolMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pgwire gateway}: a pooling gateway in front of PostgreSQL. Runs until SIGTERM, SIGINT or
 * the admin console's SHUTDOWN; SIGHUP (or RELOAD) reads {@code --config} again.
 */
@Command(name = "gateway",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Pool client connections onto few connections to an upstream PostgreSQL.",
                "",
                "Either --upstream (one server; every database name a client asks for is opened there) or --config"
                        + " (a PgBouncer-style INI file with [databases], [users] and [pgwire] sections). Options given"
                        + " besides --config override the file's values.",
                ""})
final class GatewayCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(GatewayCommand.class);
    static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Address and port clients connect to (default: 127.0.0.1:6432).")
    String listen;

    @Option(names = "--upstream", paramLabel = "URI",
            description = "The PostgreSQL server: postgresql://user[:password]@host:port/db. Without a user in the URI,"
                    + " each client's user name is used upstream; passwords may also come from ~/.pgpass or PGPASSWORD.")
    String upstream;

    @Option(names = "--config", paramLabel = "FILE", description = "PgBouncer-style INI configuration.")
    Path config;

    @Option(names = "--pool-mode", paramLabel = "MODE", description = "session or transaction (default: transaction).")
    String poolMode;

    @Option(names = "--pool-size", paramLabel = "N", description = "Server connections per database and user (default: 20).")
    Integer poolSize;

    @Option(names = "--min-pool-size", paramLabel = "N", description = "Server connections kept open even when idle (default: 0).")
    Integer minPoolSize;

    @Option(names = "--max-client-conn", paramLabel = "N", description = "Client connections allowed at once (default: 10000).")
    Integer maxClientConn;

    @Option(names = "--auth", paramLabel = "METHOD",
            description = "Client authentication: trust (loopback only), password, md5, scram-sha-256 (default: trust).")
    String auth;

    @Option(names = "--users-file", paramLabel = "FILE",
            description = "Users and password verifiers, as written by 'pgwire user add' (auth_file).")
    Path usersFile;

    @Option(names = "--auth-user", paramLabel = "ROLE",
            description = "Look up users missing from the users file upstream as this role, with --auth-query (auth_user).")
    String authUser;

    @Option(names = "--auth-query", paramLabel = "SQL",
            description = "The lookup, the user name as $1 (default: " + GatewayConfig.DEFAULT_AUTH_QUERY + ").")
    String authQuery;

    @Option(names = "--auth-dbname", paramLabel = "DB",
            description = "The database the lookup runs in (default: the one the client asked for).")
    String authDbname;

    @Option(names = "--admin-users", paramLabel = "NAMES", split = ",",
            description = "Users allowed on the admin console (database pgwire); without it, local connections are.")
    String[] adminUsers;

    @Option(names = "--query-wait-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a client waits for a server connection before it is refused (default: 2min).")
    Duration queryWaitTimeout;

    @Option(names = "--server-idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Idle server connections above the minimum are closed after this (default: 10min).")
    Duration serverIdleTimeout;

    @Option(names = "--server-lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Server connections are closed once this old, when next idle (default: 1h).")
    Duration serverLifetime;

    @Option(names = "--max-prepared-statements", paramLabel = "N",
            description = "Prepared statements kept per server connection, least recently used closed first (default: 1000).")
    Integer maxPreparedStatements;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Event-loop threads; a client and its server connection share one (default: one per core).")
    Integer ioThreads;

    @Option(names = "--so-reuseport", negatable = true,
            description = "One listening socket per event-loop thread on the port (SO_REUSEPORT): each thread serves"
                    + " the connections it accepts. Another process of the same user may then bind the port too (default: off).")
    Boolean soReuseport;

    @Option(names = "--tcp-defer-accept", negatable = true,
            description = "TCP_DEFER_ACCEPT: a connection wakes the gateway once its first bytes arrive (default: on).")
    Boolean tcpDeferAccept;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (default: off).")
    String metricsListen;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain for client TLS (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) of --tls-cert.")
    Path tlsKey;

    private final CompletableFuture<Gateway> started = new CompletableFuture<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        logging.apply();
        Gateway gateway;
        try {
            gateway = Gateway.start(buildConfig());
        } catch (IllegalArgumentException e) {
            started.completeExceptionally(e);
            throw new CliException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(e);
            throw new CliException("cannot start the gateway: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("pgwire gateway listening on " + gateway.config().listenHost() + ":" + gateway.port()
                + (gateway.metricsPort() > 0 ? " (metrics on port " + gateway.metricsPort() + ")" : ""));
        out.flush();
        onSignal("HUP", () -> {
            try {
                gateway.reload();
            } catch (RuntimeException e) {
                log.error("reload failed; the configuration in use is unchanged: {}", e.getMessage());
            }
        });
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            gateway.shutdown(SHUTDOWN_DEADLINE);
        }, "pgwire-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        started.complete(gateway);
        gateway.terminated().thenRun(stopRequested::countDown);
        stopRequested.await();
        gateway.shutdown(SHUTDOWN_DEADLINE);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the JVM is already exiting
        }
        return 0;
    }

    CompletableFuture<Gateway> started() {
        return started;
    }

    void stop() {
        stopRequested.countDown();
        started.thenAccept(g -> g.terminated().orTimeout(SHUTDOWN_DEADLINE.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS).join());
    }

    GatewayConfig buildConfig() {
        GatewayConfig base = config != null ? IniConfig.load(config) : null;
        if (base == null && upstream == null) throw new IllegalArgumentException("give --upstream URI or --config FILE");
        GatewayConfig.Builder b = GatewayConfig.builder();
        if (base != null) copy(base, b);
        if (upstream != null) {
            java.util.Map<String, String> k = new java.util.LinkedHashMap<>(uriKeywords(upstream));
            String db = k.remove("dbname");
            b.database("*", k);
            if (db != null && !db.isEmpty()) {
                java.util.Map<String, String> named = new java.util.LinkedHashMap<>(k);
                named.put("dbname", db);
                b.database(db, named);
            }
        }
        if (listen != null) {
            int colon = listen.lastIndexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("--listen must be HOST:PORT, not \"" + listen + "\"");
            b.listen(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
        }
        if (poolMode != null) b.poolMode(PoolMode.parse(poolMode));
        if (poolSize != null) b.defaultPoolSize(poolSize);
        if (minPoolSize != null) b.minPoolSize(minPoolSize);
        if (maxClientConn != null) b.maxClientConn(maxClientConn);
        if (auth != null) b.authType(auth);
        if (usersFile != null) b.authFile(usersFile);
        if (authUser != null) b.authUser(authUser);
        if (authQuery != null) b.authQuery(authQuery);
        if (authDbname != null) b.authDbname(authDbname);
        if (adminUsers != null) b.adminUsers(new LinkedHashSet<>(Arrays.asList(adminUsers)));
        if (queryWaitTimeout != null) b.queryWaitTimeout(queryWaitTimeout);
        if (serverIdleTimeout != null) b.serverIdleTimeout(serverIdleTimeout);
        if (serverLifetime != null) b.serverLifetime(serverLifetime);
        if (maxPreparedStatements != null) b.maxPreparedStatements(maxPreparedStatements);
        if (ioThreads != null) b.ioThreads(ioThreads);
        if (soReuseport != null) b.soReuseport(soReuseport);
        if (tcpDeferAccept != null) b.tcpDeferAccept(tcpDeferAccept);
        if (tlsCert != null || tlsKey != null) b.tls(tlsCert, tlsKey);
        if (metricsListen != null) {
            int colon = metricsListen.lastIndexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("--metrics-listen must be HOST:PORT");
            b.metrics(metricsListen.substring(0, colon), Integer.parseInt(metricsListen.substring(colon + 1)));
        }
        return b.build();
    }

    private static java.util.Map<String, String> uriKeywords(String uri) {
        return GatewayConfig.builder().database("x", uri).build().databases().get("x").upstream();
    }

    private static void copy(GatewayConfig c, GatewayConfig.Builder b) {
        b.listen(c.listenHost(), c.listenPort()).unixSocketDir(c.unixSocketDir()).authType(c.authType())
                .authFile(c.authFile()).hbaFile(c.hbaFile()).adminUsers(c.adminUsers())
                .authUser(c.authUser()).authQuery(c.authQuery()).authDbname(c.authDbname()).tls(c.tlsCert(), c.tlsKey())
                .poolMode(c.poolMode()).defaultPoolSize(c.defaultPoolSize()).minPoolSize(c.minPoolSize())
                .maxClientConn(c.maxClientConn()).serverIdleTimeout(c.serverIdleTimeout()).serverLifetime(c.serverLifetime())
                .queryWaitTimeout(c.queryWaitTimeout()).serverConnectTimeout(c.serverConnectTimeout())
                .maxPreparedStatements(c.maxPreparedStatements()).serverResetQuery(c.serverResetQuery()).ioThreads(c.ioThreads())
                .tcpDeferAccept(c.tcpDeferAccept()).soReuseport(c.soReuseport())
                .metrics(c.metricsHost(), c.metricsPort()).source(c.source());
        c.userPoolModes().forEach(b::userPoolMode);
        c.databases().values().forEach(d -> b.database(d.name(), d));
    }

    /** SIGHUP and friends, where the JVM lets us (sun.misc.Signal, looked up so that nothing breaks without it). */
    private static void onSignal(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object h = java.lang.reflect.Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) action.run();
                        return null;
                    });
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), h);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("no SIG{} handling on this JVM ({}); use the admin console's RELOAD", name, e.toString());
        }
    }
}
