package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.CatalogStore;

/**
 * The session's temporary tables and views in pg_class, and its temporary schema in pg_namespace,
 * as PostgreSQL shows them: in schema {@code pg_temp_N} (with its {@code pg_toast_temp_N}),
 * relpersistence {@code t}. The catalog's tables describe what every session sees; these rows are
 * the session's own, read from its DuckDB connection when the statement runs. N is the session's
 * backend process id; the OIDs lie above 2^31, outside those of the shared catalog, so they never
 * collide with a table's (another session's temporary objects are never shown).
 */
final class TempRelations {
    private TempRelations() {}

    /** The OID of the session's pg_temp_N (each session sees only its own); pg_toast_temp_N's is the next. */
    static final long NAMESPACE_OID = 3_000_000_000L;
    /** Temporary relations' OIDs: this plus DuckDB's OID of the table or view. */
    private static final long RELATION_BASE = 3_100_000_000L;
    private static final int BOOTSTRAP_SUPERUSER = 10;
    private static final int HEAP = 2;

    /** pg_class with the session's temporary relations. */
    static String pgClass() {
        String common = "CAST(" + NAMESPACE_OID + " AS BIGINT) AS relnamespace, CAST(0 AS BIGINT) AS reloftype,"
                + " CAST(" + BOOTSTRAP_SUPERUSER + " AS BIGINT) AS relowner, CAST(0 AS BIGINT) AS reltablespace,"
                + " CAST(0 AS INTEGER) AS relpages, CAST(0 AS INTEGER) AS relallvisible, CAST(0 AS BIGINT) AS reltoastrelid,"
                + " false AS relisshared, 't' AS relpersistence, false AS relhastriggers, false AS relhassubclass,"
                + " false AS relrowsecurity, false AS relforcerowsecurity, true AS relispopulated, false AS relispartition,"
                + " CAST(0 AS BIGINT) AS relrewrite";
        return "SELECT * FROM " + CatalogStore.DATABASE + "." + CatalogStore.PG + ".pg_class UNION ALL BY NAME"
                + " SELECT CAST(" + RELATION_BASE + " + t.table_oid AS BIGINT) AS oid, CAST(t.table_name AS VARCHAR) AS relname, "
                + common + ", CAST(0 AS BIGINT) AS reltype, CAST(" + HEAP + " AS BIGINT) AS relam,"
                + " CAST(" + RELATION_BASE + " + t.table_oid AS BIGINT) AS relfilenode, CAST(t.estimated_size AS REAL) AS reltuples,"
                + " (t.has_primary_key OR t.index_count > 0) AS relhasindex, 'r' AS relkind,"
                + " CAST(t.column_count AS SMALLINT) AS relnatts,"
                + " CAST(list_count(list_filter(coalesce(json_extract_string(t.comment, '$.constraints[*].type'), []),"
                + " lambda k: k = 'c')) AS SMALLINT) AS relchecks, false AS relhasrules, 'd' AS relreplident"
                + " FROM duckdb_tables() AS t WHERE t.database_name = 'temp'"
                + " UNION ALL BY NAME"
                + " SELECT CAST(" + RELATION_BASE + " + v.view_oid AS BIGINT) AS oid, CAST(v.view_name AS VARCHAR) AS relname, "
                + common + ", CAST(0 AS BIGINT) AS reltype, CAST(0 AS BIGINT) AS relam, CAST(0 AS BIGINT) AS relfilenode,"
                + " CAST(-1 AS REAL) AS reltuples, false AS relhasindex, 'v' AS relkind, CAST(v.column_count AS SMALLINT) AS relnatts,"
                + " CAST(0 AS SMALLINT) AS relchecks, true AS relhasrules, 'n' AS relreplident"
                + " FROM duckdb_views() AS v WHERE v.database_name = 'temp' AND NOT v.internal";
    }

    /** pg_namespace with the session's temporary schemas, once it has a temporary relation. */
    static String pgNamespace(int backendPid) {
        return "SELECT * FROM " + CatalogStore.DATABASE + "." + CatalogStore.PG + ".pg_namespace UNION ALL BY NAME"
                + " SELECT CAST(" + NAMESPACE_OID + " + s.i AS BIGINT) AS oid,"
                + " CAST(CASE WHEN s.i = 0 THEN 'pg_temp_' ELSE 'pg_toast_temp_' END || " + backendPid + " AS VARCHAR) AS nspname,"
                + " CAST(" + BOOTSTRAP_SUPERUSER + " AS BIGINT) AS nspowner"
                + " FROM range(2) AS s(i) WHERE EXISTS (SELECT 1 FROM duckdb_tables() WHERE database_name = 'temp')"
                + " OR EXISTS (SELECT 1 FROM duckdb_views() WHERE database_name = 'temp' AND NOT internal)";
    }
}
