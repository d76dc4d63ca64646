package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What serve keeps of a composite type ({@code CREATE TYPE pair AS (a int, b text)}) in the
 * comment of the DuckDB STRUCT type that holds its values: each attribute's name and PostgreSQL
 * type, and the type's PostgreSQL comment.
 *
 * <pre>{@code
 * {"composite":["a","int4:-1","b","_text:-1"],"description":"…"}
 * }</pre>
 *
 * @param schema      the type's schema
 * @param name        the type's name
 * @param attributes  the attributes' names, in order
 * @param types       their PostgreSQL types (built-in types and arrays of them)
 * @param description COMMENT ON TYPE's text, or null
 */
public record CompositeMeta(String schema, String name, List<String> attributes, List<PgTypeName> types, String description) {

    /** Whether a type's comment is a composite type's. */
    public static boolean isComposite(String comment) {
        return comment != null && comment.startsWith("{\"composite\":");
    }

    public static CompositeMeta read(String schema, String name, String comment) {
        Node meta = ColumnMeta.read(comment);
        List<String> attributes = new ArrayList<>();
        List<PgTypeName> types = new ArrayList<>();
        if (meta.get("composite") instanceof List<?> l) {
            for (int i = 0; i + 1 < l.size(); i += 2) {
                attributes.add(String.valueOf(l.get(i)));
                types.add(type(String.valueOf(l.get(i + 1))));
            }
        }
        return new CompositeMeta(schema, name, attributes, types, meta.has("description") ? meta.str("description") : null);
    }

    private static PgTypeName type(String spec) {
        int colon = spec.lastIndexOf(':');
        String typeName = spec.substring(0, colon);
        boolean array = typeName.startsWith("_");
        return new PgTypeName(array ? typeName.substring(1) : typeName, Integer.parseInt(spec.substring(colon + 1)), array ? 1 : 0, true);
    }

    public CompositeMeta withDescription(String text) {
        return new CompositeMeta(schema, name, attributes, types, text);
    }

    public String write() {
        List<String> flat = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            PgTypeName t = types.get(i);
            flat.add(attributes.get(i));
            flat.add((t.dimensions() > 0 ? "_" : "") + t.name() + ":" + t.typmod());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("composite", flat);
        if (description != null) m.put("description", description);
        return ColumnMeta.toJson(m);
    }
}
