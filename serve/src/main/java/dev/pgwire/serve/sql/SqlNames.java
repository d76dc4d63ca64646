package dev.pgwire.serve.sql;

/** Identifiers and constants written into SQL serve makes for DuckDB. */
public final class SqlNames {
    private SqlNames() {}

    /** An identifier, quoted where it must be. */
    public static String quote(String identifier) {
        return SqlWriter.quoteIdent(identifier);
    }

    /** A string as a JSON string (quoted and escaped). */
    public static String jsonString(String value) {
        StringBuilder sb = new StringBuilder();
        ColumnMeta.appendString(sb, value);
        return sb.toString();
    }

    /** A string constant. */
    public static String literal(String value) {
        return SqlWriter.quoteLiteral(value);
    }
}
