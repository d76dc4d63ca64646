package dev.pgwire.serve.sql;

/**
 * Explicit casts to {@code bit(n)} and {@code bit varying(n)} with PostgreSQL's lengths. DuckDB's
 * BIT has no length: an integer becomes all its 32 or 64 bits, and a string keeps all its bits.
 * In PostgreSQL an integer cast to bit(n) keeps its n rightmost bits (sign-extended when n is
 * wider than the integer), and a bit string cast to bit(n) is cut or padded with zeros on the
 * right to n bits — to bit varying(n), cut to at most n.
 */
final class BitCasts {
    private BitCasts() {}

    /** The cast of {@code cast}'s argument (of type {@code from}) to {@code to}, or null where DuckDB's own cast is PostgreSQL's. */
    static Node cast(Node cast, SqlType from, SqlType to, TypeResolver types) {
        if (to == null || to.isArray() || from == null || from.isArray() || to.typmod() <= 0) return null;
        boolean fixed = to.name().equals("bit");
        if (!fixed && !to.name().equals("varbit")) return null;
        int n = to.typmod();
        String sql;
        if (fixed && (from.is(SqlType.INT4) || from.is(SqlType.INT8))) {
            int width = from.is(SqlType.INT4) ? 32 : 64;
            String bits = "CAST(CAST(CAST({0} AS " + (width == 32 ? "INTEGER" : "BIGINT") + ") AS BIT) AS VARCHAR)";
            sql = n <= width ? "right(" + bits + ", " + n + ")" : "lpad(" + bits + ", " + n + ", left(" + bits + ", 1))";
        } else if (from.isText() || from.isUnknown() || from.name().equals("bit") || from.name().equals("varbit")) {
            String bits = "CAST(CAST(CAST({0} AS VARCHAR) AS BIT) AS VARCHAR)"; // read as bits first: 22P02 for other characters
            sql = fixed ? "rpad(left(" + bits + ", " + n + "), " + n + ", '0')" : "left(" + bits + ", " + n + ")";
        } else {
            return null;
        }
        Node out = Expressions.duckDb("CAST(" + sql + " AS BIT)", cast.node("arg"));
        types.assume(out, to);
        return out;
    }
}
