package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stddev}, {@code stddev_samp}, {@code stddev_pop}, {@code variance}, {@code var_samp} and
 * {@code var_pop} of exact numbers (int2, int4, int8, numeric) are numeric in PostgreSQL, with
 * numeric_stddev_internal's digits; DuckDB's are double. The call becomes DuckDB aggregates of
 * the count, the sum and the sum of squares — exact integers — and a function that finishes them
 * as PostgreSQL does (NumericStatistics): PostgreSQL's text at top level, DECIMAL(38,20) where the
 * value feeds further expressions, as numeric division's result (see {@link ExactDivision}); rounded
 * to a scale once, where it is round's argument or cast to numeric(p,s).
 *
 * <ul>
 *   <li>int2 and int4: Σx and Σx² of BIGINT, which DuckDB sums in HUGEINT.</li>
 *   <li>int8 and numeric(p,s) with p ≤ 18: the unscaled value u as BIGINT, Σu, and Σu² from the
 *       products of u's high and low 32 bits, which 64 bits hold (DuckDB sums them in HUGEINT).</li>
 *   <li>wider numeric, numeric without modifier and DISTINCT: the values themselves, joined as
 *       text, summed exactly by the function (slower, and memory in proportion to the rows).</li>
 * </ul>
 * The same holds for the window forms: each part is the same aggregate over the same window.
 */
final class StatisticalAggregates {
    private StatisticalAggregates() {}

    /** The kind argument of NumericStatistics for a function name, or -1 where the name is not one of them. */
    static int kind(String name) {
        return switch (name) {
            case "var_samp", "variance" -> 0;
            case "var_pop" -> 1;
            case "stddev_samp", "stddev" -> 2;
            case "stddev_pop" -> 3;
            default -> -1;
        };
    }

    /**
     * The exact form of a statistical aggregate call {@code f} (arguments already rewritten, with
     * or without OVER) whose argument has type {@code argument}, typed numeric; null where it stays as it is.
     */
    static Node rewrite(Node f, SqlType argument, TypeResolver types) {
        int kind = kind(Operators.lastName(f));
        List<Node> args = f.list("args");
        if (kind < 0 || args.size() != 1 || f.bool("agg_star") || argument == null || !argument.isExactNumeric()) return null;
        if (!argument.name().equals("numeric") && !isInteger(argument)) return null;
        Node x = args.get(0);
        int[] ps = argument.numericPrecisionAndScale();
        String sums = null;
        Node[] parts = null;
        if (!f.bool("agg_distinct") && (argument.name().equals("int2") || argument.name().equals("int4"))) {
            sums = "{0}, {1}, CAST(0 AS HUGEINT), CAST(0 AS HUGEINT), {2}, 0, " + kind + ")";
            parts = new Node[] {aggregate(f, "count", x.copy()),
                    aggregate(f, "sum", Expressions.duckDb("CAST({0} AS BIGINT)", x.copy())),
                    aggregate(f, "sum", Expressions.duckDb("CAST({0} AS BIGINT) * CAST({0} AS BIGINT)", x.copy()))};
        } else if (!f.bool("agg_distinct") && (argument.name().equals("int8") || (ps != null && ps[0] <= 18))) {
            // u = h·2^32 + l with h = u >> 32 and 0 ≤ l < 2^32: u² = h²·2^64 + hl·2^33 + l², each product within 64 bits
            int scale = ps == null ? 0 : ps[1];
            String u = ps == null || scale == 0 ? "CAST({0} AS BIGINT)"
                    : "CAST({0} * CAST('1" + "0".repeat(scale) + "' AS DECIMAL(" + (scale + 1) + ",0)) AS BIGINT)";
            String h = "(" + u + " >> 32)";
            String l = "(" + u + " & 4294967295)";
            sums = "{0}, {1}, {2}, {3}, {4}, " + scale + ", " + kind + ")";
            parts = new Node[] {aggregate(f, "count", x.copy()),
                    aggregate(f, "sum", Expressions.duckDb(u, x.copy())),
                    aggregate(f, "sum", Expressions.duckDb(h + " * " + h, x.copy())),
                    aggregate(f, "sum", Expressions.duckDb(h + " * " + l, x.copy())),
                    aggregate(f, "sum", Expressions.duckDb("CAST(" + l + " AS UBIGINT) * CAST(" + l + " AS UBIGINT)", x.copy()))};
        }
        Node n;
        if (sums != null) {
            n = Expressions.duckDb("pgwire_numeric_stat(" + sums, parts);
            n.set("topLevelSql", "pgwire_numeric_stat_text(" + sums);
            n.set("roundSql", "pgwire_numeric_stat_round(" + sums);
        } else {
            // the values' own digits decide the scale where the column's type does not (numeric without modifier)
            String values = "{0}, " + (isInteger(argument) || ps != null ? 0 : 1) + ", " + kind + ")";
            Node joined = aggregate(f, "string_agg", Expressions.duckDb("CAST({0} AS VARCHAR)", x.copy()));
            joined.list("args").add(Expressions.duckDb("','"));
            n = Expressions.duckDb("pgwire_numeric_stat_values(" + values, joined);
            n.set("topLevelSql", "pgwire_numeric_stat_values_text(" + values);
            n.set("roundSql", "pgwire_numeric_stat_values_round(" + values);
        }
        n.set("exactDivision", true);
        n.set("statistic", true);
        types.assume(n, SqlType.NUMERIC);
        return n;
    }

    /**
     * {@code round(statistic, places)} with constant places from 0 to 38: PostgreSQL's value rounded
     * once, half away from zero, as DECIMAL(38,places) (PostgreSQL's display scale is the places),
     * so that a statistic beyond DECIMAL(38,20)'s 18 whole digits still rounds; null otherwise.
     */
    static Node round(List<Node> args, TypeResolver types) {
        if (args.size() != 2 || !args.get(0).is("DuckDbSql") || !args.get(0).bool("statistic")) return null;
        Node places = args.get(1);
        if (!places.is("A_Const") || !places.has("ival")) return null;
        long n = places.node("ival").num("ival");
        if (n < 0 || n > 38) return null;
        Node rounded = ExactDivision.castArgument(args.get(0), (int) n);
        // a result column is DuckDB's text of the decimal, every place shown (serve would drop trailing zeros of a wide scale)
        rounded.set("exactDivision", true);
        rounded.set("topLevelSql", "CAST(" + rounded.str("sql") + " AS VARCHAR)");
        types.assume(rounded, SqlType.NUMERIC);
        return rounded;
    }

    /**
     * {@code corr(y, x)} and {@code regr_slope(y, x)} are NULL where PostgreSQL's float8_corr and
     * float8_regr_slope find no variance (Sxx or Syy zero: one row, or a constant column); DuckDB's
     * divide by it and answer NaN. The call becomes a CASE over regr_sxx and regr_syy of the same
     * arguments (same DISTINCT, FILTER and OVER); null for any other call.
     */
    static Node nullWithoutVariance(Node f, TypeResolver types) {
        String name = Operators.lastName(f);
        List<Node> args = f.list("args");
        if (!(name.equals("corr") || name.equals("regr_slope")) || args.size() != 2 || f.bool("agg_star")) return null;
        if (Operators.ofOtherSchema(f)) return null;
        Node sxx = FunctionRewrites.FuncCallBuilder.copyAggregate(f, "regr_sxx");
        Node call = FunctionRewrites.FuncCallBuilder.copyAggregate(f, name);
        Node n;
        if (name.equals("corr")) {
            Node syy = FunctionRewrites.FuncCallBuilder.copyAggregate(f, "regr_syy");
            n = Expressions.duckDb("CASE WHEN {0} = 0 OR {1} = 0 THEN NULL ELSE {2} END", sxx, syy, call);
        } else {
            n = Expressions.duckDb("CASE WHEN {0} = 0 THEN NULL ELSE {1} END", sxx, call);
        }
        types.assume(n, SqlType.FLOAT8);
        return n;
    }

    /** The call {@code f} (DISTINCT, FILTER, ORDER BY, OVER) as aggregate {@code name} of one argument. */
    private static Node aggregate(Node f, String name, Node argument) {
        Node copy = FunctionRewrites.FuncCallBuilder.copyAggregate(f, name);
        copy.set("args", new ArrayList<>(List.of(argument)));
        return copy;
    }

    private static boolean isInteger(SqlType t) {
        return t.name().equals("int2") || t.name().equals("int4") || t.name().equals("int8");
    }

}
