package dev.pgwire.serve.sql;

import java.util.List;

/**
 * {@code array_agg} of arrays builds an array of one more dimension, whose sub-arrays PostgreSQL
 * requires alike (array_agg_array_transfn): a NULL array is 22004 "cannot accumulate null arrays",
 * an empty first one 2202E "cannot accumulate empty arrays", a later one of another length (empty
 * too) 2202E "cannot accumulate arrays of different dimensionality". DuckDB's list of lists takes any: such a result
 * has no PostgreSQL value, so the call checks its lists and fails as PostgreSQL does.
 */
final class ArrayAggregates {
    private ArrayAggregates() {}

    /**
     * The checked form of {@code f} (with or without FILTER, ORDER BY, OVER) when it is array_agg
     * of an array of type {@code argument}; null for any other call.
     */
    static Node ofArrays(Node f, SqlType argument, TypeResolver types) {
        List<Node> args = f.list("args");
        if (!Operators.lastName(f).equals("array_agg") || args.size() != 1 || argument == null || !argument.isArray()) return null;
        if (Operators.ofOtherSchema(f)) return null;
        Node call = FunctionRewrites.FuncCallBuilder.copyAggregate(f, "array_agg");
        Node n = Expressions.duckDb("CASE"
                + " WHEN list_bool_or(list_transform({0}, lambda pgwire_a: pgwire_a IS NULL))"
                + " THEN error('[pgwire:22004] cannot accumulate null arrays')"
                + " WHEN len({0}[1]) = 0 THEN error('[pgwire:2202E] cannot accumulate empty arrays')"
                + " WHEN len(list_distinct(list_transform({0}, lambda pgwire_a: len(pgwire_a)))) > 1"
                + " THEN error('[pgwire:2202E] cannot accumulate arrays of different dimensionality')"
                + " ELSE {0} END", call);
        types.assume(n, argument.arrayOf());
        return n;
    }
}
