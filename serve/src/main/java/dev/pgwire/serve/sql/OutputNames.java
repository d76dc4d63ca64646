package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a SELECT's output column names may be used, as PostgreSQL resolves them. DuckDB lets an
 * output name ({@code SELECT id AS n … WHERE n > 1}) stand for its expression in WHERE, HAVING,
 * inside ORDER BY and GROUP BY expressions and later in the select list; PostgreSQL takes output
 * names only as a bare ORDER BY or GROUP BY item, so elsewhere such a name is 42703 (column does
 * not exist) unless a FROM item really has that column. A bare ORDER BY or GROUP BY name that two
 * different output columns carry is 42702.
 *
 * <p>A name is refused only when every FROM item it could come from (tables, views, CTEs,
 * subqueries, the enclosing queries' items) has columns known here and none is called so: where
 * a column list is not known, the name is left to DuckDB.
 */
final class OutputNames {
    /** PostgreSQL's system columns: a table has them though its column list does not show them. */
    private static final Set<String> SYSTEM_COLUMNS = Set.of("ctid", "xmin", "xmax", "cmin", "cmax", "tableoid", "oid");
    /** Set-returning functions whose one result column is named after the function or its alias. */
    private static final Set<String> ONE_COLUMN_FUNCTIONS = Set.of("generate_series", "generate_subscripts",
            "regexp_split_to_table", "string_to_table", "jsonb_object_keys", "json_object_keys");

    /** One FROM item: the name it is referred to by, its columns (null when not known here) and their types where known. */
    private record Item(String alias, List<String> columns, Map<String, SqlType> types) {
        static Item unknown(String alias) {
            return new Item(alias, null, Map.of());
        }
    }

    /** The names one query level makes visible: its CTEs, then its FROM items. */
    private static final class Level {
        final Level parent;
        final boolean unknown;
        final Map<String, List<String>> ctes = new HashMap<>();
        final List<Item> items = new ArrayList<>();
        /** Whether a join merges columns (USING, NATURAL), which {@code *} shows once: its columns are then not told here. */
        boolean merged;

        Level(Level parent, boolean unknown) {
            this.parent = parent;
            this.unknown = unknown;
        }

        /** A CTE's columns by name: absent when no CTE has the name, a null value when its columns are not known. */
        Map.Entry<String, List<String>> cte(String name) {
            for (Level l = this; l != null; l = l.parent) {
                if (l.ctes.containsKey(name)) return new java.util.AbstractMap.SimpleEntry<>(name, l.ctes.get(name));
            }
            return null;
        }

        /** Whether {@code name} may be a column (or a FROM item) visible here: true when that cannot be told. */
        boolean mayResolve(String name) {
            if (SYSTEM_COLUMNS.contains(name)) return true;
            for (Level l = this; l != null; l = l.parent) {
                if (l.unknown) return true;
                for (Item i : l.items) {
                    if (i.columns == null || i.columns.contains(name) || name.equals(i.alias)) return true;
                }
            }
            return false;
        }
    }

    private static final Level UNKNOWN = new Level(null, true);

    private final CatalogView catalog;

    private OutputNames(CatalogView catalog) {
        this.catalog = catalog;
    }

    static void check(Node stmt, CatalogView catalog) {
        new OutputNames(catalog).walk(stmt, null, Set.of());
    }

    /**
     * The output column names of a query (checked as {@link #check} checks it, its outer names not
     * known), or null when they are not known here.
     */
    static List<String> columns(Node select, CatalogView catalog) {
        return new OutputNames(catalog).select(select, UNKNOWN, Set.of());
    }

    /** Visits the queries under {@code n}; {@code level} is what their names may resolve in. */
    private void walk(Object n, Level level, Set<String> forbidden) {
        if (n instanceof List<?> l) {
            for (Object o : l) walk(o, level, forbidden);
            return;
        }
        if (!(n instanceof Node node)) return;
        if (node.is("SelectStmt")) {
            select(node, level, forbidden);
            return;
        }
        if (node.is("SubLink")) {
            walk(node.node("testexpr"), level, forbidden);
            if (node.node("subselect") != null) select(node.node("subselect"), level, forbidden);
            return;
        }
        if (node.is("ColumnRef")) {
            refused(node, level, forbidden);
            return;
        }
        if ((node.is("UpdateStmt") || node.is("DeleteStmt")) && node.node("relation") != null) {
            // SET, WHERE and RETURNING see the changed table and UPDATE's FROM (DELETE's USING)
            Level ctes = new Level(null, false);
            if (node.node("withClause") != null) withClause(node.node("withClause"), ctes, Set.of());
            Level changed = new Level(ctes, false);
            fromItem(Node.typed("RangeVar", node.node("relation")), changed, ctes, Set.of(), changed.items);
            for (Node item : node.list(node.is("UpdateStmt") ? "fromClause" : "usingClause")) {
                fromItem(item, changed, ctes, Set.of(), changed.items);
            }
            walk(node.list("targetList"), changed, Set.of());
            walk(node.node("whereClause"), changed, Set.of());
            walk(node.list("returningList"), changed, Set.of());
            return;
        }
        if (node.is("InsertStmt") || node.is("UpdateStmt") || node.is("DeleteStmt") || node.is("MergeStmt")) {
            // the statement's own queries resolve nothing of the changed table; what else it holds (ON CONFLICT,
            // RETURNING) sees it, which is not modelled here
            for (Map.Entry<String, Object> f : node.fields().entrySet()) {
                boolean own = f.getKey().equals("withClause") || f.getKey().equals("selectStmt");
                walk(f.getValue(), own ? null : UNKNOWN, Set.of());
            }
            return;
        }
        for (Object v : node.fields().values()) walk(v, level, forbidden);
    }

    /** A bare name that is an output name of an enclosing query, and no column: 42703. */
    private static void refused(Node ref, Level level, Set<String> forbidden) {
        List<Node> fields = ref.list("fields");
        if (fields.size() != 1 || !fields.get(0).is("String")) return;
        String name = fields.get(0).str("sval");
        if (!forbidden.contains(name) || level == null || level.mayResolve(name)) return;
        throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist").withPosition(ref.location() + 1);
    }

    /** Checks a WITH clause's queries and records their columns in {@code ctes}. */
    private void withClause(Node with, Level ctes, Set<String> forbidden) {
        for (Node cte : with.list("ctes")) {
            String name = cte.str("ctename");
            List<String> aliases = cte.names("aliascolnames");
            if (with.bool("recursive")) ctes.ctes.put(name, aliases.isEmpty() ? null : aliases);
            Node q = cte.node("ctequery");
            List<String> cols = null;
            if (isSelect(q)) {
                cols = select(q, ctes, forbidden);
            } else {
                walk(q, ctes, forbidden);
            }
            if (cte.node("search_clause") != null || cte.node("cycle_clause") != null) cols = null; // columns of their own
            if (cols != null && !aliases.isEmpty()) {
                cols = new ArrayList<>(cols);
                for (int i = 0; i < aliases.size() && i < cols.size(); i++) cols.set(i, aliases.get(i));
            }
            ctes.ctes.put(name, cols);
        }
    }

    private static boolean isSelect(Node n) {
        return n != null && (n.is("SelectStmt") || n.type() == null && (n.has("op") || n.has("targetList") || n.has("valuesLists")));
    }

    /** Checks a SELECT (or VALUES, or set operation) and answers its output column names (null when not known). */
    private List<String> select(Node s, Level parent, Set<String> forbidden) {
        Level ctes = new Level(parent, false);
        if (s.node("withClause") != null) withClause(s.node("withClause"), ctes, forbidden);
        String op = s.str("op");
        if (!op.isEmpty() && !op.equals("SETOP_NONE")) {
            List<String> left = select(s.node("larg"), ctes, forbidden);
            select(s.node("rarg"), ctes, forbidden);
            // ORDER BY of a set operation names its output columns: not checked here
            walk(s.node("limitCount"), ctes, forbidden);
            walk(s.node("limitOffset"), ctes, forbidden);
            return left;
        }
        if (s.has("valuesLists")) {
            walk(s.list("valuesLists"), ctes, forbidden);
            List<String> out = new ArrayList<>();
            if (!s.list("valuesLists").isEmpty()) {
                for (int i = 0; i < s.list("valuesLists").get(0).list("items").size(); i++) out.add("column" + (i + 1));
            }
            return out;
        }
        Level level = new Level(ctes, false);
        for (Node item : s.list("fromClause")) fromItem(item, level, ctes, forbidden, level.items);

        List<Node> targets = s.list("targetList");
        Map<Node, String> names = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        boolean known = true;
        for (Node t : targets) {
            Node val = t.node("val");
            if (val == null) continue;
            if (star(val)) {
                List<String> cols = starColumns(val, level);
                if (cols == null) known = false; else out.addAll(cols);
                continue;
            }
            String name = t.has("name") ? t.str("name") : ColumnNames.nameOf(val);
            names.put(t, name);
            out.add(name);
        }
        Set<String> own = new java.util.HashSet<>(forbidden);
        own.addAll(names.values());
        walk(targets, level, own);
        walk(s.node("whereClause"), level, own);
        walk(s.node("havingClause"), level, own);
        for (Node g : s.list("groupClause")) groupItem(g, targets, level, own);
        for (Node sort : s.list("sortClause")) {
            Node e = sort.node("node");
            if (bareName(e) == null) walk(e, level, own);
            else ambiguous(e, "ORDER BY", targets, level);
        }
        walk(s.node("limitCount"), level, forbidden);
        walk(s.node("limitOffset"), level, forbidden);
        walk(s.list("windowClause"), level, forbidden);
        walk(s.list("distinctClause"), level, forbidden);
        return known ? out : null;
    }

    /** A GROUP BY item: a bare name may be an output name (inside grouping sets too), other expressions may not use them. */
    private void groupItem(Node g, List<Node> targets, Level level, Set<String> own) {
        if (g.is("GroupingSet")) {
            for (Node c : g.list("content")) groupItem(c, targets, level, own);
        } else if (g.is("RowExpr")) {
            for (Node c : g.list("args")) groupItem(c, targets, level, own);
        } else if (bareName(g) == null) {
            walk(g, level, own);
        } else if (!level.mayResolve(bareName(g))) {
            ambiguous(g, "GROUP BY", targets, level);
        }
    }

    private static boolean star(Node val) {
        if (!val.is("ColumnRef")) return false;
        List<Node> fields = val.list("fields");
        return fields.get(fields.size() - 1).is("A_Star");
    }

    /** The columns {@code *} or {@code t.*} stands for, or null when not known. */
    private static List<String> starColumns(Node val, Level level) {
        List<String> fields = val.names("fields");
        String qualifier = fields.size() > 1 ? fields.get(fields.size() - 2) : null;
        if (level.merged) return null;
        List<String> out = new ArrayList<>();
        for (Item i : level.items) {
            if (qualifier != null && !qualifier.equals(i.alias)) continue;
            if (i.columns == null) return null;
            out.addAll(i.columns);
        }
        return out;
    }

    private static String bareName(Node e) {
        if (e == null || !e.is("ColumnRef")) return null;
        List<Node> fields = e.list("fields");
        return fields.size() == 1 && fields.get(0).is("String") ? fields.get(0).str("sval") : null;
    }

    /** Adds the items a FROM item makes visible (a join without alias: both sides), checking its subqueries. */
    private void fromItem(Node item, Level level, Level outer, Set<String> forbidden, List<Item> out) {
        Node alias = item.node("alias");
        String aliasName = alias != null ? alias.str("aliasname") : "";
        switch (item.type()) {
            case "RangeVar" -> {
                String name = item.str("relname");
                String schema = item.str("schemaname");
                if (alias == null) aliasName = name;
                Map.Entry<String, List<String>> cte = schema.isEmpty() && item.str("catalogname").isEmpty() ? level.cte(name) : null;
                if (cte != null) {
                    out.add(new Item(aliasName, renamed(cte.getValue(), alias), Map.of()));
                    return;
                }
                Relation r = catalog.relation(schema.isEmpty() ? null : schema, name);
                if (r == null || !item.str("catalogname").isEmpty()) {
                    out.add(Item.unknown(aliasName));
                    return;
                }
                List<String> cols = new ArrayList<>();
                Map<String, SqlType> types = new HashMap<>();
                for (ColumnInfo c : r.columns()) {
                    cols.add(c.name());
                    SqlType t = c.pgType() != null ? SqlType.of(c.pgType()) : SqlType.ofDuckDb(c.duckDbType());
                    if (t != null && c.domain() == null) types.put(c.name(), t);
                }
                List<String> names = renamed(cols, alias);
                Map<String, SqlType> renamedTypes = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    SqlType t = types.get(cols.get(i));
                    if (t != null) renamedTypes.put(names.get(i), t);
                }
                out.add(new Item(aliasName, names, renamedTypes));
            }
            case "RangeSubselect" -> {
                List<String> cols = select(item.node("subquery"), item.bool("lateral") ? level : outer, forbidden);
                out.add(new Item(aliasName, renamed(cols, alias), Map.of()));
            }
            case "JoinExpr" -> {
                if (item.bool("isNatural") || item.has("usingClause")) level.merged = true;
                List<Item> sides = alias == null ? out : new ArrayList<>();
                fromItem(item.node("larg"), level, outer, forbidden, sides);
                fromItem(item.node("rarg"), level, outer, forbidden, sides);
                if (alias != null) {
                    List<String> cols = new ArrayList<>();
                    for (Item i : sides) {
                        if (i.columns == null) cols = null;
                        if (cols != null) cols.addAll(i.columns);
                    }
                    out.add(new Item(aliasName, renamed(cols, alias), Map.of()));
                }
                // ON sees the join's items, which are added by now (a wider set than PostgreSQL's: never a refusal too many)
                walk(item.node("quals"), level, forbidden);
            }
            case "RangeFunction" -> {
                walk(item.list("functions"), level, forbidden);
                List<Node> functions = item.list("functions");
                Node call = functions.size() == 1 ? functions.get(0).list("items").get(0) : null;
                List<String> cols = null;
                if (call != null && call.is("FuncCall") && !item.bool("ordinality") && !item.has("coldeflist")
                        && ONE_COLUMN_FUNCTIONS.contains(Operators.lastName(call))) {
                    String fn = Operators.lastName(call);
                    if (alias == null) aliasName = fn;
                    cols = renamed(List.of(alias != null ? aliasName : fn), alias);
                }
                out.add(new Item(aliasName, cols, Map.of()));
            }
            default -> {
                walk(item, level, forbidden);
                out.add(Item.unknown(aliasName));
            }
        }
    }

    /** Columns renamed by an alias's column list; null stays null (not known). */
    private static List<String> renamed(List<String> cols, Node alias) {
        if (cols == null || alias == null || !alias.has("colnames")) return cols;
        List<String> names = alias.names("colnames");
        List<String> out = new ArrayList<>(cols);
        for (int i = 0; i < names.size() && i < out.size(); i++) out.set(i, names.get(i));
        return out;
    }

    /**
     * A bare ORDER BY or GROUP BY name that two output columns carry: 42702 when their expressions
     * differ (as PostgreSQL compares them once analysed; where that cannot be told, they are taken
     * as the same).
     */
    private static void ambiguous(Node ref, String clause, List<Node> targets, Level level) {
        String name = bareName(ref);
        Node first = null;
        for (Node t : targets) {
            Node val = t.node("val");
            if (val == null) continue;
            List<Node> candidates = new ArrayList<>();
            if (star(val)) {
                if (level.merged) return;
                List<String> fields = val.names("fields");
                String qualifier = fields.size() > 1 ? fields.get(fields.size() - 2) : null;
                for (Item i : level.items) {
                    if (qualifier != null && !qualifier.equals(i.alias)) continue;
                    if (i.columns == null) return;
                    if (i.columns.contains(name)) {
                        candidates.add(Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(i.alias), Node.string(name)))));
                    }
                }
            } else if (name.equals(t.has("name") ? t.str("name") : ColumnNames.nameOf(val))) {
                candidates.add(val);
            }
            for (Node c : candidates) {
                if (first == null) {
                    first = c;
                } else if (different(first, c, level)) {
                    throw new PgException(SqlState.AMBIGUOUS_COLUMN, clause + " \"" + name + "\" is ambiguous")
                            .withPosition(ref.location() + 1);
                }
            }
        }
    }

    /** Whether two output expressions certainly differ once analysed (false when that cannot be told). */
    private static boolean different(Node a, Node b, Level level) {
        if (a.is("ColumnRef") && b.is("ColumnRef")) {
            Column x = column(a, level);
            Column y = column(b, level);
            return x != null && y != null && !x.equals(y);
        }
        if (a.is("A_Const") && b.is("A_Const")) return !Checks.sameExpression(a, b);
        if (a.is("TypeCast") && b.is("ColumnRef")) return different(b, a, level);
        if (a.is("ColumnRef") && b.is("TypeCast") && b.node("arg") != null && b.node("arg").is("ColumnRef")) {
            // id and id::text: a cast to another type than the column's is another value
            Column x = column(a, level);
            Column y = column(b.node("arg"), level);
            if (x == null || !x.equals(y) || x.type == null) return false;
            SqlType cast = SqlType.of(PgTypeName.of(b.node("typeName")));
            return cast != null && !(cast.name().equals(x.type.name()) && cast.dims() == x.type.dims());
        }
        return false;
    }

    /** A column a reference resolves to: the item (by position) and its name, with its type where known. */
    private record Column(int item, String name, SqlType type) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Column c && c.item == item && c.name.equals(name);
        }

        @Override
        public int hashCode() {
            return item * 31 + name.hashCode();
        }
    }

    /** The column of this query level a reference names, or null when not certain. */
    private static Column column(Node ref, Level level) {
        List<Node> fields = ref.list("fields");
        if (fields.size() > 2 || fields.stream().anyMatch(f -> !f.is("String"))) return null;
        String name = fields.get(fields.size() - 1).str("sval");
        String qualifier = fields.size() == 2 ? fields.get(0).str("sval") : null;
        Column found = null;
        for (int i = 0; i < level.items.size(); i++) {
            Item item = level.items.get(i);
            if (qualifier != null && !qualifier.equals(item.alias)) continue;
            if (item.columns == null) return null;
            if (item.columns.contains(name)) {
                if (found != null) return null;
                found = new Column(i, name, item.types.get(name));
            }
        }
        return found;
    }
}
