package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement with FETCH … WITH TIES whose rows are made after the point where QUALIFY ranks them
 * (DISTINCT, DISTINCT ON, UNION/INTERSECT/EXCEPT, VALUES) turned, in place, into a SELECT over its
 * finished rows: {@code SELECT c1 AS a, c2 AS b FROM (statement without ORDER BY, OFFSET, FETCH) AS
 * pgwire_ties(c1, c2) ORDER BY …}, each sort key the result column it is (PostgreSQL requires that
 * of these statements: a position, a result column's name, or an expression of the select list).
 * {@link WithTies} then ranks the outer SELECT. The result columns keep their names, types and order.
 */
final class TiedRows {
    private TiedRows() {}

    private static final String RELATION = "pgwire_ties";

    static void wrap(Node s) {
        Node leftmost = s;
        while (leftmost.node("larg") != null) leftmost = leftmost.node("larg");
        List<String> names = new ArrayList<>();
        List<Node> values = new ArrayList<>(); // the select list's expressions, where there is one
        if (!leftmost.list("valuesLists").isEmpty()) {
            int width = leftmost.list("valuesLists").get(0).list("items").size();
            for (int i = 1; i <= width; i++) {
                names.add("column" + i);
                values.add(null);
            }
        } else {
            for (Node t : leftmost.list("targetList")) {
                Node val = t.node("val");
                if (val == null || val.is("ColumnRef") && !val.list("fields").isEmpty()
                        && val.list("fields").get(val.list("fields").size() - 1).is("A_Star")) {
                    throw unsupported();
                }
                names.add(t.has("name") ? t.str("name") : ColumnNames.nameOf(val));
                values.add(s == leftmost ? val : null);
            }
        }
        List<Node> keys = new ArrayList<>();
        for (Node sortBy : s.list("sortClause")) {
            int column = column(sortBy.node("node"), names, values);
            if (column < 0 && s != leftmost) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause")
                        .withDetail("Only result column names can be used, not expressions or functions.");
            }
            if (column < 0) {
                PgException e = new PgException("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
                Node at = sortBy.node("node");
                throw at.has("location") && at.location() >= 0 ? e.withPosition(at.location() + 1) : e;
            }
            Node key = sortBy.copy();
            key.set("node", ref("c" + (column + 1)));
            keys.add(key);
        }
        Node inner = s.copy();
        for (String field : new String[] {"sortClause", "limitCount", "limitOffset", "limitOption", "withClause", "lockingClause",
                WithTies.QUALIFY}) {
            inner.set(field, null);
        }
        inner.set("limitOption", "LIMIT_OPTION_DEFAULT");
        List<Node> aliasNames = new ArrayList<>();
        List<Node> targets = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            aliasNames.add(Node.string("c" + (i + 1)));
            targets.add(Node.of("ResTarget").set("name", names.get(i)).set("val", ref("c" + (i + 1))));
        }
        Node from = Node.of("RangeSubselect").set("subquery", inner)
                .set("alias", Node.of("Alias").set("aliasname", RELATION).set("colnames", aliasNames));
        Node with = s.node("withClause");
        Node count = s.node("limitCount");
        Node offset = s.node("limitOffset");
        for (String field : new ArrayList<>(s.fields().keySet())) s.set(field, null);
        s.set("targetList", targets).set("fromClause", new ArrayList<>(List.of(from))).set("sortClause", keys)
                .set("limitCount", count).set("limitOffset", offset).set("limitOption", "LIMIT_OPTION_WITH_TIES")
                .set("op", "SETOP_NONE").set("withClause", with);
    }

    /** The result column (from 0) a sort key is, or -1. */
    private static int column(Node key, List<String> names, List<Node> values) {
        if (key.is("A_Const") && key.has("ival")) {
            long position = key.node("ival").num("ival");
            return position >= 1 && position <= names.size() ? (int) position - 1 : -1;
        }
        if (key.is("ColumnRef") && key.list("fields").size() == 1 && key.list("fields").get(0).is("String")) {
            int at = names.indexOf(key.names("fields").get(0));
            if (at >= 0 && names.lastIndexOf(key.names("fields").get(0)) == at) return at;
        }
        String shape = shape(key);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && shape(values.get(i)).equals(shape)) return i;
        }
        return -1;
    }

    /** An expression's tree without its source positions, to compare two expressions. */
    private static String shape(Node e) {
        Node copy = e.copy();
        TreeWalker.forEachNode(copy, n -> n.set("location", null));
        copy.set("location", null);
        return copy.toString();
    }

    private static Node ref(String column) {
        return Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(RELATION), Node.string(column))));
    }

    private static PgException unsupported() {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                "FETCH FIRST … WITH TIES over DISTINCT or a set operation is not supported with * in the select list");
    }
}
