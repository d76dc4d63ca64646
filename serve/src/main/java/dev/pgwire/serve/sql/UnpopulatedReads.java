package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A statement that reads a materialized view made or refreshed WITH NO DATA fails as in
 * PostgreSQL (55000) until the view is refreshed: serve keeps the view as an empty table, which
 * would otherwise answer with no rows. A view over such a materialized view is not looked into
 * (docs/SERVE.md).
 */
final class UnpopulatedReads {
    private UnpopulatedReads() {}

    static void check(Node tree, CatalogView catalog) {
        if (catalog == null) return;
        Set<String> ctes = new HashSet<>();
        Map<Node, Boolean> targets = new IdentityHashMap<>();
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("CommonTableExpr")) ctes.add(n.str("ctename"));
            if ((n.is("InsertStmt") || n.is("UpdateStmt") || n.is("DeleteStmt") || n.is("MergeStmt")) && n.node("relation") != null) {
                targets.put(n.node("relation"), true); // a write to a materialized view has its own error
            }
        });
        TreeWalker.forEachNode(tree, n -> {
            if (!n.is("RangeVar") || targets.containsKey(n)) return;
            String schema = n.str("schemaname");
            if (schema.isEmpty() && ctes.contains(n.str("relname"))) return;
            Relation r = catalog.relation(schema.isEmpty() ? null : schema, n.str("relname"));
            if (r == null || r.view() || r.comment() == null || !r.comment().contains("\"populated\":false")) return;
            TableMeta.MatView mv = r.meta().matView();
            if (mv != null && !mv.populated()) {
                throw new PgException("55000", "materialized view \"" + r.name() + "\" has not been populated")
                        .withHint("Use the REFRESH MATERIALIZED VIEW command.");
            }
        });
    }
}
