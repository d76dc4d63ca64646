package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Row comparisons as PostgreSQL evaluates them, written out member by member: DuckDB compares
 * rows as structs, where a NULL member is a value ({@code (1, NULL) = (1, 2)} is false there, NULL
 * in PostgreSQL), and it has no comparison of a row with a subquery's row.
 *
 * <ul>
 * <li>{@code (a, b) = (c, d)} is {@code a = c AND b = d}, {@code <>} the OR of the members'
 *     {@code <>}; {@code (a, b) < (c, d)} decides on the first members that are not equal:
 *     {@code a < c OR (a = c AND b < d)}, NULL where that pair has a NULL.</li>
 * <li>{@code (a, b) IN ((1, 2), (3, 4))} is the OR of the rows' equalities, NOT IN the AND of
 *     their {@code <>}.</li>
 * <li>{@code (a, b) op (SELECT x, y …)} is a scalar subquery over that subquery's row (no row:
 *     NULL; more than one: 21000, as in PostgreSQL).</li>
 * <li>{@code (a, b) op ANY|ALL (SELECT x, y …)} other than {@code IN}, {@code = ANY} and
 *     {@code <> ALL} (which DuckDB answers as PostgreSQL does) is the OR (AND) of the
 *     comparisons with each row, NULL where none decides.</li>
 * </ul>
 * The members of the row moved into a subquery must not hold an aggregate, a window function or
 * a volatile function (which would then be computed elsewhere, or more than once): such a
 * comparison is refused with 0A000.
 */
final class RowComparisons {
    private RowComparisons() {}

    private static final Set<String> OPERATORS = Set.of("=", "<>", "<", "<=", ">", ">=");

    static void apply(Node stmt, CatalogView catalog) {
        rewrite(stmt, catalog);
    }

    /** Rewrites the comparisons under {@code n}, innermost first. */
    private static void rewrite(Node n, CatalogView catalog) {
        for (Map.Entry<String, Object> f : n.fields().entrySet()) {
            Object v = f.getValue();
            if (v instanceof Node c) {
                rewrite(c, catalog);
                Node r = replacement(c, catalog);
                if (r != null) n.set(f.getKey(), r);
            } else if (v instanceof List<?> l) {
                @SuppressWarnings("unchecked") List<Object> list = (List<Object>) l;
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Node c)) continue;
                    rewrite(c, catalog);
                    Node r = replacement(c, catalog);
                    if (r != null) list.set(i, r);
                }
            }
        }
    }

    /** What a row comparison node becomes, or null for any other node. */
    private static Node replacement(Node e, CatalogView catalog) {
        if (e.is("A_Expr") && "AEXPR_OP".equals(e.str("kind")) && e.node("lexpr") != null && e.node("lexpr").is("RowExpr")) {
            String op = operator(e.names("name"));
            Node right = e.node("rexpr");
            if (op == null || right == null) return null;
            List<Node> left = e.node("lexpr").list("args");
            if (right.is("RowExpr")) {
                List<Node> members = right.list("args");
                if (members.size() != left.size()) {
                    throw new PgException(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions").withPosition(e.location() + 1);
                }
                if (!op.equals("=") && !op.equals("<>")) movable(left, e, false);
                if (!op.equals("=") && !op.equals("<>")) movable(members, e, false);
                return fill(parse(compare(op, left.size(), i -> "pgwire_r" + i)), left, members, null, e.location());
            }
            if (right.is("SubLink") && "EXPR_SUBLINK".equals(right.str("subLinkType"))) {
                Node sub = right.node("subselect");
                columns(sub, left.size(), e, catalog);
                movable(left, e, true);
                String template = "(SELECT " + compare(op, left.size(), i -> "pgwire_row.pgwire_c" + i)
                        + " AS \"?column?\" FROM (SELECT 1) AS pgwire_row(" + names(left.size()) + "))";
                return fill(parse(template), left, null, sub, e.location());
            }
            return null;
        }
        if (e.is("A_Expr") && "AEXPR_IN".equals(e.str("kind")) && e.node("lexpr") != null && e.node("lexpr").is("RowExpr")
                && e.node("rexpr") != null && e.node("rexpr").is("List")) {
            // (a, b) IN ((1, 2), (3, 4)): the OR of the rows' equalities (NOT IN: the AND of their <>)
            List<Node> left = e.node("lexpr").list("args");
            List<Node> rows = e.node("rexpr").list("items");
            for (Node row : rows) if (!row.is("RowExpr") || row.list("args").size() != left.size()) return null;
            boolean in = "=".equals(operator(e.names("name")));
            if (rows.size() > 1) movable(left, e, false);
            Node out = null;
            for (Node row : rows) {
                Node one = fill(parse(compare(in ? "=" : "<>", left.size(), i -> "pgwire_r" + i)), left, row.list("args"), null, e.location());
                out = out == null ? one : Node.of("BoolExpr").set("boolop", in ? "OR_EXPR" : "AND_EXPR")
                        .set("args", new ArrayList<>(List.of(out, one))).set("location", e.location());
            }
            return out;
        }
        if (e.is("SubLink") && e.node("testexpr") != null && e.node("testexpr").is("RowExpr")
                && ("ANY_SUBLINK".equals(e.str("subLinkType")) || "ALL_SUBLINK".equals(e.str("subLinkType")))) {
            boolean all = e.str("subLinkType").equals("ALL_SUBLINK");
            String op = e.has("operName") ? operator(e.names("operName")) : "=";
            List<Node> left = e.node("testexpr").list("args");
            columns(e.node("subselect"), left.size(), e, catalog);
            if (op == null || op.equals("=") && !all || op.equals("<>") && all) return null; // DuckDB's IN answers as PostgreSQL's
            movable(left, e, true);
            String x = compare(op, left.size(), i -> "pgwire_row.pgwire_c" + i);
            String value = all
                    ? "CASE WHEN bool_or(NOT " + x + ") THEN false WHEN bool_or(" + x + " IS NULL) THEN NULL ELSE true END"
                    : "CASE WHEN bool_or(" + x + ") THEN true WHEN bool_or(" + x + " IS NULL) THEN NULL ELSE false END";
            String template = "(SELECT " + value + " AS \"?column?\" FROM (SELECT 1) AS pgwire_row(" + names(left.size()) + "))";
            return fill(parse(template), left, null, e.node("subselect"), e.location());
        }
        return null;
    }

    private static String operator(List<String> name) {
        if (name.isEmpty()) return null;
        if (name.size() == 2 && !name.get(0).equals("pg_catalog")) return null;
        String op = name.get(name.size() - 1);
        return OPERATORS.contains(op) ? op : null;
    }

    /**
     * The comparison of the row {@code pgwire_l1, …} with {@code right(1), …}: per PostgreSQL's
     * row comparison, the equality operators combine all members, the ordering ones decide on the
     * first unequal pair.
     */
    static String compare(String op, int n, Function<Integer, String> right) {
        StringBuilder b = new StringBuilder("(");
        if (op.equals("=") || op.equals("<>")) {
            for (int i = 1; i <= n; i++) {
                if (i > 1) b.append(op.equals("=") ? " AND " : " OR ");
                b.append("pgwire_l").append(i).append(' ').append(op).append(' ').append(right.apply(i));
            }
            return b.append(')').toString();
        }
        String strict = op.substring(0, 1);
        for (int i = 1; i < n; i++) {
            b.append("pgwire_l").append(i).append(' ').append(strict).append(' ').append(right.apply(i)).append(" OR (pgwire_l")
                    .append(i).append(" = ").append(right.apply(i)).append(" AND ");
        }
        b.append("pgwire_l").append(n).append(' ').append(op).append(' ').append(right.apply(n));
        b.append(")".repeat(n));
        return b.toString();
    }

    private static String names(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) b.append(i > 1 ? ", " : "").append("pgwire_c").append(i);
        return b.toString();
    }

    private static Node parse(String expression) {
        return PgParser.parse("SELECT " + expression).get(0).tree().list("targetList").get(0).node("val");
    }

    /**
     * The template with {@code pgwire_lN} and {@code pgwire_rN} replaced by copies of the rows'
     * members, its placeholder subquery by {@code sub}, and every position the comparison's own.
     */
    private static Node fill(Node template, List<Node> left, List<Node> right, Node sub, int location) {
        substitute(template, left, right, sub, location);
        return template; // the template is an A_Expr or BoolExpr or SubLink: never a placeholder itself
    }

    private static Object substituted(Object v, List<Node> left, List<Node> right, Node sub, int location) {
        if (!(v instanceof Node n)) return v;
        if (n.is("ColumnRef") && n.list("fields").size() == 1) {
            String name = n.names("fields").get(0);
            if (name.startsWith("pgwire_l")) return left.get(Integer.parseInt(name.substring(8)) - 1).copy();
            if (name.startsWith("pgwire_r") && right != null) return right.get(Integer.parseInt(name.substring(8)) - 1).copy();
        }
        if (n.is("RangeSubselect") && sub != null) return n.set("subquery", sub); // the subquery keeps its own positions
        substitute(n, left, right, sub, location);
        return n;
    }

    private static void substitute(Node n, List<Node> left, List<Node> right, Node sub, int location) {
        if (n.has("location")) n.set("location", location);
        for (Map.Entry<String, Object> f : List.copyOf(n.fields().entrySet())) {
            Object v = f.getValue();
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                for (Object o : l) out.add(substituted(o, left, right, sub, location));
                n.set(f.getKey(), out);
            } else if (v instanceof Node) {
                n.set(f.getKey(), substituted(v, left, right, sub, location));
            }
        }
    }

    /** The subquery's columns must be as many as the row's members (42601 otherwise); where they cannot be counted, 0A000. */
    private static void columns(Node sub, int expected, Node at, CatalogView catalog) {
        int n = count(sub);
        if (n < 0) {
            List<String> names = OutputNames.columns(sub, catalog);
            if (names != null) n = names.size();
        }
        if (n < 0) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "a row compared with a subquery that selects *")
                    .withHint("Name the subquery's columns.").withPosition(at.location() + 1);
        }
        if (n != expected) {
            throw new PgException(SqlState.SYNTAX_ERROR, n > expected ? "subquery has too many columns" : "subquery has too few columns")
                    .withPosition(at.location() + 1);
        }
    }

    private static int count(Node s) {
        while (s.node("larg") != null) s = s.node("larg");
        if (s.has("valuesLists")) return s.list("valuesLists").isEmpty() ? -1 : s.list("valuesLists").get(0).list("items").size();
        int n = 0;
        for (Node t : s.list("targetList")) {
            Node v = t.node("val");
            if (v != null && v.is("ColumnRef") && v.list("fields").get(v.list("fields").size() - 1).is("A_Star")) return -1;
            n++;
        }
        return n;
    }

    /**
     * Members written more than once (an ordering comparison) or moved into a subquery must not
     * be volatile, and moved ones must not aggregate: PostgreSQL computes them once, where they are.
     */
    private static void movable(List<Node> members, Node at, boolean moved) {
        for (Node m : members) {
            boolean[] bad = {false};
            TreeWalker.forEachNode(m, n -> {
                if (!n.is("FuncCall")) return;
                String name = Operators.lastName(n);
                if (UpsertOrder.volatileCall(n)) bad[0] = true;
                if (moved && (n.node("over") != null || n.bool("agg_star") || n.bool("agg_distinct") || n.has("agg_order")
                        || Checks.isAggregate(name))) {
                    bad[0] = true;
                }
            });
            if (bad[0]) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "a row comparison of members that are volatile or aggregate is not supported").withPosition(at.location() + 1);
            }
        }
    }
}
