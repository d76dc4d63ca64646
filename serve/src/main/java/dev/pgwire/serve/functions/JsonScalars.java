package dev.pgwire.serve.functions;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * to_json and to_jsonb of the scalars json writes its own way. Floating-point numbers as float8out
 * and float4out print them ({@code 1e+20}, {@code 0.1}), or as a string when that is no JSON number
 * ({@code "NaN"}, {@code "Infinity"}). Dates and timestamps in ISO 8601 whatever the DateStyle
 * (JsonEncodeDateTime, the XSD style): {@code "2024-01-02"},
 * {@code "2024-01-02T03:04:05.5"}, {@code "2024-01-02T03:04:05+01:00"}, {@code "0044-03-15 BC"},
 * {@code "infinity"}. Dates and timestamps come as DuckDB's text of them
 * ({@code 2024-01-02 03:04:05.5}, {@code 0044-03-15 (BC) 03:04:05}); a timestamptz comes as the value and
 * the session time zone, since DuckDB's text drops the seconds of historical offsets.
 */
final class JsonScalars {
    private JsonScalars() {}

    private static final TypeRegistry TYPES = TypeRegistry.standard();

    /** to_json(double precision). */
    static String float8(double value) {
        return number(TYPES.encodeText(PgType.FLOAT8.oid(), value, CodecContext.DEFAULT));
    }

    /** to_json(real). */
    static String float4(float value) {
        return number(TYPES.encodeText(PgType.FLOAT4.oid(), value, CodecContext.DEFAULT));
    }

    /** A number's text as datum_to_json writes it: as it is when it is a JSON number, else quoted. */
    private static String number(String text) {
        return Double.isFinite(Double.parseDouble(text)) ? text : Jsonb.escape(text);
    }

    private static final Pattern DATE = Pattern.compile("(\\d{4,})-(\\d\\d)-(\\d\\d)( \\(BC\\)| BC)?");
    private static final Pattern TIMESTAMP =
            Pattern.compile("(\\d{4,}-\\d\\d-\\d\\d)( \\(BC\\))?[ T](\\d\\d:\\d\\d:\\d\\d)(?:\\.(\\d{1,9}))?( \\(BC\\)| BC)?");

    /** to_json(date) from a date's text. */
    static String date(String text) {
        String t = text.strip();
        if (isSpecial(t)) return '"' + t + '"';
        Matcher m = DATE.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("not a date: " + text);
        return '"' + m.group(1) + '-' + m.group(2) + '-' + m.group(3) + (m.group(4) != null ? " BC" : "") + '"';
    }

    /** to_json(timestamp) from a timestamp's text. */
    static String timestamp(String text) {
        String t = text.strip();
        if (isSpecial(t)) return '"' + t + '"';
        Matcher m = TIMESTAMP.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("not a timestamp: " + text);
        StringBuilder out = new StringBuilder("\"").append(m.group(1)).append('T').append(m.group(3));
        String fraction = m.group(4) == null ? "" : m.group(4).replaceAll("0+$", "");
        if (!fraction.isEmpty()) out.append('.').append(fraction);
        if (m.group(2) != null || m.group(5) != null) out.append(" BC");
        return out.append('"').toString();
    }

    private static boolean isSpecial(String t) {
        return t.equals("infinity") || t.equals("-infinity");
    }

    /** to_json(timestamptz) in the session time zone {@code zone}. */
    static String timestamptz(Instant value, ZoneId zone) {
        ZonedDateTime z = value.atZone(zone);
        LocalDateTime local = z.toLocalDateTime();
        StringBuilder out = new StringBuilder("\"");
        int year = local.getYear();
        pad(out, year > 0 ? year : 1 - year, 4);
        out.append('-');
        pad(out, local.getMonthValue(), 2);
        out.append('-');
        pad(out, local.getDayOfMonth(), 2);
        out.append('T');
        pad(out, local.getHour(), 2);
        out.append(':');
        pad(out, local.getMinute(), 2);
        out.append(':');
        pad(out, local.getSecond(), 2);
        int micros = local.getNano() / 1000;
        if (micros != 0) {
            StringBuilder f = new StringBuilder();
            pad(f, micros, 6);
            out.append('.').append(f.toString().replaceAll("0+$", ""));
        }
        // EncodeTimezone in the XSD style: hours and minutes always, seconds when there are any
        int offset = z.getOffset().getTotalSeconds();
        out.append(offset >= 0 ? '+' : '-');
        int abs = Math.abs(offset);
        pad(out, abs / 3600, 2);
        out.append(':');
        pad(out, abs / 60 % 60, 2);
        if (abs % 60 != 0) {
            out.append(':');
            pad(out, abs % 60, 2);
        }
        if (year <= 0) out.append(" BC");
        return out.append('"').toString();
    }

    private static void pad(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) out.append('0');
        out.append(s);
    }
}
