package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The hypothetical-set aggregates — {@code rank}, {@code dense_rank}, {@code percent_rank} and
 * {@code cume_dist} with arguments and WITHIN GROUP (ORDER BY …) — which DuckDB has not: where
 * a row of the arguments' values would stand among the group's rows in that order. They become
 * counts of the rows that sort before it (and of those that are its peers), each sort key
 * compared in its direction with its NULLS FIRST or LAST, as PostgreSQL sorts them
 * (hypothetical_rank_common, hypothetical_dense_rank_final): rank is 1 + the rows before,
 * dense_rank 1 + their distinct key values, percent_rank the rows before over the group's rows
 * (0 for none), cume_dist the rows before or peer, plus one, over the rows plus one.
 */
final class HypotheticalAggregates {
    private HypotheticalAggregates() {}

    private static final Set<String> NAMES = Set.of("rank", "dense_rank", "percent_rank", "cume_dist");

    /** The counting form of {@code f}, or null when it is no hypothetical-set aggregate call. */
    static Node rewrite(Node f, TypeResolver types) {
        String name = Operators.lastName(f);
        if (!NAMES.contains(name) || !f.bool("agg_within_group") || f.node("over") != null || f.bool("agg_distinct")) return null;
        if (Operators.ofOtherSchema(f)) return null;
        List<Node> args = f.list("args");
        List<Node> order = f.list("agg_order");
        if (args.isEmpty() || args.size() != order.size()) return null;
        int n = args.size();
        List<Node> parts = new ArrayList<>();
        for (Node sort : order) parts.add(sort.node("node"));
        parts.addAll(args);
        // the row before the hypothetical one: before on the first key, or its peer there and before on the next
        String before = "";
        for (int i = n - 1; i >= 0; i--) {
            String less = lessThan(order.get(i), "{" + i + "}", "{" + (n + i) + "}");
            before = i == n - 1 ? less : less + " OR ({" + i + "} IS NOT DISTINCT FROM {" + (n + i) + "} AND (" + before + "))";
        }
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) peers.add("{" + i + "} IS NOT DISTINCT FROM {" + (n + i) + "}");
        String filter = "";
        if (f.node("agg_filter") != null) {
            parts.add(f.node("agg_filter"));
            filter = "({" + (2 * n) + "}) IS TRUE AND ";
        }
        Node[] p = parts.toArray(new Node[0]);
        Node rows = count(null, filter.isEmpty() ? null : Expressions.duckDb(filter + "true", p));
        Node preceding = count(null, Expressions.duckDb(filter + "(" + before + ")", p));
        Node result = switch (name) {
            case "rank" -> Expressions.duckDb("CAST(1 + {0} AS BIGINT)", preceding);
            case "dense_rank" -> {
                // each distinct key value before it counts once, a NULL one too (a row of the keys is never NULL)
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < n; i++) keys.add("{" + i + "}");
                Node distinct = count(Expressions.duckDb("row(" + String.join(", ", keys) + ")", p),
                        Expressions.duckDb(filter + "(" + before + ")", p));
                yield Expressions.duckDb("CAST(1 + {0} AS BIGINT)", distinct);
            }
            case "percent_rank" -> Expressions.duckDb("CASE WHEN {0} = 0 THEN CAST(0 AS DOUBLE) ELSE CAST({1} AS DOUBLE) / {0} END",
                    rows, preceding);
            default -> Expressions.duckDb("CAST({0} + 1 AS DOUBLE) / ({1} + 1)",
                    count(null, Expressions.duckDb(filter + "((" + before + ") OR (" + String.join(" AND ", peers) + "))", p)), rows);
        };
        types.assume(result, name.endsWith("rank") && !name.equals("percent_rank") ? SqlType.INT8 : SqlType.FLOAT8);
        return result;
    }

    /** {@code count(*)}, or {@code count(DISTINCT distinct)}, of the rows {@code filter} holds for (null: all). */
    private static Node count(Node distinct, Node filter) {
        Node call = Node.of("FuncCall").set("funcname", new ArrayList<>(List.of(Node.string("count"))));
        if (distinct == null) call.set("agg_star", true);
        else call.set("args", new ArrayList<>(List.of(distinct))).set("agg_distinct", true);
        if (filter != null) call.set("agg_filter", filter);
        return call;
    }

    /** Whether key {@code x} sorts before value {@code v} in sort item {@code sort}'s direction and NULLS order. */
    private static String lessThan(Node sort, String x, String v) {
        boolean descending = sort.str("sortby_dir").equals("SORTBY_DESC")
                || (sort.str("sortby_dir").equals("SORTBY_USING") && String.join(".", sort.names("useOp")).endsWith(">"));
        boolean nullsFirst = switch (sort.str("sortby_nulls")) {
            case "SORTBY_NULLS_FIRST" -> true;
            case "SORTBY_NULLS_LAST" -> false;
            default -> descending; // NULLs sort as larger than every value
        };
        return "CASE WHEN " + x + " IS NULL THEN " + nullsFirst + " AND " + v + " IS NOT NULL WHEN " + v + " IS NULL THEN "
                + !nullsFirst + " ELSE " + x + (descending ? " > " : " < ") + v + " END";
    }
}
