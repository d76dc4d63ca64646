package dev.pgwire.serve.sql;

import java.util.List;

/**
 * generate_series(numeric, numeric [, numeric]), which DuckDB lacks: the values start + i × step
 * computed in DECIMAL (exact, never through a double), as many as fit before passing stop. The
 * count is the exact integer quotient (stop − start) / step; a step of 0 is PostgreSQL's 22023.
 * In the select list and in FROM alike it is the unnest of that list.
 */
final class NumericSeries {
    private NumericSeries() {}

    /** On a call rewritten to a table function of another name: the name of its relation in FROM when it has no alias. */
    static final String FROM_NAME = "pgwire_from_name";

    /** The rewritten call, or null when it is not the numeric form. */
    static Node rewrite(Node f, List<SqlType> types) {
        List<Node> args = f.list("args");
        if (!Operators.lastName(f).equals("generate_series") || args.size() < 2 || args.size() > 3) return null;
        boolean numeric = false;
        for (SqlType t : types) {
            if (t == null || t.isArray() || !t.isExactNumeric() && !t.isUnknown()) return null;
            numeric |= t.name().equals("numeric");
        }
        if (!numeric) return null;
        String step = args.size() == 3 ? "{2}" : "1";
        Node[] values = args.toArray(new Node[0]);
        String count = "CAST(pgwire_numeric_div_trunc(CAST(pg_s.b - pg_s.a AS VARCHAR), CAST(pg_s.c AS VARCHAR)) AS BIGINT) + 1";
        String series = "list_transform([{'a': {0}, 'b': {1}, 'c': " + step + "}], lambda pg_s:"
                + " CASE WHEN pg_s.c = 0 THEN error('[pgwire:22023] step size cannot equal zero')"
                + " WHEN pg_s.a IS NULL OR pg_s.b IS NULL OR pg_s.c IS NULL"
                + " OR pg_s.c > 0 AND pg_s.a > pg_s.b OR pg_s.c < 0 AND pg_s.a < pg_s.b THEN NULL"
                + " ELSE list_transform(range(0, " + count + "), lambda pg_i: pg_s.a + pg_i * pg_s.c) END)[1]";
        // in FROM a relation of one column, named after the function where it has no alias, as PostgreSQL names it
        return Expressions.duckDb("unnest(" + series + ")", values).set("pgType", "numeric").set(FROM_NAME, "generate_series");
    }
}
