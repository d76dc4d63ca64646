package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a PostgreSQL parse tree as PostgreSQL's own parser builds it ({@code SelectStmt},
 * {@code A_Expr}, {@code ColumnRef}, …; see PostgreSQL's {@code parsenodes.h} and
 * {@code primnodes.h}), or a plain struct inside one ({@code TypeName}, {@code RangeVar} where a
 * field is typed as that struct). Fields hold nodes, lists, strings, longs and booleans; a field
 * the parser left at its default (0, false, "", empty) is absent, and the accessors return that
 * default.
 *
 * <p>Trees are mutable so that rewrites can replace parts in place; {@link #copy} makes an
 * independent one.
 */
public final class Node {
    private final String type;
    private final Map<String, Object> fields;

    Node(String type, Map<String, Object> fields) {
        this.type = type;
        this.fields = fields;
    }

    /** A new node of {@code type} (null for a plain struct) with no fields set. */
    public static Node of(String type) {
        return new Node(type, new LinkedHashMap<>());
    }

    /** A plain struct of the tree (a RangeVar held directly by a field, say) as a node of {@code type}. */
    public static Node typed(String type, Node struct) {
        return struct.type() != null ? struct : new Node(type, struct.fields);
    }

    /** A {@code String} node, as names and identifiers appear in the tree. */
    public static Node string(String value) {
        return of("String").set("sval", value);
    }

    /** The node's type, or null for a plain struct. */
    public String type() {
        return type;
    }

    public boolean is(String t) {
        return t.equals(type);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public Object get(String field) {
        return fields.get(field);
    }

    /** The node in {@code field}, or null. */
    public Node node(String field) {
        Object v = fields.get(field);
        return v instanceof Node n ? n : null;
    }

    /** The list in {@code field}, or an empty list. */
    @SuppressWarnings("unchecked")
    public List<Node> list(String field) {
        Object v = fields.get(field);
        return v instanceof List<?> l ? (List<Node>) l : Collections.emptyList();
    }

    /** The string in {@code field}, or "". */
    public String str(String field) {
        Object v = fields.get(field);
        return v instanceof String s ? s : "";
    }

    public long num(String field) {
        Object v = fields.get(field);
        return v instanceof Number n ? n.longValue() : 0;
    }

    public boolean bool(String field) {
        return Boolean.TRUE.equals(fields.get(field));
    }

    /**
     * The source position: a byte offset into the statement's UTF-8 text, -1 where the parser
     * knows none (an absent field is offset 0: the tree leaves zeros out).
     */
    public int location() {
        Object v = fields.get("location");
        return v instanceof Number n ? n.intValue() : 0;
    }

    /** Sets a field (null removes it); returns this node. */
    public Node set(String field, Object value) {
        if (value == null) fields.remove(field); else fields.put(field, value);
        return this;
    }

    /** The names in a list of {@code String} nodes ({@code funcname}, {@code names}, {@code fields}). */
    public List<String> names(String field) {
        List<String> out = new ArrayList<>();
        for (Node n : list(field)) out.add(n.is("String") ? n.str("sval") : n.is("A_Star") ? "*" : "");
        return out;
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** An independent copy of this tree. */
    public Node copy() {
        Map<String, Object> copied = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) copied.put(e.getKey(), copyValue(e.getValue()));
        return new Node(type, copied);
    }

    private static Object copyValue(Object v) {
        if (v instanceof Node n) return n.copy();
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(copyValue(o));
            return out;
        }
        return v;
    }

    @Override
    public String toString() {
        return (type == null ? "" : type) + fields;
    }
}
