package dev.pgwire.serve.sql;

import java.util.List;

/**
 * Parameters of no declared type and string constants where PostgreSQL gives them the type of
 * their neighbours: an element of {@code ARRAY[$1, $2]} takes the other elements' type, a column
 * of a set operation's branch ({@code SELECT $1 UNION ALL SELECT $2}) the other branches', and a
 * VALUES column ({@code VALUES ('2024-02-01'), (DATE '2024-01-01')}) the other rows'. Cast to it
 * here, DuckDB sees a typed value instead of guessing text (which made the column text, or the
 * statement fail).
 */
final class UntypedValues {
    private UntypedValues() {}

    /** The field marking the VALUES of an INSERT (TargetCoercion assigns its items to their columns). */
    static final String INSERTED = "pgwire_insert_values";

    /** Casts the untyped parameters among the elements of {@code array} to the others' common type. */
    static void arrayElements(Node array, TypeResolver types, TypeResolver.Scope scope) {
        SqlType t = types.type(array, scope);
        // (numeric too: an untyped element left open makes DuckDB's list_value fail, 42P18)
        if (t == null || !t.isArray() || t.element().isUnknown()) return;
        SqlType element = t.element();
        List<Node> elements = array.list("elements");
        for (int i = 0; i < elements.size(); i++) {
            // (of the type without its modifier, as PostgreSQL resolves it: numeric, not numeric(10,2))
            if (untyped(elements.get(i), types) && !element.isArray()) {
                elements.set(i, element.withoutTypmod().cast(elements.get(i), elements.get(i).location()));
            }
        }
    }

    /** Casts the untyped parameters in the select lists of set operation {@code s}'s branches to the result columns' types. */
    static void setOperation(Node s, TypeResolver types, TypeResolver.Scope scope) {
        List<TypeResolver.Col> columns = types.select(s, scope);
        castBranches(s, columns, types);
    }

    private static void castBranches(Node s, List<TypeResolver.Col> columns, TypeResolver types) {
        if (s.node("larg") != null) {
            castBranches(s.node("larg"), columns, types);
            castBranches(s.node("rarg"), columns, types);
            return;
        }
        List<Node> targets = s.list("targetList");
        for (int i = 0; i < targets.size() && i < columns.size(); i++) {
            Node val = targets.get(i).node("val");
            SqlType t = columns.get(i).type();
            if (val == null || !untyped(val, types) || !castsTo(t)) continue;
            targets.get(i).set("val", t.withoutTypmod().cast(val, val.location()));
        }
    }

    /** Casts the untyped parameters and string constants of VALUES {@code s}'s rows to their columns' types (but text). */
    static void valuesLists(Node s, TypeResolver types, TypeResolver.Scope scope) {
        // an INSERT's VALUES gives each item to its column, which reads an untyped one by its own type
        if (s.bool(INSERTED)) return;
        List<TypeResolver.Col> columns = types.select(s, scope);
        for (Node row : s.list("valuesLists")) {
            List<Node> items = row.list("items");
            for (int i = 0; i < items.size() && i < columns.size(); i++) {
                Node item = items.get(i);
                SqlType t = columns.get(i).type();
                if (!castsTo(t) || t.isText() || !(untyped(item, types) || item.is("A_Const") && item.has("sval"))) continue;
                items.set(i, t.withoutTypmod().cast(item, item.location()));
            }
        }
    }

    /**
     * Whether a set operation's or VALUES column's values are cast to {@code t} here: not to
     * numeric, whose parameter form (ten decimals) would show in the column where PostgreSQL shows
     * each value's own digits; an untyped numeric parameter there is typed when the statement is
     * prepared (ParameterInference).
     */
    private static boolean castsTo(SqlType t) {
        return t != null && !t.isUnknown() && !(t.name().equals("numeric") && !t.isArray());
    }

    private static boolean untyped(Node e, TypeResolver types) {
        return e.is("ParamRef") && !types.parameterDeclared(e.num("number"));
    }
}
