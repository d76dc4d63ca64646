package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls of PostgreSQL's json and jsonb functions, rewritten to the {@code pg_json*} functions:
 * the processing functions (jsonb_set, jsonb_insert, the typeof, length, strip_nulls and path
 * functions), construction (to_json, row_to_json, the build functions) and the aggregates
 * (json_agg, json_object_agg and their jsonb forms, ORDER BY and FILTER included), whose values
 * are aggregated as their JSON texts and formatted as PostgreSQL formats them. The set-returning
 * functions give one row per key, element or member in the select list and in FROM, where their
 * columns are PostgreSQL's ({@code key}, {@code value}; {@code value} of json_each is json, of
 * jsonb_each jsonb, of the _text forms text).
 */
final class JsonCalls {
    private static final String NO_FUNCTION_HINT = "No function matches the given name and argument types. You might need to add explicit type casts.";

    private final TypeResolver types;
    private final JsonText text;

    private final CatalogView catalog;

    /** The rewrites of an expression (a cast's: PostgreSQL's input functions for the member's text). */
    private final java.util.function.BiFunction<Node, Scope, Node> expressions;

    JsonCalls(TypeResolver types, SessionContext session, java.util.function.BiFunction<Node, Scope, Node> expressions) {
        this.types = types;
        this.expressions = expressions;
        this.catalog = session.catalog();
        this.text = new JsonText(types, session);
    }

    /** The columns a json set-returning function gives in FROM, or null when {@code name} is none of them. */
    record SetColumns(List<String> names, List<SqlType> types, boolean named) {
    }

    static SetColumns setColumns(String name) {
        SqlType value = name.endsWith("_text") ? SqlType.TEXT : name.startsWith("jsonb") ? SqlType.JSONB : SqlType.JSON;
        return switch (name) {
            case "json_each", "json_each_text", "jsonb_each", "jsonb_each_text" ->
                    new SetColumns(List.of("key", "value"), List.of(SqlType.TEXT, value), true);
            case "json_array_elements", "json_array_elements_text", "jsonb_array_elements", "jsonb_array_elements_text" ->
                    new SetColumns(List.of("value"), List.of(value), true);
            case "json_object_keys", "jsonb_object_keys" -> new SetColumns(List.of(name), List.of(SqlType.TEXT), false);
            default -> null;
        };
    }

    /** The rewritten call (its arguments rewritten already), or null when it is none of these. */
    Node call(Node f, Scope scope) {
        String name = Operators.lastName(f);
        List<Node> args = f.list("args");
        int n = args.size();
        if (f.bool("func_variadic")) return null;
        for (Node a : args) if (a.is("NamedArgExpr")) return null;
        List<SqlType> ts = new ArrayList<>();
        for (Node a : args) ts.add(types.type(a, scope));
        switch (name) {
            case "to_json", "to_jsonb" -> {
                if (n != 1) return null;
                Node value = text.of(args.get(0), ts.get(0), scope);
                return name.equals("to_json") ? typed(SqlType.JSON, "CAST({0} AS JSON)", value)
                        : typed(SqlType.JSONB, "CAST(pg_jsonb_out({0}) AS JSON)", value);
            }
            case "row_to_json" -> {
                if (n < 1 || n > 2) return null;
                Node row = text.rowToJson(args.get(0), scope, n == 2 && isTrue(args.get(1)));
                return row == null ? null : typed(SqlType.JSON, "CAST({0} AS JSON)", row);
            }
            case "array_to_json" -> {
                // (an array of rows may be of no type known here: array_agg(t) of a whole row)
                if (n < 1 || n > 2 || ts.get(0) != null && !ts.get(0).isArray()) return null;
                boolean pretty = n == 2 && isTrue(args.get(1));
                if (pretty && ts.get(0) == null) return null;
                Node array = pretty ? text.prettyArray(args.get(0), ts.get(0)) : text.of(args.get(0), ts.get(0), scope);
                return typed(SqlType.JSON, "CAST({0} AS JSON)", array);
            }
            case "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array" -> {
                return build(name, args, ts, scope);
            }
            case "json_agg", "jsonb_agg" -> {
                return n == 1 ? agg(f, name.equals("jsonb_agg"), args.get(0), ts.get(0), scope) : null;
            }
            case "json_object_agg", "jsonb_object_agg" -> {
                return n == 2 ? objectAgg(f, name.equals("jsonb_object_agg"), args, ts, scope) : null;
            }
            case "jsonb_set", "jsonb_insert" -> {
                if (n < 3 || n > 4) return null;
                jsonArgument(name, true, ts, 0);
                jsonArgument(name, true, ts, 2);
                Node path = textArray(name, args.get(1), ts, 1);
                return typed(SqlType.JSONB, "CAST(pg_" + name + "({0}, {1}, CAST({2} AS VARCHAR)" + (n == 4 ? ", {3}" : "") + ") AS JSON)",
                        args.get(0), path, args.get(2), n == 4 ? args.get(3) : args.get(0));
            }
            case "jsonb_set_lax" -> {
                if (n < 3 || n > 5) return null;
                jsonArgument(name, true, ts, 0);
                jsonArgument(name, true, ts, 2);
                Node path = textArray(name, args.get(1), ts, 1);
                StringBuilder sql = new StringBuilder("CAST(pg_jsonb_set_lax({0}, {1}, CAST({2} AS VARCHAR)");
                if (n >= 4) sql.append(", {3}");
                if (n == 5) sql.append(", CAST({4} AS VARCHAR)");
                List<Node> all = new ArrayList<>(List.of(args.get(0), path, args.get(2)));
                for (int i = 3; i < n; i++) all.add(args.get(i));
                return typed(SqlType.JSONB, sql.append(") AS JSON)").toString(), all.toArray(new Node[0]));
            }
            case "json_object", "jsonb_object" -> {
                if (n < 1 || n > 2) return null;
                Node keys = textArray(name, args.get(0), ts, 0);
                Node values = n == 2 ? textArray(name, args.get(1), ts, 1) : null;
                SqlType result = name.equals("jsonb_object") ? SqlType.JSONB : SqlType.JSON;
                return n == 1 ? typed(result, "CAST(pg_" + name + "({0}) AS JSON)", keys)
                        : typed(result, "CAST(pg_" + name + "({0}, {1}) AS JSON)", keys, values);
            }
            case "jsonb_typeof", "json_typeof", "jsonb_pretty" -> {
                return one(name, args, ts, SqlType.TEXT, "pg_" + name + "({0})");
            }
            case "jsonb_array_length", "json_array_length" -> {
                return one(name, args, ts, SqlType.INT4, "pg_" + name + "({0})");
            }
            case "jsonb_strip_nulls" -> {
                return one(name, args, ts, SqlType.JSONB, "CAST(pg_jsonb_strip_nulls({0}) AS JSON)");
            }
            case "json_strip_nulls" -> {
                return one(name, args, ts, SqlType.JSON, "CAST(pg_json_strip_nulls({0}) AS JSON)");
            }
            case "jsonb_extract_path", "jsonb_extract_path_text", "json_extract_path", "json_extract_path_text" -> {
                if (n < 1) return null;
                boolean jsonb = name.startsWith("jsonb");
                jsonArgument(name, jsonb, ts, 0);
                StringBuilder path = new StringBuilder("CAST(to_json([");
                for (int i = 1; i < n; i++) {
                    if (ts.get(i) != null && !ts.get(i).isText() && !ts.get(i).isUnknown()) throw noFunction(name, ts);
                    path.append(i > 1 ? ", " : "").append("CAST({").append(i).append("} AS VARCHAR)");
                }
                String call = "pg_" + name + "({0}, " + path + "]) AS VARCHAR))";
                if (name.endsWith("_text")) return typed(SqlType.TEXT, call, args.toArray(new Node[0]));
                return typed(jsonb ? SqlType.JSONB : SqlType.JSON, "CAST(" + call + " AS JSON)", args.toArray(new Node[0]));
            }
            case "min", "max" -> {
                // json and jsonb have no min or max (jsonb is ordered, but has no such aggregate)
                if (n == 1 && ts.get(0) != null && ts.get(0).isJson()) throw noFunction(name, ts);
                return null;
            }
            default -> {
                SetColumns set = setColumns(name);
                return set == null ? null : selectList(name, set, args, ts);
            }
        }
    }

    // ---------------------------------------------------------------- construction

    private Node build(String name, List<Node> args, List<SqlType> ts, Scope scope) {
        boolean object = name.endsWith("object");
        StringBuilder sql = new StringBuilder("pg_" + name + "(");
        List<Node> values = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            boolean key = object && i % 2 == 0;
            values.add(key ? text.key(args.get(i), ts.get(i), scope) : text.of(args.get(i), ts.get(i), scope));
            sql.append(i > 0 ? ", " : "").append('{').append(i).append('}');
        }
        SqlType result = name.startsWith("jsonb") ? SqlType.JSONB : SqlType.JSON;
        return typed(result, "CAST(" + sql + ") AS JSON)", values.toArray(new Node[0]));
    }

    // ---------------------------------------------------------------- aggregates

    /**
     * json_agg(x): the values' JSON texts joined by string_agg (so ORDER BY, DISTINCT and FILTER
     * keep their meaning), then written as PostgreSQL writes the array; NULL for no rows.
     */
    private Node agg(Node f, boolean jsonb, Node value, SqlType type, Scope scope) {
        Node joined;
        if (f.bool("agg_distinct") && !text.rowOrArray(value, type, scope)) {
            // DISTINCT compares the values themselves (and DuckDB orders a DISTINCT aggregate by its argument only);
            // without ORDER BY, PostgreSQL's comes out sorted by the value (jsonb in its own order), nulls last
            Node values = FunctionRewrites.FuncCallBuilder.copyAggregate(f, "list");
            if (f.list("agg_order").isEmpty()) values = sortedList(values, type);
            Node element = text.of(Expressions.duckDb("pg_json_d"), type, null);
            joined = Expressions.duckDb("array_to_string(list_transform({0}, lambda pg_json_d: coalesce({1}, 'null')), ',')",
                    values, element);
        } else {
            Node element = Expressions.duckDb("coalesce({0}, 'null')", text.of(value, type, scope));
            joined = stringAgg(f, element);
        }
        if (jsonb) return typed(SqlType.JSONB, "CAST(pg_jsonb_out('[' || {0} || ']') AS JSON)", joined);
        String rows = text.rowOrArray(value, type, scope) ? ", true" : "";
        return typed(SqlType.JSON, "CAST(pg_json_agg_format('[' || {0} || ']'" + rows + ") AS JSON)", joined);
    }

    /** The list {@code values} of {@code type} sorted as PostgreSQL sorts the type (jsonb by its sort key), nulls last. */
    private static Node sortedList(Node values, SqlType type) {
        if (type == null || type.isArray() || !type.is(SqlType.JSONB)) return Expressions.duckDb("list_sort({0}, 'ASC', 'NULLS LAST')", values);
        return Expressions.duckDb("list_transform(list_sort(list_transform({0}, lambda pg_json_s: CASE WHEN pg_json_s IS NULL THEN NULL"
                + " ELSE struct_pack(k := pg_jsonb_sort_key(pg_json_s), v := pg_json_s) END), 'ASC', 'NULLS LAST'), lambda pg_json_s: pg_json_s.v)",
                values);
    }

    /** json_object_agg(k, v): the pairs as JSON members joined by string_agg; a NULL name is 22023. */
    private Node objectAgg(Node f, boolean jsonb, List<Node> args, List<SqlType> ts, Scope scope) {
        Node key = text.key(args.get(0), ts.get(0), scope);
        Node value = text.of(args.get(1), ts.get(1), scope);
        Node member = Expressions.duckDb("(CASE WHEN {0} IS NULL THEN error('[pgwire:22023] field name must not be null')"
                + " ELSE CAST(to_json(CAST({0} AS VARCHAR)) AS VARCHAR) END || ':' || coalesce({1}, 'null'))", key, value);
        if (f.node("agg_filter") != null) {
            // DuckDB computes the argument also for the rows FILTER leaves out: their NULL names are no error
            member = Expressions.duckDb("CASE WHEN {1} THEN {0} END", member, f.node("agg_filter").copy());
        }
        Node joined = stringAgg(f, member);
        String function = jsonb ? "pg_jsonb_out" : "pg_json_object_agg_format";
        return typed(jsonb ? SqlType.JSONB : SqlType.JSON, "CAST(" + function + "({1} || {0} || {2}) AS JSON)", joined,
                JsonText.constant("{"), JsonText.constant("}"));
    }

    /** The aggregate call {@code f} (ORDER BY, DISTINCT, FILTER kept) as string_agg of {@code element} with commas. */
    private static Node stringAgg(Node f, Node element) {
        Node agg = FunctionRewrites.FuncCallBuilder.copyAggregate(f, "string_agg");
        agg.set("args", new ArrayList<>(List.of(element, JsonText.constant(","))));
        return agg;
    }

    // ---------------------------------------------------------------- set-returning functions

    /** In the select list: one row per key, element or member (a member as the text of a record). */
    private Node selectList(String name, SetColumns set, List<Node> args, List<SqlType> ts) {
        if (args.size() != 1) return null;
        jsonArgument(name, name.startsWith("jsonb"), ts, 0);
        Node arg = args.get(0);
        if (set.names().size() == 1) {
            String list = "CAST(CAST(pg_" + name + "({0}) AS JSON) AS VARCHAR[])";
            SqlType t = set.types().get(0);
            return typed(t, t.isJson() ? "unnest(CAST(" + list + " AS JSON[]))" : "unnest(" + list + ")", arg);
        }
        // record_out: a field is quoted when empty or holding a quote, backslash, parenthesis, comma or space
        String quoted = "CASE WHEN pg_s.F IS NULL THEN '' WHEN pg_s.F = '' OR regexp_matches(pg_s.F, '[\",\\\\()\\s]')"
                + " THEN '\"' || replace(replace(pg_s.F, '\\', '\\\\'), '\"', '\"\"') || '\"' ELSE pg_s.F END";
        return typed(SqlType.RECORD, "unnest(list_transform(" + members(name) + ", lambda pg_s: '(' || "
                + quoted.replace("pg_s.F", "pg_s.key") + " || ',' || " + quoted.replace("pg_s.F", "pg_s.value") + " || ')'))", arg);
    }

    /** Whether {@code (json_each(x)).key} (or {@code .value}) selects a column of a json_each call. */
    static boolean isEachField(Node arg, List<Node> steps) {
        if (arg == null || !arg.is("FuncCall") || steps.size() != 1 || !steps.get(0).is("String")) return false;
        SetColumns set = setColumns(Operators.lastName(arg));
        return set != null && set.names().contains(steps.get(0).str("sval")) && set.names().size() == 2
                && arg.list("args").size() == 1;
    }

    /** {@code (json_each(x)).key}: that column of each row (the call's arguments rewritten already). */
    Node eachField(Node call, List<Node> steps, Scope scope) {
        String name = Operators.lastName(call);
        SetColumns set = setColumns(name);
        List<SqlType> ts = new ArrayList<>();
        ts.add(types.type(call.list("args").get(0), scope));
        jsonArgument(name, name.startsWith("jsonb"), ts, 0);
        boolean key = steps.get(0).str("sval").equals("key");
        SqlType t = key ? SqlType.TEXT : set.types().get(1);
        String field = key ? "pg_s.key" : t.isJson() ? "CAST(pg_s.value AS JSON)" : "pg_s.value";
        return typed(t, "unnest(list_transform(" + members(name) + ", lambda pg_s: " + field + "))", call.list("args").get(0));
    }

    private static String members(String name) {
        return "CAST(CAST(pg_" + name + "({0}) AS JSON) AS STRUCT(key VARCHAR, value VARCHAR)[])";
    }

    /**
     * In FROM: the call becomes a subquery over the unnested rows, named as PostgreSQL names the
     * function's columns (the alias's column names, else key/value, else the function's name);
     * WITH ORDINALITY numbers the rows inside it. False when the item is no such call.
     */
    boolean from(Node rangeFunction, Scope scope) {
        List<Node> functions = rangeFunction.list("functions");
        if (rangeFunction.bool("is_rowsfrom") || functions.size() != 1) return false;
        List<Node> pair = functions.get(0).list("items");
        Node call = pair.get(0);
        if (call == null || !call.is("FuncCall")) return false;
        String name = Operators.lastName(call);
        if (TO_RECORD.contains(name) && rangeFunction.has("coldeflist")) return toRecord(rangeFunction, call, name, scope, null);
        if (POPULATE.contains(name) && !rangeFunction.has("coldeflist")) {
            List<TypeResolver.Col> cols = populatedColumns(call, catalog);
            return cols != null && toRecord(rangeFunction, call, name, scope, cols);
        }
        SetColumns set = setColumns(name);
        List<String> qualified = call.names("funcname");
        if (set == null || (qualified.size() > 1 && !qualified.get(0).equals("pg_catalog"))) return false;
        List<Node> args = call.list("args");
        if (args.size() != 1 || call.bool("func_variadic")) return false;
        List<SqlType> ts = new ArrayList<>();
        ts.add(types.type(args.get(0), scope));
        jsonArgument(name, name.startsWith("jsonb"), ts, 0);
        boolean ordinality = rangeFunction.bool("ordinality");
        StringBuilder sql = new StringBuilder("(SELECT ");
        String list;
        if (set.names().size() == 1) {
            SqlType t = set.types().get(0);
            sql.append(t.isJson() ? "CAST(pg_e AS JSON)" : "pg_e").append(" AS ").append(SqlWriter.quoteIdent(set.names().get(0)));
            list = "CAST(CAST(pg_" + name + "({0}) AS JSON) AS VARCHAR[])";
        } else {
            sql.append("pg_e.key AS key, ").append(set.types().get(1).isJson() ? "CAST(pg_e.value AS JSON)" : "pg_e.value").append(" AS value");
            list = members(name);
        }
        if (ordinality) sql.append(", pg_n AS ordinality");
        sql.append(" FROM unnest(").append(list).append(ordinality ? ") WITH ORDINALITY AS pg_u(pg_e, pg_n))" : ") AS pg_u(pg_e))");
        pair.set(0, Expressions.duckDb(sql.toString(), args.get(0)));
        rangeFunction.set("ordinality", null);
        rangeFunction.set("alias", alias(rangeFunction.node("alias"), name, set, ordinality));
        return true;
    }

    /** The functions that read a record, or a set of them, of the columns the query defines ({@code AS x(a int, b text)}). */
    static final java.util.Set<String> TO_RECORD = java.util.Set.of("json_to_record", "jsonb_to_record", "json_to_recordset",
            "jsonb_to_recordset");

    /** json_populate_record(NULL::table, json) and its forms: records of a table's row type. */
    static final java.util.Set<String> POPULATE = java.util.Set.of("json_populate_record", "jsonb_populate_record",
            "json_populate_recordset", "jsonb_populate_recordset");

    /**
     * The columns of json_populate_record's row type, given as {@code NULL::table} (a base record
     * of values is not read: null when it is given), or null.
     */
    static List<TypeResolver.Col> populatedColumns(Node call, CatalogView catalog) {
        List<Node> args = call.list("args");
        if (args.size() != 2 || !args.get(0).is("TypeCast")) return null;
        Node base = args.get(0).node("arg");
        if (base == null || !base.is("A_Const") || !base.bool("isnull")) return null;
        List<String> names = args.get(0).node("typeName").names("names");
        if (names.isEmpty() || names.size() > 2 || args.get(0).node("typeName").has("arrayBounds")) return null;
        CatalogView.Relation r = catalog.relation(names.size() == 2 ? names.get(0) : null, names.get(names.size() - 1));
        if (r == null) return null;
        List<TypeResolver.Col> cols = new ArrayList<>();
        for (CatalogView.ColumnInfo c : r.columns()) {
            SqlType t = c.pgType() != null ? SqlType.of(c.pgType()) : SqlType.ofDuckDb(c.duckDbType());
            if (t == null) return null;
            cols.add(new TypeResolver.Col(c.name(), t.withoutTypmod(), null, 0));
        }
        return cols;
    }

    /** The columns {@code AS x(a int, b text)} defines for a json_to_record call, or null. */
    static List<TypeResolver.Col> definedColumns(Node rangeFunction) {
        if (!rangeFunction.has("coldeflist")) return null;
        List<TypeResolver.Col> cols = new ArrayList<>();
        for (Node def : rangeFunction.list("coldeflist")) {
            cols.add(new TypeResolver.Col(def.str("colname"), SqlType.of(PgTypeName.of(def.node("typeName"))), null, 0));
        }
        return cols;
    }

    /**
     * json_to_record(set) and json_populate_record(set) in FROM: each column (defined by the query,
     * or the table's) is the object's member of that name as populate_record reads it — json and
     * jsonb columns take the member's JSON, other types the member's text (a string unquoted)
     * through the type's input; a missing member and JSON null are NULL. The set forms read each
     * element of the array.
     */
    private boolean toRecord(Node rangeFunction, Node call, String name, Scope scope, List<TypeResolver.Col> populated) {
        List<Node> args = new ArrayList<>(call.list("args"));
        if (populated != null && args.size() == 2) args.remove(0);
        if (args.size() != 1 || call.bool("func_variadic") || rangeFunction.bool("ordinality")) return false;
        boolean jsonb = name.startsWith("jsonb");
        List<SqlType> ts = new ArrayList<>();
        ts.add(types.type(args.get(0), scope));
        jsonArgument(name, jsonb, ts, 0);
        String p = jsonb ? "pg_jsonb_" : "pg_json_";
        List<Node> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder select = new StringBuilder("(SELECT ");
        List<TypeResolver.Col> defined = populated != null ? populated : definedColumns(rangeFunction);
        for (TypeResolver.Col def : defined) {
            String column = def.name();
            SqlType t = def.type();
            String key = SqlWriter.quoteLiteral(column);
            Node value;
            if (t.isJson()) {
                // a JSON null member is SQL NULL, as populate_record reads it
                String field = "CASE WHEN " + p + "typeof(" + p + "object_field(pg_r, " + key + ")) = 'null' THEN NULL ELSE "
                        + p + "object_field(pg_r, " + key + ") END";
                value = Expressions.duckDb(t.name().equals("jsonb") ? "CAST(pg_jsonb_out(" + field + ") AS JSON)" : "CAST(" + field + " AS JSON)");
            } else {
                Node text = Expressions.duckDb(p + "object_field_text(pg_r, " + key + ")");
                types.assume(text, SqlType.TEXT);
                boolean bounded = !t.isArray() && t.typmod() >= 0 && (t.name().equals("varchar") || t.name().equals("bpchar"));
                if (bounded) {
                    // the type's input with its length: a longer text is 22001, not cut as a cast cuts it
                    int length = t.typmod() - 4;
                    String shown = (t.name().equals("varchar") ? "character varying(" : "character(") + length + ")";
                    value = Expressions.duckDb("CASE WHEN pgwire." + t.name() + "_fits({0}, " + length + ") THEN {0}"
                            + " ELSE error('[pgwire:22001] value too long for type " + shown + "') END", text);
                    types.assume(value, t);
                } else if (t.isArray()) {
                    // a JSON array member is read by DuckDB's cast of its text (["a", "b"] is a list there)
                    value = Node.of("TypeCast").set("arg", text).set("typeName", typeName(t)).set("location", -1L);
                } else {
                    // the type's input ('1.5' is no integer: 22P02), as a cast of text reads it
                    value = expressions.apply(Node.of("TypeCast").set("arg", text).set("typeName", typeName(t)).set("location", -1L), scope);
                }
            }
            if (!values.isEmpty()) select.append(", ");
            values.add(value);
            names.add(column);
            select.append('{').append(values.size()).append("} AS ").append(SqlWriter.quoteIdent(column));
        }
        if (name.endsWith("recordset")) {
            select.append(" FROM unnest(CAST(CAST(").append(p).append("array_elements({0}) AS JSON) AS VARCHAR[])) AS pg_u(pg_r)");
            select.append(" WHERE CASE WHEN ").append(p).append("typeof(pg_r) = 'object' THEN true ELSE error('[pgwire:22023] argument of ")
                    .append(name).append(" must be an array of objects') END)");
        } else {
            select.append(" FROM (SELECT CASE WHEN ").append(p).append("typeof(CAST({0} AS VARCHAR)) = 'object' THEN CAST({0} AS VARCHAR)")
                    .append(" ELSE error('[pgwire:22023] cannot call ").append(name).append(" on a non-object') END AS pg_r) AS pg_t)");
        }
        List<Node> all = new ArrayList<>();
        all.add(args.get(0));
        all.addAll(values);
        rangeFunction.list("functions").get(0).list("items").set(0, Expressions.duckDb(select.toString(), all.toArray(new Node[0])));
        String aliasName = rangeFunction.node("alias") != null ? rangeFunction.node("alias").str("aliasname") : name;
        List<Node> colnames = new ArrayList<>();
        for (String n : names) colnames.add(Node.string(n));
        rangeFunction.set("alias", Node.of("Alias").set("aliasname", aliasName).set("colnames", colnames));
        rangeFunction.set("coldeflist", null);
        return true;
    }

    /** The alias with a name for every column: PostgreSQL's defaults where the query gave none. */
    private static Node alias(Node given, String function, SetColumns set, boolean ordinality) {
        String aliasName = given != null ? given.str("aliasname") : function;
        List<String> defaults = new ArrayList<>(set.named() ? set.names() : List.of(aliasName));
        if (ordinality) defaults.add("ordinality");
        List<String> names = given != null ? given.names("colnames") : List.of();
        List<Node> colnames = new ArrayList<>();
        for (int i = 0; i < defaults.size(); i++) colnames.add(Node.string(i < names.size() ? names.get(i) : defaults.get(i)));
        return Node.of("Alias").set("aliasname", aliasName).set("colnames", colnames);
    }

    // ---------------------------------------------------------------- arguments

    private Node one(String name, List<Node> args, List<SqlType> ts, SqlType result, String sql) {
        if (args.size() != 1) return null;
        jsonArgument(name, name.startsWith("jsonb"), ts, 0);
        return typed(result, sql, args.get(0));
    }

    /** 42883 unless argument {@code i} is a jsonb (or json) value or an untyped constant. */
    private static void jsonArgument(String name, boolean jsonb, List<SqlType> ts, int i) {
        SqlType t = ts.get(i);
        if (t == null || t.isUnknown()) return;
        if (!t.isArray() && t.name().equals(jsonb ? "jsonb" : "json")) return;
        throw noFunction(name, ts);
    }

    private static Node typeName(SqlType t) {
        Node typeName = t.typeName();
        // a time's precision too (timestamp(0)), which the type's input applies as numeric's scale
        if (!t.isArray() && t.typmod() >= 0 && t.name().startsWith("time")) {
            typeName.set("typmods", new ArrayList<>(List.of(Node.of("A_Const").set("ival", Node.of("Integer").set("ival", (long) t.typmod())))));
        }
        return typeName;
    }

    /** A text[] argument as the JSON array the functions take (an untyped constant read as text[]). */
    private Node textArray(String name, Node arg, List<SqlType> ts, int i) {
        SqlType t = ts.get(i);
        if (t != null && !t.isUnknown() && !(t.dims() == 1 && t.element().isText())) throw noFunction(name, ts);
        Node array = arg;
        // an untyped constant, or a parameter of no declared type (node-postgres sends an array as its text)
        if (t != null && t.isUnknown() || t == null && arg.is("ParamRef")) {
            List<Node> names = new ArrayList<>(List.of(Node.string("pg_catalog"), Node.string("text")));
            Node typeName = Node.of(null).set("names", names).set("typemod", -1L)
                    .set("arrayBounds", new ArrayList<>(List.of(Node.of("Integer").set("ival", -1L))));
            array = Node.of("TypeCast").set("arg", arg).set("typeName", typeName).set("location", arg.location());
        }
        return Expressions.duckDb("CAST(to_json({0}) AS VARCHAR)", array);
    }

    static PgException noFunction(String name, List<SqlType> ts) {
        StringBuilder s = new StringBuilder(name).append('(');
        for (int i = 0; i < ts.size(); i++) {
            if (i > 0) s.append(", ");
            s.append(ts.get(i) == null ? "unknown" : FormatType.displayName(ts.get(i)));
        }
        return new PgException(SqlState.UNDEFINED_FUNCTION, "function " + s + ") does not exist").withHint(NO_FUNCTION_HINT);
    }

    private static boolean isTrue(Node n) {
        return n.is("A_Const") && n.has("boolval") && n.node("boolval").bool("boolval");
    }

    private Node typed(SqlType t, String sql, Node... args) {
        Node n = Expressions.duckDb(sql, args);
        types.assume(n, t);
        return n;
    }
}
