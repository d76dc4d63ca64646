package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which views PostgreSQL updates automatically (its rules for a simple view, rewriteHandler.c's
 * view_query_is_auto_updatable): a plain SELECT of one table or view — no WITH, DISTINCT, GROUP BY,
 * HAVING, LIMIT, OFFSET, set operation, aggregate, window function or set-returning function —
 * whose columns that are plain references to the other relation's columns can be written. DuckDB
 * has no updatable views; {@link ViewWrites} writes INSERT, UPDATE and DELETE of such a view as
 * statements on its base relation, and information_schema says which views and columns are
 * updatable from the same rules.
 */
public final class UpdatableViews {
    private UpdatableViews() {}

    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "string_agg", "array_agg",
            "bool_and", "bool_or", "every", "any_value", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg",
            "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "bit_and", "bit_or", "mode",
            "percentile_cont", "percentile_disc", "corr", "covar_pop", "covar_samp", "regr_count", "xmlagg", "range_agg");
    private static final Set<String> SET_RETURNING = Set.of("generate_series", "unnest", "jsonb_array_elements",
            "json_array_elements", "jsonb_array_elements_text", "json_array_elements_text", "jsonb_each", "json_each",
            "jsonb_each_text", "json_each_text", "jsonb_object_keys", "json_object_keys", "regexp_matches", "regexp_split_to_table",
            "string_to_table", "generate_subscripts", "jsonb_path_query", "pg_get_keywords");

    /**
     * A simple view: its base relation (as the view's FROM names it), the name the view's query
     * gives it (its alias, else its name), and each view column's expression over it in order.
     *
     * @param updatable which of the columns are plain references to a column of the base relation
     */
    public record Simple(Node base, String baseName, List<String> columns, List<Node> expressions, List<Boolean> updatable,
                         Node where) {

        /** The view column {@code name}'s position, or -1. */
        int index(String name) {
            return columns.indexOf(name);
        }

        public boolean anyUpdatable() {
            return updatable.contains(Boolean.TRUE);
        }

        /** The base relation's schema as the view names it, or null. */
        public String baseSchema() {
            return base.str("schemaname").isEmpty() ? null : base.str("schemaname");
        }

        public String baseRelation() {
            return base.str("relname");
        }
    }

    /**
     * The view of {@code definition} (its query as CREATE VIEW gave it) when PostgreSQL would
     * update it automatically, else null.
     *
     * @param viewColumns the view's column names in order (a CREATE VIEW v (a, b) renames them)
     * @param baseColumns the base relation's column names in order (for {@code SELECT *}), or null when unknown
     */
    public static Simple simple(String definition, List<String> viewColumns, java.util.function.Function<Node, List<String>> baseColumns) {
        if (definition == null) return null;
        List<PgParser.Statement> parsed;
        try {
            parsed = PgParser.parse(definition);
        } catch (RuntimeException e) {
            return null;
        }
        if (parsed.size() != 1 || !parsed.get(0).tree().is("SelectStmt")) return null;
        Node q = parsed.get(0).tree();
        if (!"SETOP_NONE".equals(q.str("op")) || q.node("withClause") != null || q.has("distinctClause") || q.has("groupClause")
                || q.node("havingClause") != null || q.node("limitCount") != null || q.node("limitOffset") != null
                || q.has("windowClause") || q.has("valuesLists") || q.has("lockingClause") || q.node("intoClause") != null) {
            return null;
        }
        List<Node> from = q.list("fromClause");
        if (from.size() != 1 || !from.get(0).is("RangeVar")) return null;
        Node base = from.get(0);
        String baseName = base.node("alias") != null ? base.node("alias").str("aliasname") : base.str("relname");
        boolean[] refused = {false};
        TreeWalker.forEachNode(Node.of(null).set("t", q.list("targetList")), n -> {
            if (n.is("FuncCall")) {
                String f = Operators.lastName(n);
                if (AGGREGATES.contains(f) || SET_RETURNING.contains(f) || n.bool("agg_star") || n.bool("agg_distinct")
                        || n.has("agg_order") || n.node("agg_filter") != null || n.node("over") != null) {
                    refused[0] = true;
                }
            }
        });
        if (refused[0]) return null;
        List<String> names = new ArrayList<>();
        List<Node> expressions = new ArrayList<>();
        List<Boolean> updatable = new ArrayList<>();
        for (Node target : q.list("targetList")) {
            Node val = target.node("val");
            List<Node> fields = val != null && val.is("ColumnRef") ? val.list("fields") : List.of();
            if (!fields.isEmpty() && fields.get(fields.size() - 1).is("A_Star")) {
                List<String> all = baseColumns.apply(base);
                if (all == null) return null;
                for (String c : all) {
                    names.add(c);
                    expressions.add(columnRef(c));
                    updatable.add(true);
                }
                continue;
            }
            boolean plain = val != null && val.is("ColumnRef") && (fields.size() == 1
                    || fields.size() == 2 && fields.get(0).is("String") && fields.get(0).str("sval").equals(baseName));
            String name = target.has("name") ? target.str("name")
                    : plain ? fields.get(fields.size() - 1).str("sval") : null;
            names.add(name);
            expressions.add(plain ? columnRef(fields.get(fields.size() - 1).str("sval")) : val);
            updatable.add(plain);
        }
        if (viewColumns != null) {
            for (int i = 0; i < names.size() && i < viewColumns.size(); i++) names.set(i, viewColumns.get(i));
        }
        return new Simple(base, baseName, names, expressions, updatable, q.node("whereClause"));
    }

    private static Node columnRef(String column) {
        return Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(column)))).set("location", -1L);
    }

    /** The view's columns and whether each is updatable, by name (information_schema.columns). */
    public static Map<String, Boolean> updatableColumns(Simple s) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (int i = 0; i < s.columns().size(); i++) out.put(s.columns().get(i), s.updatable().get(i));
        return out;
    }
}
