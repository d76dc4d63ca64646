package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.TypeResolver.Col;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * References to a table's whole row and qualified references to a statement's target (part of
 * {@link TypedRewrites}): {@code t.*} as a function's argument, {@code count(t)} over an outer
 * join, {@code RETURNING s.t.col}.
 */
final class RowReferences {
    private RowReferences() {}

    static boolean isStarOfRelation(Node arg) {
        List<Node> fields = arg.is("ColumnRef") ? arg.list("fields") : List.of();
        return fields.size() >= 2 && fields.get(fields.size() - 1).is("A_Star");
    }

    /**
     * count(t) or count(t.*) of a table t with a NOT NULL column: count of that column, which is
     * NULL exactly in the rows an outer join adds for t (DuckDB's row of t is then not NULL).
     * Null for anything else.
     */
    static Node countedColumn(Node arg, Scope scope) {
        if (!arg.is("ColumnRef") || scope == null) return null;
        List<Node> fields = arg.list("fields");
        int n = isStarOfRelation(arg) ? fields.size() - 1 : fields.size();
        if (n != 1 || !fields.get(0).is("String")) return null;
        String alias = fields.get(0).str("sval");
        if (n == fields.size() && scope.resolve(List.of(alias)) != null) return null; // a column of that name
        for (Scope s = scope; s != null; s = s.parent) {
            for (TypeResolver.Entry entry : s.entries) {
                if (!alias.equals(entry.alias())) continue;
                for (Col c : entry.cols()) {
                    CatalogView.ColumnInfo info = c.relation() == null ? null : c.relation().column(c.name());
                    if (info != null && info.notNull()) {
                        return Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(alias), Node.string(c.name()))))
                                .set("location", arg.location());
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** {@code to_jsonb(t.*)}, {@code row_to_json(t.*)}: an argument t.* is the row t, as PostgreSQL reads it. */
    static void wholeRowArguments(List<Node> args) {
        for (int i = 0; i < args.size(); i++) {
            Node a = args.get(i);
            if (!a.is("ColumnRef")) continue;
            List<Node> fields = a.list("fields");
            if (fields.size() >= 2 && fields.get(fields.size() - 1).is("A_Star")) {
                args.set(i, a.copy().set("fields", new ArrayList<>(fields.subList(0, fields.size() - 1))));
            }
        }
    }

    /**
     * RETURNING s.t.col and s.t.* of a target written s.t without alias (SQLAlchemy writes them for
     * a table with a schema): the column of the target as t.col, t.*, the form DuckDB reads.
     */
    static void unqualifyReturning(Node stmt) {
        Node rel = stmt.node("relation");
        if (rel == null || rel.node("alias") != null || rel.str("schemaname").isEmpty()) return;
        for (Node t : stmt.list("returningList")) {
            TreeWalker.forEachNode(t, n -> {
                if (!n.is("ColumnRef")) return;
                List<Node> fields = n.list("fields");
                if (fields.size() == 3 && rel.str("schemaname").equals(fields.get(0).str("sval"))
                        && rel.str("relname").equals(fields.get(1).str("sval"))) {
                    n.set("fields", new ArrayList<>(fields.subList(1, 3)));
                }
            });
        }
    }

    /**
     * INSERT INTO t AS x … RETURNING x.c without ON CONFLICT: DuckDB takes a target's alias only
     * with ON CONFLICT, so the alias goes and RETURNING names the table instead.
     */
    static void insertAlias(Node stmt) {
        Node rel = stmt.node("relation");
        if (rel == null || rel.node("alias") == null || stmt.node("onConflictClause") != null) return;
        String alias = rel.node("alias").str("aliasname");
        for (Node t : stmt.list("returningList")) {
            TreeWalker.forEachNode(t, n -> {
                if (!n.is("ColumnRef")) return;
                List<Node> fields = n.list("fields");
                if (fields.size() == 2 && fields.get(0).is("String") && alias.equals(fields.get(0).str("sval"))) {
                    fields.set(0, Node.string(rel.str("relname")));
                }
            });
        }
        rel.set("alias", null);
    }
}
