package dev.pgwire.serve.sql;

import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POSIX-style time zone offsets such as {@code UTC+5}, {@code GMT-05:30} or {@code +02}, which
 * PostgreSQL reads as hours <em>west</em> of Greenwich ({@code UTC+5} is five hours behind UTC),
 * where ISO 8601 and DuckDB's time zone names count east.
 */
public final class TimeZones {
    private TimeZones() {}

    private static final Pattern POSIX_OFFSET = Pattern.compile("^(?i)(?:UTC|GMT|UT)?([+-]?)(\\d{1,2})(?::?(\\d{2}))?(?::(\\d{2}))?$");
    /** A POSIX zone whose standard name is quoted in angle brackets, as PostgreSQL names fixed offsets ({@code <+03>-03}). */
    private static final Pattern BRACKETED_NAME = Pattern.compile("^<[^<>]{1,10}>(.+)$");

    /**
     * The offset a POSIX-style name stands for ({@code UTC+3}, {@code +3}, {@code 3}: west of
     * Greenwich; {@code <+03>-03}: three hours east), or null when the name is not one.
     */
    public static ZoneOffset posixOffset(String name) {
        String trimmed = name.trim();
        Matcher bracketed = BRACKETED_NAME.matcher(trimmed);
        if (bracketed.matches()) trimmed = bracketed.group(1);
        Matcher posix = POSIX_OFFSET.matcher(trimmed);
        if (!posix.matches()) return null;
        int sign = posix.group(1).equals("-") ? 1 : -1;
        int h = Integer.parseInt(posix.group(2));
        int m = posix.group(3) == null ? 0 : Integer.parseInt(posix.group(3));
        int sec = posix.group(4) == null ? 0 : Integer.parseInt(posix.group(4));
        if (h > 15 || m > 59 || sec > 59) throw new IllegalArgumentException("time zone offset out of range: " + name);
        return ZoneOffset.ofTotalSeconds(sign * (h * 3600 + m * 60 + sec));
    }

    /**
     * The fixed offset zone {@code name} stands for where AT TIME ZONE reads one — a POSIX offset,
     * else an abbreviation with a fixed offset — or null for a zone's name; 22023 for an offset out
     * of range.
     */
    public static ZoneOffset fixedOffset(String name) {
        ZoneOffset offset;
        try {
            offset = posixOffset(name);
        } catch (IllegalArgumentException e) {
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.INVALID_PARAMETER_VALUE,
                    "time zone \"" + name + "\" not recognized");
        }
        return offset != null ? offset : abbreviation(name);
    }

    /**
     * The fixed offset of a time zone abbreviation of PostgreSQL's default set ({@code PST},
     * {@code CET}, {@code IST}), matched case-insensitively, or null. AT TIME ZONE reads a name as
     * an abbreviation before it looks for a zone of that name, so 'CET' there is always +01 and
     * 'PST' -08 — DuckDB's zones of those names keep daylight saving time ('IST' is even India's).
     */
    public static ZoneOffset abbreviation(String name) {
        Object meaning = Abbreviations.MEANINGS.get(name.trim().toUpperCase(java.util.Locale.ROOT));
        return meaning instanceof Integer seconds ? ZoneOffset.ofTotalSeconds(seconds) : null;
    }

    /**
     * The zone through which PostgreSQL's default set reads an abbreviation of no fixed offset
     * ({@code MSK} Europe/Moscow, {@code ART} America/Argentina/Buenos_Aires), or null. (DuckDB
     * would read some of them as Java's old three-letter names: 'ART' is Egypt there.)
     */
    public static String abbreviationZone(String name) {
        return Abbreviations.MEANINGS.get(name.trim().toUpperCase(java.util.Locale.ROOT)) instanceof String zone ? zone : null;
    }

    private static final class Abbreviations {
        /** An abbreviation's offset in seconds east of UTC (Integer), or the zone it is read through (String). */
        static final java.util.Map<String, Object> MEANINGS = load();

        private static java.util.Map<String, Object> load() {
            java.util.Map<String, Object> out = new java.util.HashMap<>();
            try (var in = TimeZones.class.getResourceAsStream("timezone-abbreviations.tsv")) {
                if (in == null) throw new IllegalStateException("timezone-abbreviations.tsv is missing");
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) continue;
                    String[] f = line.split("\t");
                    String meaning = f[1].trim();
                    out.put(f[0], Character.isLetter(meaning.charAt(0)) ? meaning : (Object) Integer.parseInt(meaning));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return java.util.Map.copyOf(out);
        }
    }

    /** The name DuckDB reads as {@code offset} ({@code UTC-03:00}: ISO's sign). */
    public static String duckDbName(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    }
}
