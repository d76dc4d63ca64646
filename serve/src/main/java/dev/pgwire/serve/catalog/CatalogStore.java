package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.CatalogDefinitions.Column;
import dev.pgwire.serve.catalog.CatalogDefinitions.Relation;
import dev.pgwire.serve.sql.PgTypeName;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * One database's pg_catalog and information_schema: DuckDB tables of PostgreSQL's columns in an
 * in-memory database attached to the engine ({@value #DATABASE}), holding the built-in rows and
 * the rows for what users made, and a {@link Snapshot} of the same for lookups. Rebuilt on first
 * use after a catalog change (or a change of the server's databases and roles), not per query;
 * every session of the database reads the same tables. A build writes only the tables whose rows
 * changed; a relation with many built-in rows ({@link #withBuiltinRows}) is a view of a table of
 * those, written once, and a table of the rest.
 *
 * <p>The tables describe what is committed: a session's temporary objects and what its open
 * transaction changed are added to what it reads by {@link TempCatalog}.
 */
public final class CatalogStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogStore.class);

    public static final String DATABASE = "pgwire_catalog";
    /** Schema of the attached database holding pg_catalog's relations. */
    public static final String PG = "pg";
    /** Schema holding information_schema's. */
    public static final String INFO = "info";
    /** The suffix of the schemas holding the built-in rows of the relations {@link #withBuiltinRows}: written once. */
    static final String BUILTIN = "_builtin";
    /** ... holding the rest of those relations' rows, as the last build that changed them wrote them. */
    static final String OWN = "_own";
    /** information_schema's views whose first rows describe the catalog's own relations. */
    static final List<String> INFO_WITH_BUILTIN_ROWS = List.of("tables", "columns", "views");

    /**
     * Whether a relation's rows start with many built-in ones, the same in every build: pg_catalog's
     * relations exported with PostgreSQL's rows ({@link StaticCatalog#TABLES}) and information_schema's
     * tables, columns and views. Such a relation is a view of two tables, the built-in rows (written
     * when the catalog is made) and the rest, so that a build writes what users made, not thousands of
     * built-in rows again.
     */
    static boolean withBuiltinRows(Relation r) {
        return r.schema().equals(CatalogDefinitions.PG_CATALOG) ? StaticCatalog.TABLES.contains(r.name())
                : INFO_WITH_BUILTIN_ROWS.contains(r.name());
    }

    private final DuckDBConnection connection;
    private final String database;
    private final LongSupplier version;
    private final LongSupplier routinesVersion;
    private final Supplier<Cluster> cluster;
    private final LongSupplier clusterVersion;
    private final ToLongFunction<String> databaseSizes;
    private final Function<String, PgTypeName> pgTypeOf;
    private boolean created;
    private long builtVersion = -1;
    private long builtClusterVersion = -1;
    /** The database's functions as last read, and the {@link #routinesVersion} they were read at. */
    private record ReadFunctions(long version, List<UserObjects.SqlFunction> functions) {}
    private volatile ReadFunctions functions;
    private volatile Snapshot snapshot;
    private Map<String, List<Object[]>> fixed = Map.of();
    /** {@link #fixedOwnRows} of each relation as JSON, made when first asked for. */
    private final Map<String, String> fixedJson = new java.util.concurrent.ConcurrentHashMap<>();
    /** The built-in rows of the relations {@link #withBuiltinRows}, by schema.name, as written when the catalog was made. */
    private final Map<String, List<Object[]>> builtin = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param connection     a connection of the engine, for this store alone (closed with it)
     * @param version        moves whenever the database's catalog changes
     * @param routinesVersion moves whenever its functions may have changed, before {@code version} does
     * @param cluster        the server's databases and roles now
     * @param clusterVersion moves whenever they change
     * @param pgTypeOf       PostgreSQL's type for a DuckDB column type serve did not define
     */
    public CatalogStore(DuckDBConnection connection, String database, LongSupplier version, LongSupplier routinesVersion,
                        Supplier<Cluster> cluster,
                        LongSupplier clusterVersion, ToLongFunction<String> databaseSizes, Function<String, PgTypeName> pgTypeOf) {
        this.connection = connection;
        this.database = database;
        this.version = version;
        this.routinesVersion = routinesVersion;
        this.cluster = cluster;
        this.clusterVersion = clusterVersion;
        this.databaseSizes = databaseSizes;
        this.pgTypeOf = pgTypeOf;
    }

    /** pg_database_size(name): the size on disk of one of the server's databases; 3D000 for any other name. */
    public long databaseSize(String name) {
        if (!cluster.get().databases().contains(name)) {
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.INVALID_CATALOG_NAME,
                    "database \"" + name + "\" does not exist");
        }
        return databaseSizes.applyAsLong(name);
    }

    /** The catalog as of the last change, its tables filled (built now if anything changed since). */
    public Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && builtVersion == version.getAsLong() && builtClusterVersion == clusterVersion.getAsLong()) return s;
        synchronized (this) {
            long v = version.getAsLong();
            long cv = clusterVersion.getAsLong();
            if (snapshot != null && builtVersion == v && builtClusterVersion == cv) return snapshot;
            try {
                if (!created) create();
                snapshot = rebuild();
            } catch (SQLException e) {
                // DuckDB may refuse to read its catalog while a session's open transaction changes it
                // (a rename of an indexed table drops and makes its indexes): the last catalog stands,
                // as it would for that uncommitted change anyway, and the next read builds it again
                if (snapshot != null) {
                    log.debug("building the catalog of database \"{}\" failed, the last one stands: {}", database, e.getMessage());
                    return snapshot;
                }
                throw new IllegalStateException("building the catalog of database \"" + database + "\" failed: " + e.getMessage(), e);
            }
            builtVersion = v;
            builtClusterVersion = cv;
            return snapshot;
        }
    }

    /**
     * The catalog rows of session {@code pid}'s own (closed with the session): its temporary objects,
     * and what its open transaction defined while {@code defining}.
     */
    public TempCatalog temporary(int pid, java.util.function.BooleanSupplier defining) {
        return new TempCatalog(this, pid, defining);
    }

    Function<String, PgTypeName> pgTypeOf() {
        return pgTypeOf;
    }


    Cluster cluster() {
        return cluster.get();
    }

    String database() {
        return database;
    }

    /** The last snapshot built, without building (null before the first). */
    public Snapshot lastBuilt() {
        return snapshot;
    }

    private void create() throws SQLException {
        long start = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            st.execute("ATTACH IF NOT EXISTS ':memory:' AS " + DATABASE);
            for (String schema : List.of(PG, INFO)) {
                for (String suffix : List.of("", BUILTIN, OWN)) {
                    st.execute("CREATE SCHEMA IF NOT EXISTS " + DATABASE + "." + schema + suffix);
                }
            }
            // the tables as one script: DuckDB runs it in about half the time of a statement at a time
            List<String> ddl = new ArrayList<>();
            for (Relation r : CatalogDefinitions.get().relations()) {
                if (withBuiltinRows(r)) {
                    for (String suffix : List.of(BUILTIN, OWN)) ddl.add(createTable(r, suffix));
                    ddl.add("CREATE VIEW IF NOT EXISTS " + qualified(r, "") + " AS SELECT * FROM " + qualified(r, BUILTIN)
                            + " UNION ALL SELECT * FROM " + qualified(r, OWN));
                } else {
                    ddl.add(createTable(r, ""));
                }
            }
            ddl.add("CREATE TABLE IF NOT EXISTS " + DATABASE + "." + PG + "." + BUILD + " (n BIGINT)");
            ddl.add("CREATE TABLE IF NOT EXISTS " + DATABASE + "." + PG + ".pgwire_keywords"
                    + " (word VARCHAR, catcode VARCHAR, barelabel BOOLEAN, catdesc VARCHAR, baredesc VARCHAR)");
            st.execute(String.join(";\n", ddl));
        }
        connection.setAutoCommit(false);
        try {
            StaticCatalog stat = StaticCatalog.get();
            append(PG, "pg_settings", settingsRows());
            // the catalog of a database without objects of its own (TempCatalog's pending catalogs), which
            // starts with the built-in rows every build starts with
            Built empty = build(connection, new UserObjects());
            fixed = empty.tables();
            for (Map.Entry<String, List<Object[]>> e : fixed.entrySet()) {
                int dot = e.getKey().indexOf('.');
                String schema = e.getKey().substring(0, dot), table = e.getKey().substring(dot + 1);
                if (withBuiltinRows(relationOf(schema, table))) {
                    List<Object[]> rows = e.getValue().subList(0, empty.builtinCount(e.getKey()));
                    builtin.put(e.getKey(), List.copyOf(rows));
                    append(schema + BUILTIN, table, rows);
                }
            }
            try (DuckDBAppender a = connection.createAppender(DATABASE, PG, "pgwire_keywords")) {
                for (String[] k : stat.keywords()) {
                    a.beginRow().append(k[0]).append(k[1]).append("true".equals(k[2]) || "t".equals(k[2])).append(k[3]).append(k[4]).endRow();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        CatalogFunctions.register(connection, this);
        created = true;
        log.debug("created the catalog tables of database \"{}\" in {} ms", database, (System.nanoTime() - start) / 1_000_000);
    }

    /** The table holding the number of the build the catalog tables hold. */
    static final String BUILD = "pgwire_build";
    private long builds;
    /** The rows of the last few builds, by number: what a transaction's snapshot of the tables may show. */
    private final Map<Long, Map<String, List<Object[]>>> recent = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, List<Object[]>>> eldest) {
            return size() > 4;
        }
    };

    /** The rows the catalog tables held as build {@code number} wrote them, by schema.name; null when no longer kept. */
    synchronized Map<String, List<Object[]>> builtTables(long number) {
        return recent.get(number);
    }

    /**
     * The rows of the catalog of a database without objects of its own, by schema.name of the catalog
     * tables: never changed.
     */
    Map<String, List<Object[]>> fixedTables() {
        return fixed;
    }

    /**
     * The rows of relation {@code key} (schema.name) in the catalog of a database without objects of
     * its own, but for the built-in ones (which the table of schema pg_builtin or info_builtin holds).
     */
    /** {@link #fixedOwnRows} of {@code relation} (at {@code key}) as JSON, as queries read them. */
    String fixedOwnRowsJson(String key, CatalogDefinitions.Relation relation) {
        return fixedJson.computeIfAbsent(key, k -> CatalogJson.rows(fixedOwnRows(k), relation.columns()));
    }

    List<Object[]> fixedOwnRows(String key) {
        List<Object[]> rows = fixed.getOrDefault(key, List.of());
        List<Object[]> b = builtin.get(key);
        return b == null ? rows : rows.subList(b.size(), rows.size());
    }

    /**
     * The catalog's rows for the user objects {@code user}: pg_catalog's relations with their
     * built-in rows ({@code all}), the rows of the user objects alone ({@code pgRows}), and
     * information_schema's relations; read (extensions) through {@code reader}.
     */
    record Built(Map<String, Rows> pgRows, Map<String, Rows> infoRows, Map<String, List<Object[]>> all, PgCatalogRows pg,
                 UserObjects user, Map<String, Integer> infoBuiltinCounts) {
        /** The rows of every relation the catalog tables hold, by schema.name of those tables. */
        Map<String, List<Object[]>> tables() {
            Map<String, List<Object[]>> out = new HashMap<>();
            for (Map.Entry<String, List<Object[]>> e : all.entrySet()) out.put(PG + "." + e.getKey(), e.getValue());
            for (Map.Entry<String, Rows> e : infoRows.entrySet()) out.put(INFO + "." + e.getKey(), e.getValue().rows);
            return out;
        }

        /** How many of the first rows of relation {@code key} (schema.name of the tables) are built-in, the same in every build. */
        int builtinCount(String key) {
            if (key.startsWith(PG + ".")) {
                String table = key.substring(PG.length() + 1);
                return StaticCatalog.TABLES.contains(table) ? StaticCatalog.get().rows(table).rows.size() : 0;
            }
            return infoBuiltinCounts.getOrDefault(key.substring(INFO.length() + 1), 0);
        }
    }

    Built build(java.sql.Connection reader, UserObjects user) {
        Cluster c = cluster.get();
        PgCatalogRows pg = new PgCatalogRows(user, c, database);
        Map<String, Rows> pgRows = pg.build();
        String owner = c.roles().isEmpty() ? "postgres" : c.roles().get(0).name();
        InformationSchemaRows info = new InformationSchemaRows(user, pg, database, owner);
        Map<String, Rows> infoRows = info.build();
        Map<String, List<Object[]>> all = new HashMap<>();
        StaticCatalog stat = StaticCatalog.get();
        for (String table : StaticCatalog.TABLES) all.put(table, new ArrayList<>(stat.rows(table).rows));
        for (Map.Entry<String, Rows> e : pgRows.entrySet()) {
            all.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue().rows);
        }
        extensions(reader, all);
        return new Built(pgRows, infoRows, all, pg, user, info.builtinCounts());
    }

    /** The lookups of a catalog built. */
    Snapshot snapshot(Built b) {
        Snapshot s = Snapshot.of(database, databaseSizes.applyAsLong(database), b.all(), b.pg(), b.user());
        s.tables = b.tables();
        return s;
    }

    private Snapshot rebuild() throws SQLException {
        long start = System.nanoTime();
        // read first: functions changed after it are read by the build its change calls for
        long routines = routinesVersion.getAsLong();
        ReadFunctions known = functions;
        UserObjects objects = UserObjects.read(connection, pgTypeOf, known != null && known.version() == routines ? known.functions() : null);
        functions = new ReadFunctions(routines, List.copyOf(objects.functions));
        long read = System.nanoTime();
        Built b = build(connection, objects);
        long built = System.nanoTime();
        Map<String, List<Object[]>> tables = b.tables();
        // the tables hold the last build's rows (none before the first): only the relations whose rows changed are written
        Map<String, List<Object[]>> last = builds == 0 ? Map.of() : recent.get(builds);
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(tables.keySet());
        keys.addAll(last.keySet());
        long number = builds + 1;
        int written = 0;
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            // which build the tables hold, as a transaction's snapshot of them shows it (TempCatalog)
            st.execute("DELETE FROM " + DATABASE + "." + PG + "." + BUILD);
            st.execute("INSERT INTO " + DATABASE + "." + PG + "." + BUILD + " VALUES (" + number + ")");
            for (String key : keys) {
                List<Object[]> rows = tables.getOrDefault(key, List.of());
                if (Rows.sameRows(rows, last.getOrDefault(key, List.of()))) continue;
                int dot = key.indexOf('.');
                String schema = key.substring(0, dot), table = key.substring(dot + 1);
                List<Object[]> builtinRows = builtin.get(key);
                if (builtinRows != null) {
                    // the view's first table holds these; by construction every build starts with the same
                    if (rows.size() < builtinRows.size() || !Rows.sameRows(rows.subList(0, builtinRows.size()), builtinRows)) {
                        throw new IllegalStateException("the built-in rows of " + key + " differ from those written when the catalog was made");
                    }
                    rows = rows.subList(builtinRows.size(), rows.size());
                    schema += OWN;
                }
                st.execute("DELETE FROM " + DATABASE + "." + schema + "." + UserObjects.quote(table));
                append(schema, table, rows);
                written++;
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        builds = number;
        long wrote = System.nanoTime();
        Snapshot s = snapshot(b);
        recent.put(number, s.tables);
        log.debug("built the catalog of database \"{}\" ({} relations, {} catalog tables written) in {} ms (read {}, rows {},"
                + " written {}, snapshot {})", database, b.user().tables.size(), written, (System.nanoTime() - start) / 1_000_000,
                (read - start) / 1_000_000, (built - read) / 1_000_000, (wrote - built) / 1_000_000, (System.nanoTime() - wrote) / 1_000_000);
        return s;
    }

    /**
     * pg_extension: plpgsql, and the extensions CREATE EXTENSION recorded in the database; and the
     * extensions serve offers (pg_available_extensions and its versions) with the installed ones marked.
     */
    private static void extensions(java.sql.Connection reader, Map<String, List<Object[]>> all) {
        Rows ext = new Rows(CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_extension"));
        try (Statement st = reader.createStatement();
             var rs = st.executeQuery("SELECT name, version FROM pgwire.extensions ORDER BY name")) {
            while (rs.next()) {
                ext.add().set("oid", Oids.hash("x:" + rs.getString(1))).set("extname", rs.getString(1))
                        .set("extowner", Cluster.BOOTSTRAP_SUPERUSER).set("extnamespace", PgCatalogRows.PUBLIC_NAMESPACE)
                        .set("extrelocatable", true).set("extversion", rs.getString(2));
            }
        } catch (SQLException e) {
            log.debug("no extensions recorded: {}", e.getMessage());
        }
        all.get("pg_extension").addAll(ext.rows);
        java.util.Map<String, String> installed = new java.util.HashMap<>();
        int extname = ext.column("extname"), extversion = ext.column("extversion");
        for (Object[] r : all.get("pg_extension")) installed.put((String) r[extname], (String) r[extversion]);
        Rows available = new Rows(CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_available_extensions"));
        Rows versions = new Rows(CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_available_extension_versions"));
        for (Extensions.Available a : Extensions.AVAILABLE) {
            available.add().set("name", a.name()).set("default_version", a.version())
                    .set("installed_version", installed.get(a.name())).set("comment", a.comment());
            versions.add().set("name", a.name()).set("version", a.version()).set("installed", a.version().equals(installed.get(a.name())))
                    .set("superuser", a.superuser()).set("trusted", a.trusted()).set("relocatable", a.relocatable())
                    .set("schema", a.schema()).set("comment", a.comment());
        }
        all.put("pg_available_extensions", available.rows);
        all.put("pg_available_extension_versions", versions.rows);
    }

    private List<Object[]> settingsRows() {
        Relation rel = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_settings");
        Rows rows = new Rows(rel);
        for (String[] s : StaticCatalog.get().settings()) {
            String[] f = s.clone();
            // what this server reports: the setting's built-in value (a session's own values replace it when read)
            f[rel.index("setting")] = f[rel.index("boot_val")];
            f[rel.index("reset_val")] = f[rel.index("boot_val")];
            f[rel.index("source")] = "default";
            f[rel.index("sourcefile")] = null;
            f[rel.index("sourceline")] = null;
            rows.addText(f);
        }
        return rows.rows;
    }

    private void append(String schema, String table, Collection<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) return;
        Relation rel = relationOf(schema, table);
        try (DuckDBAppender a = connection.createAppender(DATABASE, schema, table)) {
            for (Object[] row : rows) {
                a.beginRow();
                for (int i = 0; i < rel.columns().size(); i++) appendValue(a, i < row.length ? row[i] : null);
                a.endRow();
            }
        }
    }

    /** @param schema a schema of {@value #DATABASE}: pg, info, or one of theirs with a suffix (pg_fixed, ...) */
    private static Relation relationOf(String schema, String table) {
        boolean pg = schema.equals(PG) || schema.startsWith(PG + "_");
        return CatalogDefinitions.get().relation(pg ? CatalogDefinitions.PG_CATALOG : CatalogDefinitions.INFORMATION_SCHEMA, table);
    }

    private static void appendValue(DuckDBAppender a, Object v) throws SQLException {
        if (v == null) a.appendNull();
        else if (v instanceof Boolean b) a.append(b);
        else if (v instanceof Short s) a.append(s);
        else if (v instanceof Integer i) a.append(i);
        else if (v instanceof Long l) a.append(l);
        else if (v instanceof Float f) a.append(f);
        else if (v instanceof Double d) a.append(d);
        else if (v instanceof String s) a.append(s);
        else if (v instanceof Collection<?> c) a.append(c);
        // DuckDB keeps timestamps as microseconds, its infinities as the extremes of int64
        else if (v instanceof java.time.OffsetDateTime t && t.equals(java.time.OffsetDateTime.MAX)) a.appendEpochMicros(Long.MAX_VALUE);
        else if (v instanceof java.time.OffsetDateTime t && t.equals(java.time.OffsetDateTime.MIN)) a.appendEpochMicros(-Long.MAX_VALUE);
        else if (v instanceof java.time.OffsetDateTime t) a.append(t);
        else a.append(v.toString());
    }

    /** @param suffix of the schema: "" for the catalog's tables, {@link #BUILTIN} or {@link #OWN} for the parts of a view */
    static String createTable(Relation r, String suffix) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified(r, suffix)).append(" (");
        for (int i = 0; i < r.columns().size(); i++) {
            Column c = r.columns().get(i);
            if (i > 0) sb.append(", ");
            sb.append(UserObjects.quote(c.name())).append(' ').append(c.duckDbType());
        }
        return sb.append(')').toString();
    }

    /** The table (or view) of relation r in the schema of {@value #DATABASE} with {@code suffix}. */
    static String qualified(Relation r, String suffix) {
        return DATABASE + "." + (r.schema().equals(CatalogDefinitions.PG_CATALOG) ? PG : INFO) + suffix + "." + UserObjects.quote(r.name());
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the catalog connection: {}", e.getMessage());
        }
    }
}
