package dev.pgwire.serve.sql;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * The types a statement gives its parameters by casting them ({@code $1::oid[]}): PostgreSQL
 * describes such a parameter as the cast's type, whatever type DuckDB computes with.
 */
public final class ParameterCasts {
    private ParameterCasts() {}

    /** Parameter number (1-based) → OID of the type it is cast to, for parameters cast to a built-in type. */
    public static Map<Integer, Integer> of(Node tree) {
        Map<Integer, Integer> out = new HashMap<>();
        forEachCast(tree, (typeName, number) -> {
            try {
                int oid = PgTypeNames.oid(typeName);
                if (oid != 0) out.putIfAbsent(number, oid);
            } catch (RuntimeException e) {
                // a type PostgreSQL's list here lacks: DuckDB's type describes the parameter
            }
        });
        return out;
    }

    /**
     * Parameter number (1-based) → name of the type it is cast to, for parameters cast to a type
     * that is not built in (a composite or enum type of the user's, found on the search path).
     */
    public static Map<Integer, String> userTypes(Node tree) {
        Map<Integer, String> out = new HashMap<>();
        forEachCast(tree, (typeName, number) -> {
            if (TypeMapper.isArray(typeName)) return;
            PgTypeName t = PgTypeName.of(Node.typed("TypeName", typeName));
            if (!t.builtin() || !TypeMapper.knownBuiltin(t.name())) out.putIfAbsent(number, t.name());
        });
        return out;
    }

    /** Every cast of a parameter in the tree: the type name and the parameter's number. */
    private static void forEachCast(Node tree, ObjIntConsumer<Node> cast) {
        if (tree == null) return;
        TreeWalker.forEachNode(tree, n -> {
            Node arg = n.is("TypeCast") ? n.node("arg") : null;
            if (arg != null && arg.is("ParamRef") && n.node("typeName") != null) cast.accept(n.node("typeName"), (int) arg.num("number"));
        });
    }
}
