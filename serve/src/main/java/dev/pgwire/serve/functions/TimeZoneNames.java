package dev.pgwire.serve.functions;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.TreeSet;

/**
 * pg_timezone_names' rows: the time zones serve accepts for TimeZone, each with the abbreviation,
 * offset from UTC and daylight-saving flag in effect at an instant, as PostgreSQL computes them
 * when the view is read.
 */
public final class TimeZoneNames {
    private TimeZoneNames() {}

    /** The rows at {@code now} as a JSON array of {name, abbrev, utc_offset (seconds), is_dst}. */
    public static String json(Instant now) {
        StringBuilder sb = new StringBuilder("[");
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneId zone = ZoneId.of(id);
            ZoneRules rules = zone.getRules();
            if (sb.length() > 1) sb.append(',');
            sb.append("{\"name\":\"").append(id).append("\",\"abbrev\":\"").append(ZoneAbbreviations.at(zone, now))
                    .append("\",\"utc_offset\":").append(rules.getOffset(now).getTotalSeconds())
                    .append(",\"is_dst\":").append(rules.isDaylightSavings(now)).append('}');
        }
        return sb.append(']').toString();
    }
}
