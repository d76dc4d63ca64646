package dev.pgwire.serve.catalog;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.functions.Udf;
import dev.pgwire.serve.functions.Udf.Signature;
import dev.pgwire.serve.functions.Udf.Type;
import dev.pgwire.serve.sql.ColumnMeta;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SchemaNames;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's catalog functions, answered from the database's {@link Snapshot}: format_type,
 * pg_get_userbyid, pg_get_indexdef, pg_get_constraintdef, pg_get_viewdef, obj_description and
 * friends, the visibility tests, the input and output of the reg* types, pg_get_function_result
 * and pg_get_function_arguments. Registered as DuckDB functions named {@code pgwire_*}; the
 * translation calls them where PostgreSQL's names appear, passing the session's search_path
 * where the answer depends on it.
 */
final class CatalogFunctions {
    private CatalogFunctions() {}

    static void register(Connection c, CatalogStore store) throws SQLException {
        fn(c, "pgwire_format_type", List.of(Type.BIGINT, Type.INTEGER), Type.VARCHAR, false,
                a -> a[0] == null ? null : formatType(store.current(), ((Long) a[0]).intValue(), (Integer) a[1]));
        // format_type as a session asks it: a type of a schema its search_path lacks is qualified (pg_dump sets '')
        fn(c, "pgwire_format_type_on_path", List.of(Type.BIGINT, Type.INTEGER, Type.VARCHAR), Type.VARCHAR, false,
                a -> a[0] == null ? null : formatType(current(store, a[2]), ((Long) a[0]).intValue(), (Integer) a[1], path((String) a[2])));
        fn(c, "pgwire_get_userbyid", List.of(Type.BIGINT), Type.VARCHAR, true, a -> {
            int oid = ((Long) a[0]).intValue();
            String name = store.current().role(oid);
            return name != null ? name : "unknown (OID=" + Integer.toUnsignedString(oid) + ")";
        });
        // pretty (as psql's \d asks) names the table as the search_path sees it, else qualified
        fn(c, "pgwire_get_indexdef", List.of(Type.BIGINT, Type.INTEGER, Type.BOOLEAN, Type.VARCHAR), Type.VARCHAR, true, a -> {
            int oid = ((Long) a[0]).intValue();
            Snapshot cur = current(store, a[3]);
            Snapshot s = at(cur, oid);
            int column = (Integer) a[1];
            if (column == 0) {
                RelationText def = (Boolean) a[2] ? s.prettyIndexDefinitions.getOrDefault(oid, s.indexDefinitions.get(oid))
                        : s.indexDefinitions.get(oid);
                if (def == null) return null;
                List<String> path = path((String) a[3]);
                return SchemaNames.write((Boolean) a[2] ? def.text(s, path) : def.qualified(), names(cur, path));
            }
            List<String> keys = s.indexKeys.get(oid);
            return keys == null || column < 1 || column > keys.size() ? null : ColumnMeta.form(keys.get(column - 1), (Boolean) a[2]);
        });
        // a referenced table is named as the search_path sees it, pretty or not (generate_relation_name)
        fn(c, "pgwire_get_constraintdef", List.of(Type.BIGINT, Type.BOOLEAN, Type.VARCHAR), Type.VARCHAR, true, a -> {
            Snapshot cur = current(store, a[2]);
            Snapshot s = at(cur, ((Long) a[0]).intValue());
            RelationText def = ((Boolean) a[1] ? s.prettyConstraintDefinitions : s.constraintDefinitions).get(((Long) a[0]).intValue());
            if (def == null) return null;
            List<String> path = path((String) a[2]);
            return SchemaNames.write(def.text(s, path), names(cur, path));
        });
        // a user view's query is kept plain and pretty (ColumnMeta.expressionPair)
        fn(c, "pgwire_get_viewdef", List.of(Type.BIGINT, Type.BOOLEAN, Type.VARCHAR), Type.VARCHAR, true,
                a -> viewDefinition(current(store, a[2]), ((Long) a[0]).intValue(), (Boolean) a[1], (String) a[2]));
        fn(c, "pgwire_get_viewdef_name", List.of(Type.VARCHAR, Type.VARCHAR, Type.BOOLEAN), Type.VARCHAR, true,
                a -> viewDefinition(current(store, a[1]), regclassIn(current(store, a[1]), (String) a[0], (String) a[1]), (Boolean) a[2],
                        (String) a[1]));
        fn(c, "pgwire_argument_defaults", List.of(Type.VARCHAR), Type.VARCHAR, true,
                a -> StaticCatalog.get().argumentDefaults((String) a[0]));
        // pg_get_expr: adbin holds the expression's plain and pretty forms (ColumnMeta.expressionPair),
        // its names marked (SchemaNames); the built-in functions' argument defaults are node trees
        fn(c, "pgwire_get_expr", List.of(Type.VARCHAR, Type.BOOLEAN, Type.VARCHAR), Type.VARCHAR, true, a -> {
            String builtin = StaticCatalog.get().argumentDefaults((String) a[0]);
            if (builtin != null) return builtin;
            return SchemaNames.write(ColumnMeta.form((String) a[0], (Boolean) a[1]), names(current(store, a[2]), path((String) a[2])));
        });
        fn(c, "pgwire_obj_description", List.of(Type.BIGINT, Type.VARCHAR, Type.VARCHAR), Type.VARCHAR, false, a -> {
            if (a[0] == null) return null;
            int oid = ((Long) a[0]).intValue();
            Snapshot s = at(current(store, a[2]), oid);
            if (a[1] == null) {
                for (int classOid : new int[] {1259, 1247, 1255, 2615, 2606, 2601, 2617, 3456}) {
                    String d = s.descriptions.get(Snapshot.descriptionKey(oid, classOid, 0));
                    if (d != null) return d;
                }
                return null;
            }
            int classOid = s.relationOid("pg_catalog", (String) a[1]);
            return s.descriptions.get(Snapshot.descriptionKey(oid, classOid, 0));
        });
        fn(c, "pgwire_col_description", List.of(Type.BIGINT, Type.INTEGER, Type.VARCHAR), Type.VARCHAR, true,
                a -> at(current(store, a[2]), ((Long) a[0]).intValue()).descriptions.get(
                        Snapshot.descriptionKey(((Long) a[0]).intValue(), 1259, (Integer) a[1])));
        fn(c, "pgwire_shobj_description", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true, a -> {
            Snapshot s = store.current();
            return s.sharedDescriptions.get(a[0] + "/" + s.relationOid("pg_catalog", (String) a[1]));
        });
        fn(c, "pgwire_table_is_visible", List.of(Type.BIGINT, Type.VARCHAR), Type.BOOLEAN, true,
                a -> tableIsVisible(current(store, a[1]), ((Long) a[0]).intValue(), path((String) a[1])));
        fn(c, "pgwire_type_is_visible", List.of(Type.BIGINT, Type.VARCHAR), Type.BOOLEAN, true,
                a -> typeIsVisible(current(store, a[1]), ((Long) a[0]).intValue(), path((String) a[1])));
        fn(c, "pgwire_function_is_visible", List.of(Type.BIGINT, Type.VARCHAR), Type.BOOLEAN, true, a -> {
            Snapshot.ProcInfo p = current(store, a[1]).proc(((Long) a[0]).intValue());
            return p != null && path((String) a[1]).contains(p.schema());
        });
        fn(c, "pgwire_get_serial_sequence", List.of(Type.VARCHAR, Type.VARCHAR, Type.VARCHAR), Type.VARCHAR, true, a -> {
            Snapshot cur = current(store, a[2]);
            int oid = regclassIn(cur, (String) a[0], (String) a[2]);
            Snapshot s = at(cur, oid);
            Snapshot.RelationInfo r = s.relation(oid);
            if (r == null) return null;
            return s.serialSequences.get(r.schema() + "." + r.name() + "\0" + a[1]);
        });
        fn(c, "pgwire_regclass_in", List.of(Type.VARCHAR, Type.VARCHAR), Type.BIGINT, true,
                a -> Integer.toUnsignedLong(regclassIn(current(store, a[1]), (String) a[0], (String) a[1])));
        fn(c, "pgwire_to_regclass", List.of(Type.VARCHAR, Type.VARCHAR), Type.BIGINT, true, a -> {
            try {
                return Integer.toUnsignedLong(regclassIn(current(store, a[1]), (String) a[0], (String) a[1]));
            } catch (PgException e) {
                return null;
            }
        });
        fn(c, "pgwire_regclass_out", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true,
                a -> regclassOut(current(store, a[1]), ((Long) a[0]).intValue(), path((String) a[1])));
        fn(c, "pgwire_regtype_in", List.of(Type.VARCHAR, Type.VARCHAR), Type.BIGINT, true,
                a -> (long) regtypeIn(current(store, a[1]), (String) a[0], path((String) a[1]), true));
        fn(c, "pgwire_to_regtype", List.of(Type.VARCHAR, Type.VARCHAR), Type.BIGINT, true, a -> {
            int oid = regtypeIn(current(store, a[1]), (String) a[0], path((String) a[1]), false);
            return oid == 0 ? null : (long) oid;
        });
        fn(c, "pgwire_regtype_out", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true,
                a -> regtypeOut(current(store, a[1]), ((Long) a[0]).intValue(), path((String) a[1])));
        fn(c, "pgwire_regproc_in", List.of(Type.VARCHAR), Type.BIGINT, true, a -> (long) regprocIn(store.current(), (String) a[0]));
        fn(c, "pgwire_regproc_out", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true, a -> {
            int oid = ((Long) a[0]).intValue();
            if (oid == 0) return "-";
            Snapshot.ProcInfo p = current(store, a[1]).proc(oid);
            return p == null ? Integer.toString(oid) : p.name();
        });
        fn(c, "pgwire_regprocedure_out", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true, a -> {
            int oid = ((Long) a[0]).intValue();
            if (oid == 0) return "-";
            Snapshot s = current(store, a[1]);
            Snapshot.ProcInfo p = s.proc(oid);
            if (p == null) return Integer.toString(oid);
            List<String> args = new ArrayList<>();
            for (int t : p.argTypes()) args.add(formatType(s, t, null));
            return p.name() + "(" + String.join(",", args) + ")";
        });
        fn(c, "pgwire_regnamespace_in", List.of(Type.VARCHAR), Type.BIGINT, true, a -> {
            List<String> names = QualifiedNames.parse((String) a[0]);
            int oid = names.size() == 1 ? store.current().namespaceOid(names.get(0)) : 0;
            if (oid == 0) throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + a[0] + "\" does not exist");
            return (long) oid;
        });
        fn(c, "pgwire_regnamespace_out", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true, a -> {
            if ((Long) a[0] == 0) return "-";
            String n = current(store, a[1]).namespace(((Long) a[0]).intValue());
            return n == null ? Long.toString((Long) a[0]) : PgCatalogRows.quoteIdent(n);
        });
        fn(c, "pgwire_regrole_in", List.of(Type.VARCHAR), Type.BIGINT, true, a -> {
            List<String> names = QualifiedNames.parse((String) a[0]);
            int oid = names.size() == 1 ? store.current().roleOid(names.get(0)) : 0;
            if (oid == 0) throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + a[0] + "\" does not exist");
            return (long) oid;
        });
        fn(c, "pgwire_regrole_out", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true, a -> {
            if ((Long) a[0] == 0) return "-";
            String n = store.current().role(((Long) a[0]).intValue());
            return n == null ? Long.toString((Long) a[0]) : PgCatalogRows.quoteIdent(n);
        });
        fn(c, "pgwire_get_function_result", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true,
                a -> Functions.result(current(store, a[1]), ((Long) a[0]).intValue()));
        fn(c, "pgwire_get_function_arguments", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true,
                a -> Functions.arguments(current(store, a[1]), ((Long) a[0]).intValue(), true));
        fn(c, "pgwire_get_function_identity_arguments", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true,
                a -> Functions.arguments(current(store, a[1]), ((Long) a[0]).intValue(), false));
        fn(c, "pgwire_get_functiondef", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true,
                a -> Functions.definition(current(store, a[1]), ((Long) a[0]).intValue()));
        fn(c, "pgwire_get_function_sqlbody", List.of(Type.BIGINT, Type.VARCHAR), Type.VARCHAR, true,
                a -> Functions.sqlBody(current(store, a[1]), ((Long) a[0]).intValue()));
        fn(c, "pgwire_describe_object", List.of(Type.BIGINT, Type.BIGINT, Type.INTEGER, Type.VARCHAR), Type.VARCHAR, true, a -> {
            Snapshot s = current(store, a[3]);
            return s.objectDescriptions.describe(s, ((Long) a[0]).intValue(), ((Long) a[1]).intValue(), (Integer) a[2],
                    path((String) a[3]));
        });
        // read when the statement runs: offsets and abbreviations change with daylight saving
        Udf.register(c, new Signature("pgwire_timezone_names", List.of(), null, Type.VARCHAR, false),
                a -> dev.pgwire.serve.functions.TimeZoneNames.json(java.time.Instant.now()), true);
        Udf.register(c, new Signature("pgwire_timezone_abbrevs", List.of(), null, Type.VARCHAR, false),
                a -> dev.pgwire.serve.functions.TimeZoneNames.abbreviationsJson(java.time.Instant.now()), true);
        // a session's temporary objects (TempCatalog): its rows of a catalog relation, its pg_temp_N
        fn(c, "pgwire_temp_rows", List.of(Type.INTEGER, Type.VARCHAR), Type.VARCHAR, true,
                a -> TempCatalog.rows((Integer) a[0], (String) a[1]));
        // what a session's open transaction changed in a catalog relation (TempCatalog): the rows it added, or took away
        fn(c, "pgwire_pending_rows", List.of(Type.INTEGER, Type.VARCHAR, Type.BOOLEAN), Type.VARCHAR, true,
                a -> TempCatalog.pendingRows((Integer) a[0], (String) a[1], (Boolean) a[2]));
        fn(c, "pgwire_pending_fixed", List.of(Type.INTEGER), Type.BOOLEAN, true, a -> TempCatalog.pendingFromFixed((Integer) a[0]));
        fn(c, "pgwire_fixed_rows", List.of(Type.INTEGER, Type.VARCHAR), Type.VARCHAR, true,
                a -> TempCatalog.fixedRows((Integer) a[0], (String) a[1]));
        fn(c, "pgwire_my_temp_schema", List.of(Type.INTEGER), Type.BIGINT, true, a -> {
            TempCatalog t = TempCatalog.of((Integer) a[0]);
            return t == null ? 0L : t.myTempSchema();
        });
        fn(c, "pgwire_is_other_temp_schema", List.of(Type.INTEGER, Type.BIGINT), Type.BOOLEAN, true,
                a -> TempCatalog.isOtherTempSchema((Integer) a[0], ((Long) a[1]).intValue()));
        fn(c, "pgwire_size_pretty", List.of(Type.BIGINT), Type.VARCHAR, true, a -> sizePretty((Long) a[0]));
        fn(c, "pgwire_database_size", List.of(Type.VARCHAR), Type.BIGINT, true, a -> {
            Snapshot s = store.current();
            return s.database.equals(a[0]) ? s.databaseSize : store.databaseSize((String) a[0]);
        });
    }

    private static String viewDefinition(Snapshot s, int oid, boolean pretty, String searchPath) {
        return SchemaNames.write(ColumnMeta.form(at(s, oid).viewDefinitions.get(oid), pretty), names(s, path(searchPath)));
    }

    private static void fn(Connection c, String name, List<Type> params, Type result, boolean strict, Udf.Body body) throws SQLException {
        Udf.register(c, new Signature(name, params, null, result, strict), body);
    }

    /** pg_size_pretty(bigint): bytes, kB, MB, GB, TB, PB, halving and rounding as PostgreSQL 15 does. */
    static String sizePretty(long size) {
        long limit = 10 * 1024;
        long limit2 = limit * 2 - 1;
        if (Math.abs(size) < limit) return size + " bytes";
        size >>= 9; // to half kB, for rounding
        String[] units = {"kB", "MB", "GB", "TB"};
        for (String unit : units) {
            if (Math.abs(size) < limit2) return ((size + (size < 0 ? -1 : 1)) / 2) + " " + unit;
            size >>= 10;
        }
        return ((size + (size < 0 ? -1 : 1)) / 2) + " PB";
    }

    /**
     * The catalog a statement's search_path argument names: as the session's open transaction sees
     * it when that path carries its marker ({@link TempCatalog#pathMarker}), else the shared one.
     */
    static Snapshot current(CatalogStore store, Object searchPath) {
        if (searchPath instanceof String p) {
            int at = p.indexOf(TempCatalog.MARKER);
            if (at >= 0) {
                int end = p.indexOf(',', at);
                Snapshot s = TempCatalog.pendingOf(Integer.parseInt(p.substring(at + 1, end < 0 ? p.length() : end)));
                if (s != null) return s;
            }
        }
        return store.current();
    }

    static List<String> path(String searchPath) {
        List<String> out = new ArrayList<>();
        if (searchPath != null) for (String s : searchPath.split(",")) if (!s.isEmpty() && s.charAt(0) != TempCatalog.MARKER) out.add(s);
        if (!out.contains("pg_catalog")) out.add(0, "pg_catalog");
        return out;
    }

    static String formatType(Snapshot s, int oid, Integer typmod) {
        return formatType(s, oid, typmod, null);
    }

    /** @param path the search_path the name is written for (null: qualified outside pg_catalog and public) */
    static String formatType(Snapshot s, int oid, Integer typmod, List<String> path) {
        if (oid == 0) return "-";
        Snapshot.TypeInfo t = s.type(oid);
        if (t == null) return "???";
        boolean array = t.array();
        Snapshot.TypeInfo base = array ? s.type(t.element()) : t;
        if (base == null) return "???";
        String schema = base.schema() == null || base.schema().equals("pg_catalog")
                || (path == null ? base.schema().equals("public") : path.contains(base.schema())) ? null : base.schema();
        return FormatTypes.format(base.name(), array, typmod == null ? -1 : typmod, typmod != null, schema);
    }

    /** The lookups holding object {@code oid}: a session's temporary object's (TempCatalog), else {@code s}. */
    static Snapshot at(Snapshot s, int oid) {
        Snapshot temp = oid < 0 ? TempCatalog.byOid(oid) : null;
        return temp != null ? temp : s;
    }

    /** A relation's OID by schema and name (a session's pg_temp_N among them), or 0. */
    static int relationOid(Snapshot s, String schema, String name) {
        if (schema.startsWith("pg_temp_")) {
            Snapshot temp = TempCatalog.bySchema(schema);
            return temp == null ? 0 : temp.relationOid(schema, name);
        }
        return s.relationOid(schema, name);
    }

    /** The user objects' names in a kept definition, as a session with {@code path} finds them ({@link SchemaNames}). */
    static SchemaNames.Lookup names(Snapshot s, List<String> path) {
        return new SchemaNames.Lookup() {
            @Override
            public String schemaOf(char kind, String name) {
                if (kind != SchemaNames.TYPE) return null;
                for (String schema : path) if (!schema.equals("pg_catalog") && s.typeOid(schema, name) != 0) return schema;
                String first = null;
                for (Snapshot.TypeInfo t : s.types.values()) {
                    if (t.name().equals(name) && t.schema() != null && !t.schema().equals("pg_catalog")
                            && !t.schema().equals("information_schema") && (first == null || t.schema().compareTo(first) < 0)) {
                        first = t.schema();
                    }
                }
                return first;
            }

            @Override
            public boolean visible(char kind, String schema, String name) {
                if (kind == SchemaNames.TYPE) return path.contains(schema);
                for (String searched : path) {
                    if (relationOid(s, searched, name) != 0) return searched.equals(schema);
                }
                return false;
            }
        };
    }

    static boolean tableIsVisible(Snapshot s, int oid, List<String> path) {
        Snapshot.RelationInfo r = at(s, oid).relation(oid);
        if (r == null) return false;
        for (String schema : path) {
            int found = relationOid(s, schema, r.name());
            if (found != 0) return found == oid;
        }
        return false;
    }

    static boolean typeIsVisible(Snapshot s, int oid, List<String> path) {
        Snapshot.TypeInfo t = s.type(oid);
        if (t == null) return false;
        for (String schema : path) {
            int found = s.typeOid(schema, t.name());
            if (found != 0) return found == oid;
        }
        return false;
    }

    /** 'name'::regclass: the relation on search_path (or in the schema named), else 42P01. */
    static int regclassIn(Snapshot s, String text, String searchPath) {
        if (isNumber(text)) return Integer.parseUnsignedInt(text.trim());
        List<String> names = QualifiedNames.parse(text);
        List<String> path = path(searchPath);
        if (names.size() == 2) {
            String schema = names.get(0);
            // pg_temp: the session's own temporary schema (the first on its path)
            if (schema.equals("pg_temp")) schema = path.stream().filter(p -> p.startsWith("pg_temp_")).findFirst().orElse(schema);
            int oid = relationOid(s, schema, names.get(1));
            if (oid != 0) return oid;
        } else if (names.size() == 1) {
            for (String schema : path) {
                int oid = relationOid(s, schema, names.get(0));
                if (oid != 0) return oid;
            }
        } else if (names.size() == 3) {
            if (!names.get(0).equals(s.database)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: " + text);
            }
            int oid = s.relationOid(names.get(1), names.get(2));
            if (oid != 0) return oid;
        } else {
            throw new PgException("42602", "improper relation name (too many dotted names): " + text);
        }
        throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist");
    }

    static String regclassOut(Snapshot s, int oid, List<String> path) {
        if (oid == 0) return "-";
        Snapshot.RelationInfo r = at(s, oid).relation(oid);
        if (r == null) return Integer.toUnsignedString(oid);
        String name = PgCatalogRows.quoteIdent(r.name());
        return tableIsVisible(s, oid, path) ? name : PgCatalogRows.quoteIdent(r.schema()) + "." + name;
    }

    /** 'integer'::regtype and the like: PostgreSQL's type names, aliases and modifiers. */
    static int regtypeIn(Snapshot s, String text, List<String> path, boolean raise) {
        if (isNumber(text)) return Integer.parseUnsignedInt(text.trim());
        dev.pgwire.serve.sql.PgTypeNames.Parsed parsed;
        try {
            parsed = dev.pgwire.serve.sql.PgTypeNames.parse(text);
        } catch (PgException e) {
            if (raise) throw e;
            return 0;
        }
        PgTypeName t = parsed.type();
        String name = t.isArray() ? PgCatalogRows.arrayName(t.name()) : t.name();
        List<String> schemas = parsed.schema() != null ? List.of(parsed.schema()) : path;
        for (String schema : schemas) {
            int oid = s.typeOid(schema, name);
            if (oid != 0) return oid;
        }
        if (raise) throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        return 0;
    }

    static String regtypeOut(Snapshot s, int oid, List<String> path) {
        if (oid == 0) return "-";
        Snapshot.TypeInfo t = s.type(oid);
        if (t == null) return Integer.toUnsignedString(oid);
        Snapshot.TypeInfo base = t.array() ? s.type(t.element()) : t;
        boolean visible = base != null && typeIsVisible(s, base.oid(), path);
        String schema = visible || base == null ? null : base.schema();
        return FormatTypes.format(base == null ? t.name() : base.name(), t.array(), -1, false, schema);
    }

    static int regprocIn(Snapshot s, String text) {
        if (isNumber(text)) return Integer.parseUnsignedInt(text.trim());
        if (text.equals("-")) return 0;
        List<String> names = QualifiedNames.parse(text);
        String name = names.get(names.size() - 1);
        List<Snapshot.ProcInfo> procs = s.procs(name);
        if (names.size() == 2) procs = procs.stream().filter(p -> names.get(0).equals(p.schema())).toList();
        if (procs.isEmpty()) throw new PgException(SqlState.UNDEFINED_FUNCTION, "function \"" + text + "\" does not exist");
        if (procs.size() > 1) throw new PgException("42725", "more than one function named \"" + text + "\"");
        return procs.get(0).oid();
    }

    /**
     * 'name(type, …)'::regprocedure: the function of that name whose input arguments are those types
     * (42883 when none is), the first on the search path when several schemas have one.
     */
    static int regprocedureIn(Snapshot s, String text, List<String> path) {
        if (isNumber(text)) return Integer.parseUnsignedInt(text.trim());
        int open = text.indexOf('(');
        if (open < 0 || !text.trim().endsWith(")")) return regprocIn(s, text);
        List<String> names = QualifiedNames.parse(text.substring(0, open).trim());
        String inside = text.substring(open + 1, text.lastIndexOf(')'));
        List<Integer> types = new ArrayList<>();
        for (String arg : topLevelItems(inside)) types.add(regtypeIn(s, arg, path, true));
        List<String> schemas = names.size() == 2 ? List.of(names.get(0)) : path;
        for (String schema : schemas) {
            for (Snapshot.ProcInfo p : s.procs(names.get(names.size() - 1))) {
                if (schema.equals(p.schema()) && p.argTypes().equals(types)) return p.oid();
            }
        }
        throw new PgException(SqlState.UNDEFINED_FUNCTION, "function \"" + text.trim() + "\" does not exist");
    }

    /** The comma-separated items of a list, outside parentheses and double quotes; none for blank text. */
    private static List<String> topLevelItems(String text) {
        List<String> items = new ArrayList<>();
        if (text.isBlank()) return items;
        int depth = 0, start = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')') depth--;
            else if (!quoted && depth == 0 && ch == ',') {
                items.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        items.add(text.substring(start).trim());
        return items;
    }

    private static boolean isNumber(String text) {
        String t = text.trim();
        if (t.isEmpty()) return false;
        for (int i = 0; i < t.length(); i++) if (!Character.isDigit(t.charAt(i))) return false;
        return t.length() <= 10;
    }
}
