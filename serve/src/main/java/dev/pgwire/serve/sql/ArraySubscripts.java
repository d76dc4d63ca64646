package dev.pgwire.serve.sql;

import java.util.List;

/**
 * Array subscripts as PostgreSQL reads them, where DuckDB's list indexing differs:
 * <ul>
 *   <li>a subscript below 1 finds no element (DuckDB's negative indexes count from the end);</li>
 *   <li>a number of plain subscripts other than the array's dimensions yields NULL ({@code a[1]}
 *       of a two-dimensional array; DuckDB gives the inner list);</li>
 *   <li>when any subscript is a slice, each one slices its own dimension, a plain {@code i} being
 *       {@code 1:i} (DuckDB applies every bracket to the outer list), and an empty dimension makes
 *       the whole result empty; more slices than dimensions give an empty array.</li>
 * </ul>
 * Arrays in serve always start at 1 (other lower bounds are refused).
 */
final class ArraySubscripts {
    private ArraySubscripts() {
    }

    /**
     * A subscript of a string, number, boolean, moment, bytea, uuid or json value is PostgreSQL's
     * 42804 (DuckDB would take a string's characters); {@code name} and the vectors are subscripted.
     */
    static void refuseScalar(SqlType t, List<Node> steps) {
        if (t == null || t.isArray() || t.isUnknown() || t.name().equals("name") || steps.stream().noneMatch(s -> s.is("A_Indices"))) return;
        if (t.isText() || t.isNumber() || t.isDateTime() || java.util.Set.of("bool", "bytea", "uuid", "json").contains(t.name())) {
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.DATATYPE_MISMATCH, "cannot subscript type "
                    + FormatType.displayName(t) + " because it does not support subscripting");
        }
    }

    /** The subscripted array {@code e} (its steps already rewritten) of type {@code t}, as PostgreSQL reads it. */
    static Node rewrite(Node e, SqlType t, TypeResolver types) {
        List<Node> steps = e.list("indirection");
        if (t == null || !t.isArray() || steps.isEmpty() || !steps.stream().allMatch(s -> s.is("A_Indices"))) return e;
        int dims = t.dims();
        int n = steps.size();
        boolean slice = steps.stream().anyMatch(s -> s.bool("is_slice"));
        if (!slice) {
            if (n != dims) {
                Node nul = t.element().cast(Node.of("A_Const").set("isnull", true), e.location());
                types.assume(nul, t.element());
                return nul;
            }
            for (Node step : steps) step.set("uidx", positive(step.node("uidx")));
            return e;
        }
        if (n > dims) return typed(Expressions.duckDb("{0}[1:0]", e.node("arg")), t, types);
        if (n == 1) return e;
        for (Node step : steps) {
            if (!step.bool("is_slice")) {
                step.set("is_slice", true);
                step.set("lidx", null);
            }
        }
        Node sliced = level(e.node("arg"), steps, 0);
        // an empty dimension anywhere is PostgreSQL's empty array
        StringBuilder empty = new StringBuilder("len(pg_s) = 0");
        String element = "pg_s";
        for (int k = 1; k < n; k++) {
            element += "[1]";
            empty.append(" OR len(").append(element).append(") = 0");
        }
        return typed(Expressions.duckDb("list_transform([{0}], lambda pg_s: CASE WHEN " + empty + " THEN pg_s[1:0] ELSE pg_s END)[1]",
                sliced), t, types);
    }

    /** Dimension {@code k}'s slice of {@code array}, and under it the slices of the dimensions after it. */
    private static Node level(Node array, List<Node> steps, int k) {
        Node sliced = Node.of("A_Indirection").set("arg", array).set("indirection", new java.util.ArrayList<>(List.of(steps.get(k))));
        if (k == steps.size() - 1) return sliced;
        String inner = "pg_d" + (k + 1);
        return Expressions.duckDb("list_transform({0}, lambda " + inner + ": {1})", sliced,
                level(Expressions.duckDb(inner), steps, k + 1));
    }

    /** A subscript that finds nothing below 1. */
    private static Node positive(Node index) {
        if (index == null) return null;
        if (index.is("A_Const") && index.has("ival")) {
            return index.node("ival").num("ival") >= 1 ? index : Expressions.duckDb("CAST(NULL AS BIGINT)");
        }
        return Expressions.duckDb("CASE WHEN ({0}) >= 1 THEN {0} END", index);
    }

    private static Node typed(Node n, SqlType t, TypeResolver types) {
        types.assume(n, t);
        return n;
    }
}
