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
     * @param references the referenced table of a foreign key, else null
     * @param expression a check constraint's expression as PostgreSQL shows it, else null
     * @param index      a unique index made by CREATE UNIQUE INDEX rather than a constraint
     * @param backedByIndex a UNIQUE constraint added by ALTER TABLE, which DuckDB keeps as a unique
     *                   index of the constraint's name (DuckDB adds no other constraint to a table)
     */
    public record Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns,
                             String expression, boolean index, boolean backedByIndex) {
        public Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns) {
            this(name, type, columns, references, referencedColumns, null, false, false);
        }

        public Constraint(String name, String type, List<String> columns, String references, List<String> referencedColumns,
                          String expression, boolean index) {
            this(name, type, columns, references, referencedColumns, expression, index, false);
        }
    }

    /** A materialized view's query: as the client wrote it (pg_get_viewdef) and as DuckDB runs it. */
    public record MatView(String definition, String query) {
    }

    private final List<Constraint> constraints;
    private final String description;
    private final MatView matView;

    TableMeta(List<Constraint> constraints, String description) {
        this(constraints, description, null);
    }

    TableMeta(List<Constraint> constraints, String description, MatView matView) {
        this.constraints = constraints;
        this.description = description;
        this.matView = matView;
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
        return new TableMeta(all, description, matView);
    }

    TableMeta withoutConstraint(String name) {
        List<Constraint> rest = new ArrayList<>();
        for (Constraint c : constraints) if (!c.name().equals(name)) rest.add(c);
        return new TableMeta(rest, description, matView);
    }

    /** The constraint named {@code name}, or null. */
    public Constraint constraint(String name) {
        for (Constraint c : constraints) if (c.name().equals(name)) return c;
        return null;
    }

    TableMeta withDescription(String text) {
        return new TableMeta(constraints, text, matView);
    }

    /** The metadata in a DuckDB table comment (empty when there is none or it is someone else's text). */
    public static TableMeta read(String comment) {
        Node meta = ColumnMeta.read(comment);
        List<Constraint> list = new ArrayList<>();
        for (Object o : meta.list("constraints")) {
            if (!(o instanceof Node c)) continue;
            list.add(new Constraint(c.str("name"), c.str("type"), strings(c.get("columns")),
                    c.has("references") ? c.str("references") : null, strings(c.get("referenced_columns")),
                    c.has("expression") ? c.str("expression") : null, c.bool("index"), c.bool("backed_by_index")));
        }
        String description = meta.has("description") ? meta.str("description") : ColumnMeta.description(comment);
        Node mv = meta.node("matview");
        return new TableMeta(list, description, mv == null ? null : new MatView(mv.str("definition"), mv.str("query")));
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) for (Object o : l) if (o instanceof String s) out.add(s);
        return out;
    }

    String write() {
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
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    static TableMeta empty() {
        return new TableMeta(List.of(), null);
    }

    /** PostgreSQL's name for a constraint nobody named: table_columns_suffix, cut to 63 bytes as PostgreSQL cuts it. */
    static String defaultName(String table, List<String> columns, String suffix) {
        StringBuilder sb = new StringBuilder(table);
        for (String c : columns) sb.append('_').append(c);
        String name = sb.append('_').append(suffix).toString();
        while (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63 && table.length() > 1) {
            table = table.substring(0, table.length() - 1);
            sb = new StringBuilder(table);
            for (String c : columns) sb.append('_').append(c);
            name = sb.append('_').append(suffix).toString();
        }
        return name;
    }
}
