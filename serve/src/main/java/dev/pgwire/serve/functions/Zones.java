package dev.pgwire.serve.functions;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Time zone names as PostgreSQL accepts them for the TimeZone setting: IANA names, matched case-insensitively. */
final class Zones {
    private Zones() {}

    private static final Map<String, String> BY_LOWER_CASE = new TreeMap<>();
    private static final TemplateCache<String, ZoneId> CACHE = new TemplateCache<>(64);

    static {
        for (String id : ZoneId.getAvailableZoneIds()) BY_LOWER_CASE.put(id.toLowerCase(Locale.ROOT), id);
    }

    static ZoneId of(String name) {
        return CACHE.get(name, Zones::lookup);
    }

    private static ZoneId lookup(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            String id = BY_LOWER_CASE.get(name.toLowerCase(Locale.ROOT));
            if (id != null) return ZoneId.of(id);
            String shortId = ZoneId.SHORT_IDS.get(name.toUpperCase(Locale.ROOT));
            if (shortId != null) return ZoneId.of(shortId);
            throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
        }
    }
}
