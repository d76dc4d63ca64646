package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.SessionFactory;
import dev.pgwire.server.spi.SessionInfo;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Opens PostgreSQL sessions on embedded DuckDB. Each PostgreSQL database name is one DuckDB
 * database: the file {@code <dataDir>/<name>.duckdb}, created on first connect, or — with no data
 * directory — an in-memory database that lives as long as the factory, shared by every session
 * connected to that name.
 *
 * <pre>{@code
 * try (DuckDbSessionFactory factory = new DuckDbSessionFactory(Path.of("/var/lib/pgwire"))) {
 *     // hand the factory to the server; each authenticated connection gets factory.open(info)
 *     Session s = factory.open(info);          // info.database() "shop" -> /var/lib/pgwire/shop.duckdb
 * }
 * }</pre>
 *
 * <p>Every database is opened with settings that make DuckDB answer like PostgreSQL:
 * {@link #POSTGRES_COMPATIBILITY}. Thread-safe.
 */
public final class DuckDbSessionFactory implements SessionFactory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DuckDbSessionFactory.class);

    /**
     * DuckDB settings applied to each database when it is opened: integer division for
     * {@code int / int} (so {@code SELECT 1/0} fails with 22012 as in PostgreSQL), errors instead of
     * NaN/Infinity from float arithmetic, PostgreSQL's NULL ordering (last ascending, first
     * descending), unquoted identifiers folded to lower case, and machine-readable errors.
     */
    public static final List<String> POSTGRES_COMPATIBILITY = List.of(
            "SET integer_division = true",
            "SET ieee_floating_point_ops = false",
            "SET default_null_order = 'nulls_last_on_asc_first_on_desc'",
            "SET preserve_identifier_case = 'lowercase'",
            "SET errors_as_json = true");

    private static final int MAX_NAME_BYTES = 63;

    private final Path dataDir;
    private final Map<String, Database> databases = new ConcurrentHashMap<>();
    private final Set<DuckDbSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /**
     * @param dataDir where database files live (created if missing), or null for in-memory databases
     */
    public DuckDbSessionFactory(Path dataDir) {
        this.dataDir = dataDir;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("pgwire-serve-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    /** The data directory, or null in memory mode. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Session open(SessionInfo info) throws Exception {
        if (closed) throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
        String name = info.database() == null || info.database().isEmpty() ? info.user() : info.database();
        checkDatabaseName(name);
        SessionParameters params = new SessionParameters(info.user(), info.parameters());
        Database db = databases.computeIfAbsent(name, Database::new);
        DuckDBConnection connection;
        try {
            connection = db.duplicate();
        } catch (SQLException e) {
            throw ErrorMapper.map(e, null);
        }
        DuckDbSession[] holder = new DuckDbSession[1];
        try {
            holder[0] = new DuckDbSession(connection, db::duplicate, params, scheduler, () -> sessions.remove(holder[0]));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        sessions.add(holder[0]);
        if (closed) {
            holder[0].close();
            throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
        }
        return holder[0];
    }

    /**
     * Database names become file names, so only names that are one plain path element are allowed;
     * any other is reported the way PostgreSQL reports a database that is not there.
     */
    static void checkDatabaseName(String name) {
        boolean safe = name != null && !name.isEmpty()
                && name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES
                && !name.contains("..") && !name.equals(".")
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c == 0 || Character.isISOControl(c));
        if (!safe) {
            throw new PgException(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist");
        }
    }

    @Override
    public void close() {
        closed = true;
        for (DuckDbSession s : List.copyOf(sessions)) s.close();
        List<Database> open = new ArrayList<>(databases.values());
        databases.clear();
        for (Database db : open) db.close();
        scheduler.shutdownNow();
    }

    /** One DuckDB database: a root connection kept open for the factory's life, duplicated per session. */
    private final class Database {
        private final String name;
        private DuckDBConnection root;
        private boolean closed;

        Database(String name) {
            this.name = name;
        }

        synchronized DuckDBConnection duplicate() throws SQLException {
            if (closed) throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
            if (root == null) root = openRoot();
            return root.duplicate();
        }

        private DuckDBConnection openRoot() throws SQLException {
            String url;
            if (dataDir == null) {
                url = "jdbc:duckdb:"; // a private in-memory database, alive while root is open
            } else {
                try {
                    Files.createDirectories(dataDir);
                } catch (IOException e) {
                    throw new PgException(SqlState.IO_ERROR, "could not create data directory \"" + dataDir + "\": " + e.getMessage(), e);
                }
                url = "jdbc:duckdb:" + dataDir.resolve(name + ".duckdb").toAbsolutePath();
            }
            Properties props = new Properties();
            props.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
            Connection c = new DuckDBDriver().connect(url, props);
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            try (Statement st = duck.createStatement()) {
                for (String setting : POSTGRES_COMPATIBILITY) st.execute(setting);
            } catch (SQLException e) {
                duck.close();
                throw e;
            }
            log.info("opened DuckDB database \"{}\" ({})", name, dataDir == null ? "in memory" : url.substring("jdbc:duckdb:".length()));
            return duck;
        }

        synchronized void close() {
            closed = true;
            if (root == null) return;
            try {
                root.close();
            } catch (SQLException e) {
                log.warn("closing DuckDB database \"{}\" failed: {}", name, e.getMessage());
            }
            root = null;
        }
    }
}
