package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.PgDeparse.E;
import dev.pgwire.serve.sql.PgDeparse.Type;
import dev.pgwire.serve.sql.PgDeparse.Var;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A view's query as PostgreSQL 15's pg_get_viewdef shows it (ruleutils' get_query_def with its
 * indenting): one result column a line, each column qualified by its FROM item ({@code t.a}),
 * {@code *} written out, {@code AS} where the column's name is not the column's own, FROM, WHERE,
 * GROUP BY, HAVING, ORDER BY, OFFSET and LIMIT on lines of their own, joins with their keyword on a
 * new line, subqueries and WITH's queries indented under what holds them, UNION/INTERSECT/EXCEPT
 * between their branches; expressions (window functions too) as {@link PgDeparse} writes them. The plain form keeps every operator
 * and the join tree in parentheses, the pretty form ({@code pg_get_viewdef(v, true)}) only where
 * they are needed.
 *
 * <p>Constructs this class does not know (WITH RECURSIVE, window frames, NATURAL joins, VALUES,
 * …) give null; the view then shows its query as written.
 */
final class ViewDeparse {
    /** ruleutils' PRETTYINDENT_STD, PRETTYINDENT_JOIN and PRETTYINDENT_VAR. */
    private static final int STD = 8;
    private static final int JOIN = 4;
    private static final int VAR = 4;

    /** Not something this class can write. */
    static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    private final CatalogView catalog;
    private final boolean pretty;

    private ViewDeparse(CatalogView catalog, boolean pretty) {
        this.catalog = catalog;
        this.pretty = pretty;
    }

    /**
     * The view's query as pg_get_viewdef shows it, plain and pretty ({@link ColumnMeta#expressionPair}),
     * or null where this class cannot write it.
     *
     * @param aliases the view's column names given in CREATE VIEW (empty for none)
     */
    static String pair(Node query, List<String> aliases, CatalogView catalog) {
        try {
            String plain = new ViewDeparse(catalog, false).top(query, aliases);
            String pretty = new ViewDeparse(catalog, true).top(query, aliases);
            return ColumnMeta.expressionPair(plain, pretty);
        } catch (RuntimeException e) { // Unknown, or a construct analysed wrongly: the text as written stays
            return null;
        }
    }

    private String top(Node query, List<String> aliases) {
        Writer w = new Writer(0);
        w.query(query, aliases, null);
        return w.out + ";";
    }

    /** One query's text, with ruleutils' indentLevel. */
    private final class Writer {
        final StringBuilder out = new StringBuilder();
        int indent;
        /** ruleutils' colNamesVisible: false in an expression's subquery, whose column names nobody sees. */
        boolean namesVisible = true;

        Writer(int indent) {
            this.indent = indent;
        }

        /** ruleutils' appendContextKeyword. */
        void keyword(String text, int before, int after, int plus) {
            indent += before;
            stripSpaces();
            out.append('\n').append(" ".repeat(Math.max(indent, 0) + plus)).append(text);
            indent = Math.max(indent + after, 0);
        }

        void stripSpaces() {
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') end--;
            out.setLength(end);
        }

        /** Appends an expression's text: one that starts on a new line (a CASE) takes no spaces before it. */
        void expression(String text) {
            if (text.startsWith("\n")) stripSpaces();
            out.append(text);
        }

        void query(Node q, List<String> aliases, ViewScope parent) {
            if (!q.is("SelectStmt") && q.type() != null) throw new Unknown();
            if (q.node("withClause") != null) parent = with(q.node("withClause"), parent);
            if (q.has("valuesLists") || q.node("intoClause") != null
                    || !q.list("lockingClause").isEmpty() || !q.list("windowClause").isEmpty()) {
                throw new Unknown();
            }
            String op = q.str("op");
            if (!op.isEmpty() && !op.equals("SETOP_NONE")) {
                List<String> names = names(leftmost(q), aliases, parent);
                setOperation(q, names, parent);
                ViewScope none = new ViewScope(parent);
                PgDeparse d = deparser(none);
                List<E> columns = new ArrayList<>();
                for (String n : names) columns.add(null);
                tail(q, d, names, columns, true);
                return;
            }
            basic(q, aliases, parent);
        }

        private Node leftmost(Node q) {
            while (q.node("larg") != null) q = q.node("larg");
            return q;
        }

        /** get_setop_query: the branches, parenthesised where they nest. */
        private void setOperation(Node q, List<String> names, ViewScope parent) {
            String op = q.str("op");
            if (op.isEmpty() || op.equals("SETOP_NONE")) {
                if (q.node("withClause") != null) throw new Unknown();
                boolean paren = !q.list("sortClause").isEmpty() || q.node("limitCount") != null || q.node("limitOffset") != null;
                if (paren) out.append('(');
                Writer inner = new Writer(indent);
                inner.namesVisible = namesVisible;
                inner.basic(q, names, parent);
                out.append(inner.out);
                if (paren) out.append(')');
                return;
            }
            Node left = q.node("larg");
            if (left.node("withClause") != null || q.node("rarg").node("withClause") != null) throw new Unknown();
            boolean paren = left.node("larg") != null
                    && !(left.str("op").equals(op) && left.bool("all") == q.bool("all"));
            int sub = 0;
            if (paren) {
                out.append('(');
                sub = STD;
                keyword("", sub, 0, 0);
            }
            if (left.node("larg") != null && (!left.list("sortClause").isEmpty() || left.node("limitCount") != null)) throw new Unknown();
            setOperation(left, names, parent);
            if (paren) keyword(") ", -sub, 0, 0);
            else keyword("", -sub, 0, 0);
            out.append(switch (op) {
                case "SETOP_UNION" -> "UNION ";
                case "SETOP_INTERSECT" -> "INTERSECT ";
                default -> "EXCEPT ";
            });
            if (q.bool("all")) out.append("ALL ");
            Node right = q.node("rarg");
            boolean rparen = right.node("larg") != null;
            sub = 0;
            if (rparen) {
                out.append('(');
                sub = STD;
            }
            keyword("", sub, 0, 0);
            setOperation(right, names, parent);
            indent -= sub;
            if (rparen) keyword(")", 0, 0, 0);
        }

        /** get_with_clause: each CTE's query indented in its parentheses; returns the scope that sees them. */
        private ViewScope with(Node with, ViewScope parent) {
            if (with.bool("recursive")) throw new Unknown();
            ViewScope scope = new ViewScope(parent);
            indent += STD;
            out.append(' ');
            String sep = "WITH ";
            for (Node cte : with.list("ctes")) {
                if (cte.node("search_clause") != null || cte.node("cycle_clause") != null) throw new Unknown();
                String name = cte.str("ctename");
                out.append(sep).append(PgDeparse.quote(name));
                List<String> aliases = cte.has("aliascolnames") ? cte.names("aliascolnames") : null;
                if (aliases != null) {
                    out.append('(');
                    for (int i = 0; i < aliases.size(); i++) out.append(i > 0 ? ", " : "").append(PgDeparse.quote(aliases.get(i)));
                    out.append(')');
                }
                out.append(" AS ");
                switch (cte.str("ctematerialized")) {
                    case "CTEMaterializeAlways" -> out.append("MATERIALIZED ");
                    case "CTEMaterializeNever" -> out.append("NOT MATERIALIZED ");
                    default -> { }
                }
                out.append('(');
                keyword("", 0, 0, 0);
                Node query = cte.node("ctequery");
                Writer w = new Writer(indent);
                w.query(query, null, scope);
                out.append(w.out);
                keyword("", 0, 0, 0);
                out.append(')');
                sep = ", ";
                Node first = query;
                while (first.node("larg") != null) first = first.node("larg");
                scope.ctes.put(name, new ViewScope.Item(name, names(first, aliases, scope), columnTypes(query, scope)));
            }
            indent -= STD;
            keyword("", 0, 0, 0);
            return scope;
        }

        /** get_basic_select_query and the clauses after it. */
        void basic(Node q, List<String> aliases, ViewScope parent) {
            if (q.has("valuesLists") || !q.list("windowClause").isEmpty()) throw new Unknown();
            ViewScope scope = new ViewScope(parent);
            // the FROM items first (they name the columns), at the indentLevel ruleutils writes them at
            indent += STD;
            List<String> fromTexts = new ArrayList<>();
            List<List<E>> fromColumns = new ArrayList<>();
            for (Node item : q.list("fromClause")) {
                List<E> cols = new ArrayList<>();
                fromTexts.add(fromItem(item, scope, cols));
                fromColumns.add(cols);
            }
            PgDeparse d = deparser(scope);
            // the result columns: their expressions and names
            List<E> columns = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Node t : q.list("targetList")) {
                Node val = t.node("val");
                if (val != null && val.is("ColumnRef") && last(val).is("A_Star")) {
                    List<String> fields = qualifiers(val);
                    if (fields.size() == 0) {
                        for (List<E> cols : fromColumns) for (E c : cols) add(columns, names, c);
                    } else if (fields.size() == 1) {
                        ViewScope.Item item = null;
                        for (ViewScope.Item i : scope.items) if (i.refname().equals(fields.get(0))) item = i;
                        if (item == null) throw new Unknown();
                        for (E c : item.all()) add(columns, names, c);
                    } else {
                        throw new Unknown();
                    }
                    continue;
                }
                E e = d.analysed(val);
                columns.add(e);
                names.add(t.has("name") ? t.str("name") : ColumnNames.nameOf(val));
            }
            // DISTINCT ON, GROUP BY and ORDER BY name the query's own result columns, not the view's names for them
            List<String> own = new ArrayList<>(names);
            if (aliases != null) for (int i = 0; i < aliases.size() && i < names.size(); i++) names.set(i, aliases.get(i));
            out.append(' ');
            out.append("SELECT");
            List<Node> distinct = q.list("distinctClause");
            if (distinct.size() == 1 && distinct.get(0).fields().isEmpty()) {
                out.append(" DISTINCT");
            } else if (!distinct.isEmpty()) {
                out.append(" DISTINCT ON (");
                String dsep = "";
                for (Node k : distinct) {
                    out.append(dsep);
                    dsep = ", ";
                    expression(d.sortKey(key(k, columns, own, d, true), indent));
                }
                out.append(')');
            }
            String sep = " ";
            for (int i = 0; i < columns.size(); i++) {
                E e = columns.get(i);
                String text = d.text(e, true, indent);
                // AS unless the name is the column's own (or, in an expression's subquery, ?column?)
                String attname = PgDeparse.isVar(e) ? PgDeparse.varName(e) : namesVisible ? null : ColumnNames.NAMELESS;
                if (attname == null || !attname.equals(names.get(i))) text += " AS " + PgDeparse.quote(names.get(i));
                out.append(sep);
                sep = ", ";
                if (text.startsWith("\n")) stripSpaces();
                else if (i > 0) keyword("", -STD, STD, VAR);
                out.append(text);
            }
            // FROM
            for (int i = 0; i < fromTexts.size(); i++) {
                if (i == 0) {
                    keyword(" FROM ", -STD, STD, 2);
                } else {
                    out.append(", ");
                    if (!fromTexts.get(i).startsWith("\n")) keyword("", -STD, STD, VAR);
                }
                expression(fromTexts.get(i));
            }
            Node where = q.node("whereClause");
            if (where != null) {
                keyword(" WHERE ", -STD, STD, 1);
                expression(d.text(d.analysed(where), false, indent));
            }
            List<Node> group = q.list("groupClause");
            if (!group.isEmpty()) {
                keyword(" GROUP BY ", -STD, STD, 1);
                if (q.bool("groupDistinct")) throw new Unknown();
                String gsep = "";
                for (Node g : group) {
                    out.append(gsep);
                    gsep = ", ";
                    expression(d.sortKey(key(g, columns, own, d, false), indent));
                }
            }
            Node having = q.node("havingClause");
            if (having != null) {
                keyword(" HAVING ", -STD, STD, 0);
                expression(d.text(d.analysed(having), false, indent));
            }
            tail(q, d, own, columns, false);
        }

        /** ORDER BY, OFFSET and LIMIT; a set operation's sort keys are its column numbers. */
        void tail(Node q, PgDeparse d, List<String> names, List<E> columns, boolean byNumber) {
            List<Node> sort = q.list("sortClause");
            if (!sort.isEmpty()) {
                keyword(" ORDER BY ", -STD, STD, 1);
                String sep = "";
                for (Node s : sort) {
                    out.append(sep);
                    sep = ", ";
                    Node key = s.node("node");
                    if (byNumber) {
                        out.append(position(key, names));
                    } else {
                        expression(d.sortKey(key(key, columns, names, d, true), indent));
                    }
                    out.append(PgDeparse.sortDirection(s));
                }
            }
            if (q.str("limitOption").equals("LIMIT_OPTION_WITH_TIES")) throw new Unknown();
            Node offset = q.node("limitOffset");
            if (offset != null) {
                keyword(" OFFSET ", -STD, STD, 0);
                expression(d.text(d.analysed(offset), false, indent));
            }
            Node limit = q.node("limitCount");
            if (limit != null) {
                keyword(" LIMIT ", -STD, STD, 0);
                if (limit.is("A_Const") && limit.bool("isnull")) out.append("ALL");
                else expression(d.text(d.analysed(limit), false, indent));
            }
        }

        /** A set operation's sort key: the number of the column it names. */
        private int position(Node key, List<String> names) {
            Long p = PgDeparse.position(key);
            if (p != null) return p.intValue();
            if (key.is("ColumnRef") && key.list("fields").size() == 1 && key.list("fields").get(0).is("String")) {
                int i = names.indexOf(key.list("fields").get(0).str("sval"));
                if (i >= 0) return i + 1;
            }
            throw new Unknown();
        }

        /**
         * A GROUP BY or ORDER BY key: a number is that result column; a bare name is a result
         * column's name (ORDER BY looks at those first, GROUP BY at the FROM items' columns first).
         */
        private E key(Node key, List<E> columns, List<String> names, PgDeparse d, boolean outputFirst) {
            Long p = PgDeparse.position(key);
            if (p != null) {
                if (p < 1 || p > columns.size() || columns.get(p.intValue() - 1) == null) throw new Unknown();
                return columns.get(p.intValue() - 1);
            }
            if (key.is("ColumnRef") && key.list("fields").size() == 1 && key.list("fields").get(0).is("String")) {
                String name = key.list("fields").get(0).str("sval");
                int i = names.indexOf(name);
                if (i >= 0 && names.lastIndexOf(name) == i && columns.get(i) != null) {
                    if (outputFirst) return columns.get(i);
                    try {
                        return d.analysed(key);
                    } catch (RuntimeException e) {
                        return columns.get(i);
                    }
                }
            }
            return d.analysed(key);
        }

        /** get_from_clause_item: a table (with its alias) or a join; adds its columns (for a star) to {@code cols}. */
        private String fromItem(Node item, ViewScope scope, List<E> cols) {
            switch (item.type()) {
                case "RangeVar" -> {
                    if (!item.bool("inh")) throw new Unknown(); // ONLY
                    String schema = item.str("schemaname");
                    String name = item.str("relname");
                    if (!item.str("catalogname").isEmpty()) throw new Unknown();
                    ViewScope.Item cte = schema.isEmpty() ? scope.cte(name) : null;
                    if (cte != null) {
                        Node alias = item.node("alias");
                        if (alias != null && alias.has("colnames")) throw new Unknown();
                        String refname = alias != null ? alias.str("aliasname") : name;
                        for (ViewScope.Item i : scope.items) if (i.refname().equals(refname)) throw new Unknown();
                        ViewScope.Item added = new ViewScope.Item(refname, cte.names(), cte.types());
                        scope.items.add(added);
                        cols.addAll(added.all());
                        return alias != null ? PgDeparse.quote(name) + " " + PgDeparse.quote(refname) : PgDeparse.quote(name);
                    }
                    Relation r = catalog.relation(schema.isEmpty() ? null : schema, name);
                    if (r == null) throw new Unknown();
                    Node alias = item.node("alias");
                    if (alias != null && alias.has("colnames")) throw new Unknown();
                    String refname = alias != null ? alias.str("aliasname") : name;
                    for (ViewScope.Item i : scope.items) if (i.refname().equals(refname)) throw new Unknown();
                    List<String> names = new ArrayList<>();
                    List<Type> types = new ArrayList<>();
                    for (ColumnInfo c : r.columns()) {
                        PgTypeName t = c.pgType() != null ? c.pgType() : typeOf(c.duckDbType());
                        names.add(c.name());
                        types.add(Type.of(t));
                    }
                    ViewScope.Item added = new ViewScope.Item(refname, names, types);
                    scope.items.add(added);
                    cols.addAll(added.all());
                    // named as the asking session's search_path finds it: qualified when another relation of that name comes first
                    String text = SchemaNames.relation(r.schema(), name);
                    return alias != null ? text + " " + PgDeparse.quote(refname) : text;
                }
                case "JoinExpr" -> {
                    return join(item, scope, cols);
                }
                case "RangeSubselect" -> {
                    Node alias = item.node("alias");
                    if (alias == null || alias.has("colnames")) throw new Unknown();
                    String refname = alias.str("aliasname");
                    for (ViewScope.Item i : scope.items) if (i.refname().equals(refname)) throw new Unknown();
                    Node subquery = item.node("subquery");
                    ViewScope outer = item.bool("lateral") ? scope : scope.parent;
                    ViewScope.Item added = new ViewScope.Item(refname, names(leftmostOf(subquery), null, outer), columnTypes(subquery, outer));
                    Writer w = new Writer(indent);
                    w.query(subquery, null, outer);
                    scope.items.add(added);
                    cols.addAll(added.all());
                    return (item.bool("lateral") ? "LATERAL (" : "(") + w.out + ") " + PgDeparse.quote(refname);
                }
                default -> throw new Unknown();
            }
        }

        private String join(Node j, ViewScope scope, List<E> cols) {
            if (j.bool("isNatural") || j.node("alias") != null || j.node("join_using_alias") != null) throw new Unknown();
            String type = j.str("jointype");
            StringBuilder saved = new StringBuilder(out);
            // the join's text is written into this writer's buffer from an empty start, then taken out
            out.setLength(0);
            boolean rightParen = pretty && !j.node("rarg").is("RangeVar");
            if (!pretty) out.append('(');
            List<E> left = new ArrayList<>();
            List<E> right = new ArrayList<>();
            out.append(fromItem(j.node("larg"), scope, left));
            Node quals = j.node("quals");
            boolean using = j.has("usingClause");
            String keyword = switch (type) {
                case "JOIN_INNER" -> quals != null || using ? " JOIN " : " CROSS JOIN ";
                case "JOIN_LEFT" -> " LEFT JOIN ";
                case "JOIN_RIGHT" -> " RIGHT JOIN ";
                case "JOIN_FULL" -> " FULL JOIN ";
                default -> throw new Unknown();
            };
            keyword(keyword, -STD, STD, JOIN);
            if (rightParen) out.append('(');
            String r = fromItem(j.node("rarg"), scope, right);
            expression(r);
            if (rightParen) out.append(')');
            if (using) {
                if (type.equals("JOIN_FULL")) throw new Unknown(); // the merged column is a COALESCE
                List<String> names = j.names("usingClause");
                out.append(" USING (");
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) out.append(", ");
                    out.append(PgDeparse.quote(names.get(i)));
                }
                out.append(')');
                Set<String> shared = new LinkedHashSet<>(names);
                List<E> side = type.equals("JOIN_RIGHT") ? right : left;
                for (String n : shared) {
                    E v = null;
                    for (E c : side) if (n.equals(PgDeparse.varName(c))) v = c;
                    if (v == null) throw new Unknown();
                    cols.add(v);
                    scope.merged.add((Var) v);
                }
                for (E c : left) if (!shared.contains(PgDeparse.varName(c))) cols.add(c);
                for (E c : right) if (!shared.contains(PgDeparse.varName(c))) cols.add(c);
            } else {
                if (quals != null) {
                    out.append(" ON ");
                    if (!pretty) out.append('(');
                    PgDeparse d = deparser(scope);
                    expression(d.text(d.analysed(quals), false, indent));
                    if (!pretty) out.append(')');
                } else if (!type.equals("JOIN_INNER")) {
                    out.append(" ON TRUE");
                }
                cols.addAll(left);
                cols.addAll(right);
            }
            if (!pretty) out.append(')');
            String text = out.toString();
            out.setLength(0);
            out.append(saved);
            return text;
        }

        private PgDeparse deparser(ViewScope scope) {
            return PgDeparse.forQuery(scope::resolve, pretty, new PgDeparse.Subqueries() {
                @Override
                public Type type(Node select) {
                    return columnTypes(select, scope).get(0);
                }

                @Override
                public String text(Node select, int indentLevel) {
                    Writer w = new Writer(indentLevel);
                    w.namesVisible = false;
                    w.query(select, null, scope);
                    return w.out.toString();
                }
            });
        }
    }

    /** The result names of a query (for a set operation: its first branch's, under the view's own names). */
    private List<String> names(Node q, List<String> aliases, ViewScope parent) {
        ViewScope scope = new ViewScope(parent);
        Writer w = new Writer(0);
        List<List<E>> from = fromColumns(q, scope, w);
        List<String> names = new ArrayList<>();
        for (Node t : q.list("targetList")) {
            Node val = t.node("val");
            if (val != null && val.is("ColumnRef") && last(val).is("A_Star")) {
                List<String> fields = qualifiers(val);
                for (List<E> cols : from) {
                    for (E c : cols) {
                        Var v = (Var) c;
                        if (fields.isEmpty() || fields.get(0).equals(v.qualifier())) names.add(v.name());
                    }
                }
                continue;
            }
            names.add(t.has("name") ? t.str("name") : ColumnNames.nameOf(val));
        }
        if (aliases != null) for (int i = 0; i < aliases.size() && i < names.size(); i++) names.set(i, aliases.get(i));
        return names;
    }

    /** The columns each FROM item of {@code q} brings, its names entered in {@code scope}. */
    private static List<List<E>> fromColumns(Node q, ViewScope scope, Writer w) {
        List<List<E>> from = new ArrayList<>();
        for (Node item : q.list("fromClause")) {
            List<E> cols = new ArrayList<>();
            w.fromItem(item, scope, cols);
            from.add(cols);
        }
        return from;
    }

    private static Node leftmostOf(Node q) {
        while (q.node("larg") != null) q = q.node("larg");
        return q;
    }

    /** The types of a subquery's result columns. */
    private List<Type> columnTypes(Node q, ViewScope parent) {
        if (q.node("larg") != null) return columnTypes(q.node("larg"), parent);
        ViewScope scope = new ViewScope(parent);
        Writer w = new Writer(0);
        List<List<E>> from = fromColumns(q, scope, w);
        PgDeparse d = w.deparser(scope);
        List<Type> out = new ArrayList<>();
        for (Node t : q.list("targetList")) {
            Node val = t.node("val");
            if (val != null && val.is("ColumnRef") && last(val).is("A_Star")) throw new Unknown();
            out.add(d.analysed(val).type());
        }
        if (out.isEmpty()) throw new Unknown();
        return out;
    }

    private static void add(List<E> columns, List<String> names, E c) {
        columns.add(c);
        names.add(PgDeparse.varName(c));
    }

    /** The names before a star ({@code t} of {@code t.*}). */
    private static List<String> qualifiers(Node columnRef) {
        List<String> names = columnRef.names("fields");
        return names.subList(0, names.size() - 1);
    }

    private static Node last(Node columnRef) {
        List<Node> fields = columnRef.list("fields");
        return fields.get(fields.size() - 1);
    }

    private static PgTypeName typeOf(String duckDbType) {
        SqlType t = SqlType.ofDuckDb(duckDbType);
        if (t == null) throw new Unknown();
        return t.asTypeName();
    }
}
