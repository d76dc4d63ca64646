package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What serve keeps of a table's PostgreSQL definition in the DuckDB table's comment: its
 * constraints with PostgreSQL's names (DuckDB names them its own way, and PostgreSQL's errors,
 * drivers and ORMs use the names), the table's PostgreSQL comment, and — for a materialized view,
 * which serve keeps as a table — its query as written and as DuckDB runs it (REFRESH).
 *
 * <pre>{@code
 * {"constraints":[{"name":"t_pkey","type":"p","columns":["id"]},{"name":"t_parent_fkey","type":"f","columns":["parent"],"references":"t"}],"description":"…"}
 * }</pre>
 */
public final class TableMeta {

    /**
     * One constraint: p primary key, u unique (or a unique index), f foreign key, c check.
     *
     * @param references the referenced table of a foreign key; for a check renamed since it was
     *                   made, the name DuckDB's check still carries ({@link #engineName}); else null
     * @param expression a check constraint's expression as PostgreSQL shows it, a partial unique
     *                   index's predicate likewise, else null
     * @param index      a unique index made by CREATE UNIQUE INDEX rather than a constraint
     * @param backedByIndex a UNIQUE constraint added by ALTER TABLE, which DuckDB keeps as a unique
     *                   index of the constraint's name (DuckDB adds no other constraint to a table)
     * @param rule       a foreign key serve enforces itself ({@link ForeignKeyRule}); null for one
     *                   DuckDB enforces (made before serve kept them) and for other constraints
     * @param expressionKeys a unique index with an expression among its keys ({@code lower(email)}):
     *                   {@code columns} are then only its plain columns, and it is no key of them
     * @param notValid   a check added NOT VALID and not validated since (DuckDB checks every row
     *                   against it all the same: serve adds one only when the rows there pass it)
     */
    public record Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns,
                             String expression, boolean index, boolean backedByIndex, ForeignKeyRule rule, boolean expressionKeys,
                             boolean notValid) {
        public Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns,
                          String expression, boolean index, boolean backedByIndex, ForeignKeyRule rule, boolean expressionKeys) {
            this(name, type, columns, references, referencedColumns, expression, index, backedByIndex, rule, expressionKeys, false);
        }

        public Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns,
                          String expression, boolean index, boolean backedByIndex, ForeignKeyRule rule) {
            this(name, type, columns, references, referencedColumns, expression, index, backedByIndex, rule, false);
        }

        public Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns,
                          String expression, boolean index, boolean backedByIndex) {
            this(name, type, columns, references, referencedColumns, expression, index, backedByIndex, null);
        }

        /** pg_constraint.convalidated: false for a foreign key or check added NOT VALID and not validated since. */
        public boolean validated() {
            return rule != null ? rule.validated() : !notValid;
        }

        /** The same constraint validated (ALTER TABLE … VALIDATE CONSTRAINT). */
        public Constraint asValidated() {
            ForeignKeyRule r = rule == null ? null : new ForeignKeyRule(rule.schema(), rule.onDelete(), rule.onUpdate(), rule.match(),
                    rule.deferrable(), rule.deferred(), rule.setColumns(), true);
            return new Constraint(name, type, columns, references, referencedColumns, expression, index, backedByIndex, r,
                    expressionKeys, false);
        }

        /**
         * Whether this is a key of the whole table: a primary key, a unique constraint or a unique
         * index over every row (a partial unique index is none: a foreign key cannot reference it).
         */
        public boolean key() {
            return type.equals("p") || type.equals("u") && expression == null && !expressionKeys;
        }

        /**
         * The name in the check DuckDB enforces ({@code pgwire.table_check(…, 'name')}): the name
         * the constraint was made with, which a rename does not change.
         */
        public String engineName() {
            return type.equals("c") && references != null ? references : name;
        }

        /** A unique index over the rows its predicate holds for. */
        public boolean partialUnique() {
            return type.equals("u") && expression != null;
        }

        public Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns) {
            this(name, type, columns, references, referencedColumns, null, false, false);
        }

        public Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns,
                          String expression, boolean index) {
            this(name, type, columns, references, referencedColumns, expression, index, false);
        }
    }

    /**
     * How a foreign key serve enforces behaves, as pg_constraint spells it.
     *
     * @param schema     the referenced table's schema
     * @param onDelete   confdeltype: a no action, r restrict, c cascade, n set null, d set default
     * @param onUpdate   confupdtype, likewise
     * @param match      confmatchtype: s simple, f full
     * @param setColumns the columns ON DELETE SET NULL / SET DEFAULT (columns) sets; empty for all
     * @param validated  false for a key added NOT VALID (rows before it are not checked)
     */
    public record ForeignKeyRule(String schema, String onDelete, String onUpdate, String match, boolean deferrable,
                                 boolean deferred, List<String> setColumns, boolean validated) {
    }

    /**
     * A materialized view's query: as the client wrote it (pg_get_viewdef) and as DuckDB runs it;
     * populated is false after CREATE … WITH NO DATA or REFRESH … WITH NO DATA, until a REFRESH.
     */
    public record MatView(String definition, String query, boolean populated) {
        public MatView(String definition, String query) {
            this(definition, query, true);
        }

        MatView populated(boolean now) {
            return new MatView(definition, query, now);
        }
    }

    private final List<Constraint> constraints;
    private final String description;
    private final MatView matView;
    private final boolean triggersDisabled;

    TableMeta(List<Constraint> constraints, String description) {
        this(constraints, description, null);
    }

    TableMeta(List<Constraint> constraints, String description, MatView matView) {
        this(constraints, description, matView, false);
    }

    private TableMeta(List<Constraint> constraints, String description, MatView matView, boolean triggersDisabled) {
        this.constraints = constraints;
        this.description = description;
        this.matView = matView;
        this.triggersDisabled = triggersDisabled;
    }

    /** The same table holding its materialized view populated or not. */
    TableMeta withPopulated(boolean populated) {
        return new TableMeta(constraints, description, matView.populated(populated), triggersDisabled);
    }

    /**
     * Whether ALTER TABLE … DISABLE TRIGGER ALL turned the table's foreign key triggers off (they
     * are serve's checks and actions: the table's keys are not checked when it changes, nor do keys
     * referencing it act or check when its rows go or change).
     */
    public boolean triggersDisabled() {
        return triggersDisabled;
    }

    TableMeta withTriggersDisabled(boolean disabled) {
        return new TableMeta(constraints, description, matView, disabled);
    }

    /** The materialized view this table holds, or null for a table. */
    public MatView matView() {
        return matView;
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    public String description() {
        return description;
    }

    TableMeta withConstraint(Constraint c) {
        List<Constraint> all = new ArrayList<>(constraints);
        all.add(c);
        return new TableMeta(all, description, matView, triggersDisabled);
    }

    TableMeta withoutConstraint(String name) {
        List<Constraint> rest = new ArrayList<>();
        for (Constraint c : constraints) if (!c.name().equals(name)) rest.add(c);
        return new TableMeta(rest, description, matView, triggersDisabled);
    }

    /** The constraint of {@code c}'s name replaced by {@code c}, in its place. */
    TableMeta replacing(Constraint c) {
        List<Constraint> all = new ArrayList<>();
        for (Constraint old : constraints) all.add(old.name().equals(c.name()) ? c : old);
        return new TableMeta(all, description, matView, triggersDisabled);
    }

    /** The constraint (or unique index) {@code oldName} named {@code newName}, in its place. */
    public TableMeta renaming(String oldName, String newName) {
        List<Constraint> all = new ArrayList<>();
        for (Constraint c : constraints) {
            all.add(!c.name().equals(oldName) ? c : new Constraint(newName, c.type(), c.columns(),
                    c.type().equals("c") ? c.engineName() : c.references(), c.referencedColumns(),
                    c.expression(), c.index(), c.backedByIndex(), c.rule(), c.expressionKeys(), c.notValid()));
        }
        return new TableMeta(all, description, matView, triggersDisabled);
    }

    /** The constraint named {@code name}, or null. */
    public Constraint constraint(String name) {
        for (Constraint c : constraints) if (c.name().equals(name)) return c;
        return null;
    }

    TableMeta withDescription(String text) {
        return new TableMeta(constraints, text, matView, triggersDisabled);
    }

    /** The metadata in a DuckDB table comment (empty when there is none or it is someone else's text). */
    public static TableMeta read(String comment) {
        Node meta = ColumnMeta.read(comment);
        List<Constraint> list = new ArrayList<>();
        for (Object o : meta.list("constraints")) {
            if (!(o instanceof Node c)) continue;
            list.add(new Constraint(c.str("name"), c.str("type"), strings(c.get("columns")),
                    c.has("references") ? c.str("references") : null, strings(c.get("referenced_columns")),
                    c.has("expression") ? c.str("expression") : null, c.bool("index"), c.bool("backed_by_index"),
                    c.node("fk") == null ? null : rule(c.node("fk")), c.bool("expression_keys"), c.bool("not_valid")));
        }
        String description = meta.has("description") ? meta.str("description") : ColumnMeta.description(comment);
        Node mv = meta.node("matview");
        return new TableMeta(list, description, mv == null ? null : new MatView(mv.str("definition"), mv.str("query"),
                !mv.has("populated") || mv.bool("populated")), meta.bool("triggers_disabled"));
    }

    private static ForeignKeyRule rule(Node fk) {
        return new ForeignKeyRule(fk.str("schema"), fk.str("delete"), fk.str("update"), fk.str("match"),
                fk.bool("deferrable"), fk.bool("deferred"), strings(fk.get("set_columns")), !fk.bool("not_valid"));
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) for (Object o : l) if (o instanceof String s) out.add(s);
        return out;
    }

    public String write() {
        StringBuilder sb = new StringBuilder("{\"constraints\":[");
        for (int i = 0; i < constraints.size(); i++) {
            Constraint c = constraints.get(i);
            if (i > 0) sb.append(',');
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type());
            m.put("columns", c.columns());
            if (c.references() != null) {
                m.put("references", c.references());
                m.put("referenced_columns", c.referencedColumns());
            }
            if (c.expression() != null) m.put("expression", c.expression());
            if (c.index()) m.put("index", true);
            if (c.backedByIndex()) m.put("backed_by_index", true);
            if (c.expressionKeys()) m.put("expression_keys", true);
            if (c.notValid()) m.put("not_valid", true);
            if (c.rule() != null) {
                ForeignKeyRule r = c.rule();
                Map<String, Object> fk = new LinkedHashMap<>();
                fk.put("schema", r.schema());
                fk.put("delete", r.onDelete());
                fk.put("update", r.onUpdate());
                fk.put("match", r.match());
                if (r.deferrable()) fk.put("deferrable", true);
                if (r.deferred()) fk.put("deferred", true);
                if (!r.setColumns().isEmpty()) fk.put("set_columns", r.setColumns());
                if (!r.validated()) fk.put("not_valid", true);
                m.put("fk", fk);
            }
            sb.append(ColumnMeta.toJson(m));
        }
        sb.append(']');
        if (description != null) {
            sb.append(",\"description\":");
            ColumnMeta.appendString(sb, description);
        }
        if (matView != null) {
            sb.append(",\"matview\":{\"definition\":");
            ColumnMeta.appendString(sb, matView.definition());
            sb.append(",\"query\":");
            ColumnMeta.appendString(sb, matView.query());
            if (!matView.populated()) sb.append(",\"populated\":false");
            sb.append('}');
        }
        if (triggersDisabled) sb.append(",\"triggers_disabled\":true");
        return sb.append('}').toString();
    }

    static TableMeta empty() {
        return new TableMeta(List.of(), null);
    }

    /** PostgreSQL's name for a constraint nobody named: table_columns_suffix, cut to 63 bytes as PostgreSQL cuts it. */
    static String defaultName(String table, List<String> columns, String suffix) {
        // makeObjectName: table and columns (joined by _) each cut, the longer first, until with the label they fit 63 bytes
        String columnPart = columns.isEmpty() ? null : String.join("_", columns);
        byte[] one = table.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] two = columnPart == null ? new byte[0] : columnPart.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int available = 63 - (columnPart == null ? 0 : 1) - (suffix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1);
        int n1 = one.length;
        int n2 = two.length;
        while (n1 + n2 > available) {
            if (n1 > n2) n1--; else n2--;
        }
        String name = clip(one, n1) + (columnPart == null ? "" : "_" + clip(two, n2));
        return name + "_" + suffix;
    }

    /** The first {@code n} bytes of UTF-8 {@code bytes}, cut back to a whole character (pg_mbcliplen). */
    private static String clip(byte[] bytes, int n) {
        while (n > 0 && n < bytes.length && (bytes[n] & 0xC0) == 0x80) n--;
        return new String(bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
