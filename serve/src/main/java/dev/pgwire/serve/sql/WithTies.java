package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code FETCH FIRST n ROWS WITH TIES}, which DuckDB's grammar lacks: the rows whose rank in the
 * statement's own ORDER BY is at most offset + n, as DuckDB's QUALIFY keeps them, then the OFFSET
 * as written. A row ranks 1 + the number of rows sorting before it, so the n-th row after the
 * offset and every row tied with it are kept and nothing after them. The result columns, their
 * types and their order are the statement's own. A count PostgreSQL refuses is its 2201W (NULL
 * while translating, a negative value when the statement runs). A statement whose rows are made
 * after a QUALIFY would rank them (DISTINCT, a set operation) is ranked over its finished rows
 * ({@link TiedRows}).
 */
final class WithTies {
    private WithTies() {}

    /** The field of a SelectStmt holding the QUALIFY condition {@link Emitter} writes. */
    static final String QUALIFY = "pgwire_qualify";

    /** Rewrites every SELECT of the statement that has FETCH … WITH TIES. */
    static void apply(Node tree) {
        List<Node> selects = new ArrayList<>();
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("SelectStmt") && "LIMIT_OPTION_WITH_TIES".equals(n.str("limitOption"))) selects.add(n);
        });
        for (Node s : selects) rewrite(s);
    }

    private static void rewrite(Node s) {
        Node count = s.node("limitCount");
        if (count == null) return;
        if (count.is("A_Const") && count.bool("isnull")) {
            throw new PgException("2201W", "row count cannot be null in FETCH FIRST ... WITH TIES clause");
        }
        boolean setOperation = !s.str("op").isEmpty() && !s.str("op").equals("SETOP_NONE");
        if (setOperation || s.has("distinctClause") || s.has("valuesLists")) {
            // rows made after ranking would see them (DISTINCT, UNION): ranked over the finished rows
            TiedRows.wrap(s);
        }
        List<Node> order = new ArrayList<>();
        for (Node sortBy : s.list("sortClause")) {
            Node key = sortBy.copy();
            key.set("node", outputColumn(s, sortBy.node("node")));
            order.add(key);
        }
        Node rank = Node.of("FuncCall").set("funcname", new ArrayList<>(List.of(Node.string("rank"))))
                .set("over", Node.of(null).set("orderClause", order).set("frameOptions", 1058L));
        Node offset = s.node("limitOffset");
        String bound = "(CASE WHEN {1} < 0 THEN error('[pgwire:2201W] LIMIT must not be negative') ELSE {1} END"
                + (offset == null ? "" : " + coalesce({2}, 0)") + ")";
        Node qualify = offset == null ? Expressions.duckDb("{0} <= " + bound, rank, count)
                : Expressions.duckDb("{0} <= " + bound, rank, count, offset.copy());
        s.set(QUALIFY, qualify);
        s.set("limitCount", null);
        s.set("limitOption", "LIMIT_OPTION_DEFAULT");
    }

    /**
     * A sort key as the expression it stands for: ORDER BY 2 is the second result column, ORDER
     * BY a name one result column has is that column (PostgreSQL looks at the result's names
     * first); the window's ORDER BY sees only the query's input columns.
     */
    private static Node outputColumn(Node s, Node key) {
        List<Node> targets = s.list("targetList");
        if (key.is("A_Const") && key.has("ival")) {
            long position = key.node("ival").num("ival");
            if (position >= 1 && position <= targets.size() && targets.get((int) position - 1).node("val") != null) {
                return targets.get((int) position - 1).node("val").copy();
            }
            return key;
        }
        if (key.is("ColumnRef") && key.list("fields").size() == 1 && key.list("fields").get(0).is("String")) {
            String name = key.names("fields").get(0);
            Node match = null;
            for (Node t : targets) {
                if (name.equals(t.str("name"))) {
                    if (match != null) return key; // two result columns of that name: PostgreSQL's 42702 follows
                    match = t;
                }
            }
            if (match != null && match.node("val") != null) return match.node("val").copy();
        }
        return key;
    }
}
