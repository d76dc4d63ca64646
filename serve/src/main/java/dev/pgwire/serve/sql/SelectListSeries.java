package dev.pgwire.serve.sql;

import java.util.List;

/** generate_series in the select list, marked where it returns rows (see {@link PgFunctionCalls}). */
final class SelectListSeries {
    private SelectListSeries() {}

    /**
     * generate_series inside an expression of the select list ({@code generate_series(1, 3)::text},
     * {@code format('%s', generate_series(…))}) returns rows there too, as PostgreSQL's; not inside
     * a subquery, nor where PostgreSQL refuses it (CASE, COALESCE).
     */
    static void mark(Node val) {
        java.util.ArrayDeque<Object> stack = new java.util.ArrayDeque<>();
        stack.push(val);
        while (!stack.isEmpty()) {
            Object o = stack.pop();
            if (o instanceof List<?> l) {
                for (Object item : l) if (item instanceof Node || item instanceof List<?>) stack.push(item);
                continue;
            }
            Node n = (Node) o;
            if (n.is("SubLink") || n.is("CaseExpr") || n.is("CoalesceExpr")) continue;
            if (n.is("FuncCall") && Operators.lastName(n).equals("generate_series") && !n.has("over")) n.set("selectList", true);
            for (Object v : n.fields().values()) if (v instanceof Node || v instanceof List<?>) stack.push(v);
        }
    }
}
