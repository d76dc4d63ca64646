package dev.pgwire.serve.sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Builds DuckDB SQL text: identifiers quoted where they must be, string literals escaped, and a
 * map from places in the output back to places in the PostgreSQL input, so that an error DuckDB
 * reports at some offset of the SQL it ran points the client at the right place of the SQL it
 * sent.
 */
final class SqlWriter {
    /**
     * Words that must be quoted as identifiers in DuckDB or PostgreSQL (reserved in either, or
     * names of types and functions the grammars treat specially).
     */
    private static final Set<String> RESERVED = Set.copyOf(java.util.Arrays.asList(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
            "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint",
            "create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "describe", "distinct", "do", "else",
            "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
            "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading",
            "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on",
            "only", "or", "order", "outer", "overlaps", "placing", "primary", "qualify", "references", "returning",
            "right", "select", "session_user", "similar", "some", "summarize", "symmetric", "table", "tablesample",
            "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where",
            "window", "with", "pivot", "unpivot", "pivot_wider", "pivot_longer", "anti", "semi", "positional",
            "asof", "struct", "map", "lambda", "qualify", "row", "values", "time", "timestamp", "interval", "date",
            "year", "month", "day", "hour", "minute", "second", "at", "by", "over", "filter", "within", "partition",
            "range", "rows", "groups", "exclude", "ties", "others", "current", "following", "preceding", "unbounded",
            "nulls", "first", "last", "key", "type", "name", "value", "data", "position", "trim", "substring",
            "overlay", "extract", "coalesce", "nullif", "greatest", "least", "exists", "setof", "decimal", "numeric",
            "char", "character", "varchar", "int", "integer", "smallint", "bigint", "real", "float", "double",
            "boolean", "bit", "national", "nchar", "none", "out", "inout", "xmlattributes"));

    private final StringBuilder sb = new StringBuilder();
    /** Pairs (output offset, input byte offset), in output order. */
    private int[] marks = new int[32];
    private int markCount;

    SqlWriter append(String s) {
        sb.append(s);
        return this;
    }

    SqlWriter append(char c) {
        sb.append(c);
        return this;
    }

    SqlWriter append(long n) {
        sb.append(n);
        return this;
    }

    /** Appends a space unless the output is empty or already ends in one or in '('. */
    SqlWriter space() {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) != ' ' && sb.charAt(n - 1) != '(') sb.append(' ');
        return this;
    }

    /** Records that what is appended next comes from input byte offset {@code location}. */
    void mark(int location) {
        if (location < 0) return;
        if (markCount * 2 + 2 > marks.length) marks = Arrays.copyOf(marks, marks.length * 2);
        marks[markCount * 2] = sb.length();
        marks[markCount * 2 + 1] = location;
        markCount++;
    }

    /** The input byte offset behind output character {@code offset}, or -1 when unknown. */
    int sourceLocation(int offset) {
        int best = -1;
        for (int i = 0; i < markCount; i++) {
            if (marks[i * 2] <= offset) best = marks[i * 2 + 1];
            else break;
        }
        return best;
    }

    /** An identifier, quoted unless it is a plain lower-case word that is not reserved. */
    SqlWriter ident(String name) {
        sb.append(quoteIdent(name));
        return this;
    }

    static String quoteIdent(String name) {
        boolean plain = !name.isEmpty() && !RESERVED.contains(name);
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
        }
        return plain ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A function name: quoted only when it is not a plain lower-case word. */
    static String quoteFunction(String name) {
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
        }
        return plain ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string literal. */
    SqlWriter literal(String value) {
        sb.append(quoteLiteral(value));
        return this;
    }

    static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    int length() {
        return sb.length();
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
