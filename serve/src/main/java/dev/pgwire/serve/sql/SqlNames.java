package dev.pgwire.serve.sql;

/** Identifiers and constants written into SQL serve makes for DuckDB. */
public final class SqlNames {
    private SqlNames() {}

    /** An identifier, quoted where it must be. */
    public static String quote(String identifier) {
        return SqlWriter.quoteIdent(identifier);
    }

    /** A string constant. */
    public static String literal(String value) {
        return SqlWriter.quoteLiteral(value);
    }
}
