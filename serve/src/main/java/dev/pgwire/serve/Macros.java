package dev.pgwire.serve;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * DuckDB macros the translation calls for PostgreSQL behaviour that has no single DuckDB
 * function. They live in the schema {@value #SCHEMA} of every database serve opens and are
 * replaced at each open, so they always match the running version.
 */
final class Macros {
    private Macros() {}

    static final String SCHEMA = "pgwire";

    static final List<String> DEFINITIONS = List.of(
            // one step of a json path given at run time: a key (text) or a subscript (integer, negative from the end)
            "CREATE OR REPLACE MACRO pgwire.json_step(k) AS CASE WHEN typeof(k) = 'VARCHAR'"
                    + " THEN '$.\"' || replace(replace(CAST(k AS VARCHAR), '\\', '\\\\'), '\"', '\\\"') || '\"'"
                    + " WHEN CAST(k AS BIGINT) < 0 THEN '$[#' || CAST(k AS VARCHAR) || ']'"
                    + " ELSE '$[' || CAST(k AS VARCHAR) || ']' END",
            // jsonb ? text: a top-level key, or a string element of a top-level array, or the string itself
            "CREATE OR REPLACE MACRO pgwire.jsonb_exists(j, k) AS CASE json_type(CAST(j AS JSON))"
                    + " WHEN 'OBJECT' THEN list_contains(json_keys(CAST(j AS JSON)), k)"
                    + " WHEN 'ARRAY' THEN list_contains(json_extract_string(CAST(j AS JSON), '$[*]'), k)"
                    + " WHEN 'VARCHAR' THEN json_extract_string(CAST(j AS JSON), '$') = k"
                    + " ELSE false END");

    static void install(Statement st) throws SQLException {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        for (String sql : DEFINITIONS) st.execute(sql);
    }
}
