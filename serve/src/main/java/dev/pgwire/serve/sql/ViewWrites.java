package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT, UPDATE and DELETE of a simple view ({@link UpdatableViews}) written as the same
 * statement on the view's base relation, as PostgreSQL's rewriter does: the view's columns become
 * the base columns (or, where read, the view's expressions), the view's WHERE is added to the
 * statement's (UPDATE, DELETE), and RETURNING returns the view's columns. A view PostgreSQL would
 * not update automatically is refused with its 55000, writing a view column that is not a column
 * of the base relation with its 0A000. The tree is changed in place.
 */
final class ViewWrites {
    private ViewWrites() {}

    /** A view over a view over … a table: PostgreSQL follows them; this many is plenty. */
    private static final int MAX_DEPTH = 16;

    /** Rewrites {@code stmt} when it writes a view; returns whether it did. */
    static boolean apply(Node stmt, CatalogView catalog) {
        if (!(stmt.is("InsertStmt") || stmt.is("UpdateStmt") || stmt.is("DeleteStmt"))) return false;
        boolean changed = false;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Node rel = stmt.node("relation");
            if (rel == null) return changed;
            Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
            if (r == null || !r.view() || r.comment() == null) return changed;
            String definition = ObjectMeta.read(r.comment()).definition();
            List<String> viewColumns = new ArrayList<>();
            for (CatalogView.ColumnInfo c : r.columns()) viewColumns.add(c.name());
            UpdatableViews.Simple view = UpdatableViews.simple(definition, viewColumns, base -> {
                Relation b = catalog.relation(base.str("schemaname").isEmpty() ? null : base.str("schemaname"), base.str("relname"));
                if (b == null) return null;
                List<String> names = new ArrayList<>();
                for (CatalogView.ColumnInfo c : b.columns()) names.add(c.name());
                return names;
            });
            String verb = stmt.is("InsertStmt") ? "insert into" : stmt.is("UpdateStmt") ? "update" : "delete from";
            Relation base = view == null ? null : catalog.relation(view.baseSchema(), view.baseRelation());
            if (view == null || base == null || (!base.view() && base.meta().matView() != null)) {
                throw new PgException("55000", "cannot " + verb + " view \"" + r.name() + "\"")
                        .withDetail("Only a view that selects from a single table or view, without WITH, DISTINCT, GROUP BY,"
                                + " HAVING, LIMIT, OFFSET, set operations, aggregates, window or set-returning functions,"
                                + " is automatically updatable.");
            }
            if (!stmt.is("DeleteStmt") && !view.anyUpdatable()) {
                throw new PgException("55000", "cannot " + verb + " view \"" + r.name() + "\"")
                        .withDetail("Views that have no updatable columns are not automatically updatable.");
            }
            if (stmt.is("InsertStmt") && stmt.node("onConflictClause") != null) {
                throw DdlEmitter.unsupported("INSERT … ON CONFLICT into a view");
            }
            rewrite(stmt, rel, r, view);
            changed = true;
        }
        return changed;
    }

    private static void rewrite(Node stmt, Node rel, Relation r, UpdatableViews.Simple view) {
        String alias = rel.node("alias") != null ? rel.node("alias").str("aliasname") : rel.str("relname");
        Node base = view.base();
        Node target = Node.of(null).set("relname", base.str("relname")).set("inh", true).set("relpersistence", "p")
                .set("alias", Node.of(null).set("aliasname", alias)).set("location", rel.has("location") ? rel.num("location") : -1L);
        if (!base.str("schemaname").isEmpty()) target.set("schemaname", base.str("schemaname"));
        boolean insert = stmt.is("InsertStmt");
        if (insert) {
            target.set("alias", rel.node("alias")); // INSERT names no alias unless the statement did
            insertColumns(stmt, r, view);
        }
        if (stmt.is("UpdateStmt")) {
            for (Node set : stmt.list("targetList")) {
                int i = view.index(set.str("name"));
                if (i < 0) continue; // DuckDB reports the unknown column
                if (!view.updatable().get(i)) throw notUpdatable("update", set.str("name"), r);
                set.set("name", baseColumn(view, i));
            }
        }
        // the statement's references to the view's columns: the base columns or the view's expressions
        String qualifier = insert ? (rel.node("alias") != null ? alias : base.str("relname")) : alias;
        nameReturnedColumns(stmt, view, alias);
        Node parts = Node.of(null);
        List<String> fields = List.of("targetList", "whereClause", "returningList", "fromClause", "usingClause");
        for (String field : fields) if (stmt.get(field) != null) parts.set(field, stmt.get(field));
        replace(parts, view, alias, qualifier, false);
        for (String field : fields) if (parts.get(field) != null) stmt.set(field, parts.get(field));
        if (!insert && view.where() != null) {
            Node where = requalified(view.where().copy(), view.baseName(), alias);
            Node own = stmt.node("whereClause");
            stmt.set("whereClause", own == null ? where : Node.of("BoolExpr").set("boolop", "AND_EXPR")
                    .set("args", new ArrayList<>(List.of(where, own))).set("location", -1L));
        }
        expandReturningStar(stmt, view, qualifier);
        stmt.set("relation", target);
    }

    /** INSERT's column list in base columns; without one, the view's columns in order. */
    private static void insertColumns(Node stmt, Relation r, UpdatableViews.Simple view) {
        List<Node> cols = stmt.list("cols");
        if (cols.isEmpty()) {
            int values = valueCount(stmt);
            cols = new ArrayList<>();
            for (int i = 0; i < view.columns().size() && (values < 0 || i < values); i++) {
                cols.add(Node.of("ResTarget").set("name", view.columns().get(i)).set("location", -1L));
            }
            stmt.set("cols", cols);
        }
        for (Node c : cols) {
            int i = view.index(c.str("name"));
            if (i < 0) continue;
            if (!view.updatable().get(i)) throw notUpdatable("insert into", c.str("name"), r);
            c.set("name", baseColumn(view, i));
        }
    }

    /** The width of INSERT … VALUES rows (of the first), or -1 for another source. */
    private static int valueCount(Node stmt) {
        Node select = stmt.node("selectStmt");
        if (select == null || !select.has("valuesLists")) return -1;
        return select.list("valuesLists").get(0).list("items").size();
    }

    private static String baseColumn(UpdatableViews.Simple view, int i) {
        List<Node> fields = view.expressions().get(i).list("fields");
        return fields.get(fields.size() - 1).str("sval");
    }

    private static PgException notUpdatable(String verb, String column, Relation r) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot " + verb + " column \"" + column + "\" of view \"" + r.name() + "\"")
                .withDetail("View columns that are not columns of their base relation are not updatable.");
    }

    /** A returned view column keeps the view's name for it (RETURNING c of a view column c that is an expression). */
    private static void nameReturnedColumns(Node stmt, UpdatableViews.Simple view, String alias) {
        for (Node t : stmt.list("returningList")) {
            Node val = t.node("val");
            if (t.has("name") || val == null || !val.is("ColumnRef")) continue;
            List<Node> f = val.list("fields");
            boolean ours = f.size() == 1 || f.size() == 2 && f.get(0).is("String") && f.get(0).str("sval").equals(alias);
            Node last = f.get(f.size() - 1);
            if (ours && last.is("String") && view.index(last.str("sval")) >= 0) t.set("name", last.str("sval"));
        }
    }

    /**
     * Replaces each reference to a view column below {@code n} — qualified with the view's alias,
     * or unqualified outside subqueries (inside one, a name is first the subquery's own) — by the
     * view's expression for it, qualified with {@code qualifier}.
     */
    private static void replace(Node n, UpdatableViews.Simple view, String alias, String qualifier, boolean inSubquery) {
        for (String field : new ArrayList<>(n.fields().keySet())) {
            Object v = n.get(field);
            boolean sub = inSubquery || subquery(n, field);
            if (v instanceof Node child) {
                Node replaced = child.is("ColumnRef") ? replacement(child, view, alias, qualifier, sub) : null;
                if (replaced != null) n.set(field, replaced); else replace(child, view, alias, qualifier, sub);
            } else if (v instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list);
                for (int i = 0; i < out.size(); i++) {
                    if (!(out.get(i) instanceof Node child)) continue;
                    Node replaced = child.is("ColumnRef") ? replacement(child, view, alias, qualifier, sub) : null;
                    if (replaced != null) out.set(i, replaced); else replace(child, view, alias, qualifier, sub);
                }
                n.set(field, out);
            }
        }
    }

    /** Whether {@code field} of {@code n} is a subquery, with names of its own (a SubLink's testexpr is not). */
    private static boolean subquery(Node n, String field) {
        return n.is("SubLink") && field.equals("subselect") || n.is("RangeSubselect") && field.equals("subquery")
                || n.is("SelectStmt") || n.is("RangeFunction");
    }

    /** The base expression for a reference to a view column, or null when it is no such reference. */
    private static Node replacement(Node ref, UpdatableViews.Simple view, String alias, String qualifier, boolean inSubquery) {
        List<Node> fields = ref.list("fields");
        String column;
        if (fields.size() == 1 && fields.get(0).is("String") && !inSubquery) {
            column = fields.get(0).str("sval");
        } else if (fields.size() == 2 && fields.get(0).is("String") && fields.get(1).is("String")
                && fields.get(0).str("sval").equals(alias) && qualifier != null) {
            column = fields.get(1).str("sval");
        } else {
            return null;
        }
        int i = view.index(column);
        if (i < 0) return null;
        return requalified(view.expressions().get(i).copy(), view.baseName(), qualifier);
    }

    /**
     * The view's expression with its references to the base relation qualified with {@code alias}
     * (when not null): unqualified ones outside its subqueries, and those qualified with the name
     * the view's query gives the base relation.
     */
    private static Node requalified(Node expr, String baseName, String alias) {
        if (alias == null) return expr;
        if (expr.is("ColumnRef")) return qualify(expr, baseName, alias, false);
        qualifyAll(expr, baseName, alias, false);
        return expr;
    }

    private static void qualifyAll(Object o, String baseName, String alias, boolean inSubquery) {
        if (o instanceof List<?> list) {
            for (Object item : list) qualifyAll(item, baseName, alias, inSubquery);
        } else if (o instanceof Node n) {
            if (n.is("ColumnRef")) {
                qualify(n, baseName, alias, inSubquery);
                return;
            }
            for (java.util.Map.Entry<String, Object> e : n.fields().entrySet()) {
                qualifyAll(e.getValue(), baseName, alias, inSubquery || subquery(n, e.getKey()));
            }
        }
    }

    private static Node qualify(Node ref, String baseName, String alias, boolean inSubquery) {
        List<Node> fields = ref.list("fields");
        if (fields.size() == 1 && fields.get(0).is("String") && !inSubquery) {
            ref.set("fields", new ArrayList<>(List.of(Node.string(alias), fields.get(0))));
        } else if (fields.size() == 2 && fields.get(0).is("String") && fields.get(0).str("sval").equals(baseName)) {
            ref.set("fields", new ArrayList<>(List.of(Node.string(alias), fields.get(1))));
        }
        return ref;
    }

    /** RETURNING * (or alias.*) returns the view's columns, named as the view names them. */
    private static void expandReturningStar(Node stmt, UpdatableViews.Simple view, String qualifier) {
        if (!stmt.has("returningList")) return;
        List<Node> out = new ArrayList<>();
        for (Node t : stmt.list("returningList")) {
            Node val = t.node("val");
            List<Node> fields = val != null && val.is("ColumnRef") ? val.list("fields") : List.of();
            if (fields.isEmpty() || !fields.get(fields.size() - 1).is("A_Star")) {
                out.add(t);
                continue;
            }
            for (int i = 0; i < view.columns().size(); i++) {
                out.add(Node.of("ResTarget").set("name", view.columns().get(i))
                        .set("val", requalified(view.expressions().get(i).copy(), view.baseName(), qualifier)).set("location", -1L));
            }
        }
        stmt.set("returningList", out);
    }
}
