package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The aggregates of interval values DuckDB lacks, computed as PostgreSQL computes them:
 * {@code sum} adds months, days and time each on its own (interval_pl, no carrying between them),
 * {@code avg} is that sum divided by the count (interval_div), both also over a window, and {@code percentile_cont}
 * interpolates between the two nearest values with interval_mul and interval_pl.
 */
final class IntervalAggregates {
    private IntervalAggregates() {}

    private static final String INT_RANGE = "BETWEEN -2147483648 AND 2147483647";
    private static final String BIGINT_RANGE = "BETWEEN -9223372036854775808 AND 9223372036854775807";

    /** The rewritten aggregate, or null when it is not one of these over an interval. */
    static Node rewrite(Node f, List<SqlType> types, java.util.function.Function<Node, SqlType> typeOf) {
        List<Node> args = f.list("args");
        String name = Operators.lastName(f);
        if (f.node("over") != null || f.bool("agg_distinct") || f.names("funcname").size() > 1
                && !f.names("funcname").get(0).equals("pg_catalog")) return null;
        if ((name.equals("sum") || name.equals("avg")) && args.size() == 1 && isInterval(types.get(0)) && !f.bool("agg_within_group")) {
            Node sum = sum(f, args.get(0));
            if (name.equals("sum")) return sum.set("pgType", "interval");
            Node count = FunctionRewrites.FuncCallBuilder.copyAggregate(f, "count");
            return Expressions.duckDb("CAST(pgwire_interval_div(CAST({0} AS VARCHAR), CAST({1} AS DOUBLE)) AS INTERVAL)", sum, count)
                    .set("pgType", "interval");
        }
        if (name.equals("percentile_cont") && f.bool("agg_within_group") && args.size() == 1 && f.list("agg_order").size() == 1) {
            Node value = f.list("agg_order").get(0).node("node");
            SqlType fraction = types.get(0);
            if (value == null || !isInterval(typeOf.apply(value)) || fraction == null || fraction.isArray()) return null;
            return percentile(f, value, args.get(0));
        }
        return null;
    }

    /** sum(interval) OVER (…) and avg(interval) OVER (…): the same, each part summed over the window. */
    static Node window(Node f, SqlType argument) {
        if (f.bool("agg_distinct") || Operators.ofOtherSchema(f) || !isInterval(argument)) return null;
        Node sum = sum(f, f.list("args").get(0));
        if (Operators.lastName(f).equals("sum")) return sum.set("pgType", "interval");
        return Expressions.duckDb("CAST(pgwire_interval_div(CAST({0} AS VARCHAR), CAST({1} AS DOUBLE)) AS INTERVAL)", sum,
                FunctionRewrites.FuncCallBuilder.copyAggregate(f, "count")).set("pgType", "interval");
    }

    private static boolean isInterval(SqlType t) {
        return t != null && !t.isArray() && t.name().equals("interval");
    }

    /** sum(interval): months, days and microseconds summed apart, 22008 where one leaves its range. */
    private static Node sum(Node f, Node value) {
        Node months = part(f, "(datepart('year', {0}) * 12 + datepart('month', {0}))", value);
        Node days = part(f, "datepart('day', {0})", value);
        Node micros = part(f, "(datepart('hour', {0}) * CAST(3600000000 AS HUGEINT) + datepart('minute', {0}) * 60000000"
                + " + datepart('microseconds', {0}))", value);
        return Expressions.duckDb("CASE WHEN NOT ({0} " + INT_RANGE + " AND {1} " + INT_RANGE + " AND {2} " + BIGINT_RANGE + ")"
                + " THEN error('[pgwire:22008] interval out of range')"
                + " ELSE to_months(CAST({0} AS INTEGER)) + to_days(CAST({1} AS INTEGER)) + to_microseconds(CAST({2} AS BIGINT)) END",
                months, days, micros);
    }

    private static Node part(Node f, String field, Node value) {
        Node sum = FunctionRewrites.FuncCallBuilder.copyAggregate(f, "sum");
        sum.set("args", new ArrayList<>(List.of(Expressions.duckDb(field, value.copy()))));
        return sum;
    }

    /**
     * percentile_cont(fraction) WITHIN GROUP (ORDER BY interval): the values in order, the two at
     * fraction × (n − 1) rounded down and up, and the first plus (second − first) × the remainder.
     */
    private static Node percentile(Node f, Node value, Node fraction) {
        Node list = f.copy();
        list.set("funcname", new ArrayList<>(List.of(Node.string("list"))));
        list.set("args", new ArrayList<>(List.of(value.copy())));
        list.set("agg_within_group", false);
        List<Node> order = new ArrayList<>();
        for (Node s : f.list("agg_order")) order.add(s.copy());
        list.set("agg_order", order);
        String at = "(CAST({1} AS DOUBLE) * (len(pg_l) - 1))";
        String lo = "pg_l[CAST(floor(" + at + ") AS BIGINT) + 1]";
        String hi = "pg_l[CAST(ceil(" + at + ") AS BIGINT) + 1]";
        return Expressions.duckDb("CASE WHEN CAST({1} AS DOUBLE) < 0 OR CAST({1} AS DOUBLE) > 1"
                + " THEN error('[pgwire:22003] percentile value ' || CAST(CAST({1} AS DOUBLE) AS VARCHAR) || ' is not between 0 and 1')"
                + " ELSE list_transform([list_filter({0}, lambda pg_v: pg_v IS NOT NULL)], lambda pg_l:"
                + " CASE WHEN len(pg_l) = 0 OR {1} IS NULL THEN NULL"
                + " WHEN floor(" + at + ") = ceil(" + at + ") THEN " + lo
                + " ELSE CAST(pg_interval_mul(CAST(" + hi + " - " + lo + " AS VARCHAR), " + at + " - floor(" + at + ")) AS INTERVAL)"
                + " + " + lo + " END)[1] END", list, fraction).set("pgType", "interval");
    }
}
