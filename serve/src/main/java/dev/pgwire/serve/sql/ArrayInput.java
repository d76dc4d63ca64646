package dev.pgwire.serve.sql;

/**
 * A text value cast to an array while the statement runs ({@code tags_text::text[]},
 * {@code $1::text::int[]}): PostgreSQL reads it with array_in ({@code {1,2}}), DuckDB's own cast
 * of text to a list reads another syntax ({@code [1, 2]}). The text is read by PostgreSQL's rules
 * into a list of text, which DuckDB then casts element by element. Constants are converted while
 * translating instead ({@link ArrayLiteral}).
 */
final class ArrayInput {
    private ArrayInput() {}

    /** The argument read as a list of text, or null when the cast is not one of text to an array. */
    static Node atRunTime(Node arg, SqlType from, SqlType to) {
        if (to == null || !to.isArray() || from == null || !from.isText()) return null;
        // (a constant is read while translating; a parameter of no declared type is of no type here, and is bound as the array)
        if (arg.is("A_Const")) return null;
        SqlType element = to.element();
        // numeric without modifier holds 10 fraction digits here: more is 22003, never rounded
        int exactScale = element.name().equals("numeric") && element.typmod() < 0 ? SqlType.UNCONSTRAINED_SCALE : -1;
        return Expressions.duckDb("CAST(CAST(pg_array_in_text(CAST({0} AS VARCHAR), " + exactScale + ") AS JSON) AS VARCHAR[])", arg);
    }
}
