package dev.pgwire.serve;

import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.serve.sql.SqlLexer.Kind;
import dev.pgwire.serve.sql.SqlLexer.Token;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The types of a prepared statement's parameters ({@code $1}, {@code $2}, …) in both engines:
 * DuckDB's parameter types as PostgreSQL OIDs (for ParameterDescription), and PostgreSQL OIDs as
 * DuckDB types (to tell DuckDB the type of a parameter it cannot infer, by a cast).
 */
final class ParameterTypes {
    private ParameterTypes() {}

    private static final Map<Integer, String> DUCKDB_TYPES = new HashMap<>();

    static {
        DUCKDB_TYPES.put(PgType.BOOL.oid(), "BOOLEAN");
        DUCKDB_TYPES.put(PgType.INT2.oid(), "SMALLINT");
        DUCKDB_TYPES.put(PgType.INT4.oid(), "INTEGER");
        DUCKDB_TYPES.put(PgType.INT8.oid(), "BIGINT");
        DUCKDB_TYPES.put(PgType.OID.oid(), "UINTEGER");
        DUCKDB_TYPES.put(PgType.FLOAT4.oid(), "FLOAT");
        DUCKDB_TYPES.put(PgType.FLOAT8.oid(), "DOUBLE");
        // DuckDB decimals have a fixed scale; numeric parameters keep up to 10 fraction digits
        DUCKDB_TYPES.put(PgType.NUMERIC.oid(), "DECIMAL(38,10)");
        for (PgType t : new PgType[] {PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME, PgType.CHAR}) {
            DUCKDB_TYPES.put(t.oid(), "VARCHAR");
        }
        DUCKDB_TYPES.put(PgType.BYTEA.oid(), "BLOB");
        DUCKDB_TYPES.put(PgType.DATE.oid(), "DATE");
        DUCKDB_TYPES.put(PgType.TIME.oid(), "TIME");
        DUCKDB_TYPES.put(PgType.TIMETZ.oid(), "TIMETZ");
        DUCKDB_TYPES.put(PgType.TIMESTAMP.oid(), "TIMESTAMP");
        DUCKDB_TYPES.put(PgType.TIMESTAMPTZ.oid(), "TIMESTAMPTZ");
        DUCKDB_TYPES.put(PgType.INTERVAL.oid(), "INTERVAL");
        DUCKDB_TYPES.put(PgType.UUID.oid(), "UUID");
        DUCKDB_TYPES.put(PgType.JSON.oid(), "JSON");
        DUCKDB_TYPES.put(PgType.JSONB.oid(), "JSON");
        DUCKDB_TYPES.put(PgType.VARBIT.oid(), "BIT");
        DUCKDB_TYPES.put(PgType.BIT.oid(), "BIT");
        for (Map.Entry<Integer, String> e : Map.copyOf(DUCKDB_TYPES).entrySet()) {
            PgType element = PgType.byOid(e.getKey());
            if (element != null && element.arrayOid() != 0) DUCKDB_TYPES.put(element.arrayOid(), e.getValue() + "[]");
        }
    }

    /**
     * The PostgreSQL type of a parameter DuckDB typed as {@code duckDbType}, or 0 when DuckDB could
     * not tell (it reports {@code INVALID} or {@code UNKNOWN} and decides when values are bound; a
     * list of such, {@code ANY[]}, for an array whose element type is open, as in {@code = ANY($1)}).
     */
    static int pgOid(String duckDbType) {
        if (duckDbType == null) return 0;
        String t = duckDbType.trim().toUpperCase(Locale.ROOT);
        while (t.endsWith("[]")) t = t.substring(0, t.length() - 2);
        if (t.isEmpty() || t.equals("INVALID") || t.equals("UNKNOWN") || t.equals("NULL") || t.equals("ANY")) return 0;
        return PgTypes.forDuckDbType(duckDbType).pgType.oid();
    }

    /** The DuckDB type for a PostgreSQL type OID, or null for types DuckDB has no counterpart of. */
    static String duckDbType(int oid) {
        return DUCKDB_TYPES.get(oid);
    }

    private static final java.util.Set<Integer> NUMBERS = java.util.Set.of(PgType.INT2.oid(), PgType.INT4.oid(), PgType.INT8.oid(),
            PgType.NUMERIC.oid(), PgType.FLOAT4.oid(), PgType.FLOAT8.oid());

    private static final java.util.Set<Integer> INTEGERS = java.util.Set.of(PgType.INT2.oid(), PgType.INT4.oid(), PgType.INT8.oid());

    /**
     * Whether a parameter the client declared a number of one type ({@code declared}) is one DuckDB
     * typed as an integer of another ({@code inferred}: coalesce(int_column, $1) with a numeric).
     * Where DuckDB typed it a decimal or a float (a column's), the value is bound to that type as
     * PostgreSQL assigns it (a numeric 1e300 to a float, a float 1.005 to numeric(10,2) as 1.01),
     * which a cast to the declared type first would not keep.
     */
    static boolean numberOfAnotherKind(int declared, int inferred) {
        return declared != inferred && NUMBERS.contains(declared) && INTEGERS.contains(inferred);
    }

    /** The highest {@code $n} outside literals, identifiers and comments; 0 if there is none. */
    static int highestParameter(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        int max = 0;
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
            if (t.kind() == Kind.PARAM) max = Math.max(max, parameterNumber(t));
        }
        return max;
    }

    /**
     * The statement with {@code $n} replaced by {@code CAST($n AS type)} wherever
     * {@code casts[n - 1]} names a type.
     */
    static String withCasts(String sql, String[] casts) {
        SqlLexer lexer = new SqlLexer(sql);
        StringBuilder out = new StringBuilder(sql.length() + 32);
        int copied = 0;
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
            if (t.kind() != Kind.PARAM) continue;
            int n = parameterNumber(t);
            if (n < 1 || n > casts.length || casts[n - 1] == null) continue;
            out.append(sql, copied, t.start()).append("CAST(").append(t.raw()).append(" AS ").append(casts[n - 1]).append(')');
            copied = t.end();
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private static int parameterNumber(Token t) {
        String digits = t.raw().substring(1);
        return digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
