package dev.pgwire.serve.sql;

import java.util.Set;

/**
 * An array cast to text ({@code tags::text}, {@code ARRAY[1,2]::varchar}) in PostgreSQL's array
 * notation — {@code {a,"b c",NULL}} — where DuckDB would write its list notation
 * ({@code [a, b c, NULL]}). The elements are written as PostgreSQL's output functions write them
 * and quoted by array_out's rules (empty, NULL, or holding braces, commas, quotes, backslashes or
 * white space). Element types whose output DuckDB's text does not match are left as they are.
 */
final class ArrayText {
    private ArrayText() {}

    private static final Set<String> TEXTS = Set.of("text", "varchar", "bpchar", "name");
    private static final Set<String> PLAIN = Set.of("int2", "int4", "int8", "uuid", "date");

    /**
     * The text PostgreSQL's output function writes of an array element {@code var} of type
     * {@code element}, where DuckDB writes it otherwise: json(b), interval, bytea, dates and
     * timestamps; null for other types.
     */
    static String elementOutput(String var, SqlType element) {
        return switch (element.name()) {
            case "jsonb" -> "pg_jsonb_out(" + var + ")";
            case "json" -> "CAST(" + var + " AS VARCHAR)";
            case "interval", "bytea", "date", "timestamp", "timestamptz" -> Expressions.outputText(var, element);
            default -> null;
        };
    }

    /** The DuckDB expression writing {@code array} (of {@code type}) as PostgreSQL's text, or null. */
    static Node of(Node array, SqlType type) {
        if (type == null || !type.isArray()) return null;
        String element = type.name();
        String value;
        String quoted = "CASE WHEN e IS NULL THEN 'NULL' WHEN e = '' OR upper(e) = 'NULL'"
                + " OR regexp_matches(e, '[{},\"\\\\ \\t\\n\\r\\x0B\\f]')"
                + " THEN '\"' || replace(replace(e, '\\', '\\\\'), '\"', '\\\"') || '\"' ELSE e END";
        // elements whose output is text of another notation than DuckDB's: written by it, then quoted as text is
        String written = elementOutput("e", type.element());
        String elements = written == null ? "l1" : "list_transform(l1, lambda e: " + written + ")";
        if (TEXTS.contains(element) || written != null) {
            value = quoted;
        } else if (PLAIN.contains(element)) {
            value = "coalesce(CAST(e AS VARCHAR), 'NULL')";
        } else if (element.equals("bool")) {
            value = "CASE WHEN e IS NULL THEN 'NULL' WHEN e THEN 't' ELSE 'f' END";
        } else if (element.equals("float8") || element.equals("float4")) {
            // float8out's text (1, 1e+15, NaN; DuckDB writes 1.0, 1000000000000000.0, nan); NaN and Infinity are not quoted
            value = "coalesce(" + (element.equals("float8") ? "pg_float8_text(CAST(e AS DOUBLE))" : "pg_float4_text(CAST(e AS FLOAT))")
                    + ", 'NULL')";
        } else if (element.equals("numeric") && type.typmod() >= 0) {
            value = "coalesce(CAST(e AS VARCHAR), 'NULL')"; // a numeric(p,s) element has the scale DuckDB writes
        } else {
            return null;
        }
        String list = "l" + type.dims();
        String level = "'{' || array_to_string(list_transform(" + elements + ", lambda e: " + value + "), ',') || '}'";
        for (int d = 2; d <= type.dims(); d++) {
            level = "'{' || array_to_string(list_transform(l" + d + ", lambda l" + (d - 1) + ": " + level + "), ',') || '}'";
        }
        // the array is named once: a lambda over a one-element list binds it (and keeps NULL NULL)
        return Expressions.duckDb("list_transform([{0}], lambda " + list + ": CASE WHEN " + list + " IS NULL THEN NULL ELSE "
                + level + " END)[1]", array);
    }
}
