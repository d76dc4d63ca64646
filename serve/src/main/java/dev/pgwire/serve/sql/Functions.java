package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.Emitter.Untranslatable;

import java.util.List;
import java.util.Map;

/**
 * Writes function calls: PostgreSQL's name of a function DuckDB spells differently, the functions
 * PostgreSQL's grammar makes of SQL syntax ({@code EXTRACT}, {@code POSITION}, {@code OVERLAY},
 * {@code TRIM}, {@code AT TIME ZONE}), aggregate decorations (DISTINCT, ORDER BY, FILTER, WITHIN
 * GROUP) and window calls. Calls whose meaning differs are rewritten before this by
 * {@link FunctionRewrites}.
 */
final class Functions {
    private Functions() {}

    /** Same meaning, another name in DuckDB. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("btrim", "trim"),
            Map.entry("strpos", "strpos"),
            Map.entry("ceiling", "ceil"),
            Map.entry("character_length", "length"),
            Map.entry("transaction_timestamp", "now"),
            Map.entry("statement_timestamp", "now"),
            Map.entry("every", "bool_and"),
            Map.entry("uuid_generate_v4", "gen_random_uuid"),
            Map.entry("json_build_object", "json_object"),
            Map.entry("jsonb_build_object", "json_object"),
            Map.entry("json_build_array", "json_array"),
            Map.entry("jsonb_build_array", "json_array"),
            Map.entry("to_jsonb", "to_json"),
            Map.entry("jsonb_array_length", "json_array_length"),
            Map.entry("json_agg", "json_group_array"),
            Map.entry("jsonb_agg", "json_group_array"),
            Map.entry("json_object_agg", "json_group_object"),
            Map.entry("jsonb_object_agg", "json_group_object"),
            Map.entry("array_cat", "list_concat"),
            Map.entry("array_append", "list_append"),
            Map.entry("array_prepend", "list_prepend"),
            Map.entry("array_position", "list_position"),
            Map.entry("timezone", "timezone"),
            Map.entry("stddev", "stddev_samp"),
            Map.entry("variance", "var_samp"));

    /** Aggregates whose DISTINCT input PostgreSQL sorts, so their results come out in order. */
    private static final java.util.Set<String> SORTED_DISTINCT = java.util.Set.of("string_agg", "array_agg", "json_agg", "jsonb_agg");

    static void write(Emitter em, Node f) {
        SqlWriter w = em.w;
        List<String> names = f.names("funcname");
        String name = names.get(names.size() - 1);
        boolean catalog = names.size() == 1 || names.get(0).equals("pg_catalog");
        List<Node> args = f.list("args");
        w.mark(f.location());
        if (catalog && f.str("funcformat").equals("COERCE_SQL_SYNTAX") && sqlSyntax(em, name, args)) return;
        if (catalog && name.equals("date_part") && f.node("over") == null && sqlSyntax(em, name, args)) return;
        if (f.bool("func_variadic")) throw new Untranslatable("VARIADIC");
        boolean namedArgs = args.stream().anyMatch(a -> a.is("NamedArgExpr"));
        if (namedArgs && catalog && names.size() == 2) throw new Untranslatable("named argument");
        if (catalog) {
            w.append(SqlWriter.quoteFunction(RENAMED.getOrDefault(name, name)));
        } else {
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) w.append('.');
                w.append(SqlWriter.quoteFunction(names.get(i)));
            }
        }
        w.append('(');
        if (f.bool("agg_star")) {
            w.append('*');
        } else {
            if (f.bool("agg_distinct")) w.append("DISTINCT ");
            if (namedArgs) {
                // f(a => 1): a SQL function's parameter by name, DuckDB's macro notation a := 1
                for (int i = 0; i < args.size(); i++) {
                    if (i > 0) w.append(", ");
                    Node a = args.get(i);
                    if (a.is("NamedArgExpr")) {
                        w.ident(a.str("name")).append(" := ");
                        em.expr(a.node("arg"));
                    } else {
                        em.expr(a);
                    }
                }
            } else {
                em.exprList(args);
            }
            if (f.has("agg_order") && !f.bool("agg_within_group")) {
                w.append(" ORDER BY ");
                orderList(em, f.list("agg_order"));
            } else if (f.bool("agg_distinct") && catalog && SORTED_DISTINCT.contains(name) && !args.isEmpty() && f.node("over") == null) {
                // PostgreSQL sorts a DISTINCT aggregate's input: the values come out in order (DuckDB's in hash order)
                w.append(" ORDER BY ");
                em.expr(args.get(0));
            }
        }
        w.append(')');
        if (f.bool("agg_within_group")) {
            w.append(" WITHIN GROUP (ORDER BY ");
            List<Node> order = f.list("agg_order");
            if (catalog && name.equals("percentile_cont") && order.size() == 1 && order.get(0).node("node") != null) {
                // percentile_cont interpolates in double precision (PostgreSQL has float8 and interval forms only)
                Node sort = order.get(0).copy();
                sort.set("node", Expressions.duckDb("CAST({0} AS DOUBLE)", sort.node("node")));
                order = List.of(sort);
            }
            orderList(em, order);
            w.append(')');
        }
        if (f.node("agg_filter") != null) {
            w.append(" FILTER (WHERE ");
            em.expr(f.node("agg_filter"));
            w.append(')');
        }
        Node over = f.node("over");
        if (over != null) {
            w.append(" OVER ");
            boolean named = !over.str("name").isEmpty() && !over.has("partitionClause") && !over.has("orderClause")
                    && (over.num("frameOptions") & WindowFrame.NONDEFAULT) == 0;
            if (named) w.ident(over.str("name")); else em.windowSpecOf(over);
        }
    }

    private static void orderList(Emitter em, List<Node> sorts) {
        for (int i = 0; i < sorts.size(); i++) {
            if (i > 0) em.w.append(", ");
            em.sortItem(sorts.get(i));
        }
    }

    /** Functions PostgreSQL's grammar makes of SQL syntax; false when the call is an ordinary one. */
    private static boolean sqlSyntax(Emitter em, String name, List<Node> args) {
        SqlWriter w = em.w;
        switch (name) {
            case "extract" -> {
                DateParts.extract(em, args.get(0), args.get(1));
                return true;
            }
            case "date_part" -> {
                Node part = args.size() == 2 ? DateParts.datePart(args.get(0), args.get(1)) : null;
                if (part == null) return false;
                em.expr(part);
                return true;
            }
            case "position" -> {
                w.append("strpos(");
                em.expr(args.get(0));
                w.append(", ");
                em.expr(args.get(1));
                w.append(')');
                return true;
            }
            case "overlay" -> {
                Node length = args.size() > 3 ? args.get(3) : null;
                em.expr(Expressions.duckDb(length == null
                                ? "(substr({0}, 1, {2} - 1) || {1} || substr({0}, {2} + length({1})))"
                                : "(substr({0}, 1, {2} - 1) || {1} || substr({0}, {2} + {3}))",
                        args.get(0), args.get(1), args.get(2), length == null ? args.get(1) : length));
                return true;
            }
            case "btrim", "ltrim", "rtrim" -> {
                w.append(name.equals("btrim") ? "trim" : name).append('(');
                em.exprList(args);
                w.append(')');
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
