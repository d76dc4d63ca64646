package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.time.ZoneOffset;
import java.util.List;

/**
 * date_trunc where DuckDB's differs from PostgreSQL's: centuries and millennia counted as
 * PostgreSQL counts them, the fields of an hour or less keeping the moment's offset, and
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
        // a POSIX offset or an abbreviation ('PST', 'CEST') is read before a zone's name, as its fixed offset or through its zone
        ZoneOffset offset = zone == null ? null : TimeZones.fixedOffset(zone);
        String through = offset == null && zone != null ? TimeZones.abbreviationZone(zone) : null;
        if (through != null) zone = through;
        if (offset != null) {
            String seconds = "to_seconds(" + offset.getTotalSeconds() + ")";
            return Expressions.duckDb("timezone('UTC', date_trunc(CAST({0} AS VARCHAR), timezone('UTC', {1}) + " + seconds + ") - "
                    + seconds + ")", field, ts).set("pgType", "timestamptz");
        }
        String clock = ZonedDateTrunc.clockField(Operators.stringConstant(field));
        if (zone == null) {
            // a zone given as a value: a fixed offset (UTC+3 counts west, PST is -08) shifted, a zone read through its name
            Node given = args.get(2);
            Node named = clock != null ? keepingOffset(clock, ts, "timezone(CAST({1} AS VARCHAR), {0})",
                    Expressions.duckDb("pg_zone_name(CAST({0} AS VARCHAR))", given))
                    : Expressions.duckDb("timezone(pg_zone_name(CAST({2} AS VARCHAR)), date_trunc(CAST({0} AS VARCHAR),"
                    + " timezone(pg_zone_name(CAST({2} AS VARCHAR)), {1})))", field, ts, given);
            String seconds = "to_seconds(pg_zone_offset(CAST({2} AS VARCHAR)))";
            return Expressions.duckDb("CASE WHEN pg_zone_offset(CAST({2} AS VARCHAR)) IS NULL THEN {3} ELSE timezone('UTC',"
                    + " date_trunc(CAST({0} AS VARCHAR), timezone('UTC', {1}) + " + seconds + ") - " + seconds + ") END",
                    field, ts, given, named).set("pgType", "timestamptz");
        }
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

    /**
     * date_trunc('century' | 'millennium', …) as PostgreSQL counts them: centuries begin with the
     * year 1 (2001-01-01, not DuckDB's 2000-01-01), as timestamp_trunc's DTK_CENTURY and
     * DTK_MILLENNIUM do on the astronomical year. Null for the other fields.
     */
    static Node centuryTrunc(List<Node> args, SqlType source) {
        String field = Operators.stringConstant(args.get(0));
        if (field == null || source == null || source.isArray()) return null;
        int span = switch (field.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "century", "centuries" -> 100;
            case "millennium", "millennia" -> 1000;
            default -> 0;
        };
        boolean zoned = source.is(SqlType.TIMESTAMPTZ) || source.name().equals("date");
        if (span == 0 || !zoned && !source.is(SqlType.TIMESTAMP)) return null;
        // the wall clock's year, astronomical (DuckDB's timestamptz gives the year of the era: 44 for 44 BC)
        String y = "date_part('year', CAST({0} AS TIMESTAMP))";
        String year = "CASE WHEN " + y + " > 0 THEN ((" + y + " + " + (span - 1) + ") // " + span + ") * " + span + " - " + (span - 1)
                + " ELSE -((" + (span - 1) + " - (" + y + " - 1)) // " + span + ") * " + span + " + 1 END";
        String start = "make_timestamp(CAST(" + year + " AS BIGINT), 1, 1, 0, 0, 0)";
        return Expressions.duckDb(zoned ? "CAST(" + start + " AS TIMESTAMPTZ)" : start, args.get(1));
    }

    /**
     * date_trunc of a timestamptz to an hour or less, as PostgreSQL's timestamptz_trunc does it: the
     * wall clock's smaller fields are set to zero and the moment keeps its UTC offset. DuckDB
     * resolves the truncated wall clock again, which in the hour repeated when clocks go back
     * (01:30-04 in New York on the first Sunday of November) lands an hour later (01:00-05).
     */
    static Node clockTrunc(List<Node> args, SqlType source) {
        String field = clockField(Operators.stringConstant(args.get(0)));
        if (field == null || source == null || source.isArray() || !source.is(SqlType.TIMESTAMPTZ)) return null;
        return keepingOffset(field, args.get(1), "CAST({0} AS TIMESTAMP)");
    }

    private static String ianaName(String zone) {
        for (String id : java.time.ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(zone)) return id;
        }
        return null;
    }
}
