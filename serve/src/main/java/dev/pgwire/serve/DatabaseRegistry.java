package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The databases of one serve instance and their DuckDB engines. A database exists once created —
 * by CREATE DATABASE, as {@code postgres} in a fresh data directory, or on first connect when the
 * operator allows that — and each is one DuckDB instance: a file in the data directory, or
 * memory. An engine opens when the first session connects and closes {@link ServeOptions#idleClose}
 * after the last one leaves — at once when more than {@link ServeOptions#idleEngines} engines have
 * no session, the one idle longest first — so engine threads and memory follow the sessions, not
 * the names ever used, while a client that connects again soon finds its database open (opening
 * builds the catalog anew). Engines in memory stay open as long as the registry: they are the data.
 *
 * <p>Engine options never come from clients: every engine is opened with
 * {@link #engineProperties} and the database name only ever becomes a file name through
 * {@link DatabaseName#fileName}.
 */
final class DatabaseRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseRegistry.class);

    /** The database initdb makes, so a fresh data directory can be connected to at once. */
    static final String DEFAULT_DATABASE = "postgres";

    /**
     * DuckDB settings applied to each engine when it is opened: integer division for
     * {@code int / int} (so {@code SELECT 1/0} fails with 22012 as in PostgreSQL), errors instead of
     * NaN/Infinity from float arithmetic, PostgreSQL's NULL ordering (last ascending, first
     * descending), unquoted identifiers folded to lower case, and machine-readable errors.
     */
    static final List<String> POSTGRES_COMPATIBILITY = List.of(
            "SET integer_division = true",
            "SET ieee_floating_point_ops = false",
            "SET default_null_order = 'nulls_last_on_asc_first_on_desc'",
            "SET preserve_identifier_case = 'lowercase'",
            "SET errors_as_json = true");

    private final ServeOptions options;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Database> databases = new HashMap<>();
    /** Databases whose engine is open without sessions, the one idle longest first; guarded by the registry. */
    private final java.util.LinkedHashSet<Database> idle = new java.util.LinkedHashSet<>();
    private boolean closed;
    /** Moves whenever the server's databases or roles change (pg_database, pg_authid). */
    private final java.util.concurrent.atomic.AtomicLong clusterVersion = new java.util.concurrent.atomic.AtomicLong();
    private final Roles roles;

    DatabaseRegistry(ServeOptions options, ScheduledExecutorService scheduler) {
        this.options = options;
        this.scheduler = scheduler;
        if (options.dataDir() != null) {
            try {
                Files.createDirectories(options.dataDir());
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not create data directory \"" + options.dataDir() + "\": " + e.getMessage(), e);
            }
        }
        try {
            roles = new Roles(options.dataDir(), this::rolesChanged);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new PgException(SqlState.IO_ERROR, "cannot use the roles of the data directory: " + e.getMessage(), e);
        }
        if (options.dataDir() == null) {
            databases.put(DEFAULT_DATABASE, new Database(DEFAULT_DATABASE));
        } else if (names().isEmpty()) {
            create(DEFAULT_DATABASE);
        }
    }

    /** The server's roles (pg_authid) and the passwords logins are checked against. */
    Roles roles() {
        return roles;
    }

    /** The DuckDB configuration every engine opens with; the operator's options decide external access. */
    Properties engineProperties() {
        Properties p = new Properties();
        p.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        p.setProperty("enable_external_access", Boolean.toString(options.externalAccess()));
        // nothing a client writes makes the server download or load code
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        p.setProperty("allow_community_extensions", "false");
        p.setProperty("allow_unsigned_extensions", "false");
        return p;
    }

    /** One session's use of a database; {@link #close} ends it. */
    final class Lease implements AutoCloseable {
        private final Database db;
        private boolean released;

        private Lease(Database db) {
            this.db = db;
        }

        String name() {
            return db.name;
        }

        /** Counts the database's committed writing transactions. */
        java.util.concurrent.atomic.AtomicLong commits() {
            return db.commits;
        }

        /** Moves whenever a session changes the database's catalog; sessions' caches of it compare. */
        java.util.concurrent.atomic.AtomicLong catalogVersion() {
            return db.catalogVersion;
        }

        /**
         * Moves, before {@link #catalogVersion} does, whenever a session's change may have touched the
         * database's functions; the catalog reads them again only then.
         */
        java.util.concurrent.atomic.AtomicLong routinesVersion() {
            return db.routinesVersion;
        }

        /** Makes a session known to the functions that act on their session (set_config with computed arguments). */
        void register(int pid, DuckDbSession session) {
            db.sessionsByPid.put(pid, session);
        }

        void unregister(int pid) {
            db.sessionsByPid.remove(pid);
        }

        /** The advisory locks of the database's sessions. */
        AdvisoryLocks advisoryLocks() {
            return db.advisoryLocks;
        }

        /** The row locks of the database's sessions. */
        RowLocks rowLocks() {
            return db.rowLocks;
        }

        /** A new DuckDB connection to the database (the caller closes it). */
        DuckDBConnection connect() throws SQLException {
            return db.duplicate();
        }

        /** The database's pg_catalog and information_schema. */
        dev.pgwire.serve.catalog.CatalogStore catalog() {
            return db.catalog();
        }

        @Override
        public void close() {
            synchronized (DatabaseRegistry.this) {
                if (released) return;
                released = true;
                release(db);
            }
        }
    }

    /**
     * Starts a session's use of database {@code name}: 3D000 if it does not exist (unless the
     * operator lets connections create databases).
     */
    Lease lease(String name) {
        DatabaseName.check(name);
        Database db;
        synchronized (this) {
            checkOpen();
            db = databases.get(name);
            if (db == null) {
                if (!exists(name)) {
                    if (!options.createDatabasesOnConnect()) {
                        throw new PgException(SqlState.INVALID_CATALOG_NAME, "database \"" + DatabaseName.printable(name) + "\" does not exist");
                    }
                    create(name);
                    db = databases.get(name);
                }
                if (db == null) {
                    db = new Database(name);
                    databases.put(name, db);
                }
            }
            db.sessions++;
            keepOpen(db);
        }
        return new Lease(db);
    }

    private boolean exists(String name) {
        if (databases.containsKey(name) && options.dataDir() == null) return true;
        return options.dataDir() != null && Files.exists(file(name));
    }

    /** CREATE DATABASE: 42P04 when it exists, 53400 beyond the operator's limit. */
    synchronized void create(String name) {
        checkOpen();
        if (!DatabaseName.isValid(name)) {
            throw new PgException("42602", "invalid database name \"" + DatabaseName.printable(name) + "\"");
        }
        if (exists(name)) throw new PgException("42P04", "database \"" + name + "\" already exists");
        if (names().size() >= options.maxDatabases()) {
            throw new PgException("53400", "too many databases")
                    .withDetail("This server allows " + options.maxDatabases() + " databases.");
        }
        if (options.dataDir() == null) {
            databases.put(name, new Database(name));
        } else {
            Database db = new Database(name);
            try {
                db.duplicate().close(); // makes the file; the engine opens again at the first connect
            } catch (SQLException e) {
                throw ErrorMapper.map(e, (String) null);
            } finally {
                db.close();
            }
        }
        clusterVersion.incrementAndGet();
        log.info("created database \"{}\"", DatabaseName.printable(name));
    }

    /**
     * DROP DATABASE: refused with 55006 while any session uses it (the dropping session included:
     * PostgreSQL cannot drop the database it is connected to).
     */
    /** Whether the operator let SQL reach server files and the network. */
    boolean externalAccess() {
        return options.externalAccess();
    }

    void drop(String name, boolean ifExists, String currentDatabase, boolean superuser) {
        Database db;
        synchronized (this) {
            checkOpen();
            if (!DatabaseName.isValid(name) || !exists(name)) {
                if (ifExists) return;
                throw new PgException(SqlState.INVALID_CATALOG_NAME, "database \"" + DatabaseName.printable(name) + "\" does not exist");
            }
            if (!superuser) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + name);
            }
            if (name.equals(currentDatabase)) {
                throw new PgException("55006", "cannot drop the currently open database");
            }
            db = databases.get(name);
            awaitSessionsLeaving(db);
            if (db != null && db.sessions > 0) {
                int n = db.sessions;
                throw new PgException("55006", "database \"" + name + "\" is being accessed by other users")
                        .withDetail("There " + (n == 1 ? "is 1 other session" : "are " + n + " other sessions") + " using the database.");
            }
            if (db != null) keepOpen(db); // (its pending close, if idle, is off: it closes now)
            databases.remove(name);
            if (db != null) db.close();
            if (options.dataDir() != null) {
                try {
                    Files.deleteIfExists(file(name));
                    Files.deleteIfExists(options.dataDir().resolve(DatabaseName.fileName(name) + ".wal"));
                } catch (IOException e) {
                    throw new PgException(SqlState.IO_ERROR, "could not remove database \"" + name + "\": " + e.getMessage(), e);
                }
            }
        }
        clusterVersion.incrementAndGet();
        log.info("dropped database \"{}\"", DatabaseName.printable(name));
    }

    /**
     * ALTER DATABASE … RENAME TO, with PostgreSQL's checks in its order: 3D000 for a missing
     * database, 42501 for a role that does not own it (every database is the bootstrap
     * superuser's), 42P04 when the new name is taken, 0A000 for the current database, 55006 while
     * other sessions use it.
     */
    void rename(String from, String to, String currentDatabase, boolean superuser) {
        synchronized (this) {
            checkOpen();
            if (!DatabaseName.isValid(from) || !exists(from)) {
                throw new PgException(SqlState.INVALID_CATALOG_NAME, "database \"" + DatabaseName.printable(from) + "\" does not exist");
            }
            if (!superuser) throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + from);
            if (!DatabaseName.isValid(to)) {
                throw new PgException("42602", "invalid database name \"" + DatabaseName.printable(to) + "\"");
            }
            if (exists(to)) throw new PgException("42P04", "database \"" + to + "\" already exists");
            if (from.equals(currentDatabase)) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "current database cannot be renamed");
            Database db = databases.get(from);
            awaitSessionsLeaving(db);
            if (db != null && db.sessions > 0) {
                int n = db.sessions;
                throw new PgException("55006", "database \"" + from + "\" is being accessed by other users")
                        .withDetail("There " + (n == 1 ? "is 1 other session" : "are " + n + " other sessions") + " using the database.");
            }
            if (options.dataDir() == null) {
                databases.remove(from);
                db.renamed(to);
                databases.put(to, db);
            } else {
                if (db != null) {
                    keepOpen(db);
                    databases.remove(from);
                    db.close();
                }
                try {
                    Files.move(file(from), file(to));
                    Path wal = options.dataDir().resolve(DatabaseName.fileName(from) + ".wal");
                    if (Files.exists(wal)) Files.move(wal, options.dataDir().resolve(DatabaseName.fileName(to) + ".wal"));
                } catch (IOException e) {
                    throw new PgException(SqlState.IO_ERROR, "could not rename database \"" + from + "\": " + e.getMessage(), e);
                }
            }
        }
        clusterVersion.incrementAndGet();
        log.info("renamed database \"{}\" to \"{}\"", DatabaseName.printable(from), DatabaseName.printable(to));
    }

    /**
     * As PostgreSQL's CountOtherDBBackends: sessions that are ending (a client that just switched
     * databases) get up to five seconds to leave before the database counts as in use.
     */
    private void awaitSessionsLeaving(Database db) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (db != null && db.sessions > 0 && System.nanoTime() < deadline) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The server's databases and roles, as the catalog shows them. */
    dev.pgwire.serve.catalog.Cluster cluster() {
        return new dev.pgwire.serve.catalog.Cluster(names(), List.of(roles.catalogRoles()), roles.catalogMemberships());
    }

    /** The catalog rebuilds pg_authid and pg_auth_members after a change of the roles. */
    void rolesChanged() {
        clusterVersion.incrementAndGet();
    }

    /** The databases that exist, sorted. */
    synchronized List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        if (options.dataDir() == null) {
            names.addAll(databases.keySet());
        } else {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(options.dataDir(), "*" + DatabaseName.SUFFIX)) {
                for (Path f : files) DatabaseName.fromFileName(f.getFileName().toString()).ifPresent(names::add);
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not list the data directory: " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(names);
    }

    /** How many engines are open now (for tests and monitoring). */
    synchronized int openEngines() {
        int n = 0;
        for (Database db : databases.values()) if (db.isOpen()) n++;
        return n;
    }

    private Path file(String name) {
        return options.dataDir().resolve(DatabaseName.fileName(name));
    }

    private void checkOpen() {
        if (closed) throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
    }

    private void release(Database db) {
        db.sessions--;
        notifyAll(); // a DROP or RENAME may be waiting for the database's sessions to leave
        if (db.sessions > 0 || options.dataDir() == null || closed) return;
        long delay = options.idleClose().toMillis();
        if (delay == 0 || options.idleEngines() == 0) {
            closeIfIdle(db);
            return;
        }
        idle.add(db);
        db.pendingClose = scheduler.schedule(() -> {
            synchronized (this) {
                closeIfIdle(db);
            }
        }, delay, TimeUnit.MILLISECONDS);
        // beyond the operator's number of engines without sessions, the one idle longest closes now
        while (idle.size() > options.idleEngines()) {
            Database longest = idle.iterator().next();
            keepOpen(longest);
            closeIfIdle(longest);
        }
    }

    /** The database has a session again (or is being dropped or renamed): its engine's pending close is off. */
    private void keepOpen(Database db) {
        idle.remove(db);
        if (db.pendingClose != null) {
            db.pendingClose.cancel(false);
            db.pendingClose = null;
        }
    }

    private void closeIfIdle(Database db) {
        if (db.sessions > 0) return;
        idle.remove(db);
        db.pendingClose = null;
        databases.remove(db.name, db);
        db.close();
    }

    @Override
    public void close() {
        List<Database> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(databases.values());
            databases.clear();
            idle.clear();
        }
        for (Database db : open) db.close();
    }

    /** pg_database_size: a database's file (and its write-ahead log) on disk; 0 in memory. */
    private long size(String name) {
        if (options.dataDir() == null) return 0;
        long size = 0;
        for (Path p : List.of(file(name), options.dataDir().resolve(DatabaseName.fileName(name) + ".wal"))) {
            try {
                if (Files.exists(p)) size += Files.size(p);
            } catch (IOException e) {
                log.debug("size of {}: {}", p, e.getMessage());
            }
        }
        return size;
    }

    /** One database: a root connection while the engine is open, duplicated per session. */
    private final class Database {
        /** Guarded by the registry; changes only by ALTER DATABASE … RENAME while no session uses it. */
        private String name;
        private DuckDBConnection root;
        /** Sessions using the database; guarded by the registry. */
        private int sessions;
        private ScheduledFuture<?> pendingClose;
        private boolean closed;
        private final java.util.concurrent.atomic.AtomicLong catalogVersion = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong routinesVersion = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
        private dev.pgwire.serve.catalog.CatalogStore catalog;
        private final AdvisoryLocks advisoryLocks = new AdvisoryLocks();
        private final RowLocks rowLocks = new RowLocks();
        /** The database's sessions by process id, for the functions that act on their session. */
        private final Map<Integer, DuckDbSession> sessionsByPid = new java.util.concurrent.ConcurrentHashMap<>();

        Database(String name) {
            this.name = name;
        }

        /** A database in memory gets its new name; its catalog is built again under it. */
        synchronized void renamed(String newName) {
            name = newName;
            if (catalog != null) {
                catalog.close();
                catalog = null;
            }
        }

        synchronized dev.pgwire.serve.catalog.CatalogStore catalog() {
            if (catalog == null) {
                try {
                    if (root == null) root = openRoot();
                    catalog = new dev.pgwire.serve.catalog.CatalogStore(root.duplicate(), name, catalogVersion::get, routinesVersion::get,
                            DatabaseRegistry.this::cluster, clusterVersion::get, DatabaseRegistry.this::size, PgTypes::pgTypeName);
                } catch (SQLException e) {
                    throw ErrorMapper.map(e, (String) null);
                }
            }
            return catalog;
        }

        synchronized boolean isOpen() {
            return root != null;
        }

        synchronized DuckDBConnection duplicate() throws SQLException {
            if (closed) throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
            if (root == null) root = openRoot();
            return root.duplicate();
        }

        private DuckDBConnection openRoot() throws SQLException {
            String url = options.dataDir() == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file(name).toAbsolutePath();
            Connection c = new DuckDBDriver().connect(url, engineProperties());
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            try (Statement st = duck.createStatement()) {
                for (String setting : POSTGRES_COMPATIBILITY) st.execute(setting);
                st.execute("CREATE SCHEMA IF NOT EXISTS " + DuckDbSession.DEFAULT_SCHEMA);
                Macros.install(duck);
                EngineFunctions.register(duck);
                SessionUdfs.registerAdvisoryLocks(duck, advisoryLocks);
                SessionUdfs.registerRowLocks(duck, rowLocks);
                SessionUdfs.register(duck, sessionsByPid, DatabaseRegistry.this::session, DatabaseRegistry.this::allSessions);
                roles.registerFunctions(duck);
            } catch (SQLException e) {
                duck.close();
                throw e;
            }
            log.debug("opened the engine of database \"{}\"", DatabaseName.printable(name));
            return duck;
        }

        synchronized void close() {
            closed = true;
            if (catalog != null) {
                catalog.close();
                catalog = null;
            }
            if (root == null) return;
            try {
                root.close();
            } catch (SQLException e) {
                log.warn("closing database \"{}\" failed: {}", DatabaseName.printable(name), e.getMessage());
            }
            root = null;
            log.debug("closed the engine of database \"{}\"", DatabaseName.printable(name));
        }
    }

    /** The open session with process id {@code pid} in any database, or null. */
    synchronized DuckDbSession session(int pid) {
        for (Database db : databases.values()) {
            DuckDbSession s = db.sessionsByPid.get(pid);
            if (s != null) return s;
        }
        return null;
    }

    /** Every open session of every database (pg_stat_activity). */
    synchronized List<DuckDbSession> allSessions() {
        List<DuckDbSession> out = new ArrayList<>();
        for (Database db : databases.values()) out.addAll(db.sessionsByPid.values());
        out.sort(java.util.Comparator.comparingInt(DuckDbSession::processId));
        return out;
    }
}
