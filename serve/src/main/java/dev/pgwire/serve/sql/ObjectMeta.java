package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What serve keeps of the PostgreSQL definition of an index, view, sequence or type, in the
 * DuckDB object's comment: its definition as PostgreSQL shows it (pg_get_indexdef,
 * pg_get_viewdef), an index's key columns, a sequence's declared type, and the object's
 * PostgreSQL comment.
 *
 * <pre>{@code
 * {"definition":"CREATE INDEX t_a_idx ON public.t USING btree (a) WHERE (a > 0)","columns":["a"],"description":"…"}
 * }</pre>
 *
 * @param definition  PostgreSQL's text of the object, or null
 * @param columns     an index's keys (an expression's text in parentheses), or null
 * @param type        a sequence's data type (int2, int4, int8), or null
 * @param description COMMENT ON's text, or null
 * @param types       a view's column types as PostgreSQL's names with modifier ({@code varchar:24}, {@code _int4:-1}), or null
 * @param predicate   a partial index's predicate as PostgreSQL shows it (pg_index.indpred) and pretty
 *                    ({@link ColumnMeta#expressionPair}), or null
 * @param shown       a view's query as pg_get_viewdef shows it, plain and pretty ({@link ColumnMeta#expressionPair});
 *                    null where serve cannot write it as PostgreSQL does ({@code definition} is shown then);
 *                    an index's definition as pg_get_indexdef(oid, 0, true) shows it, where it differs
 * @param options     an index's pg_index.indoption per key ({@code "3"}: DESC, NULLS FIRST), or null for all 0
 * @param readsCatalog whether a view's query reads serve's catalog tables (pg_catalog, information_schema),
 *                    which a statement reading the view then needs current
 */
public record ObjectMeta(String definition, List<String> columns, String type, String description, List<String> types,
                         String predicate, String shown, List<String> options, boolean readsCatalog) {

    public ObjectMeta(String definition, List<String> columns, String type, String description, List<String> types,
                      String predicate, String shown, List<String> options) {
        this(definition, columns, type, description, types, predicate, shown, options, false);
    }

    public ObjectMeta(String definition, List<String> columns, String type, String description, List<String> types,
                      String predicate, String shown) {
        this(definition, columns, type, description, types, predicate, shown, null);
    }

    public ObjectMeta(String definition, List<String> columns, String type, String description, List<String> types) {
        this(definition, columns, type, description, types, null, null);
    }

    public ObjectMeta(String definition, List<String> columns, String type, String description, List<String> types,
                      String predicate) {
        this(definition, columns, type, description, types, predicate, null);
    }

    public static ObjectMeta read(String comment) {
        Node meta = ColumnMeta.read(comment);
        if (meta.fields().isEmpty()) return new ObjectMeta(null, null, null, ColumnMeta.description(comment), null);
        return new ObjectMeta(meta.has("definition") ? meta.str("definition") : null, strings(meta, "columns"),
                meta.has("type") ? meta.str("type") : null, meta.has("description") ? meta.str("description") : null,
                strings(meta, "types"), meta.has("predicate") ? meta.str("predicate") : null,
                meta.has("shown") ? meta.str("shown") : null, strings(meta, "options"),
                meta.bool("readsCatalog"));
    }

    private static List<String> strings(Node meta, String field) {
        if (!meta.has(field)) return null;
        List<String> out = new ArrayList<>();
        if (meta.get(field) instanceof List<?> l) for (Object o : l) if (o instanceof String s) out.add(s);
        return out;
    }

    public ObjectMeta withDescription(String text) {
        return new ObjectMeta(definition, columns, type, text, types, predicate, shown, options, readsCatalog);
    }

    /** A view's column type as recorded, or null. */
    public PgTypeName columnType(int index) {
        if (types == null || index >= types.size()) return null;
        String t = types.get(index);
        int colon = t.lastIndexOf(':');
        if (colon < 0) return null;
        String name = t.substring(0, colon);
        boolean array = name.startsWith("_");
        return new PgTypeName(array ? name.substring(1) : name, Integer.parseInt(t.substring(colon + 1)), array ? 1 : 0, true);
    }

    public String write() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (definition != null) m.put("definition", definition);
        if (columns != null) m.put("columns", columns);
        if (type != null) m.put("type", type);
        if (description != null) m.put("description", description);
        if (types != null) m.put("types", types);
        if (predicate != null) m.put("predicate", predicate);
        if (shown != null) m.put("shown", shown);
        if (options != null) m.put("options", options);
        if (readsCatalog) m.put("readsCatalog", true);
        return ColumnMeta.toJson(m);
    }
}
