package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * The foreign keys serve keeps (in {@link TableMeta}) of tables other than the one a DROP TABLE,
 * TRUNCATE or rename acts on: what PostgreSQL refuses because of them, and the metadata scripts
 * ({@code COMMENT ON TABLE}) that keep them right when the table or a column is renamed or a
 * CASCADE drops them. Part of {@link DdlChanges}, writing to its script.
 */
final class ReferencingKeys {
    private final SessionContext session;
    private final List<String> script;

    ReferencingKeys(SessionContext session, List<String> script) {
        this.session = session;
        this.script = script;
    }

    /** A foreign key serve enforces, of {@code table}, referencing {@code target}. */
    private record Reference(Relation table, TableMeta.Constraint key) {
    }

    /** The keys of other tables (not among {@code tables}) that reference one of {@code tables}. */
    private List<Reference> referencesTo(List<Relation> tables) {
        List<Reference> out = new ArrayList<>();
        for (Relation target : tables) {
            for (Relation child : session.catalog().referencing(target.name())) {
                if (contains(tables, child)) continue;
                for (TableMeta.Constraint k : child.meta().constraints()) {
                    if (k.rule() != null && k.references().equals(target.name()) && k.rule().schema().equals(target.schema())) {
                        out.add(new Reference(child, k));
                    }
                }
            }
        }
        return out;
    }

    private static boolean contains(List<Relation> tables, Relation r) {
        for (Relation t : tables) if (t.schema().equals(r.schema()) && t.name().equals(r.name())) return true;
        return false;
    }

    /**
     * Dropping tables other tables' foreign keys reference: refused (2BP01) as in PostgreSQL, or
     * with CASCADE the keys go (the referencing tables stay).
     */
    void dropReferencing(List<Relation> tables, boolean cascade) {
        List<Reference> refs = referencesTo(tables);
        if (refs.isEmpty()) return;
        dropKeys(refs, cascade, "table " + refs.get(0).key().references(), r -> "table " + r.key().references());
    }

    /**
     * Dropping a column foreign keys reference: refused (2BP01) as in PostgreSQL, or with CASCADE
     * those keys go; the names of the table's own keys among them (parent REFERENCES t (id)) are
     * returned for its ALTER to drop from its record.
     */
    List<String> dropReferencedColumn(Relation table, String column, boolean cascade) {
        List<Reference> refs = new ArrayList<>();
        for (Reference r : referencesTo(List.of(table))) {
            if (r.key().referencedColumns() != null && r.key().referencedColumns().contains(column)) refs.add(r);
        }
        for (TableMeta.Constraint k : table.meta().constraints()) { // the table's keys on itself (parent_id REFERENCES t (id))
            if (k.rule() != null && k.references().equals(table.name()) && k.rule().schema().equals(table.schema())
                    && k.referencedColumns() != null && k.referencedColumns().contains(column) && !k.columns().contains(column)) {
                refs.add(new Reference(table, k));
            }
        }
        if (refs.isEmpty()) return List.of();
        String what = "column " + column + " of table " + table.name();
        dropKeys(refs, cascade, what, r -> what);
        // the table's own keys go from the record its ALTER writes (which a comment written here would not survive)
        List<String> own = new ArrayList<>();
        for (Reference r : refs) if (contains(List.of(table), r.table())) own.add(r.key().name());
        return own;
    }

    private void dropKeys(List<Reference> refs, boolean cascade, String what, java.util.function.Function<Reference, String> dependsOn) {
        if (!cascade) {
            List<String> lines = new ArrayList<>();
            for (Reference r : refs) {
                lines.add("constraint " + r.key().name() + " on table " + r.table().name() + " depends on " + dependsOn.apply(r));
            }
            throw new PgException("2BP01", "cannot drop " + what + " because other objects depend on it")
                    .withDetail(String.join("\n", lines))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        java.util.Map<String, TableMeta> metas = new java.util.LinkedHashMap<>();
        java.util.Map<String, Relation> byKey = new java.util.HashMap<>();
        for (Reference r : refs) {
            String key = r.table().schema() + "." + r.table().name();
            byKey.put(key, r.table());
            metas.put(key, metas.getOrDefault(key, r.table().meta()).withoutConstraint(r.key().name()));
        }
        for (java.util.Map.Entry<String, TableMeta> e : metas.entrySet()) {
            Relation child = byKey.get(e.getKey());
            if (refs.stream().anyMatch(r -> r.table() == child && r.key().references().equals(child.name())
                    && r.key().rule().schema().equals(child.schema()))) {
                continue; // a table's key on itself: the ALTER of that table records it (dropReferencedColumn)
            }
            script.add("COMMENT ON TABLE " + SqlNames.table(child.schema(), child.name()) + " IS " + SqlWriter.quoteLiteral(e.getValue().write()));
        }
    }

    /**
     * TRUNCATE of {@code tables}: a table other tables' foreign keys reference goes only with them,
     * as in PostgreSQL — refused (0A000), or with CASCADE those tables are added (to {@code
     * tables}, and returned), and the tables referencing them, and so on.
     */
    List<Relation> truncatedWith(List<Relation> tables, boolean cascade) {
        List<Relation> also = new ArrayList<>();
        for (List<Reference> refs = referencesTo(tables); !refs.isEmpty(); refs = referencesTo(tables)) {
            if (!cascade) {
                Reference r = refs.get(0);
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot truncate a table referenced in a foreign key constraint")
                        .withDetail("Table \"" + r.table().name() + "\" references \"" + r.key().references() + "\".")
                        .withHint("Truncate table \"" + r.table().name() + "\" at the same time, or use TRUNCATE ... CASCADE.");
            }
            for (Reference r : refs) {
                if (!contains(tables, r.table())) {
                    tables.add(r.table());
                    also.add(r.table());
                }
            }
        }
        return also;
    }

    /**
     * What serve keeps of keys follows a rename: the table's own constraints name the renamed
     * column, and the foreign keys of the tables referencing it its new name or its renamed column.
     */
    void renamed(Relation r, String newTable, String oldColumn, String newColumn) {
        if (r == null || r.view()) return;
        List<Reference> refs = referencesTo(List.of(r));
        String renamed = newTable != null ? newTable : r.name();
        String self = SqlNames.table(r.schema(), renamed);
        TableMeta own = renamed(r.meta(), r, oldColumn, newColumn, newTable);
        if (own != null) script.add("COMMENT ON TABLE " + self + " IS " + SqlWriter.quoteLiteral(own.write()));
        java.util.Map<String, Relation> children = new java.util.LinkedHashMap<>();
        for (Reference ref : refs) children.put(ref.table().schema() + "." + ref.table().name(), ref.table());
        for (Relation child : children.values()) {
            TableMeta meta = renamed(child.meta(), r, null, null, null);
            TableMeta changed = referencesRenamed(meta == null ? child.meta() : meta, r, renamed, oldColumn, newColumn);
            script.add("COMMENT ON TABLE " + SqlNames.table(child.schema(), child.name()) + " IS " + SqlWriter.quoteLiteral(changed.write()));
        }
    }

    /** {@code meta} with column {@code from} named {@code to} in the table's own constraints (and a self-reference renamed); null when unchanged. */
    private static TableMeta renamed(TableMeta meta, Relation table, String from, String to, String newTable) {
        if (from == null && newTable == null) return null;
        TableMeta out = meta;
        boolean changed = false;
        for (TableMeta.Constraint c : meta.constraints()) {
            List<String> cols = from == null ? c.columns() : replaced(c.columns(), from, to);
            boolean self = c.rule() != null && c.references().equals(table.name()) && c.rule().schema().equals(table.schema());
            List<String> refCols = self && from != null ? replaced(c.referencedColumns(), from, to) : c.referencedColumns();
            String references = self && newTable != null ? newTable : c.references();
            // a check's expression (a partial unique index's predicate) names the column anew
            String expression = from == null || c.expression() == null ? c.expression()
                    : ColumnRename.expression(c.expression(), from, to, ColumnRename.columnTypes(table, from, to));
            if (expression != null && c.type().equals("u")) expression = ColumnMeta.form(expression, false);
            if (cols.equals(c.columns()) && refCols.equals(c.referencedColumns()) && java.util.Objects.equals(references, c.references())
                    && java.util.Objects.equals(expression, c.expression())) continue;
            out = out.replacing(new TableMeta.Constraint(c.name(), c.type(), cols, references, refCols,
                    expression, c.index(), c.backedByIndex(), c.rule(), c.expressionKeys(), c.notValid()));
            changed = true;
        }
        return changed ? out : null;
    }

    /** A referencing table's keys to {@code parent}, with its new name or renamed column. */
    private static TableMeta referencesRenamed(TableMeta meta, Relation parent, String newName, String from, String to) {
        TableMeta out = meta;
        for (TableMeta.Constraint c : meta.constraints()) {
            if (c.rule() == null || !c.references().equals(parent.name()) || !c.rule().schema().equals(parent.schema())) continue;
            List<String> refCols = from == null ? c.referencedColumns() : replaced(c.referencedColumns(), from, to);
            out = out.replacing(new TableMeta.Constraint(c.name(), c.type(), c.columns(), newName, refCols,
                    c.expression(), c.index(), c.backedByIndex(), c.rule(), c.expressionKeys(), c.notValid()));
        }
        return out;
    }

    private static List<String> replaced(List<String> names, String from, String to) {
        List<String> out = new ArrayList<>();
        for (String n : names) out.add(n.equals(from) ? to : n);
        return out;
    }
}
