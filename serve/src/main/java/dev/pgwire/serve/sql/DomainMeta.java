package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What serve keeps of a PostgreSQL domain, stored as JSON in the comment of the DuckDB type alias
 * that stands for it ({@code CREATE TYPE d AS INTEGER}): the CREATE DOMAIN statement as written
 * (parsed again wherever the domain's checks and default are applied), and what the catalog shows
 * of it — the base type, NOT NULL, the default and each check constraint's name and definition.
 *
 * <pre>{@code
 * {"domain":"CREATE DOMAIN positive_int AS int CHECK (VALUE > 0)","base":"int4","checks":["positive_int_check"],
 *  "check_defs":["CHECK (VALUE > 0)"]}
 * }</pre>
 *
 * @param schema      the domain's schema
 * @param name        the domain's name
 * @param source      the CREATE DOMAIN statement
 * @param base        the base type with its modifier
 * @param notNull     whether the domain refuses nulls
 * @param pgDefault   the default as PostgreSQL shows it ({@link ColumnMeta#expressionPair}), or null
 * @param checkNames  the check constraints' names, in the order they are tested
 * @param checkDefs   their definitions as pg_get_constraintdef shows them ({@code CHECK (VALUE > 0)})
 * @param description the domain's comment (COMMENT ON DOMAIN), or null
 */
public record DomainMeta(String schema, String name, String source, PgTypeName base, boolean notNull, String pgDefault,
                         List<String> checkNames, List<String> checkDefs, String description) {

    /** The comment's JSON. */
    public String write() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", source);
        m.put("base", base.name());
        if (base.typmod() != -1) m.put("typmod", base.typmod());
        if (base.dimensions() > 0) m.put("dims", base.dimensions());
        if (!base.builtin()) m.put("user_type", true);
        if (notNull) m.put("not_null", true);
        if (pgDefault != null) m.put("default", pgDefault);
        if (!checkNames.isEmpty()) {
            m.put("checks", checkNames);
            m.put("check_defs", checkDefs);
        }
        if (description != null) m.put("description", description);
        return ColumnMeta.toJson(m);
    }

    /** The domain a DuckDB type's comment describes, or null when the type is not one of serve's domains. */
    public static DomainMeta read(String schema, String name, String comment) {
        if (comment == null || !comment.startsWith("{\"domain\":")) return null;
        Node m = ColumnMeta.read(comment);
        if (!m.has("domain")) return null;
        PgTypeName base = new PgTypeName(m.str("base"), m.has("typmod") ? (int) m.num("typmod") : -1, (int) m.num("dims"),
                !m.bool("user_type"));
        return new DomainMeta(schema, name, m.str("domain"), base, m.bool("not_null"), m.has("default") ? m.str("default") : null,
                strings(m.get("checks")), strings(m.get("check_defs")), m.has("description") ? m.str("description") : null);
    }

    /** What the comment of a column declared with domain {@code schema.name} holds (see ColumnMeta). */
    public static String columnMarker(String schema, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", name);
        m.put("domain_schema", schema);
        String json = ColumnMeta.toJson(m);
        return json.substring(1, json.length() - 1);
    }

    /** This domain with another description. */
    public DomainMeta withDescription(String text) {
        return new DomainMeta(schema, name, source, base, notNull, pgDefault, checkNames, checkDefs, text);
    }

    /** The CREATE DOMAIN statement, parsed again. */
    Node statement() {
        return PgParser.parse(source).get(0).tree();
    }

    /** The check expressions, in the order of {@link #namesInOrder}, as the parser reads them ({@code VALUE} a column named value). */
    List<Node> checks() {
        List<Node> declared = new ArrayList<>();
        for (Node c : statement().list("constraints")) if (c.str("contype").equals("CONSTR_CHECK")) declared.add(c.node("raw_expr"));
        List<Node> out = new ArrayList<>();
        for (int i : checkOrder()) if (i < declared.size()) out.add(declared.get(i));
        return out;
    }

    /** The check constraints' names in the order PostgreSQL tests them: by name. */
    List<String> namesInOrder() {
        List<String> out = new ArrayList<>();
        for (int i : checkOrder()) out.add(checkNames.get(i));
        return out;
    }

    /** Indexes of {@link #checkNames} sorted by name (PostgreSQL tests a domain's checks in that order). */
    private List<Integer> checkOrder() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < checkNames.size(); i++) order.add(i);
        order.sort((a, b) -> checkNames.get(a).compareTo(checkNames.get(b)));
        return order;
    }

    /** The default expression as written, or null. */
    Node defaultExpr() {
        Node out = null;
        for (Node c : statement().list("constraints")) if (c.str("contype").equals("CONSTR_DEFAULT")) out = c.node("raw_expr");
        return out;
    }

    /**
     * {@code expr} with each {@code VALUE} of a check replaced by a copy of {@code value}. VALUE is a
     * column reference named value in the parse tree, and a domain check names no column.
     */
    static Node withValue(Node expr, Node value) {
        return withValue(expr, value, true);
    }

    /** As {@link #withValue(Node, Node)}; with {@code copy} false each VALUE becomes {@code value} itself. */
    static Node withValue(Node expr, Node value, boolean copy) {
        if (isValue(expr)) return copy ? value.copy() : value;
        Node out = expr.copy();
        replace(out, value, copy);
        return out;
    }

    static boolean isValue(Node n) {
        if (!n.is("ColumnRef")) return false;
        List<String> f = n.names("fields");
        return f.size() == 1 && f.get(0).equals("value");
    }

    private static void replace(Node n, Node value, boolean copy) {
        for (Map.Entry<String, Object> e : new ArrayList<>(n.fields().entrySet())) {
            Object v = e.getValue();
            if (v instanceof Node child) {
                if (isValue(child)) n.set(e.getKey(), copy ? value.copy() : value); else replace(child, value, copy);
            } else if (v instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) list;
                for (int i = 0; i < l.size(); i++) {
                    if (l.get(i) instanceof Node child) {
                        if (isValue(child)) l.set(i, copy ? value.copy() : value); else replace(child, value, copy);
                    }
                }
            }
        }
    }

    /** The message of a value the check {@code index} (of {@link #namesInOrder}) refuses (23514). */
    String checkMessage(int index) {
        return "value for domain " + name + " violates check constraint \"" + namesInOrder().get(index) + "\"";
    }

    /** The message of a null the domain refuses (23502). */
    String nullMessage() {
        return "domain " + name + " does not allow null values";
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) for (Object o : l) if (o instanceof String s) out.add(s);
        return out;
    }
}
