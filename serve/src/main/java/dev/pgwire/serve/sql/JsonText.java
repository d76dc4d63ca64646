package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.TypeResolver.Col;
import dev.pgwire.serve.sql.TypeResolver.Entry;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON text PostgreSQL writes for a value of a given type ({@code datum_to_json} in
 * PostgreSQL's json.c), as a DuckDB VARCHAR expression that is NULL for SQL NULL: the base of
 * to_json, the build functions and the json aggregates. Numbers as their output function writes
 * them (floats through {@code pg_to_json_float8}), dates and timestamps in ISO 8601, json as
 * written, jsonb in its normal form, arrays as JSON arrays of their elements' texts and rows as
 * JSON objects of their columns ({@code {"id":1,"name":"x"}}), anything else as a JSON string of
 * its text.
 */
final class JsonText {
    private final TypeResolver types;
    private final String zone;
    /** Lambda parameters of nested arrays need names of their own. */
    private int depth;

    JsonText(TypeResolver types, SessionContext session) {
        this.types = types;
        this.zone = SqlWriter.quoteLiteral(session.timeZoneName());
    }

    /** The JSON text of {@code value}, of PostgreSQL type {@code type} (null when unknown), NULL for NULL. */
    Node of(Node value, SqlType type, Scope scope) {
        List<Col> row = rowColumns(value, scope);
        if (row != null) return row(value, row, false);
        if (value.is("RowExpr")) return rowExpr(value, scope, false);
        Node rows = rowArray(value, scope);
        if (rows != null) return rows;
        if (type == null) return sql("CAST(to_json({0}) AS VARCHAR)", value);
        if (type.isArray()) return array(value, type);
        return switch (type.isUnknown() ? "text" : type.name()) {
            case "json" -> sql("CAST({0} AS VARCHAR)", value);
            case "jsonb" -> sql("pg_jsonb_out({0})", value);
            // character(n) keeps its padding in json (serve holds the value without it)
            case "bpchar" -> type.typmod() > 4 ? sql("CAST(to_json(rpad(CAST({0} AS VARCHAR), " + (type.typmod() - 4) + ", ' ')) AS VARCHAR)", value)
                    : sql("CAST(to_json(CAST({0} AS VARCHAR)) AS VARCHAR)", value);
            case "text", "varchar", "name", "char", "citext" -> sql("CAST(to_json(CAST({0} AS VARCHAR)) AS VARCHAR)", value);
            case "bool" -> sql("CAST(to_json(CAST({0} AS BOOLEAN)) AS VARCHAR)", value);
            case "int2", "int4", "int8", "oid" -> sql("CAST({0} AS VARCHAR)", value);
            case "numeric" -> numeric(value, type);
            case "float4" -> sql("pg_to_json_float4(CAST({0} AS FLOAT))", value);
            case "float8" -> sql("pg_to_json_float8(CAST({0} AS DOUBLE))", value);
            case "date" -> sql("pg_to_json_date(CAST({0} AS VARCHAR))", value);
            case "timestamp" -> sql("pg_to_json_timestamp(CAST({0} AS VARCHAR))", value);
            case "timestamptz" -> sql("CASE WHEN {0} = CAST('infinity' AS TIMESTAMPTZ) THEN '\"infinity\"'"
                    + " WHEN {0} = CAST('-infinity' AS TIMESTAMPTZ) THEN '\"-infinity\"'"
                    + " ELSE pg_to_json_timestamptz({0}, " + zone + ") END", value);
            case "bytea" -> sql("('\"\\\\x' || lower(hex({0})) || '\"')", value);
            // an interval in PostgreSQL's output (-1 days +23:59:58.5), not DuckDB's text
            case "interval" -> sql("CAST(to_json(pgwire_interval_out(CAST({0} AS VARCHAR))) AS VARCHAR)", value);
            default -> sql("CAST(to_json(CAST({0} AS VARCHAR)) AS VARCHAR)", value);
        };
    }

    /**
     * The text of an object key (json_build_object's keys, json_object_agg's names): the value's
     * output as text. Arrays, rows and json are refused as PostgreSQL refuses them.
     */
    Node key(Node value, SqlType type, Scope scope) {
        if (rowColumns(value, scope) != null || value.is("RowExpr") || (type != null && (type.isArray() || type.isJson()))) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "key value must be scalar, not array, composite, or json");
        }
        if (type == null || type.isText() || type.isUnknown() || type.isInteger() || type.name().equals("bool")) {
            return sql("CAST({0} AS VARCHAR)", value);
        }
        if (type.name().equals("numeric")) return numeric(value, type);
        if (type.isFloat()) {
            // a float's text as float8out writes it; NaN and the infinities come back quoted
            return sql("pg_jsonb_text(" + (type.name().equals("float4") ? "pg_to_json_float4(CAST({0} AS FLOAT))"
                    : "pg_to_json_float8(CAST({0} AS DOUBLE))") + ")", value);
        }
        Node text = of(value, type, scope);
        return sql("pg_jsonb_text({0})", text);
    }

    /** Whether json_agg puts this value on a line of its own (rows and arrays). */
    boolean rowOrArray(Node value, SqlType type, Scope scope) {
        return (type != null && type.isArray()) || value.is("RowExpr") || rowColumns(value, scope) != null;
    }

    /** row_to_json(row [, pretty]) and the rows of json_agg: null when {@code value} is no row this knows. */
    Node rowToJson(Node value, Scope scope, boolean pretty) {
        List<Col> row = rowColumns(value, scope);
        if (row != null) return row(value, row, pretty);
        if (value.is("RowExpr")) return rowExpr(value, scope, pretty);
        return null;
    }

    /**
     * The columns of a whole-row reference ({@code t} naming a FROM item, not a column), or null.
     * PostgreSQL reads a name as a column first, as here.
     */
    List<Col> rowColumns(Node value, Scope scope) {
        if (!value.is("ColumnRef") || scope == null) return null;
        List<String> fields = value.names("fields");
        if (fields.size() != 1 || fields.get(0).equals("*")) return null;
        if (scope.resolve(fields) != null) return null;
        for (Scope s = scope; s != null; s = s.parent) {
            for (Entry e : s.entries) if (e.alias().equals(fields.get(0)) && !e.cols().isEmpty()) return e.cols();
        }
        return null;
    }

    /**
     * An array of rows — {@code array_agg(t)} of a whole row or of ROW(…), {@code ARRAY[ROW(…), …]} —
     * as array_to_json writes it, each row an object of its columns' JSON (DuckDB's JSON of its
     * structs would lose their values' PostgreSQL text); null for any other value.
     */
    private Node rowArray(Node value, Scope scope) {
        List<String> names = new ArrayList<>();
        List<SqlType> fieldTypes = new ArrayList<>();
        Node row = null;
        if (value.is("FuncCall") && Operators.lastName(value).equals("array_agg") && value.list("args").size() == 1) {
            row = value.list("args").get(0);
        } else if (value.is("A_ArrayExpr") && !value.list("elements").isEmpty()
                && value.list("elements").stream().allMatch(e -> e.is("RowExpr") && e.list("args").size() == value.list("elements").get(0).list("args").size())) {
            row = value.list("elements").get(0);
        }
        if (row == null) return null;
        List<Col> cols = rowColumns(row, scope);
        if (cols != null) {
            for (Col c : cols) {
                names.add(c.name());
                fieldTypes.add(c.type());
            }
        } else if (row.is("RowExpr")) {
            List<Node> args = row.list("args");
            for (int i = 0; i < args.size(); i++) {
                names.add("f" + (i + 1));
                fieldTypes.add(types.type(args.get(i), scope));
            }
        } else {
            return null;
        }
        String var = "pg_json_r" + (++depth);
        List<Node> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            keys.add(Node.string(names.get(i)));
            values.add(of(Expressions.duckDb("struct_extract_at(" + var + ", " + (i + 1) + ")"), fieldTypes.get(i), null));
        }
        depth--;
        Node object = Expressions.duckDb("CASE WHEN " + var + " IS NOT NULL THEN {0} END", object(keys, values, false));
        return sql("('[' || array_to_string(list_transform({0}, lambda " + var + ": coalesce({1}, 'null')), ',') || ']')", value, object);
    }

    /** composite_to_json: {@code {"a":1,"b":"x"}}, pretty with each column after the first on a new line. */
    private Node row(Node ref, List<Col> cols, boolean pretty) {
        String alias = ref.names("fields").get(0);
        List<Node> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (Col c : cols) {
            keys.add(Node.string(c.name()));
            // a subquery's second column of a name is name_1 in DuckDB (the third name_2): each key keeps its own value
            int before = seen.merge(c.name(), 1, Integer::sum) - 1;
            String name = before == 0 ? c.name() : c.name() + "_" + before;
            Node column = Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(alias), Node.string(name))));
            values.add(of(column, c.type(), null));
        }
        return object(keys, values, pretty);
    }

    /** ROW(a, b): PostgreSQL names the fields f1, f2, …. */
    private Node rowExpr(Node row, Scope scope, boolean pretty) {
        List<Node> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        List<Node> args = row.list("args");
        for (int i = 0; i < args.size(); i++) {
            keys.add(Node.string("f" + (i + 1)));
            values.add(of(args.get(i), types.type(args.get(i), scope), scope));
        }
        return object(keys, values, pretty);
    }

    private static Node object(List<Node> keys, List<Node> values, boolean pretty) {
        StringBuilder text = new StringBuilder("(");
        List<Node> args = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) text.append(" || ");
            String prefix = (i == 0 ? "{" : pretty ? ",\n " : ",") + jsonString(keys.get(i).str("sval")) + ":";
            args.add(constant(prefix));
            text.append('{').append(args.size() - 1).append("} || coalesce(");
            args.add(values.get(i));
            text.append('{').append(args.size() - 1).append("}, 'null')");
        }
        args.add(constant(keys.isEmpty() ? "{}" : "}"));
        text.append(keys.isEmpty() ? "" : " || ").append('{').append(args.size() - 1).append("})");
        return Expressions.duckDb(text.toString(), args.toArray(new Node[0]));
    }

    /** array_to_json(a, true): the elements of the outer array on lines of their own. */
    Node prettyArray(Node value, SqlType type) {
        return array(value, type, ",\n ");
    }

    private Node array(Node value, SqlType type) {
        return array(value, type, ",");
    }

    /** array_to_json: {@code [1,2]}, arrays of arrays nested, NULL elements as null. */
    private Node array(Node value, SqlType type, String separator) {
        String var = "pg_json_e" + (++depth);
        Node element = Expressions.duckDb(var);
        Node elementText = of(element, type.dims() > 1 ? new SqlType(type.name(), type.typmod(), type.dims() - 1) : type.element(), null);
        depth--;
        return Expressions.duckDb("('[' || array_to_string(list_transform({0}, lambda " + var + ": coalesce({1}, 'null')), {2}) || ']')",
                value, elementText, constant(separator));
    }

    /**
     * numeric's text. A numeric without modifier is DECIMAL(38,10) in a table, whose text has
     * ten decimals; serve shows it with the digits it has, as its output does.
     */
    private static Node numeric(Node value, SqlType type) {
        return type.typmod() != -1 ? sql("CAST({0} AS VARCHAR)", value) : Expressions.outputText(value, type);
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < ' ') out.append(String.format("\\u%04x", (int) c)); else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** A string constant node (braces cannot be written into a DuckDbSql template). */
    static Node constant(String s) {
        return Node.of("A_Const").set("sval", Node.of("String").set("sval", s));
    }

    private static Node sql(String template, Node... args) {
        return Expressions.duckDb(template, args);
    }
}
