package dev.pgwire.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What an operator decides about a serve instance. The defaults are the safe ones: databases
 * exist only once created (CREATE DATABASE, or {@code postgres}, made in a fresh data directory),
 * clients cannot reach files, the network or extensions through the engine, and a database's
 * engine instance closes shortly after its last session ends.
 *
 * <pre>{@code
 * ServeOptions options = ServeOptions.inDirectory(Path.of("/var/lib/pgwire")).withCreateDatabasesOnConnect(true);
 * try (DuckDbSessionFactory factory = new DuckDbSessionFactory(options)) { ... }
 * }</pre>
 *
 * @param dataDir                   where database files live, or null to keep every database in memory
 * @param createDatabasesOnConnect  whether connecting to a database that does not exist creates it
 * @param externalAccess            whether SQL may read and write server files, reach the network and
 *                                  load extensions (DuckDB's read_csv, COPY … TO 'file', ATTACH,
 *                                  INSTALL/LOAD) — in PostgreSQL a superuser's power
 * @param maxDatabases              how many databases may exist at once (CREATE DATABASE beyond it is
 *                                  refused with 53400)
 * @param idleClose                 how long a database's engine stays open after its last session ends
 *                                  (databases in memory stay open: closing would lose them)
 * @param idleEngines               how many engines without sessions stay open (for up to idleClose);
 *                                  beyond that the one idle longest closes at once
 */
public record ServeOptions(Path dataDir, boolean createDatabasesOnConnect, boolean externalAccess, int maxDatabases,
                           Duration idleClose, int idleEngines) {

    public static final int DEFAULT_MAX_DATABASES = 1000;
    public static final Duration DEFAULT_IDLE_CLOSE = Duration.ofMinutes(10);
    public static final int DEFAULT_IDLE_ENGINES = 4;

    public ServeOptions {
        Objects.requireNonNull(idleClose, "idleClose");
        if (maxDatabases < 1) throw new IllegalArgumentException("maxDatabases must be at least 1");
        if (idleClose.isNegative()) throw new IllegalArgumentException("idleClose must not be negative");
        if (idleEngines < 0) throw new IllegalArgumentException("idleEngines must not be negative");
    }

    /** Databases in {@code dataDir} (null: in memory), with the safe defaults. */
    public static ServeOptions inDirectory(Path dataDir) {
        return new ServeOptions(dataDir, false, false, DEFAULT_MAX_DATABASES, DEFAULT_IDLE_CLOSE, DEFAULT_IDLE_ENGINES);
    }

    /** Databases in memory, with the safe defaults. */
    public static ServeOptions inMemory() {
        return inDirectory(null);
    }

    public ServeOptions withCreateDatabasesOnConnect(boolean create) {
        return new ServeOptions(dataDir, create, externalAccess, maxDatabases, idleClose, idleEngines);
    }

    public ServeOptions withExternalAccess(boolean allowed) {
        return new ServeOptions(dataDir, createDatabasesOnConnect, allowed, maxDatabases, idleClose, idleEngines);
    }

    public ServeOptions withMaxDatabases(int max) {
        return new ServeOptions(dataDir, createDatabasesOnConnect, externalAccess, max, idleClose, idleEngines);
    }

    public ServeOptions withIdleClose(Duration delay) {
        return new ServeOptions(dataDir, createDatabasesOnConnect, externalAccess, maxDatabases, delay, idleEngines);
    }

    public ServeOptions withIdleEngines(int n) {
        return new ServeOptions(dataDir, createDatabasesOnConnect, externalAccess, maxDatabases, idleClose, n);
    }
}
