package dev.pgwire.serve.sql;

import java.util.List;

/**
 * A SQL function returning a set in FROM: DuckDB's table macro. An alias alone names its one
 * column where the function returns SETOF a type, as PostgreSQL's alias does ({@code SELECT s
 * FROM f(3) s}; DuckDB would make {@code s} the row); a RETURNS TABLE column keeps its name. A
 * table macro has no ordinality: WITH ORDINALITY is refused rather than the column left out.
 */
final class SetFunctionAliases {
    private SetFunctionAliases() {}

    /** Whether the alias of FROM item {@code f} (calling {@code call}) is to name the value too. */
    static boolean aliasNamesValue(Node f, Node call, CatalogView catalog) {
        if (!call.is("FuncCall") || !ReplayInfo.userFunction(call)) return false;
        List<String> name = call.names("funcname");
        String function = name.get(name.size() - 1);
        FunctionMeta set = catalog.sqlFunction(name.size() > 1 ? name.get(name.size() - 2) : null, function);
        if (set == null || !set.setof()) return false;
        if (f.bool("ordinality")) throw DdlEmitter.unsupported("WITH ORDINALITY of a SQL function");
        Node a = f.node("alias");
        return set.columns().size() == 1 && set.columns().get(0).name().equals(function) && a != null && !a.has("colnames");
    }
}
