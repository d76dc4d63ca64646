package dev.pgwire.serve.plpgsql;

import dev.pgwire.serve.sql.ColumnReferences;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A block's variables in the SQL it runs: each reference the parse tree shows
 * ({@link ColumnReferences}) replaced by the variable's value as a typed literal.
 */
final class Substitution {
    private Substitution() {}

    /** A value in SQL: a literal of the variable's type, or NULL of it. */
    static String literal(String text, String type) {
        String value = text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
        return type == null ? value : "CAST(" + value + " AS " + type + ")";
    }

    static String apply(String sql, Function<List<String>, String> values, IntFunction<String> parameters) {
        return ColumnReferences.apply(sql, values, parameters);
    }
}
