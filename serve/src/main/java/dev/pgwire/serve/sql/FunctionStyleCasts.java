package dev.pgwire.serve.sql;

import java.util.List;
import java.util.Map;

/**
 * A call of a function named as a built-in type with one argument ({@code int4('12')},
 * {@code text(12)}, {@code pg_catalog.bpchar(ev_type)}, pgAdmin's catalog queries) is a cast, as
 * PostgreSQL reads it where no function of that name and argument takes the value; DuckDB has no
 * such functions.
 */
final class FunctionStyleCasts {
    private FunctionStyleCasts() {}

    static void apply(Node tree, CatalogView catalog) {
        TreeWalker.forEachNode(tree, n -> {
            for (Map.Entry<String, Object> e : List.copyOf(n.fields().entrySet())) {
                if (e.getValue() instanceof Node child && isCast(child, catalog)) {
                    // the result column is named as the function, as PostgreSQL names a call (date(ts) is "date", not "ts")
                    if (n.is("ResTarget") && e.getKey().equals("val") && n.str("name").isEmpty()) {
                        List<String> name = child.names("funcname");
                        n.set("name", name.get(name.size() - 1));
                    }
                    n.set(e.getKey(), cast(child));
                } else if (e.getValue() instanceof List<?> l) {
                    @SuppressWarnings("unchecked") List<Object> items = (List<Object>) l;
                    for (int i = 0; i < items.size(); i++) {
                        if (items.get(i) instanceof Node child && isCast(child, catalog)) items.set(i, cast(child));
                    }
                }
            }
        });
    }

    private static boolean isCast(Node call, CatalogView catalog) {
        if (!call.is("FuncCall") || call.list("args").size() != 1 || call.has("agg_order") || call.has("agg_filter") || call.has("over")
                || call.bool("agg_star") || call.bool("agg_distinct") || call.bool("func_variadic")) {
            return false;
        }
        List<String> name = call.names("funcname");
        if (name.size() > 2 || name.size() == 2 && !name.get(0).equals("pg_catalog")) return false;
        String type = name.get(name.size() - 1);
        if (type.startsWith("_") || PSEUDO_TYPES.contains(type) || dev.pgwire.serve.catalog.Builtins.typeOid(type) == 0) return false;
        // a function of the user's by that name is called as such
        return name.size() == 2 || catalog == null || catalog.sqlFunction(null, type) == null;
    }

    private static Node cast(Node call) {
        List<String> name = call.names("funcname");
        return SqlType.of(name.get(name.size() - 1)).cast(call.list("args").get(0), call.location());
    }

    /** Types no value is cast to. */
    private static final java.util.Set<String> PSEUDO_TYPES = java.util.Set.of("record", "void", "trigger", "event_trigger", "any",
            "anyelement", "anyarray", "anynonarray", "anyenum", "anyrange", "anymultirange", "anycompatible", "anycompatiblearray",
            "anycompatiblenonarray", "anycompatiblerange", "anycompatiblemultirange", "cstring", "internal", "language_handler",
            "fdw_handler", "table_am_handler", "index_am_handler", "tsm_handler", "opaque", "unknown", "pg_ddl_command");
}
