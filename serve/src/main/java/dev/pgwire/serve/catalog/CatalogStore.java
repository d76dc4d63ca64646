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
 * every session of the database reads the same tables.
 *
 * <p>The rows describe what is committed: a session's own uncommitted definitions show once it
 * commits.
 */
public final class CatalogStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogStore.class);

    public static final String DATABASE = "pgwire_catalog";
    /** Schema of the attached database holding pg_catalog's relations. */
    public static final String PG = "pg";
    /** Schema holding information_schema's. */
    public static final String INFO = "info";
    /**
     * The suffix of the schemas (pg_fixed, info_fixed) holding the catalog of a database without
     * objects of its own: the rows a session's pending catalog is told apart from (TempCatalog).
     */
    static final String FIXED = "_fixed";

    private final DuckDBConnection connection;
    private final String database;
    private final LongSupplier version;
    private final Supplier<Cluster> cluster;
    private final LongSupplier clusterVersion;
    private final ToLongFunction<String> databaseSizes;
    private final Function<String, PgTypeName> pgTypeOf;
    private boolean created;
    private long builtVersion = -1;
    private long builtClusterVersion = -1;
    private volatile Snapshot snapshot;
    private Map<String, List<Object[]>> fixed = Map.of();

    /**
     * @param connection     a connection of the engine, for this store alone (closed with it)
     * @param version        moves whenever the database's catalog changes
     * @param cluster        the server's databases and roles now
     * @param clusterVersion moves whenever they change
     * @param pgTypeOf       PostgreSQL's type for a DuckDB column type serve did not define
     */
    public CatalogStore(DuckDBConnection connection, String database, LongSupplier version, Supplier<Cluster> cluster,
                        LongSupplier clusterVersion, ToLongFunction<String> databaseSizes, Function<String, PgTypeName> pgTypeOf) {
        this.connection = connection;
        this.database = database;
        this.version = version;
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
            for (String schema : List.of(PG, INFO, PG + FIXED, INFO + FIXED)) st.execute("CREATE SCHEMA IF NOT EXISTS " + DATABASE + "." + schema);
            for (Relation r : CatalogDefinitions.get().relations()) {
                st.execute(createTable(r, ""));
                st.execute(createTable(r, FIXED));
            }
            st.execute("CREATE TABLE IF NOT EXISTS " + DATABASE + "." + PG + "." + BUILD + " (n BIGINT)");
            st.execute("CREATE TABLE IF NOT EXISTS " + DATABASE + "." + PG + ".pgwire_keywords"
                    + " (word VARCHAR, catcode VARCHAR, barelabel BOOLEAN, catdesc VARCHAR, baredesc VARCHAR)");
        }
        connection.setAutoCommit(false);
        try {
            StaticCatalog stat = StaticCatalog.get();
            for (String table : StaticCatalog.TABLES) {
                if (DYNAMIC.contains(table)) continue; // appended with the database's rows
                append(PG, table, stat.rows(table).rows);
            }
            append(PG, "pg_settings", settingsRows());
            // the catalog of a database without objects of its own, kept as it is (TempCatalog's pending catalogs)
            fixed = build(connection, new UserObjects()).tables();
            for (Map.Entry<String, List<Object[]>> e : fixed.entrySet()) {
                int dot = e.getKey().indexOf('.');
                append(e.getKey().substring(0, dot) + FIXED, e.getKey().substring(dot + 1), e.getValue());
            }
            try (DuckDBAppender a = connection.createAppender(DATABASE, PG, "pgwire_keywords")) {
                for (String[] k : stat.keywords()) {
                    a.beginRow().append(k[0]).append(k[1]).append("true".equals(k[2]) || "t".equals(k[2])).append(k[3]).append(k[4]).endRow();
                }
            }
            connection.commit();
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
     * tables: what the tables of schemas pg_fixed and info_fixed hold, never changed.
     */
    Map<String, List<Object[]>> fixedTables() {
        return fixed;
    }

    /** The catalogs that hold both built-in rows and the database's. */
    private static final java.util.Set<String> DYNAMIC = java.util.Set.of("pg_namespace", "pg_class", "pg_attribute", "pg_type",
            "pg_index", "pg_description", "pg_extension", "pg_constraint", "pg_depend", "pg_available_extensions",
            "pg_available_extension_versions");

    /** Whether the pg_proc table holds SQL functions' rows (see {@link #rebuild}). */
    private boolean procHasFunctions;

    /**
     * The catalog's rows for the user objects {@code user}: pg_catalog's relations with their
     * built-in rows ({@code all}), the rows of the user objects alone ({@code pgRows}), and
     * information_schema's relations; read (extensions) through {@code reader}.
     */
    record Built(Map<String, Rows> pgRows, Map<String, Rows> infoRows, Map<String, List<Object[]>> all, PgCatalogRows pg,
                 UserObjects user) {
        /** The rows of every relation the catalog tables hold, by schema.name of those tables. */
        Map<String, List<Object[]>> tables() {
            Map<String, List<Object[]>> out = new HashMap<>();
            for (Map.Entry<String, List<Object[]>> e : all.entrySet()) out.put(PG + "." + e.getKey(), e.getValue());
            for (Map.Entry<String, Rows> e : infoRows.entrySet()) out.put(INFO + "." + e.getKey(), e.getValue().rows);
            return out;
        }
    }

    Built build(java.sql.Connection reader, UserObjects user) {
        Cluster c = cluster.get();
        PgCatalogRows pg = new PgCatalogRows(user, c, database);
        Map<String, Rows> pgRows = pg.build();
        String owner = c.roles().isEmpty() ? "postgres" : c.roles().get(0).name();
        Map<String, Rows> infoRows = new InformationSchemaRows(user, pg, database, owner).build();
        Map<String, List<Object[]>> all = new HashMap<>();
        StaticCatalog stat = StaticCatalog.get();
        for (String table : StaticCatalog.TABLES) all.put(table, new ArrayList<>(stat.rows(table).rows));
        for (Map.Entry<String, Rows> e : pgRows.entrySet()) {
            all.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue().rows);
        }
        extensions(reader, all);
        return new Built(pgRows, infoRows, all, pg, user);
    }

    /** The lookups of a catalog built. */
    Snapshot snapshot(Built b) {
        Snapshot s = Snapshot.of(database, databaseSizes.applyAsLong(database), b.all(), b.pg(), b.user());
        s.tables = b.tables();
        return s;
    }

    private Snapshot rebuild() throws SQLException {
        long start = System.nanoTime();
        Built b = build(connection, UserObjects.read(connection, pgTypeOf));
        Map<String, Rows> pgRows = b.pgRows();
        // pg_proc is written again only while the database has SQL functions, and once after the last goes
        boolean functions = pgRows.containsKey("pg_proc");
        boolean rewriteProc = functions || procHasFunctions;
        procHasFunctions = functions;
        long number = builds + 1;
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            // which build the tables hold, as a transaction's snapshot of them shows it (TempCatalog)
            st.execute("DELETE FROM " + DATABASE + "." + PG + "." + BUILD);
            st.execute("INSERT INTO " + DATABASE + "." + PG + "." + BUILD + " VALUES (" + number + ")");
            for (Map.Entry<String, List<Object[]>> e : b.all().entrySet()) {
                if (!DYNAMIC.contains(e.getKey()) && !pgRows.containsKey(e.getKey()) && !(rewriteProc && e.getKey().equals("pg_proc"))) {
                    continue;
                }
                st.execute("DELETE FROM " + DATABASE + "." + PG + "." + e.getKey());
                append(PG, e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Rows> e : b.infoRows().entrySet()) {
                st.execute("DELETE FROM " + DATABASE + "." + INFO + "." + e.getKey());
                append(INFO, e.getKey(), e.getValue().rows);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        builds = number;
        Snapshot s = snapshot(b);
        recent.put(number, s.tables);
        log.debug("built the catalog of database \"{}\" ({} relations) in {} ms", database, b.user().tables.size(),
                (System.nanoTime() - start) / 1_000_000);
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
        Relation rel = relationOf(schema.endsWith(FIXED) ? schema.substring(0, schema.length() - FIXED.length()) : schema, table);
        try (DuckDBAppender a = connection.createAppender(DATABASE, schema, table)) {
            for (Object[] row : rows) {
                a.beginRow();
                for (int i = 0; i < rel.columns().size(); i++) appendValue(a, i < row.length ? row[i] : null);
                a.endRow();
            }
        }
    }

    private static Relation relationOf(String schema, String table) {
        return CatalogDefinitions.get().relation(schema.equals(PG) ? CatalogDefinitions.PG_CATALOG : CatalogDefinitions.INFORMATION_SCHEMA, table);
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

    /** @param suffix of the schema: "" for the catalog's tables, {@link #FIXED} for their fixed copies */
    static String createTable(Relation r, String suffix) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(DATABASE).append('.')
                .append(r.schema().equals(CatalogDefinitions.PG_CATALOG) ? PG : INFO).append(suffix).append('.')
                .append(UserObjects.quote(r.name())).append(" (");
        for (int i = 0; i < r.columns().size(); i++) {
            Column c = r.columns().get(i);
            if (i > 0) sb.append(", ");
            sb.append(UserObjects.quote(c.name())).append(' ').append(c.duckDbType());
        }
        return sb.append(')').toString();
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
