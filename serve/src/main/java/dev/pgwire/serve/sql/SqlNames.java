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

    /**
     * A table of the catalog as DuckDB SQL names it: {@code "schema"."name"}, or {@code temp.main."name"}
     * for a temporary table (schema {@code pg_temp}).
     */
    public static String table(String schema, String name) {
        return (schema.equals("pg_temp") ? "temp.main" : quote(schema)) + "." + quote(name);
    }

    /**
     * The sequence a serial or identity column draws from, as {schema, name}: the name serve
     * recorded for the column ("name", or "schema.name" for one in another schema), in the table's
     * schema where it names none. Null where {@code recorded} is.
     */
    public static String[] sequence(String tableSchema, String recorded) {
        if (recorded == null) return null;
        int dot = recorded.indexOf('.');
        return dot >= 0 ? new String[] {recorded.substring(0, dot), recorded.substring(dot + 1)} : new String[] {tableSchema, recorded};
    }

    /** A string constant. */
    public static String literal(String value) {
        return SqlWriter.quoteLiteral(value);
    }
}
