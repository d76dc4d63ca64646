package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL lets a query grouped by a table's primary key select the table's other columns, as
 * they depend on the key ({@code SELECT g.name, count(*) FROM groups g … GROUP BY g.id}, which
 * Django writes for every {@code annotate}, or {@code g.*} as Rails does); DuckDB wants them grouped too. They are added to the
 * GROUP BY, which changes no group: each has one value per key.
 */
final class GroupByKeys {
    private GroupByKeys() {}

    static void apply(Node tree, CatalogView catalog) {
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("SelectStmt") && n.has("groupClause") && n.has("fromClause")) select(n, catalog);
        });
    }

    private static void select(Node select, CatalogView catalog) {
        List<Node> groups = select.list("groupClause");
        for (Node g : groups) if (!g.is("ColumnRef")) return; // grouping sets, expressions: left alone
        Map<String, Relation> tables = new LinkedHashMap<>();
        for (Node item : select.list("fromClause")) collect(item, catalog, tables);
        if (tables.isEmpty()) return;
        // the tables whose whole primary key is grouped
        Map<String, Relation> keyed = new LinkedHashMap<>();
        Set<String> grouped = new HashSet<>();
        for (Node g : groups) {
            String[] ref = resolve(g, tables);
            if (ref != null) grouped.add(ref[0] + "." + ref[1]);
        }
        for (Map.Entry<String, Relation> t : tables.entrySet()) {
            List<String> key = primaryKey(t.getValue());
            if (key == null || key.isEmpty()) continue;
            boolean all = true;
            for (String k : key) all &= grouped.contains(t.getKey() + "." + k);
            if (all) keyed.put(t.getKey(), t.getValue());
        }
        if (keyed.isEmpty()) return;
        List<Node> added = new ArrayList<>();
        List<Node> uses = new ArrayList<>();
        uses.addAll(select.list("targetList"));
        if (select.node("havingClause") != null) uses.add(select.node("havingClause"));
        uses.addAll(select.list("sortClause"));
        for (Node use : uses) {
            TreeWalker.forEachNode(use, n -> {
                if (!n.is("ColumnRef")) return;
                List<Node> fields = n.list("fields");
                if (!fields.isEmpty() && fields.get(fields.size() - 1).is("A_Star")) {
                    // t.* (or *) of a table grouped by its key: each of its columns
                    for (Map.Entry<String, Relation> t : keyed.entrySet()) {
                        if (fields.size() == 2 && !(fields.get(0).is("String") && fields.get(0).str("sval").equals(t.getKey()))) continue;
                        if (fields.size() > 2) continue;
                        for (CatalogView.ColumnInfo c : t.getValue().columns()) {
                            if (grouped.add(t.getKey() + "." + c.name())) added.add(columnRef(t.getKey(), c.name()));
                        }
                    }
                    return;
                }
                String[] ref = resolve(n, tables);
                if (ref == null || !keyed.containsKey(ref[0]) || !grouped.add(ref[0] + "." + ref[1])) return;
                added.add(columnRef(ref[0], ref[1]));
            });
        }
        if (added.isEmpty()) return;
        List<Node> all = new ArrayList<>(groups);
        all.addAll(added);
        select.set("groupClause", all);
    }

    /** The plain tables of a FROM item (through joins), by the name the query calls them. */
    private static void collect(Node item, CatalogView catalog, Map<String, Relation> out) {
        if (item.is("JoinExpr")) {
            collect(item.node("larg"), catalog, out);
            collect(item.node("rarg"), catalog, out);
        } else if (item.is("RangeVar")) {
            String schema = item.str("schemaname").isEmpty() ? null : item.str("schemaname");
            Relation r = catalog.relation(schema, item.str("relname"));
            if (r == null || r.view()) return;
            Node alias = item.node("alias");
            out.put(alias != null ? alias.str("aliasname") : item.str("relname"), r);
        }
    }

    /** {table name as the query calls it, column} of a column reference, or null when it is not one column of one of the tables. */
    private static String[] resolve(Node ref, Map<String, Relation> tables) {
        List<Node> fields = ref.list("fields");
        if (fields.isEmpty() || !fields.get(fields.size() - 1).is("String")) return null;
        String column = fields.get(fields.size() - 1).str("sval");
        if (fields.size() >= 2) {
            String table = fields.get(fields.size() - 2).str("sval");
            Relation r = tables.get(table);
            return r != null && r.column(column) != null ? new String[] {table, column} : null;
        }
        String[] found = null;
        for (Map.Entry<String, Relation> t : tables.entrySet()) {
            if (t.getValue().column(column) == null) continue;
            if (found != null) return null; // ambiguous: PostgreSQL says so
            found = new String[] {t.getKey(), column};
        }
        return found;
    }

    private static List<String> primaryKey(Relation r) {
        for (TableMeta.Constraint c : r.meta().constraints()) if (c.type().equals("p")) return c.columns();
        return null;
    }

    private static Node columnRef(String table, String column) {
        return Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(table), Node.string(column))));
    }
}
