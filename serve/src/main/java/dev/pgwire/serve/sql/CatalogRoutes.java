package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.CatalogDefinitions;
import dev.pgwire.serve.catalog.CatalogStore;
import dev.pgwire.serve.catalog.TempCatalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Points references to pg_catalog's and information_schema's relations at serve's catalog tables
 * ({@link CatalogStore}). PostgreSQL searches pg_catalog before the schemas of search_path, so an
 * unqualified {@code pg_class} is the catalog's even where a user table has that name; a CTE of
 * the statement of that name still wins. The relations that describe tables show the session's
 * temporary ones too ({@link TempCatalog}). pg_settings shows the session's own values and their
 * sources, pg_stat_activity and pg_stat_gssapi the live sessions, pg_timezone_names the zones of
 * the moment. A name qualified with another database is PostgreSQL's 0A000.
 */
final class CatalogRoutes {
    private CatalogRoutes() {}

    /** The catalog relations only superusers may read. */
    private static final Set<String> PASSWORDS = Set.of("pg_authid", "pg_shadow");

    /** Whether {@code r} names a view whose query reads the catalog tables (a view of pg_class, say). */
    private static boolean readsCatalogView(Node r, SessionContext session) {
        if (session.catalog() == null) return false;
        String schema = r.str("schemaname");
        CatalogView.Relation relation = session.catalog().relation(schema.isEmpty() ? null : schema, r.str("relname"));
        return relation != null && relation.view() && ObjectMeta.read(relation.comment()).readsCatalog();
    }

    /**
     * Rewrites {@code query}'s catalog references (after its typed rewrites {@code typed}); true
     * when it reads the catalog tables: by name, through a view of them, by a catalog function
     * ({@code callsCatalog}: CatalogCalls.callsAny of the query before those rewrites) or a reg*
     * cast.
     */
    static boolean readsCatalog(Node query, SessionContext session, boolean callsCatalog, TypedRewrites typed) {
        return apply(query, session) | callsCatalog | typed.usesCatalog();
    }

    /** Rewrites the statement's catalog references; true when it reads the catalog (or a view of it). */
    static boolean apply(Node tree, SessionContext session) {
        Set<String> ctes = new HashSet<>();
        List<Node> rangeVars = new ArrayList<>();
        boolean[] reads = {false};
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("CommonTableExpr")) ctes.add(n.str("ctename"));
            else if (n.is("RangeVar")) rangeVars.add(n);
            else if (n.is("RangeFunction") && optionsToTable(n) != null) {
                optionsToTable(n).set("funcname", new ArrayList<>(List.of(Node.string("pgwire"), Node.string("options_to_table"))));
            }
            else if (n.is("RangeFunction") && catalogFunction(n) != null) {
                String function = catalogFunction(n);
                // pg_show_all_settings(): what pg_settings shows (PostgreSQL's view is that function's rows; pgAdmin calls it)
                n.set("pgwire_subquery", function.equals("pg_show_all_settings") ? settingsQuery(session)
                        : "SELECT " + FUNCTION_COLUMNS.get(function) + " FROM " + CatalogStore.DATABASE + "."
                        + CatalogStore.PG + "." + (function.equals("pg_get_keywords") ? "pgwire_keywords" : function));
                n.set("pgwire_name", function);
                reads[0] = true;
            }
            else if (n.is("ColumnRef")) unqualifyCatalogColumn(n);
        });
        CatalogDefinitions defs = CatalogDefinitions.get();
        for (Node r : rangeVars) {
            String catalog = r.str("catalogname");
            if (!catalog.isEmpty()) {
                if (!catalog.equals(session.database())) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                            + catalog + "." + r.str("schemaname") + "." + r.str("relname"));
                }
                r.set("catalogname", "");
            }
            String schema = r.str("schemaname");
            String name = r.str("relname");
            String target = null;
            if (schema.equals(CatalogDefinitions.PG_CATALOG) || (schema.isEmpty() && !ctes.contains(name))) {
                if (defs.relation(CatalogDefinitions.PG_CATALOG, name) != null) target = CatalogStore.PG;
            } else if (schema.equals(CatalogDefinitions.INFORMATION_SCHEMA)) {
                if (defs.relation(CatalogDefinitions.INFORMATION_SCHEMA, name) != null) target = CatalogStore.INFO;
            }
            if (target == null) {
                if (!(schema.isEmpty() && ctes.contains(name))) {
                    sequenceRelation(r, session);
                    if (readsCatalogView(r, session)) reads[0] = true;
                }
                continue;
            }
            if (target.equals(CatalogStore.PG) && PASSWORDS.contains(name) && !session.superuser()) {
                // as PostgreSQL: the catalogs that hold password verifiers are for superusers only
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for "
                        + (name.equals("pg_authid") ? "table " : "view ") + name);
            }
            reads[0] = true;
            r.set("catalogname", CatalogStore.DATABASE);
            r.set("schemaname", target);
            if (!r.has("alias")) {
                // columns qualified with the relation's name (pg_class.oid) keep working
                r.set("alias", Node.typed("Alias", Node.of(null).set("aliasname", name)));
            }
            if (target.equals(CatalogStore.PG) && name.equals("pg_settings")) r.set("pgwire_subquery", settingsQuery(session));
            if (target.equals(CatalogStore.PG) && name.equals("pg_stat_activity")) r.set("pgwire_subquery", activityQuery(session));
            if (target.equals(CatalogStore.PG) && name.equals("pg_stat_gssapi")) r.set("pgwire_subquery", gssapiQuery(session));
            if (target.equals(CatalogStore.PG) && name.equals("pg_timezone_names")) r.set("pgwire_subquery", TIME_ZONE_NAMES);
            if (target.equals(CatalogStore.PG) && name.equals("pg_timezone_abbrevs")) r.set("pgwire_subquery", TIME_ZONE_ABBREVS);
            if (target.equals(CatalogStore.PG) && name.equals("pg_sequences")) r.set("pgwire_subquery", SEQUENCES);
            // with the session's temporary objects' rows, while it has some, and what its open transaction
            // changed in the catalog, while it has (read when the statement runs)
            String own = r.has("pgwire_subquery") ? null : TempCatalog.routed(target + "." + name,
                    CatalogStore.DATABASE + "." + target + "." + SqlWriter.quoteIdent(name), session.backendPid(),
                    session.temporarySchema() != null, session.definingCatalog());
            if (own != null) r.set("pgwire_subquery", own);
        }
        return reads[0];
    }

    /** Tells the session when a statement names a relation TEMP or in schema pg_temp (it may make one). */
    static void noteTemporary(Node tree, SessionContext session) {
        boolean[] named = {false};
        // a RangeVar, tagged or not (CREATE's relation is a field of its own type)
        TreeWalker.forEachNode(tree, n -> named[0] |= n.has("relname")
                && (n.str("relpersistence").equals("t") || n.str("schemaname").startsWith("pg_temp")));
        if (named[0]) session.temporaryRelationNamed();
    }

    /** The catalog's set-returning functions without arguments that serve answers from a table: their columns. */
    private static final java.util.Map<String, String> FUNCTION_COLUMNS = java.util.Map.of(
            "pg_get_keywords", "*",
            "pg_show_all_settings", "*",
            "pg_available_extensions", "name, default_version, comment",
            "pg_available_extension_versions", "name, version, superuser, trusted, relocatable, schema, requires, comment");

    /** Whether the sequence row {@code pgwire_s} of duckdb_sequences() has handed out its last_value (setval(s, n, false) has not). */
    static final String SEQUENCE_CALLED = "pgwire.sequence_called(pgwire_s)";

    /**
     * A sequence read as a relation ({@code SELECT last_value, is_called FROM s}, as pg_dump reads
     * each one): its row from DuckDB's sequences. log_cnt, the values PostgreSQL has logged ahead, is
     * 0 here (as in PostgreSQL right after a checkpoint).
     */
    private static void sequenceRelation(Node r, SessionContext session) {
        if (session.catalog() == null) return;
        String schema = r.str("schemaname");
        String name = r.str("relname");
        if (session.catalog().relation(schema.isEmpty() ? null : schema, name) != null) return;
        for (String s : schema.isEmpty() ? session.currentSchemas(false) : List.of(schema)) {
            if (s.startsWith("pg_temp") || s.equals(CatalogDefinitions.PG_CATALOG) || session.catalog().sequence(s, name) == null) continue;
            r.set("pgwire_subquery", "SELECT CAST(CASE WHEN " + SEQUENCE_CALLED + " THEN last_value"
                    + " ELSE coalesce(pgwire.sequence_next(sql), start_value) END AS BIGINT) AS last_value,"
                    + " CAST(0 AS BIGINT) AS log_cnt, " + SEQUENCE_CALLED + " AS is_called FROM duckdb_sequences() AS pgwire_s"
                    + " WHERE database_name = current_database() AND schema_name = " + SqlWriter.quoteLiteral(s)
                    + " AND sequence_name = " + SqlWriter.quoteLiteral(name));
            if (!r.has("alias")) r.set("alias", Node.typed("Alias", Node.of(null).set("aliasname", name)));
            r.set("schemaname", "");
            return;
        }
    }

    /** The call of pg_options_to_table(options) a FROM item makes (a table macro of serve's), or null. */
    private static Node optionsToTable(Node rangeFunction) {
        Node call = catalogCall(rangeFunction);
        return call != null && call.list("args").size() == 1 && Operators.lastName(call).equals("pg_options_to_table") ? call : null;
    }

    private static String catalogFunction(Node rangeFunction) {
        Node call = catalogCall(rangeFunction);
        if (call == null || call.has("args")) return null;
        String function = Operators.lastName(call);
        return FUNCTION_COLUMNS.containsKey(function) ? function : null;
    }

    /** The one function a FROM item calls, named bare or in pg_catalog, or null. */
    private static Node catalogCall(Node rangeFunction) {
        List<Node> functions = rangeFunction.list("functions");
        if (functions.size() != 1) return null;
        Node call = functions.get(0).list("items").get(0);
        if (call == null || !call.is("FuncCall")) return null;
        List<String> name = call.names("funcname");
        return name.size() > 1 && !name.get(0).equals(CatalogDefinitions.PG_CATALOG) ? null : call;
    }

    /** {@code pg_catalog.pg_class.oid}: the column of the relation, as the FROM clause names it. */
    private static void unqualifyCatalogColumn(Node ref) {
        List<Node> fields = ref.list("fields");
        if (fields.size() != 3 || !fields.get(0).is("String")) return;
        String schema = fields.get(0).str("sval");
        if (schema.equals(CatalogDefinitions.PG_CATALOG) || schema.equals(CatalogDefinitions.INFORMATION_SCHEMA)) {
            ref.set("fields", new ArrayList<>(fields.subList(1, 3)));
        }
    }

    /** pg_stat_activity: a row per live session of the server (client addresses are not shown). */
    static String activityQuery(SessionContext session) {
        String base = CatalogStore.DATABASE + "." + CatalogStore.PG;
        return "SELECT * FROM " + base + ".pg_stat_activity UNION ALL BY NAME"
                + " SELECT CAST(d.oid AS BIGINT) AS datid, CAST(v.datname AS VARCHAR) AS datname, CAST(v.pid AS INTEGER) AS pid,"
                + " CAST(a.oid AS BIGINT) AS usesysid, CAST(v.usename AS VARCHAR) AS usename,"
                + " CAST(v.application_name AS VARCHAR) AS application_name,"
                + " CAST(v.backend_start AS TIMESTAMPTZ) AS backend_start, CAST(v.xact_start AS TIMESTAMPTZ) AS xact_start,"
                + " CAST(v.query_start AS TIMESTAMPTZ) AS query_start, CAST(v.state_change AS TIMESTAMPTZ) AS state_change,"
                + " CAST(v.state AS VARCHAR) AS state, CAST(v.query AS VARCHAR) AS query,"
                + " CAST(v.wait_event_type AS VARCHAR) AS wait_event_type, CAST(v.wait_event AS VARCHAR) AS wait_event,"
                + " CAST('client backend' AS VARCHAR) AS backend_type"
                + " FROM " + ActivityRows.relation(session.backendPid()) + " AS v"
                + " LEFT JOIN " + base + ".pg_database AS d ON d.datname = v.datname"
                + " LEFT JOIN " + base + ".pg_authid AS a ON a.rolname = v.usename";
    }

    /** pg_timezone_names: the zones serve accepts for TimeZone, with their abbreviation and offset of the moment. */
    private static final String TIME_ZONE_NAMES = "SELECT CAST(v.name AS VARCHAR) AS name, CAST(v.abbrev AS VARCHAR) AS abbrev,"
            + " to_seconds(CAST(v.utc_offset AS BIGINT)) AS utc_offset, CAST(v.is_dst AS BOOLEAN) AS is_dst"
            + " FROM (SELECT unnest(from_json(pgwire_timezone_names(),"
            + " '[{\"name\":\"VARCHAR\",\"abbrev\":\"VARCHAR\",\"utc_offset\":\"BIGINT\",\"is_dst\":\"BOOLEAN\"}]'),"
            + " recursive := true)) AS v";

    /** pg_timezone_abbrevs: PostgreSQL's Default abbreviations, those a zone defines with their meaning of the moment. */
    private static final String TIME_ZONE_ABBREVS = "SELECT CAST(v.abbrev AS VARCHAR) AS abbrev,"
            + " to_seconds(CAST(v.utc_offset AS BIGINT)) AS utc_offset, CAST(v.is_dst AS BOOLEAN) AS is_dst"
            + " FROM (SELECT unnest(from_json(pgwire_timezone_abbrevs(),"
            + " '[{\"abbrev\":\"VARCHAR\",\"utc_offset\":\"BIGINT\",\"is_dst\":\"BOOLEAN\"}]'),"
            + " recursive := true)) AS v";

    /**
     * pg_sequences with each sequence's last value read when the statement runs: nextval and setval
     * change no catalog, so the catalog's rows would show it as of the last DDL.
     */
    private static final String SEQUENCES = "SELECT s.* REPLACE (CAST(CASE WHEN pgwire.sequence_called(d)"
            + " THEN d.last_value END AS BIGINT) AS last_value)"
            + " FROM " + CatalogStore.DATABASE + "." + CatalogStore.PG + ".pg_sequences AS s"
            + " LEFT JOIN duckdb_sequences() AS d ON d.database_name = current_database() AND d.schema_name = s.schemaname"
            + " AND d.sequence_name = s.sequencename";

    /** pg_stat_gssapi: a row per live session, none of them authenticated or encrypted by GSSAPI (serve offers neither). */
    static String gssapiQuery(SessionContext session) {
        return "SELECT CAST(v.pid AS INTEGER) AS pid, false AS gss_authenticated, CAST(NULL AS VARCHAR) AS principal,"
                + " false AS encrypted FROM " + ActivityRows.relation(session.backendPid()) + " AS v";
    }

    /**
     * pg_settings as the session sees it: each setting's value for this session where serve
     * keeps one, else its built-in value.
     */
    static String settingsQuery(SessionContext session) {
        // the session's own values, read when the statement runs (a prepared statement sees a later SET)
        var rel = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_settings");
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < rel.columns().size(); i++) {
            String c = rel.columns().get(i).name();
            if (i > 0) sb.append(", ");
            if (c.equals("setting")) {
                // the number in the setting's unit (4096 for 4MB of kB), as PostgreSQL's pg_settings has it
                sb.append("coalesce(pgwire_setting_in_unit(CAST(s.name AS VARCHAR), pgwire_current_setting(").append(session.backendPid())
                        .append(", CAST(s.name AS VARCHAR), true)), s.setting) AS setting");
            } else if (c.equals("source")) {
                sb.append("coalesce(pgwire_setting_source(").append(session.backendPid())
                        .append(", CAST(s.name AS VARCHAR)), s.source) AS source");
            } else {
                sb.append("s.").append(SqlWriter.quoteIdent(c));
            }
        }
        sb.append(" FROM ").append(CatalogStore.DATABASE).append('.').append(CatalogStore.PG).append(".pg_settings AS s");
        return sb.toString();
    }
}
