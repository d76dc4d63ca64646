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
 * negative substring length.
 */
final class Checks {
    private Checks() {}

    static void apply(Node stmt) {
        TreeWalker.forEachNode(stmt, n -> {
            if (n.is("SelectStmt") || (n.type() == null && n.has("op") && n.has("targetList"))) {
                duplicateFromNames(n.list("fromClause"));
                distinctOrderBy(n);
            }
            if (n.is("FuncCall") && Operators.lastName(n).equals("substring") || n.is("FuncCall") && Operators.lastName(n).equals("substr")) {
                List<Node> args = n.list("args");
                if (args.size() == 3 && args.get(2).is("A_Const") && args.get(2).has("ival") && args.get(2).node("ival").num("ival") < 0) {
                    throw new PgException("22011", "negative substring length not allowed");
                }
            }
        });
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
