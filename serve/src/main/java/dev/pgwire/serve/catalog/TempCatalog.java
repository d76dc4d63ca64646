package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.CatalogDefinitions.Column;
import dev.pgwire.serve.catalog.CatalogDefinitions.Relation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's own rows of the catalog: what its open transaction defined (below), and its
 * temporary tables, views, indexes and sequences, as PostgreSQL
 * shows them to that session alone: in its schema pg_temp_N (N its backend process id, with
 * pg_toast_temp_N), relpersistence t, with their columns, defaults, keys, indexes and
 * information_schema rows (table_type LOCAL TEMPORARY).
 *
 * <p>The shared catalog's tables hold what every session sees; a temporary object lives in one
 * session's DuckDB connection (its database {@code temp}), so its rows are built from that
 * connection after the session changes its catalog (once it has named a temporary relation), and
 * while it has some, the catalog relations it reads are unions with them, read at run time
 * ({@code pgwire_temp_rows(pid, relation)}, {@link #routed}). Their OIDs lie above 2^31 (negative
 * as Java ints), outside the shared catalog's, each given once by a counter of the server, so an
 * OID names one session's object and keeps naming it while the object lives.
 *
 * <p>The shared catalog shows what is committed. While the session's open transaction has changed
 * the catalog, the session sees its own changes as PostgreSQL shows them: the catalog is built
 * again from what its connection sees ({@link Pending}), its lookups answer the session's regclass
 * casts and catalog functions (those of its statements that carry {@link #pathMarker} in their
 * search_path), and each catalog relation it reads is the shared one as its snapshot shows it
 * (or, when the rows of that build are no longer kept, a fixed copy of the catalog of a database
 * without objects of its own) without the rows the transaction's catalog lacks of it and with
 * the rows it has beyond it.
 */
public final class TempCatalog {
    /** The first OID of temporary objects (3 000 000 000: above every OID of the shared catalog). */
    private static final long FIRST_OID = 3_000_000_000L;
    private static final AtomicLong NEXT_OID = new AtomicLong(FIRST_OID);
    private static final Map<Integer, TempCatalog> SESSIONS = new ConcurrentHashMap<>();

    /** The catalog relations that can hold rows of temporary objects, as schema.name of serve's catalog tables. */
    private static final List<String> RELATIONS = List.of("pg.pg_namespace", "pg.pg_class", "pg.pg_attribute", "pg.pg_attrdef",
            "pg.pg_index", "pg.pg_constraint", "pg.pg_type", "pg.pg_depend", "pg.pg_description", "pg.pg_sequence",
            "pg.pg_tables", "pg.pg_views", "pg.pg_indexes", "pg.pg_stat_user_tables", "pg.pg_stat_all_tables",
            "pg.pg_statio_user_tables", "pg.pg_statio_all_tables", "info.schemata", "info.tables", "info.columns", "info.views",
            "info.table_constraints", "info.key_column_usage", "info.referential_constraints",
            "info.constraint_column_usage", "info.check_constraints", "info.sequences");

    private final CatalogStore store;
    private final java.util.function.BooleanSupplier defining;
    private final int pid;
    private final String schema;
    private final int namespaceOid;
    /** The OIDs given to this session's objects, by key (Oids): kept while the session lives. */
    private final Map<String, Integer> oids = new HashMap<>();
    private volatile State state = State.EMPTY;
    private boolean stale;
    /** Whether the session changed its catalog since {@link #pending} was built. */
    private boolean pendingStale;
    /** Whether the session ever named a temporary relation. */
    private boolean mayHave;
    /** Whether the session's pg_temp_N exists (from its first temporary object on). */
    private boolean schemaMade;

    /**
     * The catalog as the session's open transaction sees it: its lookups, and by relation (schema.name
     * of the catalog tables) the rows, as JSON, that it lacks of the shared catalog as its snapshot
     * shows it (or of the fixed one, {@link CatalogStore#fixedTables}, {@code fromFixed}) and those
     * it has beyond it.
     */
    private record Pending(Snapshot snapshot, Map<String, String> removed, Map<String, String> added, boolean fromFixed) {}

    private volatile Pending pending;

    /** The rows (as JSON, by relation) and lookups of the temporary objects as last read. */
    private record State(Map<String, String> json, Snapshot snapshot, boolean any) {
        static final State EMPTY = new State(Map.of(), null, false);
    }

    /** @param defining whether the session's open transaction has changed the catalog */
    TempCatalog(CatalogStore store, int pid, java.util.function.BooleanSupplier defining) {
        this.store = store;
        this.defining = defining;
        this.pid = pid;
        this.schema = "pg_temp_" + pid;
        // pg_temp_N's OID, and pg_toast_temp_N's the next
        this.namespaceOid = (int) NEXT_OID.getAndAdd(2);
        SESSIONS.put(pid, this);
    }

    /** Session {@code pid}'s temporary objects, or null. */
    static TempCatalog of(int pid) {
        return SESSIONS.get(pid);
    }

    /** The session's pg_temp_N. */
    public String schema() {
        return schema;
    }

    /** pg_my_temp_schema(): the OID of the session's temporary schema, 0 before its first temporary object. */
    public long myTempSchema() {
        return state.any() ? Integer.toUnsignedLong(namespaceOid) : 0;
    }

    /** pg_is_other_temp_schema(oid): whether {@code oid} is another session's temporary schema. */
    static boolean isOtherTempSchema(int pid, int oid) {
        for (TempCatalog t : SESSIONS.values()) {
            if (t.pid != pid && t.state.any() && (t.namespaceOid == oid || t.namespaceOid + 1 == oid)) return true;
        }
        return false;
    }

    /** The session changed its catalog: the temporary objects are read again before the catalog is next read. */
    public synchronized void changed() {
        stale = true;
        pendingStale = true;
        if (!defining.getAsBoolean()) pending = null;
    }

    /**
     * The session named a temporary relation: until it does, it has none, and its catalog
     * changes need no look for them (which scans the catalog of every table).
     */
    public synchronized void mayHaveObjects() {
        mayHave = true;
        stale = true;
    }

    /**
     * Whether the session has its temporary schema (made with its first temporary object), reading
     * its temporary objects first when it changed its catalog since.
     */
    public boolean hasObjects(java.util.function.Supplier<Connection> connection) {
        refresh(connection);
        return state.any();
    }

    /** Reads the session's temporary objects again if it changed its catalog since they were read. */
    public synchronized void refresh(java.util.function.Supplier<Connection> connection) {
        if (!defining.getAsBoolean()) pending = null;
        if (!stale) return;
        if (!mayHave) {
            stale = false;
            return;
        }
        try {
            state = read(connection.get());
        } catch (SQLException e) {
            // a failed transaction block reads nothing until it ends: what was read before stands (still stale),
            // and the statement that asked is refused with 25P02 as every statement there is
            if (aborted(e)) return;
            throw new IllegalStateException("reading the temporary objects of session " + pid + " failed: " + e.getMessage(), e);
        }
        stale = false;
    }

    private static boolean aborted(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("Current transaction is aborted");
    }

    /**
     * The catalog's lookups as the session's open transaction sees it, built again if the session
     * changed its catalog since; null while that transaction has not changed the catalog.
     */
    public synchronized Snapshot pendingSnapshot(java.util.function.Supplier<Connection> connection) {
        if (!defining.getAsBoolean()) {
            pending = null;
            return null;
        }
        if (pending == null || pendingStale) {
            try {
                pending = readPending(connection.get());
                pendingStale = false;
            } catch (SQLException e) {
                // as for a failed block, and while the connection streams a result (a suspended portal):
                // the catalog last built stands, and the next read builds it again
                if (!aborted(e) && !(e.getMessage() != null && e.getMessage().contains("open result"))) {
                    throw new IllegalStateException("reading the catalog of session " + pid + " failed: " + e.getMessage(), e);
                }
            }
        }
        return pending == null ? null : pending.snapshot();
    }

    private Pending readPending(Connection connection) throws SQLException {
        CatalogStore.Built built = store.build(connection, UserObjects.read(connection, store.pgTypeOf()));
        Snapshot snapshot = store.snapshot(built);
        // told apart from the shared tables as this transaction's snapshot shows them (which commits of other
        // sessions they hold depends on when it was taken): the build they hold, while its rows are kept;
        // else from the fixed tables, never changed (more rows differ from those)
        Map<String, List<Object[]>> base = null;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(n) FROM " + CatalogStore.DATABASE + "." + CatalogStore.PG + "." + CatalogStore.BUILD)) {
            if (rs.next() && rs.getObject(1) != null) base = store.builtTables(rs.getLong(1));
        }
        boolean fromFixed = base == null;
        if (fromFixed) base = store.fixedTables();
        Map<String, String> removed = new HashMap<>();
        Map<String, String> added = new HashMap<>();
        for (Map.Entry<String, List<Object[]>> e : snapshot.tables.entrySet()) {
            List<Object[]> before = base.getOrDefault(e.getKey(), List.of());
            List<Object[]> after = e.getValue();
            // the rows alike at both ends (the built-in ones, mostly) are passed over; the rest compare as multisets
            int head = 0;
            while (head < before.size() && head < after.size() && Rows.sameRow(before.get(head), after.get(head))) head++;
            int tail = 0;
            while (tail < before.size() - head && tail < after.size() - head
                    && Rows.sameRow(before.get(before.size() - 1 - tail), after.get(after.size() - 1 - tail))) tail++;
            if (head + tail == before.size() && head + tail == after.size()) continue;
            Map<List<Object>, Integer> counts = new HashMap<>();
            for (Object[] r : before.subList(head, before.size() - tail)) counts.merge(java.util.Arrays.asList(r), 1, Integer::sum);
            List<Object[]> plus = new java.util.ArrayList<>();
            for (Object[] r : after.subList(head, after.size() - tail)) {
                List<Object> key = java.util.Arrays.asList(r);
                Integer n = counts.get(key);
                if (n == null) plus.add(r);
                else if (n == 1) counts.remove(key);
                else counts.put(key, n - 1);
            }
            List<Object[]> minus = new java.util.ArrayList<>();
            for (Map.Entry<List<Object>, Integer> c : counts.entrySet()) {
                for (int i = 0; i < c.getValue(); i++) minus.add(c.getKey().toArray());
            }
            List<Column> columns = relation(e.getKey()).columns();
            if (!minus.isEmpty()) removed.put(e.getKey(), CatalogJson.rows(minus, columns));
            if (!plus.isEmpty()) added.put(e.getKey(), CatalogJson.rows(plus, columns));
        }
        // a relation the fixed catalog holds but the transaction's does not (none today): its rows all go
        for (Map.Entry<String, List<Object[]>> e : base.entrySet()) {
            if (!snapshot.tables.containsKey(e.getKey()) && !e.getValue().isEmpty()) {
                removed.put(e.getKey(), CatalogJson.rows(e.getValue(), relation(e.getKey()).columns()));
            }
        }
        return new Pending(snapshot, removed, added, fromFixed);
    }

    /** pgwire_pending_rows(pid, relation, added): the rows session {@code pid}'s transaction added to a catalog relation, or took away. */
    static String pendingRows(int pid, String relation, boolean added) {
        TempCatalog t = SESSIONS.get(pid);
        Pending p = t == null ? null : t.pending;
        if (p == null) return "[]";
        return (added ? p.added() : p.removed()).getOrDefault(relation, "[]");
    }

    /** pgwire_pending_fixed(pid): whether session {@code pid}'s pending rows are told apart from the fixed catalog. */
    static boolean pendingFromFixed(int pid) {
        TempCatalog t = SESSIONS.get(pid);
        Pending p = t == null ? null : t.pending;
        return p != null && p.fromFixed();
    }

    /**
     * pgwire_fixed_rows(pid, relation): while session {@code pid}'s pending rows are told apart from
     * the fixed catalog, its rows of a relation but for the built-in ones; else none.
     */
    static String fixedRows(int pid, String relation) {
        TempCatalog t = SESSIONS.get(pid);
        Pending p = t == null ? null : t.pending;
        if (p == null || !p.fromFixed()) return "[]";
        return t.store.fixedOwnRowsJson(relation, relation(relation));
    }

    /** The lookups of the catalog as session {@code pid}'s open transaction sees it (as last built), or null. */
    static Snapshot pendingOf(int pid) {
        TempCatalog t = SESSIONS.get(pid);
        return t == null ? null : t.lastPending();
    }

    /** The catalog's lookups as the session's open transaction saw it when last built (null: none), building nothing. */
    public Snapshot lastPending() {
        Pending p = pending;
        return p == null || !defining.getAsBoolean() ? null : p.snapshot();
    }

    /**
     * The element a session adds to the search_path it gives serve's catalog functions while its
     * open transaction has changed the catalog: they answer from that transaction's catalog.
     * (No schema name of a search_path written by serve starts with this character.)
     */
    public static String pathMarker(int pid) {
        return MARKER + Integer.toString(pid);
    }

    static final char MARKER = '\u0001';

    /** The session ended: its rows go. */
    public void close() {
        SESSIONS.remove(pid, this);
    }

    private State read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM duckdb_tables() WHERE database_name = 'temp')"
                     + " + (SELECT count(*) FROM duckdb_views() WHERE database_name = 'temp' AND NOT internal)"
                     + " + (SELECT count(*) FROM duckdb_sequences() WHERE database_name = 'temp')")) {
            // as PostgreSQL's, the temporary schema made for the session's first temporary object stays
            if (rs.next() && rs.getLong(1) == 0 && !schemaMade) return State.EMPTY;
        }
        schemaMade = true;
        UserObjects user = UserObjects.readTemporary(connection, store.pgTypeOf(), schema);
        Map<String, Integer> given = new HashMap<>();
        for (String key : PgCatalogRows.keys(user)) given.put(key, oids.computeIfAbsent(key, k -> (int) NEXT_OID.getAndIncrement()));
        Cluster cluster = store.cluster();
        PgCatalogRows pg = new PgCatalogRows(user, cluster, store.database(), new Oids(given), schema, namespaceOid);
        Map<String, Rows> pgRows = pg.buildTemporary();
        String owner = cluster.roles().isEmpty() ? "postgres" : cluster.roles().get(0).name();
        Map<String, Rows> infoRows = new InformationSchemaRows(user, pg, store.database(), owner).buildTemporary(schema);
        Map<String, String> json = new HashMap<>();
        for (Map.Entry<String, Rows> e : pgRows.entrySet()) json.put(CatalogStore.PG + "." + e.getKey(), CatalogJson.rows(e.getValue()));
        for (Map.Entry<String, Rows> e : infoRows.entrySet()) json.put(CatalogStore.INFO + "." + e.getKey(), CatalogJson.rows(e.getValue()));
        return new State(json, Snapshot.ofTemporary(store.database(), pgRows, pg, user), true);
    }

    /** pgwire_temp_rows(pid, relation): the rows of session {@code pid}'s temporary objects in a catalog relation, as JSON. */
    static String rows(int pid, String relation) {
        TempCatalog t = SESSIONS.get(pid);
        return t == null ? "[]" : t.state.json().getOrDefault(relation, "[]");
    }

    /** The lookups of the session whose temporary schema is first on {@code path}, or null. */
    static Snapshot bySchemaOnPath(List<String> path) {
        for (String s : path) {
            if (!s.startsWith("pg_temp_")) continue;
            return bySchema(s);
        }
        return null;
    }

    /** The lookups of the session whose temporary schema is {@code schema} (pg_temp_N), or null. */
    static Snapshot bySchema(String schema) {
        try {
            TempCatalog t = SESSIONS.get(Integer.parseInt(schema.substring("pg_temp_".length())));
            return t == null ? null : t.state.snapshot();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The lookups holding temporary object {@code oid} (a negative int), or null. */
    static Snapshot byOid(int oid) {
        if (oid >= 0) return null;
        for (TempCatalog t : SESSIONS.values()) {
            Snapshot s = t.state.snapshot();
            if (s != null && s.holds(oid)) return s;
        }
        return null;
    }

    /**
     * What a reference to catalog relation {@code relation} (schema.name of serve's catalog tables)
     * reads in session {@code pid}: with the session's temporary objects' rows (for a relation that
     * holds such rows, while it has some), and the catalog as its open transaction sees it (while that
     * transaction has changed the catalog); null when it reads the shared rows alone.
     */
    public static String routed(String relation, String from, int pid, boolean temporary, boolean defining) {
        boolean withTemporary = temporary && RELATIONS.contains(relation);
        if (!withTemporary && !defining) return null;
        String type = CatalogJson.type(relation(relation));
        String out = "SELECT * FROM " + from;
        if (defining) {
            // the shared table, or the catalog of a database without objects of its own: its built-in rows and the rest
            String base = "SELECT * FROM " + from + " WHERE NOT pgwire_pending_fixed(" + pid + ")";
            if (CatalogStore.withBuiltinRows(relation(relation))) {
                base += " UNION ALL SELECT * FROM " + CatalogStore.qualified(relation(relation), CatalogStore.BUILTIN)
                        + " WHERE pgwire_pending_fixed(" + pid + ")";
            }
            base += " UNION ALL BY NAME " + unnest("pgwire_fixed_rows(" + pid + ", '" + relation + "')", type);
            out = "SELECT * FROM (" + base + " EXCEPT ALL " + unnest("pgwire_pending_rows(" + pid + ", '" + relation + "', false)", type)
                    + ") UNION ALL BY NAME " + unnest("pgwire_pending_rows(" + pid + ", '" + relation + "', true)", type);
        }
        if (withTemporary) out += " UNION ALL BY NAME " + unnest("pgwire_temp_rows(" + pid + ", '" + relation + "')", type);
        return out;
    }

    private static String unnest(String json, String type) {
        return "SELECT unnest(from_json(" + json + ", '" + type + "'), max_depth := 2)";
    }

    private static Relation relation(String relation) {
        int dot = relation.indexOf('.');
        return CatalogDefinitions.get().relation(relation.startsWith(CatalogStore.PG + ".") ? CatalogDefinitions.PG_CATALOG
                : CatalogDefinitions.INFORMATION_SCHEMA, relation.substring(dot + 1));
    }
}
