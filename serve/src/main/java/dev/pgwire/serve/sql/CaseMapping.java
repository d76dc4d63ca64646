package dev.pgwire.serve.sql;

import java.util.List;

/**
 * upper and lower as PostgreSQL computes them in serve's databases, whose LC_CTYPE is C: only the
 * ASCII letters change case ({@code upper('straße')} is {@code STRAßE}, {@code lower('É')} is
 * {@code É}), where DuckDB maps every letter by Unicode's rules. initcap is PostgreSQL's own
 * function already (pg_initcap).
 */
final class CaseMapping {
    private CaseMapping() {}

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** The rewritten call, or null when it is not upper or lower of one text value. */
    static Node rewrite(Node f, List<SqlType> types) {
        if (f.list("args").size() != 1 || f.node("over") != null) return null;
        SqlType t = types.get(0);
        if (t != null && (t.isArray() || !t.isText())) return null;
        boolean upper = Operators.lastName(f).equals("upper");
        String from = upper ? LOWER : UPPER;
        String to = upper ? UPPER : LOWER;
        return Expressions.duckDb("translate(CAST({0} AS VARCHAR), '" + from + "', '" + to + "')", f.list("args").get(0))
                .set("pgType", "text");
    }
}
