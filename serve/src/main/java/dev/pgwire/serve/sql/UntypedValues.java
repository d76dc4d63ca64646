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

    /** Casts the untyped parameters among the elements of {@code array} to the others' common type. */
    static void arrayElements(Node array, TypeResolver types, TypeResolver.Scope scope) {
        SqlType t = types.type(array, scope);
        if (t == null || !t.isArray()) return;
        SqlType element = t.element();
        List<Node> elements = array.list("elements");
        for (int i = 0; i < elements.size(); i++) {
            if (untyped(elements.get(i), types) && !element.isArray()) elements.set(i, element.cast(elements.get(i), elements.get(i).location()));
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
            if (val == null || !untyped(val, types) || t == null || t.isUnknown()) continue;
            targets.get(i).set("val", t.cast(val, val.location()));
        }
    }

    /** Casts the untyped parameters and string constants of VALUES {@code s}'s rows to their columns' types (but text). */
    static void valuesLists(Node s, TypeResolver types, TypeResolver.Scope scope) {
        List<TypeResolver.Col> columns = types.select(s, scope);
        for (Node row : s.list("valuesLists")) {
            List<Node> items = row.list("items");
            for (int i = 0; i < items.size() && i < columns.size(); i++) {
                Node item = items.get(i);
                SqlType t = columns.get(i).type();
                if (t == null || t.isUnknown() || t.isText() || !(untyped(item, types) || item.is("A_Const") && item.has("sval"))) continue;
                items.set(i, t.cast(item, item.location()));
            }
        }
    }

    private static boolean untyped(Node e, TypeResolver types) {
        return e.is("ParamRef") && !types.parameterDeclared(e.num("number"));
    }
}
