package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.CatalogDefinitions;

import java.util.List;
import java.util.Set;

/**
 * Calls of PostgreSQL's catalog functions, rewritten to the functions serve registers over its
 * catalog (dev.pgwire.serve.catalog): format_type, pg_get_userbyid, pg_get_indexdef,
 * pg_get_constraintdef, pg_get_viewdef, pg_get_expr, obj_description and friends, the
 * visibility tests (given the session's search_path), to_regclass and to_regtype, the privilege
 * tests, pg_get_function_result/arguments, pg_encoding_to_char and the size functions.
 */
final class CatalogCalls {
    /** PostgreSQL's encodings as a DuckDB list, in their numbers' order. */
    private static final String ENCODINGS = "[" + String.join(", ",
            dev.pgwire.serve.catalog.Builtins.ENCODINGS.stream().map(SqlWriter::quoteLiteral).toList()) + "]";

    private CatalogCalls() {}

    /** The functions rewritten here (all read serve's catalog tables or its snapshot). */
    static final Set<String> NAMES = Set.of("format_type", "pg_get_userbyid", "pg_get_indexdef", "pg_get_constraintdef",
            "pg_get_viewdef", "pg_get_expr", "obj_description", "col_description", "shobj_description", "pg_table_is_visible",
            "pg_type_is_visible", "pg_function_is_visible", "pg_collation_is_visible", "pg_opclass_is_visible",
            "pg_operator_is_visible", "pg_opfamily_is_visible", "pg_conversion_is_visible", "pg_ts_config_is_visible",
            "pg_ts_dict_is_visible", "pg_ts_parser_is_visible", "pg_ts_template_is_visible", "pg_statistics_obj_is_visible",
            "to_regclass", "to_regtype", "pg_my_temp_schema", "pg_is_other_temp_schema", "pg_get_serial_sequence",
            "pg_get_function_result", "pg_get_function_arguments",
            "pg_get_function_identity_arguments", "pg_database_size", "pg_sequence_last_value", "_pg_expandarray",
            "has_table_privilege", "has_schema_privilege", "has_database_privilege", "has_column_privilege",
            "has_any_column_privilege", "has_function_privilege", "has_sequence_privilege", "has_type_privilege",
            "has_language_privilege", "has_tablespace_privilege", "has_foreign_data_wrapper_privilege",
            "has_server_privilege", "pg_has_role", "pg_encoding_to_char", "pg_char_to_encoding", "pg_relation_size",
            "pg_indexam_has_property", "pg_index_has_property", "pg_index_column_has_property",
            "pg_total_relation_size", "pg_table_size", "pg_indexes_size", "pg_size_pretty", "pg_is_in_recovery",
            "pg_is_wal_replay_paused", "pg_tablespace_location", "pg_get_partkeydef", "pg_get_triggerdef", "pg_get_ruledef",
            "pg_get_statisticsobjdef_columns", "pg_get_function_sqlbody", "pg_relation_is_publishable",
            "pg_stat_get_numscans", "pg_describe_object", "pg_get_functiondef", "pg_postmaster_start_time",
            "pg_conf_load_time", "txid_current", "pg_current_xact_id", "pg_get_keywords", "pg_partition_ancestors", "pg_partition_root", "acldefault",
            "getdatabaseencoding", "pg_tablespace_size");

    /**
     * acldefault(objtype, owner): the privileges an object of the kind has while its ACL is NULL,
     * as PostgreSQL 15 answers (pg_dump compares each object's ACL with it).
     */
    private static final String ACL_DEFAULT = "(SELECT CASE k WHEN 'c' THEN [] WHEN 'r' THEN [o || '=arwdDxt/' || o]"
            + " WHEN 's' THEN [o || '=rwU/' || o] WHEN 'd' THEN ['=Tc/' || o, o || '=CTc/' || o]"
            + " WHEN 'f' THEN ['=X/' || o, o || '=X/' || o] WHEN 'l' THEN ['=U/' || o, o || '=U/' || o]"
            + " WHEN 'L' THEN [o || '=rw/' || o] WHEN 'n' THEN [o || '=UC/' || o] WHEN 't' THEN [o || '=C/' || o]"
            + " WHEN 'F' THEN [o || '=U/' || o] WHEN 'S' THEN [o || '=U/' || o] WHEN 'T' THEN ['=U/' || o, o || '=U/' || o]"
            + " WHEN 'p' THEN [o || '=sA/' || o]"
            + " ELSE error('[pgwire:XX000] unrecognized object type abbreviation: ' || ascii(k)) END"
            + " FROM (SELECT CAST({0} AS VARCHAR) AS k, pgwire_get_userbyid(CAST({1} AS BIGINT)) AS o))";

    /** Whether a statement calls any of them (it then reads the catalog). */
    static boolean callsAny(Node tree) {
        boolean[] found = {false};
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("FuncCall") && NAMES.contains(Operators.lastName(n))) found[0] = true;
        });
        return found[0];
    }

    /** A role argument as its name: names as they are, OIDs looked up in pg_authid. */
    private static String roleArg(SqlType t, int i) {
        if (t != null && (t.name().equals("name") || t.name().equals("text") || t.name().equals("varchar") || t.isUnknown())) {
            return "CAST({" + i + "} AS VARCHAR)";
        }
        return "pgwire_get_userbyid(CAST({" + i + "} AS BIGINT))"; // a function: the argument may name an outer column
    }

    static Node rewrite(Node f, List<SqlType> types, SessionContext session) {
        String name = Operators.lastName(f);
        List<String> qualified = f.names("funcname");
        if (qualified.size() > 1 && !qualified.get(0).equals("pg_catalog")
                && !(qualified.get(0).equals("information_schema") && name.equals("_pg_expandarray"))) {
            return null;
        }
        List<Node> args = f.list("args");
        int n = args.size();
        String path = SqlWriter.quoteLiteral(session.catalogPath());
        return switch (name) {
            case "format_type" -> n == 2 ? sql("pgwire_format_type_on_path(CAST({0} AS BIGINT), CAST({1} AS INTEGER), " + path + ")", args) : null;
            case "pg_get_userbyid" -> n == 1 ? sql("pgwire_get_userbyid(CAST({0} AS BIGINT))", args) : null;
            case "acldefault" -> n == 2 ? sql(ACL_DEFAULT, args) : null;
            case "pg_get_indexdef" -> switch (n) {
                case 1 -> sql("pgwire_get_indexdef(CAST({0} AS BIGINT), 0, false, " + path + ")", args);
                case 3 -> sql("pgwire_get_indexdef(CAST({0} AS BIGINT), CAST({1} AS INTEGER), {2}, " + path + ")", args);
                default -> null;
            };
            case "pg_get_constraintdef" -> switch (n) {
                case 1 -> sql("pgwire_get_constraintdef(CAST({0} AS BIGINT), false, " + path + ")", args);
                case 2 -> sql("pgwire_get_constraintdef(CAST({0} AS BIGINT), coalesce({1}, false), " + path + ")", args);
                default -> null;
            };
            case "pg_get_viewdef" -> {
                if (n < 1 || n > 2) yield null;
                SqlType t = types.get(0);
                // pg_get_viewdef(view, pretty); (view, wrap column) is pretty too
                SqlType second = n == 2 ? types.get(1) : null;
                String pretty = n == 1 ? "false" : second != null && second.isInteger() ? "true" : "coalesce(CAST({1} AS BOOLEAN), false)";
                if (t != null && (t.name().equals("text") || t.isUnknown())) {
                    yield sql("pgwire_get_viewdef_name(CAST({0} AS VARCHAR), " + path + ", " + pretty + ")", args);
                }
                yield sql("pgwire_get_viewdef(CAST({0} AS BIGINT), " + pretty + ", " + path + ")", args);
            }
            case "pg_get_expr" -> switch (n) {
                case 2 -> sql("pgwire_get_expr(CAST({0} AS VARCHAR), false, " + path + ")", args);
                case 3 -> sql("pgwire_get_expr(CAST({0} AS VARCHAR), coalesce({2}, false), " + path + ")", args);
                default -> null;
            };
            case "obj_description" -> switch (n) {
                case 1 -> sql("pgwire_obj_description(CAST({0} AS BIGINT), NULL, " + path + ")", args);
                case 2 -> sql("pgwire_obj_description(CAST({0} AS BIGINT), CAST({1} AS VARCHAR), " + path + ")", args);
                default -> null;
            };
            case "col_description" -> n == 2 ? sql("pgwire_col_description(CAST({0} AS BIGINT), CAST({1} AS INTEGER), " + path + ")", args) : null;
            case "shobj_description" -> n == 2 ? sql("pgwire_shobj_description(CAST({0} AS BIGINT), CAST({1} AS VARCHAR))", args) : null;
            case "pg_table_is_visible" -> n == 1 ? sql("pgwire_table_is_visible(CAST({0} AS BIGINT), " + path + ")", args) : null;
            case "pg_type_is_visible" -> n == 1 ? sql("pgwire_type_is_visible(CAST({0} AS BIGINT), " + path + ")", args) : null;
            case "pg_function_is_visible" -> n == 1 ? sql("pgwire_function_is_visible(CAST({0} AS BIGINT), " + path + ")", args) : null;
            case "pg_collation_is_visible", "pg_opclass_is_visible", "pg_operator_is_visible", "pg_opfamily_is_visible",
                 "pg_conversion_is_visible", "pg_ts_config_is_visible", "pg_ts_dict_is_visible", "pg_ts_parser_is_visible",
                 "pg_ts_template_is_visible", "pg_statistics_obj_is_visible" ->
                    // every such object serve has is a built-in one of pg_catalog, always searched
                    n == 1 ? sql("({0} IS NOT NULL OR NULL)", args) : null;
            case "pg_get_serial_sequence" -> n == 2 && (Operators.stringConstant(args.get(0)) == null
                    || Operators.stringConstant(args.get(1)) == null)
                    // computed arguments (SQLAlchemy's reflection passes attrelid::regclass::text and attname)
                    ? sql("pgwire_get_serial_sequence(CAST({0} AS VARCHAR), CAST({1} AS VARCHAR), " + path + ")", args) : null;
            case "pg_my_temp_schema" -> n == 0 ? sql("pgwire_my_temp_schema(" + session.backendPid() + ")", args) : null;
            case "pg_is_other_temp_schema" -> n == 1
                    ? sql("pgwire_is_other_temp_schema(" + session.backendPid() + ", CAST({0} AS BIGINT))", args) : null;
            case "to_regclass" -> n == 1 ? sql("pgwire_to_regclass(CAST({0} AS VARCHAR), " + path + ")", args) : null;
            case "to_regtype" -> n == 1 ? sql("pgwire_to_regtype(CAST({0} AS VARCHAR), " + path + ")", args) : null;
            case "pg_get_function_result", "pg_get_function_arguments", "pg_get_function_identity_arguments", "pg_get_functiondef",
                 "pg_get_function_sqlbody" ->
                    n == 1 ? sql("pgwire_" + name.substring(3) + "(CAST({0} AS BIGINT), " + path + ")", args) : null;
            case "pg_database_size" -> {
                if (n != 1) yield null;
                SqlType t = types.get(0);
                if (t != null && (t.name().equals("name") || t.name().equals("text") || t.isUnknown())) {
                    yield sql("pgwire_database_size(CAST({0} AS VARCHAR))", args);
                }
                yield sql("pgwire_database_size((SELECT datname FROM pgwire_catalog.pg.pg_database WHERE oid = {0}))", args);
            }
            // the aliases are serve's own: the argument may name an outer query's c.oid (Liquibase's does)
            case "pg_sequence_last_value" -> n == 1 ? sql("(SELECT CASE WHEN " + CatalogRoutes.SEQUENCE_CALLED + " THEN pgwire_s.last_value END FROM duckdb_sequences() AS pgwire_s"
                    + " JOIN pgwire_catalog.pg.pg_class AS pgwire_c ON pgwire_c.relname = pgwire_s.sequence_name"
                    + " JOIN pgwire_catalog.pg.pg_namespace AS pgwire_n ON pgwire_n.oid = pgwire_c.relnamespace"
                    + " AND pgwire_n.nspname = pgwire_s.schema_name"
                    + " WHERE pgwire_c.oid = {0} AND pgwire_s.database_name = current_database())", args) : null;
            case "_pg_expandarray" -> n == 1 ? sql("unnest(list_transform(range(1, len({0}) + 1),"
                    + " lambda pg_i: {'x': {0}[pg_i], 'n': pg_i}))", args) : null;
            case "has_table_privilege" -> {
                tablePrivilegeArguments(args, session);
                yield sql("true", List.of());
            }
            case "has_schema_privilege", "has_database_privilege", "has_column_privilege",
                 "has_any_column_privilege", "has_function_privilege", "has_sequence_privilege", "has_type_privilege",
                 "has_language_privilege", "has_tablespace_privilege", "has_foreign_data_wrapper_privilege",
                 "has_server_privilege" -> sql("true", List.of());
            case "pg_has_role" -> switch (n) {
                // the current user, or a role given by name or OID; the engine answers from the roles' memberships
                case 2 -> sql("pgwire_has_role(" + SqlWriter.quoteLiteral(session.user()) + ", " + roleArg(types.get(0), 0)
                        + ", CAST({1} AS VARCHAR))", args);
                case 3 -> sql("pgwire_has_role(" + roleArg(types.get(0), 0) + ", " + roleArg(types.get(1), 1)
                        + ", CAST({2} AS VARCHAR))", args);
                default -> null;
            };
            // every database of serve is UTF8 (psql's \dO asks)
            case "getdatabaseencoding" -> n == 0 ? sql("CAST('UTF8' AS VARCHAR)", List.of()).set("pgType", "name") : null;
            // pg_default holds every database (psql's \db+ asks), pg_global nothing of serve's
            case "pg_tablespace_size" -> n == 1 ? sql("CASE WHEN CAST({0} AS VARCHAR) IN ('pg_default', '1663') THEN (SELECT CAST(sum("
                    + "pgwire_database_size(datname)) AS BIGINT) FROM pgwire_catalog.pg.pg_database)"
                    + " WHEN CAST({0} AS VARCHAR) IN ('pg_global', '1664') THEN CAST(0 AS BIGINT)"
                    + " ELSE error('[pgwire:42704] tablespace \"' || CAST({0} AS VARCHAR) || '\" does not exist') END", args) : null;
            case "pg_encoding_to_char" -> n == 1 ? sql("CASE WHEN {0} IS NULL THEN NULL WHEN CAST({0} AS INTEGER) >= 0 THEN coalesce(" + ENCODINGS
                    + "[CAST({0} AS INTEGER) + 1], '') ELSE '' END", args) : null;
            // a name as PostgreSQL's clean_encoding_name reads it: letters and digits alone, any case ('utf-8', 'Latin1')
            case "pg_char_to_encoding" -> n == 1 ? sql("CAST(coalesce(list_position(" + ENCODINGS.toLowerCase(java.util.Locale.ROOT).replace("_", "")
                    + ", lower(regexp_replace(CAST({0} AS VARCHAR), '[^A-Za-z0-9]', '', 'g'))) - 1, -1) AS INTEGER)", args) : null;
            // index properties (DataGrip's index columns): serve's indexes are btree, so each is what btree has
            case "pg_indexam_has_property" -> n == 2 ? sql("CASE CAST({0} AS BIGINT) WHEN 403 THEN CASE lower(CAST({1} AS VARCHAR))"
                    + " WHEN 'can_order' THEN true WHEN 'can_unique' THEN true WHEN 'can_multi_col' THEN true WHEN 'can_exclude' THEN true"
                    + " WHEN 'can_include' THEN true END WHEN 405 THEN CASE lower(CAST({1} AS VARCHAR)) WHEN 'can_order' THEN false"
                    + " WHEN 'can_unique' THEN false WHEN 'can_multi_col' THEN false WHEN 'can_exclude' THEN true WHEN 'can_include' THEN false"
                    + " END END", args) : null;
            case "pg_index_has_property" -> n == 2 ? sql("CASE WHEN EXISTS (SELECT 1 FROM pgwire_catalog.pg.pg_index AS pgwire_i"
                    + " WHERE pgwire_i.indexrelid = {0}) THEN CASE lower(CAST({1} AS VARCHAR)) WHEN 'clusterable' THEN true"
                    + " WHEN 'index_scan' THEN true WHEN 'bitmap_scan' THEN true WHEN 'backward_scan' THEN true END END", args) : null;
            case "pg_index_column_has_property" -> {
                if (n != 3) yield null;
                // the key column's indoption: bit 1 DESC, bit 2 NULLS FIRST
                String option = "(SELECT CAST(pgwire_i.indoption[CAST({1} AS INTEGER)] AS INTEGER) FROM pgwire_catalog.pg.pg_index AS pgwire_i"
                        + " WHERE pgwire_i.indexrelid = {0} AND CAST({1} AS INTEGER) BETWEEN 1 AND pgwire_i.indnkeyatts)";
                yield sql("CASE lower(CAST({2} AS VARCHAR)) WHEN 'asc' THEN " + option + " & 1 = 0 WHEN 'desc' THEN " + option + " & 1 = 1"
                        + " WHEN 'nulls_first' THEN " + option + " & 2 = 2 WHEN 'nulls_last' THEN " + option + " & 2 = 0"
                        + " WHEN 'distance_orderable' THEN " + option + " IS NULL AND NULL"
                        + " WHEN 'orderable' THEN " + option + " IS NOT NULL OR NULL WHEN 'returnable' THEN " + option + " IS NOT NULL OR NULL"
                        + " WHEN 'search_array' THEN " + option + " IS NOT NULL OR NULL WHEN 'search_nulls' THEN " + option + " IS NOT NULL OR NULL"
                        + " END", args);
            }
            // DuckDB reports no index sizes
            case "pg_indexes_size" -> n == 1 ? sql("CAST(0 AS BIGINT)", List.of()) : null;
            case "pg_relation_size", "pg_total_relation_size", "pg_table_size" -> {
                if (n < 1 || n > 2) yield null;
                // the table's estimated size for its main fork; the other forks (fsm, vm, init) are empty
                String fork = n == 2 ? " AND CAST({1} AS VARCHAR) = 'main'" : "";
                SqlType t = types.get(0);
                String oid = t != null && (t.name().equals("text") || t.name().equals("varchar") || t.isUnknown())
                        ? "pgwire_to_regclass(CAST({0} AS VARCHAR), " + path + ")" : "CAST({0} AS BIGINT)";
                yield sql("CASE WHEN {0} IS NULL THEN NULL WHEN true" + fork + " THEN " + RelationSize.of(oid) + " ELSE CAST(0 AS BIGINT) END", args);
            }
            case "pg_size_pretty" -> n == 1 ? sql("pgwire_size_pretty(CAST({0} AS BIGINT))", args) : null;
            case "pg_is_in_recovery", "pg_is_wal_replay_paused", "pg_relation_is_publishable" -> sql("false", List.of());
            case "pg_tablespace_location" -> sql("''", List.of());
            case "pg_get_partkeydef", "pg_get_triggerdef", "pg_get_ruledef", "pg_get_statisticsobjdef_columns" ->
                    sql("CAST(NULL AS VARCHAR)", List.of());
            // no table is a partition: a relation's only ancestor is itself
            case "pg_partition_ancestors" -> n == 1 ? sql("unnest([CAST({0} AS BIGINT)])", args) : null;
            case "pg_partition_root" -> n == 1 ? sql("CAST({0} AS BIGINT)", args) : null;
            case "pg_describe_object" -> n == 3 ? sql("pgwire_describe_object(CAST({0} AS BIGINT), CAST({1} AS BIGINT),"
                    + " CAST({2} AS INTEGER), " + path + ")", args) : null;
            case "pg_stat_get_numscans" -> sql("CAST(0 AS BIGINT)", List.of());
            case "pg_postmaster_start_time", "pg_conf_load_time" -> sql("CAST(" + SqlWriter.quoteLiteral(START_TIME) + " AS TIMESTAMPTZ)", List.of());
            case "txid_current", "pg_current_xact_id" -> sql("CAST(txid_current() AS BIGINT)", List.of());
            default -> null;
        };
    }

    /** When this server started (pg_postmaster_start_time). */
    private static final String START_TIME = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();

    private static final java.util.Set<String> TABLE_PRIVILEGES = java.util.Set.of("SELECT", "INSERT", "UPDATE", "DELETE",
            "TRUNCATE", "REFERENCES", "TRIGGER");

    /**
     * has_table_privilege's table and privilege given as constants, checked as PostgreSQL checks
     * them: a table that does not exist is 42P01, a privilege it does not know 22023. (Every role
     * has every privilege here: roles keep no object privileges.)
     */
    private static void tablePrivilegeArguments(List<Node> args, SessionContext session) {
        if (args.size() < 2) return;
        String privileges = Operators.stringConstant(args.get(args.size() - 1));
        if (privileges != null) {
            for (String p : privileges.split(",", -1)) {
                String word = p.trim().toUpperCase(java.util.Locale.ROOT);
                if (word.endsWith(" WITH GRANT OPTION")) word = word.substring(0, word.length() - " WITH GRANT OPTION".length()).trim();
                if (!TABLE_PRIVILEGES.contains(word)) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"" + p.trim() + "\"");
                }
            }
        }
        String table = Operators.stringConstant(args.get(args.size() - 2));
        if (table == null || table.contains("\"") || session.catalog() == null) return;
        int dot = table.indexOf('.');
        String schema = dot < 0 ? null : table.substring(0, dot).toLowerCase(java.util.Locale.ROOT);
        String name = (dot < 0 ? table : table.substring(dot + 1)).toLowerCase(java.util.Locale.ROOT);
        if (session.catalog().relation(schema, name) != null) return;
        CatalogDefinitions defs = CatalogDefinitions.get();
        if (schema == null ? defs.relation(CatalogDefinitions.PG_CATALOG, name) != null : defs.relation(schema, name) != null) return;
        throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + table + "\" does not exist");
    }

    private static Node sql(String template, List<Node> args) {
        return Expressions.duckDb(template, args.toArray(new Node[0]));
    }
}
