package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.time.ZoneOffset;
import java.util.List;

/**
 * date_trunc(field, timestamptz, zone): the moment truncated as a wall clock in {@code zone}
 * reads it, and that wall-clock time read back in the zone — {@code timezone(zone,
 * date_trunc(field, timezone(zone, ts)))}, which is what PostgreSQL's timestamptz_trunc_zone
 * does. A POSIX-style offset ({@code '+05'}, {@code 'UTC-3'}) counts west of Greenwich as in
 * PostgreSQL, so it is applied here as a fixed shift.
 */
final class ZonedDateTrunc {
    private ZonedDateTrunc() {}

    /** The rewritten call, or null when it is not the three-argument form over a timestamptz. */
    static Node rewrite(Node f, List<SqlType> types) {
        List<Node> args = f.list("args");
        if (!Operators.lastName(f).equals("date_trunc") || args.size() != 3) return null;
        SqlType value = types.get(1);
        SqlType zoneType = types.get(2);
        if (value == null || value.isArray() || !(value.name().equals("timestamptz") || value.name().equals("date")
                || value.isUnknown())) return null;
        if (zoneType != null && !zoneType.isText()) return null;
        Node field = args.get(0);
        Node ts = Expressions.duckDb("CAST({0} AS TIMESTAMPTZ)", args.get(1));
        String zone = Operators.stringConstant(args.get(2));
        ZoneOffset offset;
        try {
            offset = zone == null ? null : TimeZones.posixOffset(zone);
        } catch (IllegalArgumentException e) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + zone + "\" not recognized");
        }
        if (offset != null) {
            String seconds = "to_seconds(" + offset.getTotalSeconds() + ")";
            return Expressions.duckDb("timezone('UTC', date_trunc(CAST({0} AS VARCHAR), timezone('UTC', {1}) + " + seconds + ") - "
                    + seconds + ")", field, ts).set("pgType", "timestamptz");
        }
        String clock = ZonedDateTrunc.clockField(Operators.stringConstant(field));
        if (zone != null) {
            // a zone name known now: IANA's spelling of it (matched case-insensitively, as PostgreSQL does)
            String id = ianaName(zone);
            if (id == null && !zone.matches("[A-Za-z]{1,6}")) { // an abbreviation (EST) is left to the engine
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + zone + "\" not recognized");
            }
            if (id != null) args.set(2, Node.of("A_Const").set("sval", Node.string(id)).set("location", args.get(2).location()));
        }
        if (clock != null) return keepingOffset(clock, ts, "timezone(CAST({1} AS VARCHAR), {0})", args.get(2));
        return Expressions.duckDb("timezone(CAST({2} AS VARCHAR), date_trunc(CAST({0} AS VARCHAR), timezone(CAST({2} AS VARCHAR), {1})))",
                field, ts, args.get(2)).set("pgType", "timestamptz");
    }

    /** DuckDB's name of a date_trunc field of an hour or less ({@code 'hours'}, {@code 'ms'}), else null. */
    static String clockField(String field) {
        if (field == null) return null;
        return switch (field.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "hour", "hours", "h", "hr", "hrs" -> "hour";
            case "minute", "minutes", "m", "min", "mins" -> "minute";
            case "second", "seconds", "s", "sec", "secs" -> "second";
            case "millisecond", "milliseconds", "ms", "msec", "msecs", "mseconds" -> "millisecond";
            default -> null;
        };
    }

    /**
     * date_trunc of timestamptz {@code ts} to an hour or less, as PostgreSQL's timestamptz_trunc
     * does it: the wall clock ({@code wallClock}, an expression of {0} and the further arguments)
     * loses its smaller fields and the moment keeps its UTC offset. DuckDB resolves the truncated
     * wall clock again, which in the hour repeated when clocks go back (01:30-04 in New York on the
     * first Sunday of November) gives the other 01:00, an hour after the moment.
     */
    static Node keepingOffset(String field, Node ts, String wallClock, Node... more) {
        Node[] args = new Node[more.length + 1];
        args[0] = ts;
        System.arraycopy(more, 0, args, 1, more.length);
        return Expressions.duckDb("CASE WHEN isfinite({0}) THEN {0} - (" + wallClock + " - date_trunc('" + field + "', " + wallClock + ")) ELSE {0} END",
                args).set("pgType", "timestamptz");
    }

    private static String ianaName(String zone) {
        for (String id : java.time.ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(zone)) return id;
        }
        return null;
    }
}
