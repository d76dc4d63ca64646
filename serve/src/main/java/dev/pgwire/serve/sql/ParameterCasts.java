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
}
