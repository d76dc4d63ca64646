package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.CatalogDefinitions;

/** The leaves of an expression whose value serve types or computes itself: parameters a client declared, and system columns. */
final class References {
    private References() {}

    /**
     * A parameter: a date, time or interval the client declared is DuckDB's parameter of that type
     * (to_char, json and text read it by its type; DuckDB would otherwise take it as whatever its
     * place suggests); any other as it is.
     */
    static Node parameter(Node e, TypeResolver types) {
        SqlType declared = types.parameterType(e.num("number"));
        String duckDbType = declared == null || declared.isArray() ? null : switch (declared.name()) {
            case "date" -> "DATE";
            case "time" -> "TIME";
            case "timestamp" -> "TIMESTAMP";
            case "timestamptz" -> "TIMESTAMPTZ";
            case "interval" -> "INTERVAL";
            default -> null;
        };
        if (duckDbType == null) return e;
        Node typed = Expressions.duckDb("CAST({0} AS " + duckDbType + ")", e);
        types.assume(typed, declared);
        return typed;
    }

    /**
     * A system column of a pg_catalog table: tableoid is the table's OID; xmin is the current
     * transaction (serve's catalog rows describe what is committed now, so a tool comparing xmin
     * with an earlier one reads every row again rather than missing a change); xmax, cmin and
     * cmax are 0, as for rows no transaction is deleting.
     */
    static Node systemColumn(Node ref, TypeResolver.Scope scope, TypeResolver types) {
        if (scope == null || ref.list("fields").isEmpty() || !ref.list("fields").get(ref.list("fields").size() - 1).is("String")) {
            return ref;
        }
        TypeResolver.Col c = scope.resolve(ref.names("fields"));
        if (c == null || c.number() >= 0 || c.relation() == null) return ref;
        Node n = switch (c.name()) {
            case "tableoid" -> Expressions.duckDb("CAST(" + CatalogDefinitions.get().relation(c.relation().schema(), c.relation().name()).oid()
                    + " AS UINTEGER)");
            case "xmin" -> Expressions.duckDb("CAST(txid_current() AS UINTEGER)");
            default -> Expressions.duckDb("CAST(0 AS UINTEGER)");
        };
        types.assume(n, c.type());
        return n;
    }
}
