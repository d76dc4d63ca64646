package dev.pgwire.gateway;

import dev.pgwire.client.PgConnectOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the gateway is told: where to listen, how clients authenticate, the databases it
 * routes to and how their pools behave. Built by {@link Builder} (the command line) or read from a
 * PgBouncer-style INI file by {@link IniConfig}; immutable, replaced whole on reload.
 *
 * <pre>{@code
 * GatewayConfig config = GatewayConfig.builder()
 *         .listen("127.0.0.1", 6432)
 *         .database("*", "postgresql://app@127.0.0.1:5432")   // any database name, same-named upstream
 *         .poolMode(PoolMode.TRANSACTION)
 *         .defaultPoolSize(20)
 *         .build();
 * }</pre>
 */
public record GatewayConfig(
        String listenHost, int listenPort, Path unixSocketDir,
        String authType, Path authFile, Path hbaFile, Set<String> adminUsers,
        String authUser, String authQuery, String authDbname,
        Path tlsCert, Path tlsKey,
        PoolMode poolMode, int defaultPoolSize, int minPoolSize, int maxClientConn,
        Duration serverIdleTimeout, Duration serverLifetime, Duration queryWaitTimeout, Duration serverConnectTimeout,
        int maxPreparedStatements, String serverResetQuery,
        String metricsHost, int metricsPort, int ioThreads, boolean tcpDeferAccept, boolean soReuseport,
        Map<String, DatabaseConfig> databases, Map<String, PoolMode> userPoolModes,
        Path source) {

    /** PgBouncer's default auth_query: the user's name and rolpassword (SCRAM verifier or md5 hash). */
    public static final String DEFAULT_AUTH_QUERY = "SELECT usename, passwd FROM pg_shadow WHERE usename=$1";

    /** How long TCP_DEFER_ACCEPT lets a silent connection wait before it is accepted anyway (PgBouncer's 45 s). */
    public static final Duration TCP_DEFER_ACCEPT_WAIT = Duration.ofSeconds(45);

    /** The name clients connect to for the admin console (PgBouncer's "pgbouncer" works too). */
    public static final String ADMIN_DATABASE = "pgwire";

    /**
     * One [databases] entry: libpq keywords for the upstream connection (host, port, dbname, user,
     * password, sslmode, …) and this database's pool settings (null: the defaults).
     */
    public record DatabaseConfig(String name, Map<String, String> upstream, Integer poolSize, Integer minPoolSize,
                                 PoolMode poolMode) {
        public DatabaseConfig {
            upstream = Map.copyOf(upstream);
        }

        /** Connection options for {@code user} connecting to database {@code database} through this entry. */
        PgConnectOptions options(String database, String user, Duration connectTimeout) {
            Map<String, String> k = new LinkedHashMap<>(upstream);
            k.putIfAbsent("dbname", database);
            k.putIfAbsent("user", user);
            k.putIfAbsent("sslmode", "prefer");
            if (connectTimeout != null) k.putIfAbsent("connect_timeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
            return PgConnectOptions.of(k, System.getenv());
        }

        /**
         * Connection options for auth_user's lookups in {@code database}: this entry's server and
         * settings as {@code authUser}; the entry's password only if its user is auth_user (it
         * belongs to that user), else the password file or PGPASSWORD.
         */
        PgConnectOptions lookupOptions(String database, String authUser, Duration connectTimeout) {
            Map<String, String> k = new LinkedHashMap<>(upstream);
            if (!authUser.equals(k.get("user"))) k.remove("password");
            k.put("user", authUser);
            k.putIfAbsent("dbname", database);
            k.putIfAbsent("sslmode", "prefer");
            k.putIfAbsent("application_name", "pgwire gateway auth_query");
            if (connectTimeout != null) k.putIfAbsent("connect_timeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
            return PgConnectOptions.of(k, System.getenv());
        }
    }

    public GatewayConfig {
        Objects.requireNonNull(poolMode, "poolMode");
        databases = Map.copyOf(databases);
        userPoolModes = Map.copyOf(userPoolModes);
        adminUsers = Set.copyOf(adminUsers);
        if (defaultPoolSize < 1) throw new IllegalArgumentException("default_pool_size must be at least 1");
        if (maxClientConn < 1) throw new IllegalArgumentException("max_client_conn must be at least 1");
        if (ioThreads < 1) throw new IllegalArgumentException("io_threads must be at least 1");
        if (maxPreparedStatements < 1) throw new IllegalArgumentException("max_prepared_statements must be at least 1");
        if (databases.isEmpty()) throw new IllegalArgumentException("no databases configured: give --upstream or a [databases] section");
        if (!List.of("trust", "password", "md5", "scram-sha-256", "hba").contains(authType)) {
            throw new IllegalArgumentException("auth_type must be trust, password, md5, scram-sha-256 or hba, not \"" + authType + "\"");
        }
        if (authType.equals("hba") && hbaFile == null) throw new IllegalArgumentException("auth_type hba needs auth_hba_file");
        if (authUser != null && authUser.isEmpty()) authUser = null;
        if (authDbname != null && authDbname.isEmpty()) authDbname = null;
        if (authQuery == null || authQuery.isBlank()) authQuery = DEFAULT_AUTH_QUERY;
        if ((tlsCert == null) != (tlsKey == null)) throw new IllegalArgumentException("TLS needs both a certificate and a key");
    }

    /** The entry for a database name: its own, else the wildcard "*", else null. */
    public DatabaseConfig database(String name) {
        DatabaseConfig d = databases.get(name);
        return d != null ? d : databases.get("*");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GatewayConfig}; every setting has PgBouncer's name and a default. */
    public static final class Builder {
        String listenHost = "127.0.0.1";
        int listenPort = 6432;
        Path unixSocketDir;
        String authType = "trust";
        Path authFile;
        Path hbaFile;
        Set<String> adminUsers = Set.of();
        String authUser;
        String authQuery = DEFAULT_AUTH_QUERY;
        String authDbname;
        Path tlsCert;
        Path tlsKey;
        PoolMode poolMode = PoolMode.TRANSACTION;
        int defaultPoolSize = 20;
        int minPoolSize = 0;
        int maxClientConn = 10_000;
        Duration serverIdleTimeout = Duration.ofMinutes(10);
        Duration serverLifetime = Duration.ofHours(1);
        Duration queryWaitTimeout = Duration.ofMinutes(2);
        Duration serverConnectTimeout = Duration.ofSeconds(15);
        int maxPreparedStatements = 1000;
        int ioThreads = Runtime.getRuntime().availableProcessors();
        boolean tcpDeferAccept = true;
        boolean soReuseport;
        String serverResetQuery = "DISCARD ALL";
        String metricsHost;
        int metricsPort;
        final Map<String, DatabaseConfig> databases = new LinkedHashMap<>();
        final Map<String, PoolMode> userPoolModes = new LinkedHashMap<>();
        Path source;

        public Builder listen(String host, int port) { this.listenHost = host; this.listenPort = port; return this; }
        public Builder unixSocketDir(Path dir) { this.unixSocketDir = dir; return this; }
        public Builder authType(String type) { this.authType = type; return this; }
        public Builder authFile(Path file) { this.authFile = file; return this; }
        public Builder hbaFile(Path file) { this.hbaFile = file; return this; }
        public Builder adminUsers(Set<String> users) { this.adminUsers = users; return this; }
        /** The role that looks up users missing from auth_file with {@link #authQuery}; null: none. */
        public Builder authUser(String user) { this.authUser = user; return this; }
        /** The lookup's SQL, with the user name as $1 (default {@value #DEFAULT_AUTH_QUERY}). */
        public Builder authQuery(String sql) { this.authQuery = sql; return this; }
        /** The database the lookup runs in; null: the database the client asked for. */
        public Builder authDbname(String db) { this.authDbname = db; return this; }
        public Builder tls(Path cert, Path key) { this.tlsCert = cert; this.tlsKey = key; return this; }
        public Builder poolMode(PoolMode mode) { this.poolMode = mode; return this; }
        public Builder defaultPoolSize(int n) { this.defaultPoolSize = n; return this; }
        public Builder minPoolSize(int n) { this.minPoolSize = n; return this; }
        public Builder maxClientConn(int n) { this.maxClientConn = n; return this; }
        public Builder serverIdleTimeout(Duration d) { this.serverIdleTimeout = d; return this; }
        public Builder serverLifetime(Duration d) { this.serverLifetime = d; return this; }
        public Builder queryWaitTimeout(Duration d) { this.queryWaitTimeout = d; return this; }
        public Builder serverConnectTimeout(Duration d) { this.serverConnectTimeout = d; return this; }
        public Builder maxPreparedStatements(int n) { this.maxPreparedStatements = n; return this; }
        /** Event-loop threads (each serves its clients and their server connections); one per core by default. */
        public Builder ioThreads(int n) { this.ioThreads = n; return this; }
        /**
         * TCP_DEFER_ACCEPT on the listener (Linux): a client's connection is taken up once its first
         * bytes are there (or after {@link #TCP_DEFER_ACCEPT_WAIT}), not woken for the bare
         * handshake. On by default, as in PgBouncer.
         */
        public Builder tcpDeferAccept(boolean on) { this.tcpDeferAccept = on; return this; }
        /**
         * One listening socket per event loop on the port (SO_REUSEPORT, Linux): each loop serves the
         * clients it accepts, none is handed to another thread. Off by default, as in PgBouncer: with
         * it another process of the same user can bind the port too and take some of the clients.
         */
        public Builder soReuseport(boolean on) { this.soReuseport = on; return this; }
        public Builder serverResetQuery(String sql) { this.serverResetQuery = sql; return this; }
        public Builder metrics(String host, int port) { this.metricsHost = host; this.metricsPort = port; return this; }
        public Builder source(Path file) { this.source = file; return this; }
        public Builder userPoolMode(String user, PoolMode mode) { userPoolModes.put(user, mode); return this; }

        /** A [databases] entry from libpq keywords (host, port, dbname, user, password, …) plus pool keys. */
        public Builder database(String name, Map<String, String> keywords) {
            Map<String, String> upstream = new LinkedHashMap<>(keywords);
            Integer size = intOrNull(upstream.remove("pool_size"), "pool_size");
            Integer min = intOrNull(upstream.remove("min_pool_size"), "min_pool_size");
            String mode = upstream.remove("pool_mode");
            for (String unsupported : new String[] {"max_db_connections", "reserve_pool"}) {
                // refused rather than ignored: the operator would count on a limit that does not hold
                if (upstream.containsKey(unsupported)) {
                    throw new IllegalArgumentException(unsupported + " is not supported (the pool of a database is limited by pool_size)");
                }
            }
            databases.put(name, new DatabaseConfig(name, upstream, size, min, mode == null ? null : PoolMode.parse(mode)));
            return this;
        }

        /** A [databases] entry as another configuration has it. */
        public Builder database(String name, DatabaseConfig entry) {
            databases.put(name, entry);
            return this;
        }

        /** A [databases] entry from a connection URI ({@code postgresql://user:pw@host:port/db?sslmode=...}). */
        public Builder database(String name, String uri) {
            return database(name, IniConfig.uriKeywords(uri));
        }

        private static Integer intOrNull(String v, String key) {
            if (v == null) return null;
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, not \"" + v + "\"");
            }
        }

        public GatewayConfig build() {
            return new GatewayConfig(listenHost, listenPort, unixSocketDir, authType, authFile, hbaFile, adminUsers,
                    authUser, authQuery, authDbname,
                    tlsCert, tlsKey, poolMode, defaultPoolSize, minPoolSize, maxClientConn, serverIdleTimeout,
                    serverLifetime, queryWaitTimeout, serverConnectTimeout, maxPreparedStatements, serverResetQuery,
                    metricsHost, metricsPort, ioThreads, tcpDeferAccept, soReuseport, databases, userPoolModes, source);
        }
    }
}
