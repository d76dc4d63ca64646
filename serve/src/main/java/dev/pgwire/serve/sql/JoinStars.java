package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code SELECT *} over a join with USING or NATURAL, in PostgreSQL's column order: the join
 * columns first (once), then the left table's other columns, then the right's. DuckDB puts the
 * join columns where the left table has them ({@code x, k, y} for PostgreSQL's {@code k, x, y}),
 * which moves values between positions; the star is written out as PostgreSQL expands it. Handled
 * for a FROM clause of one such join of two tables; other shapes keep DuckDB's expansion.
 */
final class JoinStars {
    private JoinStars() {}

    static void apply(Node select, CatalogView catalog) {
        List<Node> from = select.list("fromClause");
        if (from.size() != 1 || !from.get(0).is("JoinExpr")) return;
        Node join = from.get(0);
        if (!join.bool("isNatural") && !join.has("usingClause")) return;
        Node left = join.node("larg");
        Node right = join.node("rarg");
        if (left == null || right == null || !left.is("RangeVar") || !right.is("RangeVar")) return;
        Relation l = relation(left, catalog);
        Relation r = relation(right, catalog);
        if (l == null || r == null) return;
        Set<String> shared = new LinkedHashSet<>();
        if (join.bool("isNatural")) {
            for (ColumnInfo c : l.columns()) if (r.column(c.name()) != null) shared.add(c.name());
        } else {
            shared.addAll(join.names("usingClause"));
        }
        if (shared.isEmpty()) return;
        List<Node> targets = select.list("targetList");
        for (int i = 0; i < targets.size(); i++) {
            Node val = targets.get(i).node("val");
            if (val == null || !val.is("ColumnRef") || val.list("fields").size() != 1 || !val.list("fields").get(0).is("A_Star")) {
                continue;
            }
            List<Node> expanded = new ArrayList<>();
            for (String name : shared) expanded.add(target(List.of(name)));
            for (ColumnInfo c : l.columns()) if (!shared.contains(c.name())) expanded.add(target(List.of(refName(left), c.name())));
            for (ColumnInfo c : r.columns()) if (!shared.contains(c.name())) expanded.add(target(List.of(refName(right), c.name())));
            targets.remove(i);
            targets.addAll(i, expanded);
            i += expanded.size() - 1;
        }
    }

    private static Relation relation(Node rangeVar, CatalogView catalog) {
        String schema = rangeVar.str("schemaname");
        return catalog.relation(schema.isEmpty() ? null : schema, rangeVar.str("relname"));
    }

    private static String refName(Node rangeVar) {
        Node alias = rangeVar.node("alias");
        return alias != null && !alias.str("aliasname").isEmpty() ? alias.str("aliasname") : rangeVar.str("relname");
    }

    private static Node target(List<String> names) {
        List<Node> fields = new ArrayList<>();
        for (String n : names) fields.add(Node.string(n));
        return Node.of("ResTarget").set("val", Node.of("ColumnRef").set("fields", fields));
    }
}
