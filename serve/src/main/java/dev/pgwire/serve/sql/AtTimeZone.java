package dev.pgwire.serve.sql;

import java.util.List;

/**
 * {@code value AT TIME ZONE zone} ({@code timezone(zone, value)}) with PostgreSQL's reading of a
 * constant zone, for PgFunctionCalls (and make_timestamptz's zone argument).
 */
final class AtTimeZone {
    private AtTimeZone() {}

    /**
     * timezone(zone, value) — AT TIME ZONE: a POSIX offset ('UTC+3') counts west of Greenwich
     * (DuckDB's names count east), an abbreviation ('PST', 'CEST') is read before a zone's name;
     * null when the call stands as it is (its zone argument possibly rewritten).
     */
    static Node rewrite(List<Node> args, List<SqlType> types) {
        int n = args.size();
        if (n == 2 && types.size() > 1 && types.get(1) != null && !types.get(1).isArray() && types.get(1).is(SqlType.DATE)) {
            // a date is the timestamp with time zone of its midnight, as PostgreSQL casts it (DuckDB picks text)
            args.set(1, Expressions.duckDb("CAST({0} AS TIMESTAMPTZ)", args.get(1)));
            types.set(1, SqlType.TIMESTAMPTZ);
        }
        String zoneName = n == 2 ? Operators.stringConstant(args.get(0)) : null;
        SqlType valueType = types.size() > 1 ? types.get(1) : null;
        if (n == 2 && zoneName == null && valueType != null && !valueType.isArray()
                && (valueType.is(SqlType.TIMESTAMPTZ) || valueType.is(SqlType.TIMESTAMP))) {
            // a zone given as a value: read as a constant one is, when the statement runs
            String shifted = valueType.is(SqlType.TIMESTAMPTZ) ? "(timezone('UTC', {1}) + to_seconds(pg_zone_offset({0})))"
                    : "timezone('UTC', {1} - to_seconds(pg_zone_offset({0})))";
            return Expressions.duckDb("CASE WHEN pg_zone_offset({0}) IS NULL THEN timezone(pg_zone_name({0}), {1}) ELSE " + shifted + " END",
                    args.get(0), args.get(1));
        }
        // a POSIX offset, or an abbreviation ('PST', 'CEST') read before a zone's name as its fixed offset
        java.time.ZoneOffset offset = zoneName == null ? null : TimeZones.fixedOffset(zoneName);
        String through = offset == null && zoneName != null ? TimeZones.abbreviationZone(zoneName) : null;
        if (through != null) {
            args.set(0, Node.of("A_Const").set("sval", Node.string(through)).set("location", args.get(0).location()));
            return null;
        }
        if (offset == null) return null;
        // a fixed offset: shifted here (DuckDB's UTC+hh:mm names drop the minutes)
        SqlType value = types.size() > 1 ? types.get(1) : null;
        String seconds = "to_seconds(" + offset.getTotalSeconds() + ")";
        if (value != null && value.is(SqlType.TIMESTAMPTZ)) {
            return Expressions.duckDb("(timezone('UTC', {0}) + " + seconds + ")", args.get(1));
        }
        if (value != null && value.is(SqlType.TIMESTAMP)) {
            return Expressions.duckDb("timezone('UTC', {0} - " + seconds + ")", args.get(1));
        }
        args.set(0, Node.of("A_Const").set("sval", Node.string(TimeZones.duckDbName(offset))).set("location", args.get(0).location()));
        return null;
    }
}
