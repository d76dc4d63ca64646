package dev.pgwire.serve.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What serve keeps of a column's PostgreSQL definition, stored as a small JSON object in the
 * DuckDB column's comment (so it follows the column through renames and goes with it when it is
 * dropped): the declared type and modifier, the sequence of a serial or identity column, the
 * identity kind, and the column's PostgreSQL comment (COMMENT ON COLUMN).
 *
 * <pre>{@code
 * {"pg_type":"varchar","typmod":14,"description":"customer name"}
 * }</pre>
 */
public final class ColumnMeta {
    private ColumnMeta() {}

    static String write(PgTypeName type, String sequence, String identity, String description) {
        return write(type, sequence, identity, description, null);
    }

    /** The separator of an expression's two forms (plain, pretty) in one text. */
    public static final char PRETTY_SEPARATOR = '\u001f';

    /** An expression's text as PostgreSQL shows it plainly and in its pretty form, as one value. */
    static String expressionPair(String plain, String pretty) {
        if (plain == null) return null;
        return pretty == null || pretty.equals(plain) ? plain : plain + PRETTY_SEPARATOR + pretty;
    }

    /** One of the two forms of {@link #expressionPair}. */
    public static String form(String pair, boolean pretty) {
        if (pair == null) return null;
        int at = pair.indexOf(PRETTY_SEPARATOR);
        if (at < 0) return pair;
        return pretty ? pair.substring(at + 1) : pair.substring(0, at);
    }

    /** @param pgDefault the column default as PostgreSQL shows it ({@link #expressionPair}), or null */
    static String write(PgTypeName type, String sequence, String identity, String description, String pgDefault) {
        return write(type, sequence, identity, description, pgDefault, (String[]) null);
    }

    /** @param domain the domain the column is declared with (its type is then the domain's base type), or null */
    static String write(PgTypeName type, String sequence, String identity, String description, String pgDefault,
                        DomainMeta domain) {
        return write(type, sequence, identity, description, pgDefault, domain == null ? null : new String[] {domain.schema(), domain.name()});
    }

    /** @param domain the column's domain as {schema, name}, or null */
    static String write(PgTypeName type, String sequence, String identity, String description, String pgDefault,
                        String[] domain) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (type != null) {
            m.put("pg_type", type.name());
            if (type.typmod() != -1) m.put("typmod", type.typmod());
            if (type.dimensions() > 0) m.put("dims", type.dimensions());
            if (!type.builtin()) m.put("user_type", true);
        }
        if (sequence != null) m.put("sequence", sequence);
        if (identity != null && !identity.isEmpty()) m.put("identity", identity);
        if (description != null) m.put("description", description);
        if (pgDefault != null) m.put("default", pgDefault);
        if (domain != null) {
            m.put("domain", domain[1]);
            m.put("domain_schema", domain[0]);
        }
        return toJson(m);
    }

    /** The stored metadata, or an empty node when the comment is absent or not serve's JSON. */
    static Node read(String comment) {
        if (comment == null || !comment.startsWith("{")) return Node.of(null);
        try {
            Object o = ParseTreeJson.read(comment.getBytes(java.nio.charset.StandardCharsets.UTF_8), 16);
            return o instanceof Node n && n.type() == null ? n : Node.of(null);
        } catch (RuntimeException e) {
            return Node.of(null);
        }
    }

    static PgTypeName type(Node meta) {
        if (!meta.has("pg_type")) return null;
        return new PgTypeName(meta.str("pg_type"), meta.has("typmod") ? (int) meta.num("typmod") : -1,
                (int) meta.num("dims"), !meta.bool("user_type"));
    }

    /**
     * A column's recorded metadata with the default PostgreSQL shows for it changed by
     * {@code change} (a label an enum's RENAME VALUE renamed); the comment as it is when it
     * records no default.
     */
    public static String withDefault(String comment, java.util.function.UnaryOperator<String> change) {
        Node meta = read(comment);
        if (!meta.has("default")) return comment;
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(meta.fields());
        m.put("default", change.apply(meta.str("default")));
        return toJson(m);
    }

    /** The domain a column was declared with, as {schema, name}, or null (see {@link DomainMeta}). */
    public static String[] domain(String comment) {
        if (comment == null || !comment.contains("\"domain\":")) return null;
        Node meta = read(comment);
        return meta.has("domain") ? new String[] {meta.str("domain_schema"), meta.str("domain")} : null;
    }

    /** A comment that is not serve's JSON is a description someone wrote in DuckDB. */
    public static String description(String comment) {
        if (comment == null) return null;
        Node meta = read(comment);
        if (meta.fields().isEmpty() && !comment.startsWith("{")) return comment;
        return meta.has("description") ? meta.str("description") : null;
    }

    static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (sb.length() > 1) sb.append(',');
            string(sb, e.getKey());
            sb.append(':');
            Object v = e.getValue();
            if (v instanceof String s) {
                string(sb, s);
            } else if (v instanceof java.util.List<?> l) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(',');
                    string(sb, String.valueOf(l.get(i)));
                }
                sb.append(']');
            } else if (v instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) nested;
                sb.append(toJson(object));
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    /** A JSON array of strings (what serve's functions hand DuckDB for a text[] it casts from JSON). */
    public static String jsonStrings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(',');
            appendString(sb, values.get(i));
        }
        return sb.append(']').toString();
    }

    static void appendString(StringBuilder sb, String s) {
        string(sb, s);
    }

    /** {@code s} as a JSON string, quoted and escaped as this class writes it. */
    public static String toJsonString(String s) {
        StringBuilder sb = new StringBuilder();
        string(sb, s);
        return sb.toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c)); else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
