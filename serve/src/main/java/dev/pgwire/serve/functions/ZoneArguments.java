package dev.pgwire.serve.functions;

import dev.pgwire.serve.sql.TimeZones;

import java.time.ZoneOffset;

/**
 * A time zone given as a value rather than a constant ({@code ts AT TIME ZONE $1}, a column of
 * zone names), read as PostgreSQL reads it: a POSIX offset ({@code UTC+3}, {@code +3}) counts west
 * of Greenwich, and an abbreviation ({@code PST}, {@code CEST}) is read before a zone's name — as
 * the translation reads a constant zone (AtTimeZone).
 */
final class ZoneArguments {
    private ZoneArguments() {}

    /** The fixed offset east of UTC in seconds that {@code zone} stands for, or null for a zone's name. */
    static Integer offset(String zone) {
        ZoneOffset offset = TimeZones.fixedOffset(zone);
        return offset == null ? null : offset.getTotalSeconds();
    }

    /** The name DuckDB reads {@code zone} by: the zone an abbreviation of no fixed offset stands for, else the name (UTC for an offset). */
    static String name(String zone) {
        if (offset(zone) != null) return "UTC";
        String through = TimeZones.abbreviationZone(zone);
        return through != null ? through : zone;
    }
}
