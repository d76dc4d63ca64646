package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules PostgreSQL checks while analysing a statement that DuckDB checks differently or not at all,
 * applied before DuckDB sees the statement so that the client gets PostgreSQL's error: a table
 * name given twice in one FROM, ORDER BY of a SELECT DISTINCT naming what is not selected, a
 * negative substring length, a window function in WHERE, HAVING or GROUP BY, an aggregate in
 * RETURNING, a scalar subquery of several columns.
 */
final class Checks {
    private Checks() {}

    static void apply(Node stmt) {
        Set<Node> rowSources = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Set<Node> conjunctions = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        TreeWalker.forEachNode(stmt, n -> {
            if (n.is("MultiAssignRef") && n.node("source") != null) rowSources.add(n.node("source"));
        });
        TreeWalker.forEachNode(stmt, n -> {
            if (n.is("SelectStmt") || (n.type() == null && n.has("op") && n.has("targetList"))) {
                duplicateFromNames(n.list("fromClause"));
                distinctOrderBy(n);
                noWindows(n.node("whereClause"), "WHERE");
                noWindows(n.node("havingClause"), "HAVING");
                for (Node g : n.list("groupClause")) noWindows(g, "GROUP BY");
            }
            if (n.is("UpdateStmt") || n.is("DeleteStmt")) noWindows(n.node("whereClause"), "WHERE");
            if (n.is("UpdateStmt")) oneAssignmentEach(n.list("targetList"));
            if (n.is("InsertStmt") && n.node("onConflictClause") != null) oneAssignmentEach(n.node("onConflictClause").list("targetList"));
            if (n.is("InsertStmt") || n.is("UpdateStmt") || n.is("DeleteStmt")) {
                for (Node r : n.list("returningList")) noAggregates(r, "RETURNING");
            }
            if (n.is("BoolExpr") && "AND_EXPR".equals(n.str("boolop")) && !conjunctions.contains(n)) {
                int terms = conjuncts(n, conjunctions);
                if (terms > MAX_AND_TERMS) {
                    throw new PgException(SqlState.STATEMENT_TOO_COMPLEX, "too many conditions joined by AND in one expression")
                            .withDetail("The expression has " + terms + "; serve takes at most " + MAX_AND_TERMS + ": DuckDB's optimizer needs"
                                    + " memory and stack that grow with the square of their number.")
                            .withHint("Write a long list of values with IN or NOT IN, or join a table of them.");
                }
            }
            if (n.is("SubLink") && "EXPR_SUBLINK".equals(n.str("subLinkType")) && !rowSources.contains(n)) oneColumn(n);
            if (n.is("FuncCall") && Operators.lastName(n).equals("substring") || n.is("FuncCall") && Operators.lastName(n).equals("substr")) {
                List<Node> args = n.list("args");
                if (args.size() == 3 && args.get(2).is("A_Const") && args.get(2).has("ival") && args.get(2).node("ival").num("ival") < 0) {
                    throw new PgException("22011", "negative substring length not allowed");
                }
            }
        });
    }

    /** UPDATE … SET a = 1, a = 2 (also ON CONFLICT … DO UPDATE): PostgreSQL's 42601 before anything runs. */
    private static void oneAssignmentEach(List<Node> targets) {
        Set<String> seen = new HashSet<>();
        for (Node res : targets) {
            if (res.has("indirection")) continue; // SET a[1] = …, a[2] = … assigns parts of one column
            String name = res.str("name");
            if (!name.isEmpty() && !seen.add(name)) {
                throw new PgException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + name + "\"");
            }
        }
    }

    /** Conditions one AND may join (nested ANDs counted with it): thousands crash the engine, and the whole server with it. */
    static final int MAX_AND_TERMS = 1000;

    /** The conditions AND {@code and} joins, those of ANDs nested in it too (which are marked in {@code counted}). */
    private static int conjuncts(Node and, Set<Node> counted) {
        counted.add(and);
        int terms = 0;
        for (Node arg : and.list("args")) {
            terms += arg.is("BoolExpr") && "AND_EXPR".equals(arg.str("boolop")) ? conjuncts(arg, counted) : 1;
        }
        return terms;
    }

    /** Aggregates by PostgreSQL's names (an aggregate of the user's is not known here). */
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "string_agg", "array_agg",
            "bool_and", "bool_or", "every", "any_value", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg",
            "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "bit_and", "bit_or", "bit_xor",
            "mode", "percentile_cont", "percentile_disc", "xmlagg", "range_agg", "corr", "covar_pop", "covar_samp",
            "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy");

    /** Whether {@code name} is one of PostgreSQL's aggregates. */
    static boolean isAggregate(String name) {
        return AGGREGATES.contains(name);
    }

    /** A window function in {@code clause} (outside its subqueries) is 42P20, as PostgreSQL refuses it. */
    private static void noWindows(Node clause, String where) {
        Node w = find(clause, n -> n.is("FuncCall") && n.node("over") != null);
        if (w != null) {
            throw new PgException("42P20", "window functions are not allowed in " + where)
                    .withPosition(w.location() + 1);
        }
    }

    /** An aggregate in {@code clause} (outside its subqueries) is 42803, as PostgreSQL refuses it. */
    private static void noAggregates(Node clause, String where) {
        Node a = find(clause, n -> n.is("FuncCall") && n.node("over") == null
                && (AGGREGATES.contains(Operators.lastName(n)) || n.bool("agg_star") || n.bool("agg_distinct")
                || n.has("agg_order") || n.node("agg_filter") != null));
        if (a != null) {
            throw new PgException("42803", "aggregate functions are not allowed in " + where)
                    .withPosition(a.location() + 1);
        }
    }

    /** The first node of {@code root} (not inside a subquery) that {@code test} holds for, or null. */
    static Node find(Node root, java.util.function.Predicate<Node> test) {
        if (root == null) return null;
        java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>(List.of(root));
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n.type() != null && test.test(n)) return n;
            if (n.type() != null && n.is("SubLink")) continue;
            for (Object v : n.fields().values()) {
                if (v instanceof Node c) stack.push(c);
                else if (v instanceof List<?> l) for (Object o : l) if (o instanceof Node c) stack.push(c);
            }
        }
        return null;
    }

    /** A scalar subquery of several columns is 42601 (a row is compared with a row subquery, not used as a value). */
    private static void oneColumn(Node sublink) {
        Node select = sublink.node("subselect");
        while (select != null && select.node("larg") != null) select = select.node("larg");
        if (select == null || select.has("valuesLists")) return;
        List<Node> targets = select.list("targetList");
        if (targets.size() < 2) return;
        for (Node t : targets) {
            Node v = t.node("val");
            if (v != null && v.is("ColumnRef") && v.list("fields").get(v.list("fields").size() - 1).is("A_Star")) return;
        }
        throw new PgException(SqlState.SYNTAX_ERROR, "subquery must return only one column").withPosition(sublink.location() + 1);
    }

    /** FROM t, t: PostgreSQL refuses the same name twice at one level (42712). */
    private static void duplicateFromNames(List<Node> from) {
        Set<String> seen = new HashSet<>();
        for (Node item : from) collectNames(item, seen);
    }

    private static void collectNames(Node item, Set<String> seen) {
        String name = null;
        if (item.is("RangeVar")) {
            name = item.node("alias") != null ? item.node("alias").str("aliasname") : item.str("relname");
        } else if ((item.is("RangeSubselect") || item.is("RangeFunction")) && item.node("alias") != null) {
            name = item.node("alias").str("aliasname");
        } else if (item.is("JoinExpr")) {
            if (item.node("alias") != null) {
                name = item.node("alias").str("aliasname");
            } else {
                collectNames(item.node("larg"), seen);
                collectNames(item.node("rarg"), seen);
                return;
            }
        }
        if (name != null && !seen.add(name)) {
            throw new PgException("42712", "table name \"" + name + "\" specified more than once");
        }
    }

    /** SELECT DISTINCT … ORDER BY x: x must be one of the selected expressions (42P10). */
    private static void distinctOrderBy(Node s) {
        List<Node> distinct = s.list("distinctClause");
        if (!(distinct.size() == 1 && distinct.get(0).fields().isEmpty())) return; // plain DISTINCT only
        for (Node sort : s.list("sortClause")) {
            Node e = sort.node("node");
            if (e == null || e.is("A_Const")) continue;
            boolean selected = false;
            for (Node t : s.list("targetList")) {
                Node val = t.node("val");
                if (val == null) continue;
                if (sameExpression(val, e)) selected = true;
                if (e.is("ColumnRef") && e.list("fields").size() == 1 && t.has("name") && t.str("name").equals(e.names("fields").get(0))) {
                    selected = true;
                }
                if (val.is("ColumnRef") && val.list("fields").get(val.list("fields").size() - 1).is("A_Star")) selected = true;
            }
            if (!selected) {
                throw new PgException("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
            }
        }
    }

    /** Whether two expressions are the same, locations aside. */
    static boolean sameExpression(Object a, Object b) {
        if (a instanceof Node x && b instanceof Node y) {
            if (!java.util.Objects.equals(x.type(), y.type())) return false;
            Set<String> keys = new HashSet<>(x.fields().keySet());
            keys.addAll(y.fields().keySet());
            keys.remove("location");
            for (String k : keys) if (!sameExpression(x.get(k), y.get(k))) return false;
            return true;
        }
        if (a instanceof List<?> l && b instanceof List<?> m) {
            if (l.size() != m.size()) return false;
            for (int i = 0; i < l.size(); i++) if (!sameExpression(l.get(i), m.get(i))) return false;
            return true;
        }
        return java.util.Objects.equals(a, b);
    }

    static PgException syntax(String message) {
        return new PgException(SqlState.SYNTAX_ERROR, message);
    }
}
