package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.SessionFactory;
import dev.pgwire.server.spi.SessionInfo;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Opens PostgreSQL sessions on embedded DuckDB. Each PostgreSQL database is one DuckDB database —
 * a file in the data directory, or memory — managed by a {@link DatabaseRegistry}: it exists once
 * created (CREATE DATABASE, or {@code postgres} in a fresh data directory), and its engine is
 * open while sessions use it.
 *
 * <pre>{@code
 * try (DuckDbSessionFactory factory = new DuckDbSessionFactory(ServeOptions.inDirectory(Path.of("/var/lib/pgwire")))) {
 *     // hand the factory to the server; each authenticated connection gets factory.open(info)
 *     Session s = factory.open(info);          // info.database() "postgres" -> /var/lib/pgwire/postgres.duckdb
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DuckDbSessionFactory implements SessionFactory, AutoCloseable {
    private final ServeOptions options;
    private final DatabaseRegistry databases;
    private final Set<DuckDbSession> sessions = ConcurrentHashMap.newKeySet();
    /** LISTEN/NOTIFY of each database, shared by its sessions. */
    private final java.util.Map<String, NotificationHub> hubs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /** Databases in {@code dataDir} (null: in memory) with the safe defaults of {@link ServeOptions}. */
    public DuckDbSessionFactory(Path dataDir) {
        this(ServeOptions.inDirectory(dataDir));
    }

    public DuckDbSessionFactory(ServeOptions options) {
        this.options = options;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("pgwire-serve-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
        this.databases = new DatabaseRegistry(options, scheduler);
    }

    /** The data directory, or null in memory mode. */
    public Path dataDir() {
        return options.dataDir();
    }

    public ServeOptions options() {
        return options;
    }

    /** The databases that exist now, sorted by name. */
    public List<String> databaseNames() {
        return databases.names();
    }

    /** How many database engines are open now. */
    public int openEngines() {
        return databases.openEngines();
    }

    /** How many sessions are open now (opened and not yet closed). */
    public int openSessions() {
        return sessions.size();
    }

    DatabaseRegistry databases() {
        return databases;
    }

    /**
     * The server's roles: a login must name one that may log in, and as a
     * {@link dev.pgwire.server.auth.CredentialStore} they hold the passwords CREATE and ALTER ROLE set.
     */
    public Roles roles() {
        return databases.roles();
    }

    /** Sessions per login role, for CONNECTION LIMIT. */
    private final java.util.Map<String, Integer> sessionsByRole = new java.util.HashMap<>();

    /**
     * As PostgreSQL after authentication: the user must be a role that may log in (28000, even
     * under trust), within its connection limit (53300; superusers have none).
     */
    private String admit(String user) {
        Roles.Role role = roles().find(user).orElseThrow(() ->
                new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist"));
        if (!role.login()) {
            throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" is not permitted to log in");
        }
        synchronized (sessionsByRole) {
            int n = sessionsByRole.getOrDefault(user, 0);
            if (!role.superuser() && role.connectionLimit() >= 0 && n >= role.connectionLimit()) {
                throw new PgException(SqlState.TOO_MANY_CONNECTIONS, "too many connections for role \"" + user + "\"");
            }
            sessionsByRole.put(user, n + 1);
        }
        return user;
    }

    private void leave(String user) {
        synchronized (sessionsByRole) {
            sessionsByRole.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    @Override
    public Session open(SessionInfo info) throws Exception {
        if (closed) throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
        String name = info.database() == null || info.database().isEmpty() ? info.user() : info.database();
        SessionParameters params = new SessionParameters(info.user(), info.parameters());
        params.server(info.localAddress(), info.maxConnections());
        String user = admit(info.user());
        DatabaseRegistry.Lease lease;
        try {
            lease = databases.lease(name);
        } catch (RuntimeException e) {
            leave(user);
            throw e;
        }
        DuckDBConnection connection;
        try {
            connection = lease.connect();
        } catch (SQLException e) {
            lease.close();
            leave(user);
            throw ErrorMapper.map(e, (String) null);
        } catch (RuntimeException e) {
            lease.close();
            leave(user);
            throw e;
        }
        DuckDbSession[] holder = new DuckDbSession[1];
        try {
            holder[0] = new DuckDbSession(connection, params, lease.name(), info.processId(),
                    lease.catalogVersion(), lease.routinesVersion(), lease.commits(), lease::catalog, databases, scheduler, () -> {
                leave(user); // first: once pg_stat_activity no longer lists the session, its connection slot is free
                sessions.remove(holder[0]);
                lease.unregister(info.processId());
                lease.close();
            });
        } catch (RuntimeException e) {
            connection.close();
            lease.close();
            leave(user);
            throw e;
        }
        holder[0].useLocks(lease.advisoryLocks(), lease.rowLocks());
        lease.register(info.processId(), holder[0]);
        holder[0].useNotificationHub(hubs.computeIfAbsent(lease.name(), n -> new NotificationHub()));
        sessions.add(holder[0]);
        if (closed) {
            holder[0].close();
            throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
        }
        return holder[0];
    }

    @Override
    public void close() {
        closed = true;
        for (DuckDbSession s : List.copyOf(sessions)) s.close();
        databases.close();
        scheduler.shutdownNow();
    }
}
