package dev.pgwire.protocol.types;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The session settings that change how values are written and read as text: PostgreSQL's
 * {@code TimeZone}, {@code extra_float_digits}, {@code DateStyle} and {@code IntervalStyle}.
 *
 * <p>Output is always DateStyle ISO and IntervalStyle postgres (what drivers ask for); the
 * DateStyle field order (MDY, DMY, YMD) is honoured when reading ambiguous dates such as
 * {@code 01/02/2024}.
 *
 * <pre>{@code
 * CodecContext ctx = CodecContext.DEFAULT.withTimeZone(ZoneId.of("Asia/Kolkata")).withExtraFloatDigits(0);
 * }</pre>
 *
 * @param timeZone          the session TimeZone: timestamptz values are shown in it, and zone-less input is read in it
 * @param extraFloatDigits  extra_float_digits, -15..3; above 0 floats print the shortest exact form
 * @param dateStyle         DateStyle, e.g. "ISO, MDY"
 * @param intervalStyle     IntervalStyle; "postgres" is what is written
 */
public record CodecContext(ZoneId timeZone, int extraFloatDigits, String dateStyle, String intervalStyle) {

    /** UTC, extra_float_digits 1, DateStyle "ISO, MDY", IntervalStyle "postgres": PostgreSQL's defaults. */
    public static final CodecContext DEFAULT = new CodecContext(ZoneOffset.UTC, 1, "ISO, MDY", "postgres");

    public CodecContext {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(dateStyle, "dateStyle");
        Objects.requireNonNull(intervalStyle, "intervalStyle");
        if (extraFloatDigits < -15 || extraFloatDigits > 3) {
            throw new IllegalArgumentException("extra_float_digits must be between -15 and 3: " + extraFloatDigits);
        }
    }

    public CodecContext withTimeZone(ZoneId zone) {
        return new CodecContext(zone, extraFloatDigits, dateStyle, intervalStyle);
    }

    public CodecContext withExtraFloatDigits(int digits) {
        return new CodecContext(timeZone, digits, dateStyle, intervalStyle);
    }

    public CodecContext withDateStyle(String style) {
        return new CodecContext(timeZone, extraFloatDigits, style, intervalStyle);
    }

    /**
     * A context from session parameters as a client sends them in its StartupMessage or with SET
     * ({@code TimeZone}, {@code extra_float_digits}, {@code DateStyle}, {@code IntervalStyle});
     * missing or unreadable ones keep their default.
     */
    public static CodecContext fromParameters(Map<String, String> parameters) {
        CodecContext ctx = DEFAULT;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "timezone" -> {
                    ZoneId zone = parseTimeZone(value);
                    if (zone != null) ctx = ctx.withTimeZone(zone);
                }
                case "extra_float_digits" -> {
                    try {
                        int d = Integer.parseInt(value.trim());
                        ctx = ctx.withExtraFloatDigits(Math.max(-15, Math.min(3, d)));
                    } catch (NumberFormatException ignored) {
                        // keep the default, as a bad value would have been rejected by SET
                    }
                }
                case "datestyle" -> ctx = ctx.withDateStyle(value);
                case "intervalstyle" -> ctx = new CodecContext(ctx.timeZone, ctx.extraFloatDigits, ctx.dateStyle, value);
                default -> { }
            }
        }
        return ctx;
    }

    /**
     * Reads a TimeZone setting value the way PostgreSQL does: a zone name ({@code Asia/Kolkata},
     * {@code UTC}); a plain number of hours, east of Greenwich ({@code 5.5}); or a POSIX-style
     * offset, which counts hours west ({@code UTC+5}, {@code <+03>-03}, {@code +05:30} = UTC-05:30).
     * Returns null when it cannot be read.
     */
    public static ZoneId parseTimeZone(String setting) {
        String s = setting.trim();
        if (s.isEmpty()) return null;
        try {
            double hours = Double.parseDouble(s);
            if (s.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '+' || c == '-')) {
                return ZoneOffset.ofTotalSeconds((int) Math.round(hours * 3600));
            }
        } catch (NumberFormatException | DateTimeException ignored) {
            // not a plain number
        }
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.equals("UTC") || upper.equals("GMT") || upper.equals("Z") || upper.equals("ZULU")
                || upper.equals("UCT") || upper.equals("ETC/UTC")) {
            return ZoneOffset.UTC;
        }
        ZoneOffset backward = backwardZone(s);
        if (backward != null) return backward;
        // POSIX: an optional abbreviation (letters, or <...>), then an offset WEST of Greenwich.
        java.util.regex.Matcher m = POSIX.matcher(s);
        if (m.matches()) {
            int sign = "-".equals(m.group(1)) ? -1 : 1;
            int secs = Integer.parseInt(m.group(2)) * 3600;
            if (m.group(3) != null) secs += Integer.parseInt(m.group(3)) * 60;
            if (m.group(4) != null) secs += Integer.parseInt(m.group(4));
            try {
                return ZoneOffset.ofTotalSeconds(-sign * secs);
            } catch (DateTimeException e) {
                return null;
            }
        }
        try {
            return ZoneId.of(s);
        } catch (DateTimeException ignored) {
            // zone names are not case sensitive in PostgreSQL
            return DateTimeText.zoneNamed(s.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The fixed zones of the time zone database's backward names (EST, MST, HST), which java.time
     * keeps only among its short ids; null for any other name.
     */
    public static ZoneOffset backwardZone(String name) {
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "EST" -> ZoneOffset.ofHours(-5);
            case "MST" -> ZoneOffset.ofHours(-7);
            case "HST" -> ZoneOffset.ofHours(-10);
            default -> null;
        };
    }

    private static final java.util.regex.Pattern POSIX =
            java.util.regex.Pattern.compile("(?:[A-Za-z]{3,}|<[^>]*>)?([+-]?)(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?");

    /** True when DateStyle asks for day before month in ambiguous input (DMY, "European"). */
    boolean dayBeforeMonth() {
        String s = dateStyle.toUpperCase(Locale.ROOT);
        return s.contains("DMY") || s.contains("EURO");
    }

    /** True when DateStyle asks for year-month-day in ambiguous input. */
    boolean yearFirst() {
        return dateStyle.toUpperCase(Locale.ROOT).contains("YMD");
    }
}
