package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * The SEARCH and CYCLE clauses of a recursive query (PostgreSQL 14), which DuckDB's grammar lacks,
 * written out as the columns PostgreSQL's rewriter adds to the query's two terms:
 * <ul>
 * <li>{@code SEARCH DEPTH FIRST BY c SET s}: s is the list of the c values from the root down to
 *     the row ({@code [{c}]}, then the parent's s with the row's own appended), so ordering by s
 *     visits each subtree before the next sibling;</li>
 * <li>{@code SEARCH BREADTH FIRST BY c SET s}: s is (depth, c), depth 0 for the first rows and the
 *     parent's + 1 after, so ordering by s goes level by level;</li>
 * <li>{@code CYCLE c SET mark [TO v DEFAULT d] USING path}: path lists the c values from the root,
 *     mark is v where the row's c was on its parent's path (and the recursion stops below it), d
 *     otherwise.</li>
 * </ul>
 * The added columns are DuckDB lists of structs and structs, which compare as PostgreSQL's record
 * arrays and records do (element by element, field by field) and show as they do.
 */
final class RecursiveSearch {
    private RecursiveSearch() {}

    /** Rewrites the common table expressions of {@code tree} that have SEARCH or CYCLE. */
    static void apply(Node tree) {
        List<Node> ctes = new ArrayList<>();
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("CommonTableExpr") && (n.has("search_clause") || n.has("cycle_clause"))) ctes.add(n);
        });
        for (Node cte : ctes) rewrite(cte);
    }

    private static void rewrite(Node cte) {
        Node query = cte.node("ctequery");
        Node first = query == null ? null : query.node("larg");
        Node recursive = query == null ? null : query.node("rarg");
        if (first == null || recursive == null || !isPlain(first) || !isPlain(recursive)
                || !query.str("op").equals("SETOP_UNION")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "SEARCH and CYCLE are supported only on a recursive query of the form "
                    + "non-recursive term UNION [ALL] recursive term");
        }
        List<String> names = columnNames(cte, first);
        String parent = parentName(recursive, cte.str("ctename"));
        List<Node> added = new ArrayList<>(); // {name, first value, recursive value} as ResTargets of each term
        Node search = cte.node("search_clause");
        if (search != null) {
            String seq = search.str("search_seq_column");
            List<String> by = search.names("search_col_list");
            if (search.bool("search_breadth_first")) {
                // (depth, c…) as one row: the depth first, then the columns, as PostgreSQL's row shows them
                addColumn(cte, first, recursive, seq,
                        Expressions.duckDb(row(by, "pg_depth := CAST(0 AS BIGINT), "), values(by, names, first)),
                        Expressions.duckDb(row(by, "pg_depth := " + ref(parent, seq) + ".pg_depth + 1, "), values(by, names, recursive)));
            } else {
                addColumn(cte, first, recursive, seq,
                        Expressions.duckDb("[" + row(by, names, first) + "]", values(by, names, first)),
                        Expressions.duckDb("list_append(" + ref(parent, seq) + ", " + row(by, names, recursive) + ")", values(by, names, recursive)));
            }
        }
        Node cycle = cte.node("cycle_clause");
        if (cycle != null) {
            List<String> by = cycle.names("cycle_col_list");
            String mark = cycle.str("cycle_mark_column");
            String path = cycle.str("cycle_path_column");
            Node value = cycle.node("cycle_mark_value");
            Node fallback = cycle.node("cycle_mark_default");
            Node onPath = Expressions.duckDb("list_contains(" + ref(parent, path) + ", " + row(by, names, recursive) + ")",
                    values(by, names, recursive));
            Node markNow = Node.of("CaseExpr").set("args", new ArrayList<>(List.of(Node.of("CaseWhen").set("expr", onPath)
                    .set("result", value.copy())))).set("defresult", fallback.copy());
            addColumn(cte, first, recursive, mark, fallback.copy(), markNow);
            addColumn(cte, first, recursive, path,
                    Expressions.duckDb("[" + row(by, names, first) + "]", values(by, names, first)),
                    Expressions.duckDb("list_append(" + ref(parent, path) + ", " + row(by, names, recursive) + ")", values(by, names, recursive)));
            // the recursion stops below a row that closed a cycle
            Node notMarked = Node.of("A_Expr").set("kind", "AEXPR_OP").set("name", new ArrayList<>(List.of(Node.string("<>"))))
                    .set("lexpr", Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(parent), Node.string(mark)))))
                    .set("rexpr", value.copy());
            Node where = recursive.node("whereClause");
            recursive.set("whereClause", where == null ? notMarked
                    : Node.of("BoolExpr").set("boolop", "AND_EXPR").set("args", new ArrayList<>(List.of(where, notMarked))));
        }
        cte.set("search_clause", null);
        cte.set("cycle_clause", null);
    }

    private static boolean isPlain(Node s) {
        return (s.str("op").isEmpty() || s.str("op").equals("SETOP_NONE")) && s.has("targetList") && !s.has("valuesLists");
    }

    /** The query's column names: the CTE's column list, or the names of the first term's columns. */
    private static List<String> columnNames(Node cte, Node first) {
        if (cte.has("aliascolnames")) return cte.names("aliascolnames");
        List<String> names = new ArrayList<>();
        for (Node t : first.list("targetList")) names.add(t.has("name") ? t.str("name") : ColumnNames.nameOf(t.node("val")));
        return names;
    }

    /** How the recursive term refers to the rows of the previous step: the CTE's alias in its FROM, or its name. */
    private static String parentName(Node recursive, String cteName) {
        String[] found = {null};
        TreeWalker.forEachNode(Node.of("List").set("items", recursive.list("fromClause")), n -> {
            if (found[0] == null && n.is("RangeVar") && n.str("relname").equals(cteName) && n.str("schemaname").isEmpty()) {
                found[0] = n.node("alias") != null ? n.node("alias").str("aliasname") : cteName;
            }
        });
        if (found[0] == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the recursive term of a query with SEARCH or CYCLE must read \""
                    + cteName + "\" in its FROM clause");
        }
        return found[0];
    }

    /** The struct of the named columns' values in one term, with placeholders {0}, {1}, …. */
    private static String row(List<String> by, List<String> names, Node term) {
        return row(by, "");
    }

    /** The same, its fields after {@code leading} (fields of its own, each followed by ", "). */
    private static String row(List<String> by, String leading) {
        StringBuilder s = new StringBuilder("struct_pack(").append(leading);
        for (int i = 0; i < by.size(); i++) {
            if (i > 0) s.append(", ");
            s.append(SqlWriter.quoteIdent("pg_" + i)).append(" := {").append(i).append('}');
        }
        return s.append(')').toString();
    }

    private static Node[] values(List<String> by, List<String> names, Node term) {
        Node[] out = new Node[by.size()];
        List<Node> targets = term.list("targetList");
        for (int i = 0; i < by.size(); i++) {
            int at = names.indexOf(by.get(i));
            if (at < 0 || at >= targets.size()) {
                throw new PgException(SqlState.UNDEFINED_COLUMN, (by.size() > 0 ? "search column" : "column") + " \"" + by.get(i)
                        + "\" not in WITH query column list");
            }
            out[i] = targets.get(at).node("val").copy();
        }
        return out;
    }

    private static String ref(String relation, String column) {
        return SqlWriter.quoteIdent(relation) + "." + SqlWriter.quoteIdent(column);
    }

    private static void addColumn(Node cte, Node first, Node recursive, String name, Node firstValue, Node recursiveValue) {
        first.list("targetList").add(Node.of("ResTarget").set("name", name).set("val", firstValue));
        recursive.list("targetList").add(Node.of("ResTarget").set("name", name).set("val", recursiveValue));
        if (cte.has("aliascolnames")) cte.list("aliascolnames").add(Node.string(name));
    }
}
