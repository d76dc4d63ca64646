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
        java.util.List<String[]> system = SystemZones.names(now);
        if (system != null) {
            // the system's zone files, which PostgreSQL reads too
            StringBuilder sb = new StringBuilder("[");
            for (String[] r : system) {
                if (sb.length() > 1) sb.append(',');
                sb.append("{\"name\":\"").append(r[0]).append("\",\"abbrev\":\"").append(r[1])
                        .append("\",\"utc_offset\":").append(r[2]).append(",\"is_dst\":").append(r[3]).append('}');
            }
            return sb.append(']').toString();
        }
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

    /** pg_timezone_abbrevs' rows at {@code now}, PostgreSQL's Default set, as a JSON array of {abbrev, utc_offset (seconds), is_dst}. */
    public static String abbreviationsJson(Instant now) {
        StringBuilder sb = new StringBuilder("[");
        for (String[] r : SystemZones.abbreviations(now)) {
            if (sb.length() > 1) sb.append(',');
            sb.append("{\"abbrev\":\"").append(r[0]).append("\",\"utc_offset\":").append(r[1])
                    .append(",\"is_dst\":").append(r[2]).append('}');
        }
        return sb.append(']').toString();
    }
}
