package dev.pgwire.serve.sql;

import java.util.List;
import java.util.Set;

/** Array arguments of functions as PostgreSQL reads them: written as text where text is taken, and untyped ones beside an array. */
final class ArrayArguments {
    private ArrayArguments() {}

    /** Array arguments written in PostgreSQL's array notation (format's and concat's: {1,2}, not [1, 2]), typed text. */
    static void asText(List<Node> args, List<SqlType> types) {
        for (int i = 0; i < args.size(); i++) {
            Node text = i < types.size() ? ArrayText.of(args.get(i), types.get(i)) : null;
            if (text != null) {
                args.set(i, text);
                types.set(i, SqlType.TEXT);
            }
        }
    }

    /** The functions taking one array (anyarray) and their array argument. */
    private static final Set<String> OF_ONE_ARRAY = Set.of("array_length", "array_upper", "array_lower", "array_dims", "array_ndims",
            "cardinality", "array_to_string", "generate_subscripts", "unnest", "trim_array");
    /** The functions taking an array beside an element (anycompatiblearray): the array is their first argument. */
    private static final Set<String> OF_ARRAY_AND_ELEMENT = Set.of("array_position", "array_positions", "array_remove",
            "array_replace", "array_append", "array_cat");

    /**
     * An array function given a value that is no array is refused as PostgreSQL refuses it: 42883
     * for a value of a known type ({@code cardinality(text_column)}, where DuckDB would count the
     * string's characters), 42804 for an untyped constant or parameter of a function taking only an
     * array ({@code array_length('{a,b}', 1)}: psycopg's list of strings), whose type nothing tells.
     */
    static void refuseNonArrays(String name, List<Node> args, List<SqlType> types) {
        boolean one = OF_ONE_ARRAY.contains(name);
        if (args.isEmpty() || !one && !OF_ARRAY_AND_ELEMENT.contains(name) && !name.equals("array_prepend")) return;
        int at = name.equals("array_prepend") ? 1 : 0;
        if (at >= args.size()) return;
        for (int i = 0; i < args.size(); i++) {
            if (i != at && !(name.equals("unnest") || name.equals("array_cat"))) continue;
            SqlType t = types.get(i);
            Node arg = args.get(i);
            // (a type of the database's, a domain over an array say, is not told apart here)
            if (t != null && !t.isUnknown() && !t.isArray() && !t.name().equals("int2vector") && !t.name().equals("oidvector")
                    && dev.pgwire.serve.catalog.Builtins.typeOid(t.name()) != 0) {
                throw JsonCalls.noFunction(name, types);
            }
            boolean untyped = (t == null || t.isUnknown()) && (arg.is("A_Const") && arg.has("sval") || arg.is("ParamRef"));
            if (one && untyped && (!name.equals("unnest") || args.size() == 1)) {
                if (name.equals("unnest")) {
                    throw new dev.pgwire.protocol.PgException("42725", "function unnest(unknown) is not unique")
                            .withHint("Could not choose a best candidate function. You might need to add explicit type casts.");
                }
                throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.DATATYPE_MISMATCH,
                        "could not determine polymorphic type because input has type unknown");
            }
        }
    }

    /**
     * An untyped constant (NULL too) or parameter beside an array in array_append, array_prepend, array_cat,
     * array_remove and array_position: of the element's (or the array's) type, as PostgreSQL's
     * polymorphic functions resolve it ('7' appended to an integer[] is 7).
     */
    static void untyped(String name, List<Node> args, List<SqlType> types) {
        int array = name.equals("array_prepend") ? 1 : 0;
        int other = 1 - array;
        if (args.size() != 2 || !Set.of("array_append", "array_prepend", "array_cat", "array_remove", "array_position").contains(name)) return;
        SqlType a = types.get(array);
        SqlType t = types.get(other);
        Node arg = args.get(other);
        boolean untyped = (t == null || t.isUnknown()) && (arg.is("A_Const") && (arg.has("sval") || arg.bool("isnull")) || arg.is("ParamRef"));
        if (a == null || !a.isArray() || !untyped) return;
        SqlType as = name.equals("array_cat") ? a.withoutTypmod() : a.element().withoutTypmod();
        args.set(other, as.cast(arg, arg.location()));
        types.set(other, as);
    }

    /** Two arrays joined as PostgreSQL's array_cat joins them: NULL only when both are (DuckDB's list_concat gives []). */
    static Node cat(Node a, Node b) {
        return Expressions.duckDb("CASE WHEN {0} IS NULL THEN {1} ELSE list_concat({0}, {1}) END", a, b);
    }
}
