package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.ViewRules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The views that read a table, view or column being renamed. PostgreSQL's views name what they
 * read by OID, so a rename carries them along; DuckDB's keep their query as text and would fail
 * from then on ({@code relation "t" does not exist}). serve makes each such view again after the
 * rename: its query as pg_get_viewdef shows it (every column qualified by its FROM item), with the
 * renamed relation or column written under its new name and each of the view's columns keeping
 * its name (a renamed column read bare is written {@code t.b AS a}, as PostgreSQL shows it).
 *
 * <p>A materialized view reading what is renamed, or a view whose query serve cannot rewrite
 * (one pg_get_viewdef shows as written, a join USING the renamed column), makes the rename fail
 * with 0A000 before anything changed.
 */
public final class RenamedReads {
    private RenamedReads() {}

    /**
     * A view to make again: its name, its query as pg_get_viewdef shows it, its columns' names,
     * its comment and its columns' comments (null where none).
     */
    public record View(String schema, String name, String query, List<String> columns, String description,
                       List<String> columnDescriptions) {}

    /** What a RENAME statement renames: a relation (column null) or one of its columns. */
    private record Renamed(String schema, String relation, String column, String newName) {
        String key() {
            return schema + "." + relation;
        }
    }

    /** The views reading what {@code stmt} (a RenameStmt) renames; empty when there are none or it renames something else. */
    public static List<View> readers(Node stmt, CatalogView catalog) {
        Renamed renamed = renamed(stmt, catalog);
        if (renamed == null) return List.of();
        List<String[]> views = catalog.views();
        if (views.isEmpty()) return List.of();
        Set<String> known = new HashSet<>();
        known.add(renamed.key());
        for (String[] v : views) known.add(v[0] + "." + v[1]);
        List<View> out = new ArrayList<>();
        String what = renamed.column() != null ? "column \"" + renamed.column() + "\" of relation \"" + renamed.relation() + "\""
                : "relation \"" + renamed.relation() + "\"";
        for (String[] v : views) {
            if ((v[0] + "." + v[1]).equals(renamed.key()) || v[2] == null) continue;
            CatalogView.Relation view = v[3].equals("view") ? catalog.relation(v[0], v[1]) : null;
            ObjectMeta meta = view == null ? null : ObjectMeta.read(view.comment());
            String query = meta == null ? null : ColumnMeta.form(meta.shown(), false);
            // what the view reads: every name in its query as shown is qualified (the query as written
            // names tables as the search_path found them when it was made)
            String reads = query != null ? SchemaNames.write(query, QUALIFIED) : v[2];
            if (!ViewRules.referenced(reads, v[0], known).contains(renamed.key())) continue;
            if (renamed.column() != null && !ViewDependents.readsColumn(reads, renamed.column())) continue;
            if (v[3].equals("materialized view")) {
                throw cannot(what, "materialized view \"" + v[1] + "\" reads it")
                        .withHint("Drop the materialized view, rename, and create it again.");
            }
            if (query == null) {
                throw cannot(what, "serve cannot rewrite the query of view \"" + v[1] + "\" that reads it")
                        .withHint("Drop the view, rename, and create it again.");
            }
            List<String> columns = new ArrayList<>();
            List<String> descriptions = new ArrayList<>();
            for (CatalogView.ColumnInfo c : view.columns()) {
                columns.add(c.name());
                descriptions.add(c.description());
            }
            out.add(new View(v[0], v[1], query, columns, meta.description(), descriptions));
        }
        return out;
    }

    /**
     * The statements (PostgreSQL's SQL) that make {@code view} again once {@code stmt} has renamed
     * what it reads; {@code after} is the catalog with the rename made.
     */
    public static List<String> remake(View view, Node stmt, CatalogView after) {
        Renamed renamed = renamedAfter(stmt, after);
        String what = renamed.column() != null ? "column \"" + renamed.column() + "\" of relation \"" + renamed.relation() + "\""
                : "relation \"" + renamed.relation() + "\"";
        String text = SchemaNames.write(view.query(), QUALIFIED).strip();
        if (text.endsWith(";")) text = text.substring(0, text.length() - 1);
        Node query = PgParser.parse(text).get(0).tree();
        rewrite(query, renamed, view, what);
        keepNames(query, view.columns());
        String shown = SchemaNames.write(ColumnMeta.form(ViewDeparse.pair(query, List.of(), after), false), QUALIFIED);
        if (shown == null) throw cannot(what, "serve cannot rewrite the query of view \"" + view.name() + "\" that reads it");
        if (shown.endsWith(";")) shown = shown.substring(0, shown.length() - 1);
        // the catalog's views are the database's (a temporary view is not among them)
        String name = SqlWriter.quoteIdent(view.schema()) + "." + SqlWriter.quoteIdent(view.name());
        List<String> out = new ArrayList<>();
        out.add("CREATE OR REPLACE VIEW " + name + " AS " + shown);
        if (view.description() != null) out.add("COMMENT ON VIEW " + name + " IS " + SqlWriter.quoteLiteral(view.description()));
        for (int i = 0; i < view.columns().size(); i++) {
            String d = view.columnDescriptions().get(i);
            if (d != null) {
                out.add("COMMENT ON COLUMN " + name + "." + SqlWriter.quoteIdent(view.columns().get(i)) + " IS " + SqlWriter.quoteLiteral(d));
            }
        }
        return out;
    }

    private static PgException cannot(String what, String why) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot rename " + what + ": " + why);
    }

    /** Every marked name written with its schema (temporary relations' bare), whatever the session's search_path. */
    private static final SchemaNames.Lookup QUALIFIED = new SchemaNames.Lookup() {
        @Override
        public String schemaOf(char kind, String name) {
            return null;
        }

        @Override
        public boolean visible(char kind, String schema, String name) {
            return schema.isEmpty() || schema.startsWith("pg_temp");
        }
    };

    /** What {@code stmt} renames, resolved in the catalog before the rename; null when no view can read it. */
    private static Renamed renamed(Node stmt, CatalogView catalog) {
        if (!stmt.is("RenameStmt") || stmt.node("relation") == null) return null;
        String type = stmt.str("renameType");
        boolean column = type.equals("OBJECT_COLUMN");
        if (!column && !type.equals("OBJECT_TABLE") && !type.equals("OBJECT_VIEW") && !type.equals("OBJECT_MATVIEW")) return null;
        Node rel = stmt.node("relation");
        CatalogView.Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null) return null;
        return new Renamed(r.schema(), r.name(), column ? stmt.str("subname") : null, stmt.str("newname"));
    }

    /** What {@code stmt} renamed, resolved in the catalog after the rename. */
    private static Renamed renamedAfter(Node stmt, CatalogView after) {
        Node rel = stmt.node("relation");
        boolean column = stmt.str("renameType").equals("OBJECT_COLUMN");
        String schema = rel.str("schemaname").isEmpty() ? null : rel.str("schemaname");
        CatalogView.Relation r = after.relation(schema, column ? rel.str("relname") : stmt.str("newname"));
        String resolved = r != null ? r.schema() : schema;
        return new Renamed(resolved, rel.str("relname"), column ? stmt.str("subname") : null, stmt.str("newname"));
    }

    /** Writes the renamed relation or column under its new name in {@code query}. */
    private static void rewrite(Node query, Renamed renamed, View view, String what) {
        Set<String> ctes = new HashSet<>();
        List<Node> rangeVars = new ArrayList<>();
        Set<String> otherNames = new HashSet<>();
        TreeWalker.forEachNode(query, n -> {
            if (n.is("CommonTableExpr")) ctes.add(n.str("ctename"));
            else if (n.is("RangeVar")) rangeVars.add(n);
            else if ((n.is("RangeSubselect") || n.is("RangeFunction") || n.is("JoinExpr")) && n.node("alias") != null) {
                otherNames.add(n.node("alias").str("aliasname"));
            }
        });
        Set<String> qualifiers = new HashSet<>();
        List<Node> targets = new ArrayList<>();
        for (Node r : rangeVars) {
            if (reads(r, renamed, view.schema(), ctes)) {
                targets.add(r);
                qualifiers.add(r.node("alias") != null ? r.node("alias").str("aliasname") : r.str("relname"));
            } else {
                otherNames.add(r.node("alias") != null ? r.node("alias").str("aliasname") : r.str("relname"));
            }
        }
        otherNames.addAll(ctes);
        for (String q : qualifiers) {
            if (otherNames.contains(q)) throw cannot(what, "view \"" + view.name() + "\" names another relation \"" + q + "\" as well");
        }
        if (renamed.column() == null) {
            String old = renamed.relation();
            // the view names the relation's columns by its name where it gave it no alias: they follow the new name,
            // unless that name is taken in the view (the relation then keeps its old name as an alias)
            boolean follow = !otherNames.contains(renamed.newName()) && !qualifiers.contains(renamed.newName());
            for (Node r : targets) {
                if (r.node("alias") == null && !follow) r.set("alias", Node.of("Alias").set("aliasname", old));
                r.set("relname", renamed.newName());
            }
            boolean bare = targets.stream().anyMatch(r -> r.node("alias") == null);
            if (!follow || !bare) return;
            TreeWalker.forEachNode(query, n -> {
                if (!n.is("ColumnRef")) return;
                List<Node> fields = new ArrayList<>(n.list("fields"));
                if (fields.size() < 2 || !fields.get(fields.size() - 2).is("String") || !fields.get(fields.size() - 2).str("sval").equals(old)) return;
                fields.set(fields.size() - 2, Node.string(renamed.newName()));
                n.set("fields", fields);
            });
            return;
        }
        TreeWalker.forEachNode(query, n -> {
            if (n.is("JoinExpr") && n.names("usingClause").contains(renamed.column())) {
                throw cannot(what, "view \"" + view.name() + "\" joins USING it");
            }
            if (n.is("ResTarget") && n.node("val") != null && n.node("val").is("ColumnRef") && n.str("name").isEmpty()
                    && renames(n.node("val"), renamed, qualifiers)) {
                n.set("name", renamed.column()); // the result column keeps its name
            }
        });
        TreeWalker.forEachNode(query, n -> {
            if (!n.is("ColumnRef") || !renames(n, renamed, qualifiers)) return;
            List<Node> fields = new ArrayList<>(n.list("fields"));
            fields.set(fields.size() - 1, Node.string(renamed.newName()));
            n.set("fields", fields);
        });
    }

    /** Whether a FROM item reads the renamed relation. */
    private static boolean reads(Node rangeVar, Renamed renamed, String viewSchema, Set<String> ctes) {
        String schema = rangeVar.str("schemaname");
        String name = rangeVar.str("relname");
        if (!name.equals(renamed.relation())) return false;
        if (!schema.isEmpty()) return schema.equals(renamed.schema());
        return !ctes.contains(name) && (renamed.schema().equals(viewSchema) || renamed.schema().equals("public"));
    }

    /** Whether a column reference is {@code q.column} (or {@code schema.q.column}) of a FROM item reading the renamed relation. */
    private static boolean renames(Node ref, Renamed renamed, Set<String> qualifiers) {
        List<Node> fields = ref.list("fields");
        if (fields.size() < 2 || !fields.get(fields.size() - 1).is("String")) return false;
        if (!fields.get(fields.size() - 1).str("sval").equals(renamed.column())) return false;
        Node q = fields.get(fields.size() - 2);
        return q.is("String") && qualifiers.contains(q.str("sval"));
    }

    /** Each of the view's result columns keeps its name: written as the name of its target. */
    private static void keepNames(Node query, List<String> columns) {
        Node q = query;
        while (q.node("larg") != null && !q.str("op").isEmpty() && !q.str("op").equals("SETOP_NONE")) q = q.node("larg");
        List<Node> targets = q.list("targetList");
        if (targets.size() != columns.size()) return;
        for (int i = 0; i < targets.size(); i++) targets.get(i).set("name", columns.get(i));
    }
}
