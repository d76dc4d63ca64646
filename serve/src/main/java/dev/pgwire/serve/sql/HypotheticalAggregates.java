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
        if (f.names("funcname").size() > 1 && !f.names("funcname").get(0).equals("pg_catalog")) return null;
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
        String peer = String.join(" AND ", peers);
        String filter = "";
        if (f.node("agg_filter") != null) {
            parts.add(f.node("agg_filter"));
            filter = "({" + (2 * n) + "}) IS TRUE AND ";
        }
        String rows = filter.isEmpty() ? "count(*)" : "count(*) FILTER (WHERE " + filter + "true)";
        String preceding = "count(*) FILTER (WHERE " + filter + "(" + before + "))";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) keys.add("{" + i + "}");
        String sql = switch (name) {
            case "rank" -> "CAST(1 + " + preceding + " AS BIGINT)";
            // each distinct key value before it counts once, a NULL one too (a row of the keys is never NULL)
            case "dense_rank" -> "CAST(1 + count(DISTINCT row(" + String.join(", ", keys) + ")) FILTER (WHERE " + filter + "("
                    + before + ")) AS BIGINT)";
            case "percent_rank" -> "CASE WHEN " + rows + " = 0 THEN CAST(0 AS DOUBLE) ELSE CAST(" + preceding + " AS DOUBLE) / "
                    + rows + " END";
            default -> "CAST(count(*) FILTER (WHERE " + filter + "((" + before + ") OR (" + peer + "))) + 1 AS DOUBLE) / ("
                    + rows + " + 1)";
        };
        // (its aggregates are in its text: marked, so that what looks for aggregate calls finds it)
        Node result = Expressions.duckDb(sql, parts.toArray(new Node[0])).set("aggregate", true);
        types.assume(result, name.endsWith("rank") && !name.equals("percent_rank") ? SqlType.INT8 : SqlType.FLOAT8);
        return result;
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
