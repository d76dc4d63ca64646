package dev.pgwire.serve.sql;

import java.util.List;

/**
 * {@code (start1, end1) OVERLAPS (start2, end2)}, which PostgreSQL's grammar makes a call of
 * {@code pg_catalog.overlaps}, computed as PostgreSQL's overlaps_timestamp computes it: either end
 * of a period may be an interval (the end is then the start plus it), the ends of a period are
 * taken in order, a period with one NULL end is the instant at its other end, and NULL where the
 * standard's answer depends on a NULL end. Dates are read as timestamptz (the type PostgreSQL picks).
 */
final class PeriodOverlaps {
    private PeriodOverlaps() {}

    /** The rewritten call, or null when it is not OVERLAPS of date/time values. */
    static Node rewrite(Node f, List<SqlType> types) {
        List<Node> args = f.list("args");
        if (args.size() != 4 || !Operators.lastName(f).equals("overlaps")) return null;
        String kind = kind(types);
        if (kind == null) return null;
        Node[] points = new Node[4];
        for (int i = 0; i < 4; i++) {
            SqlType t = types.get(i);
            boolean span = t != null && !t.isArray() && t.name().equals("interval");
            if (span && i % 2 == 0) return null; // the start of a period is a point in time
            points[i] = span ? Expressions.duckDb("(CAST({0} AS " + kind + ") + {1})", args.get(i - 1).copy(), args.get(i))
                    : Expressions.duckDb("CAST({0} AS " + kind + ")", args.get(i));
        }
        // each period as (earlier end, later end or NULL): one NULL end leaves the instant at the other
        String ordered = "[CASE WHEN pg_p[1] IS NULL THEN pg_p[2] WHEN pg_p[2] IS NULL THEN pg_p[1] ELSE least(pg_p[1], pg_p[2]) END,"
                + " CASE WHEN pg_p[1] IS NULL OR pg_p[2] IS NULL THEN NULL ELSE greatest(pg_p[1], pg_p[2]) END,"
                + " CASE WHEN pg_p[3] IS NULL THEN pg_p[4] WHEN pg_p[4] IS NULL THEN pg_p[3] ELSE least(pg_p[3], pg_p[4]) END,"
                + " CASE WHEN pg_p[3] IS NULL OR pg_p[4] IS NULL THEN NULL ELSE greatest(pg_p[3], pg_p[4]) END]";
        String answer = "CASE WHEN pg_q[1] IS NULL OR pg_q[3] IS NULL THEN NULL"
                + " WHEN pg_q[1] > pg_q[3] THEN CASE WHEN pg_q[4] IS NULL THEN NULL WHEN pg_q[1] < pg_q[4] THEN true"
                + " WHEN pg_q[2] IS NULL THEN NULL ELSE false END"
                + " WHEN pg_q[1] < pg_q[3] THEN CASE WHEN pg_q[2] IS NULL THEN NULL WHEN pg_q[3] < pg_q[2] THEN true"
                + " WHEN pg_q[4] IS NULL THEN NULL ELSE false END"
                + " ELSE CASE WHEN pg_q[2] IS NULL OR pg_q[4] IS NULL THEN NULL ELSE true END END";
        return Expressions.duckDb("list_transform(list_transform([[{0}, {1}, {2}, {3}]], lambda pg_p: " + ordered + "),"
                + " lambda pg_q: " + answer + ")[1]", points).set("pgType", "bool");
    }

    /** The DuckDB type both periods are compared in, or null when the arguments are not date/time values. */
    private static String kind(List<SqlType> types) {
        boolean timestamptz = false;
        boolean timestamp = false;
        boolean date = false;
        boolean time = false;
        boolean timetz = false;
        for (int i = 0; i < 4; i++) {
            SqlType t = types.get(i);
            if (t == null || t.isArray()) return null;
            switch (t.name()) {
                case "timestamptz" -> timestamptz = true;
                case "timestamp" -> timestamp = true;
                case "date" -> date = true;
                case "time" -> time = true;
                case "timetz" -> timetz = true;
                case "interval" -> {
                    if (i % 2 == 0) return null;
                }
                case "unknown" -> { }
                default -> {
                    return null;
                }
            }
        }
        if ((time || timetz) && (timestamptz || timestamp || date)) return null;
        if (timetz) return "TIMETZ";
        if (time) return "TIME";
        if (timestamptz || date && !timestamp) return "TIMESTAMPTZ";
        if (timestamp) return "TIMESTAMP";
        return null;
    }
}
