package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;

/** Comparisons of an enum with string constants, typed as PostgreSQL types them (part of {@link TypedRewrites}). */
final class EnumComparisons {
    private EnumComparisons() {}

    private static final java.util.Set<String> COMPARISONS = java.util.Set.of("=", "<>", "!=", "<", ">", "<=", ">=");

    /**
     * A comparison of an enum with string constants or untyped parameters ({@code mood > 'sad'},
     * {@code mood IN ('a', 'b')}, BETWEEN, {@code mood > $1}): they are of the enum type, as PostgreSQL resolves them, so the
     * comparison follows the enum's declaration order (DuckDB would compare them as text).
     */
    static void rewrite(Node e, Scope scope, TypeResolver types) {
        String kind = e.str("kind");
        boolean in = kind.equals("AEXPR_IN");
        boolean between = kind.startsWith("AEXPR_BETWEEN") || kind.startsWith("AEXPR_NOT_BETWEEN");
        if (!in && !between && !(kind.equals("AEXPR_OP") && COMPARISONS.contains(lastOperatorName(e)))) return;
        Node l = e.node("lexpr");
        Node r = e.node("rexpr");
        if (l == null || r == null) return;
        SqlType lt = types.type(l, scope);
        if (isEnum(lt)) {
            if (r.is("List")) {
                List<Node> items = r.list("items");
                for (int i = 0; i < items.size(); i++) items.set(i, enumConstant(items.get(i), lt, types));
            } else {
                e.set("rexpr", enumConstant(r, lt, types));
            }
        } else if (!in && !between && isEnum(types.type(r, scope))) {
            e.set("lexpr", enumConstant(l, types.type(r, scope), types));
        }
    }

    private static String lastOperatorName(Node aExpr) {
        List<String> names = aExpr.names("name");
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    /** A user type serve keeps as a DuckDB ENUM (the only user types there are). */
    static boolean isEnum(SqlType t) {
        return t != null && !t.isArray() && !t.isUnknown() && !t.equals(SqlType.RECORD)
                && dev.pgwire.serve.catalog.Builtins.typeOid(t.name()) == 0;
    }

    /** A string constant, or a parameter of no declared type ({@code mood > $1}), as the enum type. */
    static Node enumConstant(Node value, SqlType enumType, TypeResolver types) {
        // (a parameter declared of a user type: the enum's own, as drivers declare it after Describe)
        boolean parameter = value.is("ParamRef") && (!types.parameterDeclared(value.num("number"))
                || types.parameterOid(value.num("number")) >= 16384); // user objects' OIDs start there
        if (!parameter && (!value.is("A_Const") || !value.has("sval"))) return value;
        // named with its schema (an enum of another schema's table is not on search_path)
        String schema = types.catalog().enumSchema(enumType.name());
        List<Node> names = new ArrayList<>();
        if (schema != null) names.add(Node.string(schema));
        names.add(Node.string(enumType.name()));
        Node typeName = Node.of(null).set("names", names).set("typemod", -1L);
        return Node.of("TypeCast").set("arg", value).set("typeName", typeName).set("location", value.location());
    }
}
