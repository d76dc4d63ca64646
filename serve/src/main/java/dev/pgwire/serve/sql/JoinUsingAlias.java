package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code JOIN … USING (cols) AS alias} (PostgreSQL 14): the alias names the join's merged USING
 * columns, and only those. DuckDB's grammar lacks it, so each {@code alias.col} becomes the merged
 * column itself — the left side's column of an inner or left join, the right side's of a right
 * join, the unqualified merged column of a full join (DuckDB's, as PostgreSQL's, is the COALESCE
 * of both) — and {@code alias.*} those columns in order. Any other column of the alias is
 * PostgreSQL's 42703.
 */
final class JoinUsingAlias {
    private JoinUsingAlias() {}

    /** Rewrites every SELECT of the statement whose FROM has a join with a USING alias. */
    static void apply(Node tree) {
        List<Node[]> found = new ArrayList<>(); // {select, join}
        TreeWalker.forEachNode(tree, n -> {
            if (!n.is("SelectStmt")) return;
            for (Node item : n.list("fromClause")) collect(n, item, found);
        });
        for (Node[] pair : found) rewrite(pair[0], pair[1]);
    }

    private static void collect(Node select, Node item, List<Node[]> found) {
        if (item == null || !item.is("JoinExpr")) return;
        if (item.has("join_using_alias")) found.add(new Node[] {select, item});
        collect(select, item.node("larg"), found);
        collect(select, item.node("rarg"), found);
    }

    private static void rewrite(Node select, Node join) {
        String alias = join.node("join_using_alias").str("aliasname");
        List<String> columns = join.names("usingClause");
        String jointype = join.str("jointype");
        String side = switch (jointype) {
            case "JOIN_INNER", "JOIN_LEFT" -> relationName(join.node("larg"));
            case "JOIN_RIGHT" -> relationName(join.node("rarg"));
            default -> null;
        };
        join.set("join_using_alias", null);
        Rewrites.replaceExpressions(select, n -> {
            if (n.is("ResTarget") && n.node("val") != null && isAliasStar(n.node("val"), alias)) return null; // below
            if (!n.is("ColumnRef")) return null;
            List<Node> fields = n.list("fields");
            if (fields.size() != 2 || !fields.get(0).is("String") || !fields.get(0).str("sval").equals(alias)) return null;
            if (!fields.get(1).is("String")) return null;
            String column = fields.get(1).str("sval");
            if (!columns.contains(column)) {
                PgException e = new PgException(SqlState.UNDEFINED_COLUMN, "column " + alias + "." + column + " does not exist");
                throw n.has("location") ? e.withPosition(n.location() + 1) : e;
            }
            return merged(side, column, n);
        });
        List<Node> targets = select.list("targetList");
        for (int i = 0; i < targets.size(); i++) {
            Node val = targets.get(i).node("val");
            if (val == null || !isAliasStar(val, alias)) continue;
            targets.remove(i);
            for (int k = 0; k < columns.size(); k++) {
                targets.add(i + k, Node.of("ResTarget").set("val", merged(side, columns.get(k), val)).set("location", val.location()));
            }
        }
    }

    private static boolean isAliasStar(Node val, String alias) {
        List<Node> fields = val.is("ColumnRef") ? val.list("fields") : List.of();
        return fields.size() == 2 && fields.get(0).is("String") && fields.get(0).str("sval").equals(alias) && fields.get(1).is("A_Star");
    }

    private static Node merged(String side, String column, Node at) {
        List<Node> fields = new ArrayList<>();
        if (side != null) fields.add(Node.string(side));
        fields.add(Node.string(column));
        return Node.of("ColumnRef").set("fields", fields).set("location", at.location());
    }

    /** The name a FROM item is referred to by, or null when it has none (a nested join without an alias). */
    private static String relationName(Node item) {
        if (item == null) return null;
        Node alias = item.node("alias");
        if (alias != null) return alias.str("aliasname");
        return item.is("RangeVar") ? item.str("relname") : null;
    }
}
