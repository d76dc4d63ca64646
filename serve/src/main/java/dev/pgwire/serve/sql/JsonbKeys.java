package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.TypeResolver.Col;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * jsonb in ORDER BY, GROUP BY and DISTINCT, ordered and compared as PostgreSQL's jsonb_cmp does
 * (not as DuckDB compares JSON text): each jsonb sort or grouping expression becomes its
 * {@code pg_jsonb_sort_key}, a text whose byte order is jsonb's order and which is equal for
 * equal values ({@code 1} and {@code 1.0}). A grouped jsonb expression that the select list,
 * HAVING or ORDER BY shows is shown as {@code any_value} of its group, and a plain DISTINCT over
 * jsonb columns becomes DISTINCT ON their keys.
 */
final class JsonbKeys {
    /** Aggregates: a grouped expression inside one is a value of the group's rows, not the group's. */
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "string_agg", "array_agg",
            "bool_and", "bool_or", "every", "any_value", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg",
            "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "bit_and", "bit_or", "list", "first",
            "last", "mode", "percentile_cont", "percentile_disc", "json_group_array", "json_group_object");

    private final TypeResolver types;

    JsonbKeys(TypeResolver types) {
        this.types = types;
    }

    /** Applies the keys to a SELECT whose expressions are rewritten already. */
    void apply(Node s, Scope scope) {
        List<Node> targets = s.list("targetList");
        List<Node> grouped = group(s, scope, targets);
        if (!grouped.isEmpty()) {
            for (Node t : targets) {
                Node val = t.node("val");
                Node shown = showGrouped(val, grouped);
                if (shown != val && val.is("ColumnRef") && !t.has("name")) t.set("name", last(val));
                t.set("val", shown);
            }
            if (s.node("havingClause") != null) s.set("havingClause", showGrouped(s.node("havingClause"), grouped));
            for (Node sort : s.list("sortClause")) sort.set("node", showGrouped(sort.node("node"), grouped));
        }
        distinct(s, scope, targets);
        sortItems(s.list("sortClause"), scope, targets);
    }

    /**
     * UNION, INTERSECT and EXCEPT: json has no equality, so only their ALL forms take it (42883);
     * an untyped constant beside a jsonb column is jsonb, in its normal form, so that equal values
     * meet as equal texts; ORDER BY a jsonb output column orders by its key.
     */
    void setOperation(Node s, Scope scope) {
        List<Col> left = types.select(s.node("larg"), scope);
        List<Col> right = types.select(s.node("rarg"), scope);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            SqlType a = left.get(i).type();
            SqlType b = right.get(i).type();
            if (!s.bool("all") && (isJson(a) || isJson(b))) throw noEquality();
            if (isJsonb(a)) normalise(s.node("rarg"), i);
            if (isJsonb(b)) normalise(s.node("larg"), i);
        }
        for (Node sort : s.list("sortClause")) {
            Node item = sort.node("node");
            int column = -1;
            if (isPosition(item)) {
                column = (int) item.node("ival").num("ival") - 1;
            } else if (item.is("ColumnRef") && item.list("fields").size() == 1 && item.list("fields").get(0).is("String")) {
                for (int i = 0; i < left.size(); i++) if (left.get(i).name().equals(last(item))) column = i;
            }
            if (column < 0 || column >= left.size() || left.get(column).name() == null) continue;
            if (isJson(left.get(column).type())) {
                throw new PgException(SqlState.UNDEFINED_FUNCTION, "could not identify an ordering operator for type json")
                        .withHint("Use an explicit ordering operator or modify the query.");
            }
            if (!isJsonb(left.get(column).type()) || left.get(column).name().equals("?column?")) continue;
            Node ref = Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(left.get(column).name()))));
            sort.set("node", key(ref));
        }
    }

    /** The string constant (untyped: it takes the other branch's type) at column {@code i} of a set operation's branch, as jsonb. */
    private void normalise(Node branch, int i) {
        List<Node> targets = branch.list("targetList");
        if (branch.node("larg") != null || i >= targets.size()) return;
        Node value = targets.get(i).node("val");
        if (value == null || !value.is("A_Const") || !value.has("sval")) return;
        Node jsonb = Expressions.duckDb("CAST(pg_jsonb_out(CAST({0} AS VARCHAR)) AS JSON)", value);
        types.assume(jsonb, SqlType.JSONB);
        targets.get(i).set("val", jsonb);
    }

    private static boolean isJsonb(SqlType t) {
        return t != null && !t.isArray() && t.name().equals("jsonb");
    }

    private static boolean isJson(SqlType t) {
        return t != null && !t.isArray() && t.name().equals("json");
    }

    /** ORDER BY items (of a query, or of an aggregate when {@code targets} is null) that order jsonb. */
    void sortItems(List<Node> sorts, Scope scope, List<Node> targets) {
        for (Node sort : sorts) {
            Node node = sort.node("node");
            Node target = targets == null ? null : outputColumn(node, targets);
            Node expr = target != null ? target.copy() : node;
            Node typed = target != null ? target : node;
            if (isJson(typed, scope)) {
                throw new PgException(SqlState.UNDEFINED_FUNCTION, "could not identify an ordering operator for type json")
                        .withHint("Use an explicit ordering operator or modify the query.");
            }
            if (isJsonb(typed, scope)) sort.set("node", key(expr));
        }
    }

    /** Replaces jsonb GROUP BY items by their keys; returns the grouped expressions (to be shown per group). */
    private List<Node> group(Node s, Scope scope, List<Node> targets) {
        List<Node> grouped = new ArrayList<>();
        List<Node> items = s.list("groupClause");
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (item.is("GroupingSet")) continue;
            Node expr = item;
            if (isPosition(item)) {
                expr = targetAt(item, targets);
            } else if (item.is("ColumnRef") && item.list("fields").size() == 1 && scope.resolve(item.names("fields")) == null) {
                Node t = byName(last(item), targets); // GROUP BY prefers the input column, then an output column
                if (t != null) expr = t;
            }
            if (expr != null && isJson(expr, scope)) throw noEquality();
            if (expr == null || !isJsonb(expr, scope)) continue;
            grouped.add(expr.copy());
            items.set(i, key(expr.copy()));
        }
        return grouped;
    }

    /** A plain DISTINCT over jsonb becomes DISTINCT ON all the columns, the jsonb ones by their keys. */
    private void distinct(Node s, Scope scope, List<Node> targets) {
        if (!s.has("distinctClause")) return;
        List<Node> on = s.list("distinctClause");
        boolean plain = on.size() == 1 && on.get(0).fields().isEmpty();
        if (!plain) {
            for (int i = 0; i < on.size(); i++) {
                Node target = outputColumn(on.get(i), targets);
                Node expr = target != null ? target.copy() : on.get(i);
                if (isJson(target != null ? target : on.get(i), scope)) throw noEquality();
                if (isJsonb(target != null ? target : on.get(i), scope)) on.set(i, key(expr));
            }
            return;
        }
        boolean any = false;
        for (Node t : targets) {
            Node val = t.node("val");
            if (val == null || val.is("ColumnRef") && val.list("fields").get(val.list("fields").size() - 1).is("A_Star")) return;
            if (isJson(val, scope)) throw noEquality();
            if (isJsonb(val, scope)) any = true;
        }
        if (!any) return;
        List<Node> keys = new ArrayList<>();
        for (Node t : targets) keys.add(isJsonb(t.node("val"), scope) ? key(t.node("val").copy()) : t.node("val").copy());
        s.set("distinctClause", keys);
    }

    /** The grouped expressions in {@code e} (outside aggregates and subqueries) as {@code any_value} of their group. */
    private Node showGrouped(Node e, List<Node> grouped) {
        if (e == null) return null;
        for (Node g : grouped) {
            if (same(e, g)) {
                Node n = Expressions.duckDb("any_value({0})", e);
                types.assume(n, SqlType.JSONB);
                return n;
            }
        }
        if (e.is("SubLink") || (e.is("FuncCall") && isAggregate(e))) return e;
        for (String field : new ArrayList<>(e.fields().keySet())) {
            Object v = e.get(field);
            if (v instanceof Node child) {
                e.set(field, showGrouped(child, grouped));
            } else if (v instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) out.add(o instanceof Node child ? showGrouped(child, grouped) : o);
                e.set(field, out);
            }
        }
        return e;
    }

    private static boolean isAggregate(Node f) {
        return AGGREGATES.contains(Operators.lastName(f)) || f.bool("agg_star") || f.bool("agg_distinct") || f.has("agg_order")
                || f.node("agg_filter") != null || f.node("over") != null;
    }

    private boolean isJsonb(Node e, Scope scope) {
        SqlType t = types.type(e, scope);
        return t != null && !t.isArray() && t.name().equals("jsonb");
    }

    /** json has no equality and no order (its text is kept as written). */
    private boolean isJson(Node e, Scope scope) {
        SqlType t = types.type(e, scope);
        return t != null && !t.isArray() && t.name().equals("json");
    }

    private static PgException noEquality() {
        return new PgException(SqlState.UNDEFINED_FUNCTION, "could not identify an equality operator for type json");
    }

    private Node key(Node e) {
        Node n = Expressions.duckDb("pg_jsonb_sort_key({0})", e);
        types.assume(n, SqlType.TEXT);
        return n;
    }

    /** The select-list expression an ORDER BY or DISTINCT ON item names by position or output name, or null. */
    private static Node outputColumn(Node item, List<Node> targets) {
        if (isPosition(item)) return targetAt(item, targets);
        if (item.is("ColumnRef") && item.list("fields").size() == 1 && item.list("fields").get(0).is("String")) {
            return byName(last(item), targets);
        }
        return null;
    }

    private static boolean isPosition(Node item) {
        return item.is("A_Const") && item.has("ival");
    }

    private static Node targetAt(Node position, List<Node> targets) {
        long k = position.node("ival").num("ival");
        return k >= 1 && k <= targets.size() ? targets.get((int) k - 1).node("val") : null;
    }

    private static Node byName(String name, List<Node> targets) {
        for (Node t : targets) {
            Node val = t.node("val");
            String shown = t.has("name") ? t.str("name") : val != null && val.is("ColumnRef") ? last(val) : null;
            if (name.equals(shown)) return val;
        }
        return null;
    }

    private static String last(Node columnRef) {
        List<String> names = columnRef.names("fields");
        return names.get(names.size() - 1);
    }

    /** Whether two trees are the same expression (source positions aside). */
    static boolean same(Object a, Object b) {
        if (a instanceof Node x && b instanceof Node y) {
            if (!Objects.equals(x.type(), y.type())) return false;
            Map<String, Object> fx = x.fields();
            Map<String, Object> fy = y.fields();
            for (String k : fx.keySet()) if (!k.equals("location") && !same(fx.get(k), fy.get(k))) return false;
            for (String k : fy.keySet()) if (!k.equals("location") && !fx.containsKey(k)) return false;
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i))) return false;
            return true;
        }
        return Objects.equals(a, b);
    }
}
