package dev.pgwire.serve.sql;

import java.util.HashMap;
import java.util.Map;

/**
 * The types a statement gives its parameters by casting them ({@code $1::oid[]}): PostgreSQL
 * describes such a parameter as the cast's type, whatever type DuckDB computes with.
 */
public final class ParameterCasts {
    private ParameterCasts() {}

    /** Parameter number (1-based) → OID of the type it is cast to, for parameters cast to a built-in type. */
    public static Map<Integer, Integer> of(Node tree) {
        Map<Integer, Integer> out = new HashMap<>();
        if (tree == null) return out;
        TreeWalker.forEachNode(tree, n -> {
            if (!n.is("TypeCast")) return;
            Node arg = n.node("arg");
            if (arg == null || !arg.is("ParamRef")) return;
            int number = (int) arg.num("number");
            try {
                int oid = PgTypeNames.oid(n.node("typeName"));
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
        if (tree == null) return out;
        TreeWalker.forEachNode(tree, n -> {
            if (!n.is("TypeCast")) return;
            Node arg = n.node("arg");
            Node typeName = n.node("typeName");
            if (arg == null || !arg.is("ParamRef") || typeName == null || TypeMapper.isArray(typeName)) return;
            PgTypeName t = PgTypeName.of(Node.typed("TypeName", typeName));
            if (!t.builtin() || !TypeMapper.knownBuiltin(t.name())) out.putIfAbsent((int) arg.num("number"), t.name());
        });
        return out;
    }
}
