package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Result column names by PostgreSQL's rules ({@code FigureColname} in PostgreSQL's
 * parse_target.c): a column reference gives its name, a function call the function's name, a cast
 * of something nameless the type's name, CASE gives {@code case}, and anything else
 * {@code ?column?}. The names are set on the tree's targets as aliases before rewriting, so the
 * names come from what the client wrote and DuckDB reports them unchanged. VALUES lists get
 * PostgreSQL's {@code column1}, {@code column2}, …. A system column (xmin, tableoid) is named too: it
 * is answered by an expression.
 */
final class ColumnNames {
    private ColumnNames() {}

    static final String NAMELESS = "?column?";

    /** Names every unnamed target of every SELECT and RETURNING list in the tree. */
    static void assign(Node tree) {
        if (tree.is("SelectStmt") && tree.has("valuesLists")) bareValues(tree);
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("SelectStmt") || (n.type() == null && n.has("targetList") && n.has("op"))) {
                nameTargets(n.list("targetList"));
            }
            if (n.has("returningList")) nameTargets(n.list("returningList"));
            if (n.is("RangeSubselect")) nameValuesAlias(n);
            Node exists = n.is("SubLink") && "EXISTS_SUBLINK".equals(n.str("subLinkType")) ? n.node("subselect") : null;
            if (exists != null && exists.is("SelectStmt") && !exists.has("targetList") && !exists.has("valuesLists")
                    && "SETOP_NONE".equals(exists.str("op"))) {
                // EXISTS (SELECT FROM …): the columns do not matter, and DuckDB needs one
                Node one = Node.of("A_Const").set("ival", Node.of("Integer").set("ival", 1L));
                exists.set("targetList", new ArrayList<>(List.of(Node.of("ResTarget").set("val", one))));
            }
            Node cte = n.is("CommonTableExpr") ? n.node("ctequery") : null;
            if (cte != null && cte.is("SelectStmt") && cte.has("valuesLists") && !n.has("aliascolnames")) bareValues(cte);
        });
    }

    private static void nameTargets(List<Node> targets) {
        for (Node t : targets) {
            if (!t.is("ResTarget") || t.has("name")) continue;
            Node val = t.node("val");
            // a column keeps its own name in DuckDB too (and an alias equal to it confuses DuckDB's binder)
            if (val == null || isStar(val) || (val.is("ColumnRef") && !TypeResolver.SYSTEM_COLUMNS.containsKey(nameOf(val)))) continue;
            t.set("name", nameOf(val));
        }
    }

    /** {@code (VALUES …) AS v} without column names: PostgreSQL names them column1, column2, …. */
    /**
     * A VALUES statement as {@code SELECT * FROM (VALUES …) AS "*VALUES*"(column1, …)}, which is
     * what PostgreSQL makes of it: its columns are named column1, column2, … (DuckDB's would be
     * col0, col1, …); ORDER BY, LIMIT and OFFSET stay on the outer SELECT.
     */
    private static void bareValues(Node stmt) {
        Node values = Node.of("SelectStmt").set("valuesLists", stmt.get("valuesLists")).set("op", "SETOP_NONE")
                .set("limitOption", "LIMIT_OPTION_DEFAULT");
        stmt.set("valuesLists", null);
        Node star = Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.of("A_Star"))));
        stmt.set("targetList", new ArrayList<>(List.of(Node.of("ResTarget").set("val", star))));
        Node subselect = Node.of("RangeSubselect").set("subquery", values).set("alias", Node.of("Alias").set("aliasname", "*VALUES*"));
        stmt.set("fromClause", new ArrayList<>(List.of(subselect)));
    }

    private static void nameValuesAlias(Node rangeSubselect) {
        Node sub = rangeSubselect.node("subquery");
        Node alias = rangeSubselect.node("alias");
        if (sub == null || alias == null || alias.has("colnames") || !sub.has("valuesLists")) return;
        List<Node> rows = sub.list("valuesLists");
        if (rows.isEmpty()) return;
        int n = rows.get(0).list("items").size();
        List<Node> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) names.add(Node.string("column" + i));
        alias.set("colnames", names);
    }

    private static boolean isStar(Node val) {
        if (val.is("ColumnRef")) {
            List<Node> fields = val.list("fields");
            return !fields.isEmpty() && fields.get(fields.size() - 1).is("A_Star");
        }
        if (val.is("A_Indirection")) {
            List<Node> ind = val.list("indirection");
            return !ind.isEmpty() && ind.get(ind.size() - 1).is("A_Star");
        }
        return false;
    }

    /** PostgreSQL's name for a target expression. */
    static String nameOf(Node val) {
        String[] name = {null};
        figure(val, name);
        return name[0] == null ? NAMELESS : name[0];
    }

    /** FigureColnameInternal: sets name[0] and returns the strength of the choice (0 none, 1 weak, 2 strong). */
    private static int figure(Node n, String[] name) {
        if (n == null || n.type() == null) return 0;
        switch (n.type()) {
            case "ColumnRef" -> {
                String last = null;
                for (Node f : n.list("fields")) if (f.is("String")) last = f.str("sval");
                if (last != null) {
                    name[0] = last;
                    return 2;
                }
                return 0;
            }
            case "A_Indirection" -> {
                String last = null;
                for (Node f : n.list("indirection")) if (f.is("String")) last = f.str("sval");
                if (last != null) {
                    name[0] = last;
                    return 2;
                }
                return figure(n.node("arg"), name);
            }
            case "FuncCall" -> {
                List<String> names = n.names("funcname");
                name[0] = names.get(names.size() - 1);
                return 2;
            }
            case "A_Expr" -> {
                if (n.str("kind").equals("AEXPR_NULLIF")) {
                    name[0] = "nullif";
                    return 2;
                }
                return 0;
            }
            case "TypeCast" -> {
                int strength = figure(n.node("arg"), name);
                if (strength <= 1) {
                    List<String> names = n.node("typeName").names("names");
                    if (!names.isEmpty()) {
                        name[0] = names.get(names.size() - 1);
                        return 1;
                    }
                }
                return strength;
            }
            case "CollateClause" -> {
                return figure(n.node("arg"), name);
            }
            case "GroupingFunc" -> {
                name[0] = "grouping";
                return 2;
            }
            case "SubLink" -> {
                switch (n.str("subLinkType")) {
                    case "EXISTS_SUBLINK" -> {
                        name[0] = "exists";
                        return 2;
                    }
                    case "ARRAY_SUBLINK" -> {
                        name[0] = "array";
                        return 2;
                    }
                    case "EXPR_SUBLINK", "MULTIEXPR_SUBLINK" -> {
                        Node sub = n.node("subselect");
                        List<Node> targets = sub == null ? List.of() : firstSelect(sub).list("targetList");
                        if (!targets.isEmpty()) {
                            Node t = targets.get(0);
                            name[0] = t.has("name") ? t.str("name") : nameOf(t.node("val"));
                            return 2;
                        }
                        return 0;
                    }
                    default -> {
                        return 0;
                    }
                }
            }
            case "CaseExpr" -> {
                // named after its ELSE result when that has a name of its own (FigureColnameInternal)
                int strength = n.node("defresult") == null ? 0 : figure(n.node("defresult"), name);
                if (strength <= 1) {
                    name[0] = "case";
                    return 1;
                }
                return strength;
            }
            case "A_ArrayExpr" -> {
                name[0] = "array";
                return 2;
            }
            case "RowExpr" -> {
                name[0] = "row";
                return 2;
            }
            case "CoalesceExpr" -> {
                name[0] = "coalesce";
                return 2;
            }
            case "MinMaxExpr" -> {
                name[0] = n.str("op").equals("IS_GREATEST") ? "greatest" : "least";
                return 2;
            }
            case "SQLValueFunction" -> {
                name[0] = switch (n.str("op")) {
                    case "SVFOP_CURRENT_DATE" -> "current_date";
                    case "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N" -> "current_time";
                    case "SVFOP_CURRENT_TIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N" -> "current_timestamp";
                    case "SVFOP_LOCALTIME", "SVFOP_LOCALTIME_N" -> "localtime";
                    case "SVFOP_LOCALTIMESTAMP", "SVFOP_LOCALTIMESTAMP_N" -> "localtimestamp";
                    case "SVFOP_CURRENT_ROLE" -> "current_role";
                    case "SVFOP_CURRENT_USER" -> "current_user";
                    case "SVFOP_USER" -> "user";
                    case "SVFOP_SESSION_USER" -> "session_user";
                    case "SVFOP_CURRENT_CATALOG" -> "current_catalog";
                    case "SVFOP_CURRENT_SCHEMA" -> "current_schema";
                    default -> null;
                };
                return name[0] == null ? 0 : 2;
            }
            default -> {
                return 0;
            }
        }
    }

    /** The SELECT whose targets name a set operation's columns: its left-most branch. */
    private static Node firstSelect(Node select) {
        Node s = select;
        while (s.node("larg") != null && !s.has("targetList")) s = s.node("larg");
        return s;
    }
}
