package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SET (a, b) = (SELECT x, y FROM …)} of UPDATE and of ON CONFLICT … DO UPDATE, which DuckDB
 * does not take, as one scalar subquery per column: {@code SET a = (SELECT x FROM …), b = (SELECT y
 * FROM …)}. Each runs the same query, so each column gets the value of the same row: none when it
 * finds no row (NULL, as in PostgreSQL), and more than one is 21000 as in PostgreSQL. That holds
 * only where the query gives the same rows each time, so a query with a volatile function
 * (random(), nextval(), …) or DISTINCT, or a set operation, is refused (0A000) rather than run
 * with columns from different rows.
 */
final class RowAssignments {
    private RowAssignments() {}

    /** Rewrites the SET list of {@code stmt} (UpdateStmt) and of its ON CONFLICT (InsertStmt) in place. */
    static void apply(Node stmt) {
        split(stmt.list("targetList"));
        Node conflict = stmt.node("onConflictClause");
        if (conflict != null) split(conflict.list("targetList"));
    }

    private static void split(List<Node> targets) {
        for (Node t : targets) {
            Node val = t.node("val");
            if (val == null || !val.is("MultiAssignRef")) continue;
            Node source = val.node("source");
            if (source == null || !source.is("SubLink")) continue;
            Node select = source.node("subselect");
            check(select, (int) val.num("ncolumns"), source);
            Node one = select.copy();
            one.set("targetList", new ArrayList<>(List.of(select.list("targetList").get((int) val.num("colno") - 1).copy())));
            Node scalar = source.copy().set("subLinkType", "EXPR_SUBLINK").set("subselect", one);
            t.set("val", scalar);
        }
    }

    private static void check(Node select, int columns, Node at) {
        String refused = null;
        if (select == null || !select.is("SelectStmt") || !"SETOP_NONE".equals(select.str("op")) && !select.str("op").isEmpty()) {
            refused = "a set operation";
        } else if (select.has("distinctClause")) {
            refused = "DISTINCT";
        } else if (select.has("valuesLists")) {
            refused = "VALUES";
        } else {
            List<Node> list = select.list("targetList");
            for (Node r : list) {
                Node v = r.node("val");
                if (v != null && v.is("ColumnRef") && v.list("fields").get(v.list("fields").size() - 1).is("A_Star")) refused = "*";
            }
            if (refused == null && list.size() != columns) {
                throw new PgException(SqlState.SYNTAX_ERROR, "number of columns does not match number of values")
                        .withPosition(at.location() + 1);
            }
            boolean[] volatileCall = {false};
            TreeWalker.forEachNode(select, n -> {
                if (n.type() != null && n.is("FuncCall") && UpsertOrder.volatileCall(n)) volatileCall[0] = true;
            });
            if (volatileCall[0]) refused = "a volatile function";
        }
        if (refused != null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "SET (…) = (SELECT …) with " + refused + " in the query is not supported")
                    .withDetail("Each column is set from the query run again, which must then give the same row.")
                    .withHint("Set the columns from a join (UPDATE … FROM) instead.");
        }
    }
}
