package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The session's TimeZone and search_path as DuckDB has them, so casts and name lookup follow
 * PostgreSQL's settings (TimeZone and DateStyle also as the DuckDB variables pgwire_timezone and
 * pgwire_datestyle, which text read as a date or time while a statement runs consults); and the
 * version of the definitions the session's statements bind to.
 * Values DuckDB would refuse are left out: a failed SET would abort DuckDB's transaction, while
 * PostgreSQL accepts schemas that do not exist (yet) in search_path.
 */
final class EngineSettings {
    private static final Logger log = LoggerFactory.getLogger(EngineSettings.class);

    private final SessionParameters params;
    private final DuckDbStatementRunner runner;
    /** What a new search_path makes stale (the session's cached view of the catalog). */
    private final Runnable searchPathChanged;
    /** The catalog version the session sees (-1 while its transaction's snapshot is older). */
    private final LongSupplier visibleCatalogVersion;

    /** The schemas of search_path that exist, in order, as last applied to DuckDB. */
    private List<String> schemasOnPath = List.of(DuckDbSession.DEFAULT_SCHEMA);
    private String appliedTimeZone;
    private String appliedDateStyle;
    private String appliedSearchPath;
    /** Who the session is (current_user, session_user), as the DuckDB variables column defaults read. */
    private java.util.function.Supplier<String> currentUser = () -> null;
    private java.util.function.Supplier<String> sessionUser = () -> null;
    private String appliedCurrentUser;
    private String appliedSessionUser;
    private String appliedCurrentSchema;

    private long searchPathChanges;
    private long definitionsSeenCatalog = -1;
    private long definitionsSeenPath;
    private long definitions;
    /** set_config ran inside a statement: DuckDB's TimeZone and search_path are to be brought up to date. */
    private volatile boolean changedByEngine;

    EngineSettings(SessionParameters params, DuckDbStatementRunner runner, Runnable searchPathChanged, LongSupplier visibleCatalogVersion) {
        this.params = params;
        this.runner = runner;
        this.searchPathChanged = searchPathChanged;
        this.visibleCatalogVersion = visibleCatalogVersion;
    }

    /**
     * Where the session's current_user and session_user come from: column defaults that call them
     * read the DuckDB variables pgwire_current_user, pgwire_session_user and pgwire_current_schema
     * when a row is written (see {@code SessionFunctions.inDefault}).
     */
    void identity(java.util.function.Supplier<String> currentUser, java.util.function.Supplier<String> sessionUser) {
        this.currentUser = currentUser;
        this.sessionUser = sessionUser;
    }

    /** The schemas of the session's search_path that exist, in order. */
    List<String> schemasOnPath() {
        return schemasOnPath;
    }

    /** A schema was made or dropped: search_path's entries are looked at again at the next {@link #apply}. */
    void schemasChanged() {
        appliedSearchPath = null;
    }

    /** Tells DuckDB the session's TimeZone and search_path where they changed; a failure is logged, not raised. */
    void apply() {
        try {
            applyOnce();
        } catch (PgException e) {
            log.warn("could not pass TimeZone/search_path to DuckDB: {}", e.getMessage());
        }
    }

    private void applyOnce() {
        String tz = params.get("TimeZone");
        if (!tz.equals(appliedTimeZone)) {
            appliedTimeZone = tz;
            // DuckDB folds constants when it prepares (a timestamptz constant as text is written in the zone of then)
            runner.closeCachedStatements();
            // for text read as a date or time while a statement runs (pgwire_moment_in), also in views and defaults
            runner.execute("SET VARIABLE pgwire_timezone = " + dev.pgwire.serve.sql.SqlNames.literal(tz));
            java.time.ZoneId zone = dev.pgwire.protocol.types.CodecContext.parseTimeZone(tz);
            if (runner.queryValue("SELECT name FROM pg_timezone_names() WHERE name = ?", tz) != null) {
                runner.execute("SET SESSION TimeZone = '" + tz.replace("'", "''") + "'");
            } else if (zone instanceof java.time.ZoneOffset offset) {
                // a fixed offset (SET TIME ZONE 5.5, '+05:30', 'UTC+3'): ICU's custom zone of it
                int minutes = offset.getTotalSeconds() / 60;
                runner.execute(String.format("SET SESSION TimeZone = 'GMT%s%02d:%02d'", minutes < 0 ? "-" : "+",
                        Math.abs(minutes) / 60, Math.abs(minutes) % 60));
            } else if (zone != null && runner.queryValue("SELECT name FROM pg_timezone_names() WHERE name = ?", zone.getId()) != null) {
                runner.execute("SET SESSION TimeZone = '" + zone.getId().replace("'", "''") + "'");
            } else {
                log.debug("DuckDB does not know time zone {}; timestamptz input keeps its previous zone", tz);
            }
        }
        String dateStyle = params.get("DateStyle");
        if (!dateStyle.equals(appliedDateStyle)) {
            appliedDateStyle = dateStyle;
            runner.closeCachedStatements(); // getvariable is read when a statement is prepared
            runner.execute("SET VARIABLE pgwire_datestyle = " + dev.pgwire.serve.sql.SqlNames.literal(dateStyle));
        }
        String searchPath = params.get("search_path");
        if (!searchPath.equals(appliedSearchPath)) {
            appliedSearchPath = searchPath;
            List<String> existing = runner.queryColumn("SELECT DISTINCT schema_name FROM duckdb_schemas() WHERE NOT internal");
            schemasOnPath = schemasOnPath(searchPath, existing);
            searchPathChanged.run();
            searchPathChanges++;
            String duckDb = schemasOnPath.isEmpty() ? DuckDbSession.DEFAULT_SCHEMA : String.join(",", schemasOnPath);
            runner.execute("SET SESSION search_path = '" + duckDb.replace("'", "''") + "'");
        }
        appliedCurrentUser = variable("pgwire_current_user", currentUser.get(), appliedCurrentUser);
        appliedSessionUser = variable("pgwire_session_user", sessionUser.get(), appliedSessionUser);
        appliedCurrentSchema = variable("pgwire_current_schema", schemasOnPath.isEmpty() ? null : schemasOnPath.get(0), appliedCurrentSchema);
    }

    /** Sets DuckDB variable {@code name} to {@code value} (null: NULL) where it was {@code applied} before; the value now applied. */
    private String variable(String name, String value, String applied) {
        if (java.util.Objects.equals(value, applied)) return applied;
        runner.closeCachedStatements(); // getvariable is read when a statement is prepared
        // (none: no schema of search_path exists, and current_schema is NULL)
        runner.execute("SET VARIABLE " + name + " = " + (value == null ? "NULL" : dev.pgwire.serve.sql.SqlNames.literal(value)));
        return value;
    }

    /** serve's schema of macros and tables (see EngineGuard): never on a session's search_path. */
    private static final String INTERNAL_SCHEMA = "pgwire";

    /** The schemas of PostgreSQL's search_path that exist, in order ("$user" is a role's schema: none here). */
    static List<String> schemasOnPath(String pgSearchPath, List<String> existingSchemas) {
        List<String> schemas = new ArrayList<>();
        for (String item : pgSearchPath.split(",")) {
            String s = item.trim();
            if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            if (s.isEmpty() || s.equals("$user") || s.equals(INTERNAL_SCHEMA)) continue; // serve's own schema is no client's to name
            if (existingSchemas.contains(s) && !schemas.contains(s)) schemas.add(s);
        }
        return schemas;
    }

    /**
     * The version of the definitions this session's statements bind to, for the DuckDB statements
     * it keeps prepared: it moves when the catalog it sees or its search_path changes; -1 while its
     * transaction's snapshot is older than the catalog (nothing prepared is then reused).
     */
    long definitionsVersion() {
        long catalogNow = visibleCatalogVersion.getAsLong();
        if (catalogNow < 0) return -1;
        if (catalogNow != definitionsSeenCatalog || searchPathChanges != definitionsSeenPath) {
            definitionsSeenCatalog = catalogNow;
            definitionsSeenPath = searchPathChanges;
            definitions++;
        }
        return definitions;
    }

    /** Whether set_config ran inside a statement since the last call (and the flag is cleared). */
    boolean takeChangedByEngine() {
        if (!changedByEngine) return false;
        changedByEngine = false;
        return true;
    }

    /** set_config run by DuckDB (computed arguments): DuckDB's own settings follow at the next call. */
    String setConfigFromEngine(String name, String value, boolean isLocal) {
        synchronized (params) {
            if (params.key(name) == null) throw SessionParameters.unrecognized(name);
            params.set(name, value, isLocal);
            changedByEngine = true;
            return params.get(name);
        }
    }

    /** pg_settings.source of a parameter for this session ("session", "client"), or null for the server's. */
    String settingSourceFromEngine(String name) {
        synchronized (params) {
            return params.source(name);
        }
    }

    /** current_setting run by DuckDB (a computed name). */
    String settingFromEngine(String name, boolean missingOk) {
        synchronized (params) {
            if (params.key(name) == null) {
                if (missingOk) return null; // (pg_settings reads its own rows for the server's settings)
                String[] server = dev.pgwire.serve.catalog.ServerSettings.shown(name);
                if (server != null) return server[1];
                throw SessionParameters.unrecognized(name);
            }
            return params.get(name);
        }
    }
}
