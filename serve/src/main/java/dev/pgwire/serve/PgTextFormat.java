package dev.pgwire.serve;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * PostgreSQL 15's text output for the scalar types serve produces: float4/float8 (float4out,
 * float8out), date/time/timestamp/timestamptz/timetz with DateStyle ISO (EncodeDateOnly,
 * EncodeTimeOnly, EncodeDateTime), interval with IntervalStyle postgres (EncodeInterval), bytea hex
 * and array literals (array_out). Drivers parse these strings, so they follow the C code to the
 * character, not the documentation.
 */
final class PgTextFormat {
    private PgTextFormat() {}

    static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // ---------------------------------------------------------------- floating point

    /** float8out: shortest round-trip digits when extra_float_digits > 0, else %.{15+efd}g. */
    static String float8(double v, int extraFloatDigits) {
        String special = special(v);
        if (special != null) return special;
        if (extraFloatDigits > 0) return shortest(v, false);
        return printfG(v, Math.max(1, 15 + extraFloatDigits));
    }

    /** float4out: as float8out with FLT_DIG (6) and float round-trip. */
    static String float4(float v, int extraFloatDigits) {
        String special = special(v);
        if (special != null) return special;
        if (extraFloatDigits > 0) return shortest(v, true);
        return printfG(v, Math.max(1, 6 + extraFloatDigits));
    }

    private static String special(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Double.POSITIVE_INFINITY) return "Infinity";
        if (v == Double.NEGATIVE_INFINITY) return "-Infinity";
        if (v == 0) return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        return null;
    }

    /**
     * The shortest decimal that reads back as the same binary value, and of those the nearest —
     * what PostgreSQL's Ryu-based d2s/f2s print. Java 17's Double.toString is not always shortest
     * (JDK-4511638), so its digit count only bounds the search.
     */
    private static String shortest(double v, boolean isFloat) {
        double a = Math.abs(v);
        BigDecimal exact = new BigDecimal(a);
        int upper = significantDigits(isFloat ? Float.toString((float) a) : Double.toString(a));
        BigDecimal best = null;
        for (int p = upper; p <= 17 && best == null; p++) best = nearestRoundTrip(exact, p, a, isFloat);
        for (int p = upper - 1; p >= 1; p--) {
            BigDecimal shorter = nearestRoundTrip(exact, p, a, isFloat);
            if (shorter == null) break; // round-tripping is monotone in the digit count
            best = shorter;
        }
        best = best.stripTrailingZeros();
        String digits = best.unscaledValue().toString();
        int exp10 = digits.length() - 1 - best.scale();
        boolean fixed = exp10 >= -4 && exp10 < (isFloat ? 6 : 15);
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) sb.append('-');
        if (fixed) appendFixed(sb, digits, exp10); else appendExponential(sb, digits, exp10);
        return sb.toString();
    }

    private static BigDecimal nearestRoundTrip(BigDecimal exact, int digits, double target, boolean isFloat) {
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
        BigDecimal up = exact.round(new MathContext(digits, RoundingMode.UP));
        boolean downOk = readsBack(down, target, isFloat);
        boolean upOk = readsBack(up, target, isFloat);
        if (downOk && upOk) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            if (cmp != 0) return cmp < 0 ? down : up;
            return down.unscaledValue().testBit(0) ? up : down;
        }
        return downOk ? down : upOk ? up : null;
    }

    private static boolean readsBack(BigDecimal candidate, double target, boolean isFloat) {
        return isFloat ? candidate.floatValue() == (float) target : candidate.doubleValue() == target;
    }

    private static int significantDigits(String javaRepr) {
        int e = javaRepr.indexOf('E');
        String mantissa = e < 0 ? javaRepr : javaRepr.substring(0, e);
        String digits = mantissa.replace(".", "").replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(1, digits.length());
    }

    /** C's printf("%.*g"): round to {@code precision} significant digits, drop trailing zeros. */
    private static String printfG(double v, int precision) {
        BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        rounded = rounded.stripTrailingZeros();
        String digits = rounded.unscaledValue().toString();
        int exp10 = digits.length() - 1 - rounded.scale();
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) sb.append('-');
        if (exp10 >= -4 && exp10 < precision) appendFixed(sb, digits, exp10); else appendExponential(sb, digits, exp10);
        return sb.toString();
    }

    private static void appendFixed(StringBuilder sb, String digits, int exp10) {
        if (exp10 < 0) {
            sb.append("0.");
            for (int i = -1; i > exp10; i--) sb.append('0');
            sb.append(digits);
        } else if (digits.length() <= exp10 + 1) {
            sb.append(digits);
            for (int i = digits.length(); i <= exp10; i++) sb.append('0');
        } else {
            sb.append(digits, 0, exp10 + 1).append('.').append(digits, exp10 + 1, digits.length());
        }
    }

    private static void appendExponential(StringBuilder sb, String digits, int exp10) {
        sb.append(digits.charAt(0));
        if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
        sb.append('e').append(exp10 < 0 ? '-' : '+');
        int abs = Math.abs(exp10);
        if (abs < 10) sb.append('0');
        sb.append(abs);
    }

    // ---------------------------------------------------------------- date and time

    /** DuckDB's date infinities are the extreme int32 day numbers. */
    static final long DATE_INFINITY_DAYS = Integer.MAX_VALUE;
    /** DuckDB's timestamp infinities are the extreme int64 microsecond counts. */
    static final long TIMESTAMP_INFINITY_MICROS = Long.MAX_VALUE;

    static void appendDate(StringBuilder sb, LocalDate date) {
        long epochDay = date.toEpochDay();
        if (epochDay == DATE_INFINITY_DAYS) { sb.append("infinity"); return; }
        if (epochDay == -DATE_INFINITY_DAYS) { sb.append("-infinity"); return; }
        appendYmd(sb, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        if (date.getYear() <= 0) sb.append(" BC");
    }

    /** A timestamp without time zone given as microseconds since 1970-01-01 00:00:00. */
    static void appendTimestamp(StringBuilder sb, long epochMicros) {
        if (epochMicros == TIMESTAMP_INFINITY_MICROS) { sb.append("infinity"); return; }
        if (epochMicros == -TIMESTAMP_INFINITY_MICROS) { sb.append("-infinity"); return; }
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, MICROS_PER_SECOND),
                (int) Math.floorMod(epochMicros, MICROS_PER_SECOND) * 1000, ZoneOffset.UTC);
        appendDateTime(sb, t, null);
    }

    static void appendTimestamp(StringBuilder sb, LocalDateTime t) {
        appendDateTime(sb, t, null);
    }

    /** A timestamp with time zone (an instant in microseconds) shown in the session's TimeZone. */
    static void appendTimestampTz(StringBuilder sb, long epochMicros, ZoneId zone) {
        if (epochMicros == TIMESTAMP_INFINITY_MICROS) { sb.append("infinity"); return; }
        if (epochMicros == -TIMESTAMP_INFINITY_MICROS) { sb.append("-infinity"); return; }
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochMicros, MICROS_PER_SECOND),
                Math.floorMod(epochMicros, MICROS_PER_SECOND) * 1000);
        ZonedDateTime z = instant.atZone(zone);
        appendDateTime(sb, z.toLocalDateTime(), z.getOffset());
    }

    private static void appendDateTime(StringBuilder sb, LocalDateTime t, ZoneOffset offset) {
        appendYmd(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        sb.append(' ');
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
        if (offset != null) appendOffset(sb, offset.getTotalSeconds());
        if (t.getYear() <= 0) sb.append(" BC");
    }

    /** ISO years are astronomical (0 = 1 BC); PostgreSQL prints the BC year number and a suffix. */
    private static void appendYmd(StringBuilder sb, int isoYear, int month, int day) {
        int year = isoYear <= 0 ? 1 - isoYear : isoYear;
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2);
    }

    /** HH:MM:SS with up to six fraction digits, trailing zeros dropped (AppendSeconds). */
    static void appendTime(StringBuilder sb, int hour, int minute, int second, int micros) {
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2);
        appendFraction(sb, micros);
    }

    static void appendTime(StringBuilder sb, long microsOfDay) {
        appendTime(sb, (int) (microsOfDay / MICROS_PER_HOUR), (int) (microsOfDay / MICROS_PER_MINUTE % 60),
                (int) (microsOfDay / MICROS_PER_SECOND % 60), (int) (microsOfDay % MICROS_PER_SECOND));
    }

    private static void appendFraction(StringBuilder sb, long micros) {
        if (micros == 0) return;
        String f = Long.toString(micros + MICROS_PER_SECOND).substring(1); // zero-padded to 6
        int end = f.length();
        while (f.charAt(end - 1) == '0') end--;
        sb.append('.').append(f, 0, end);
    }

    /** EncodeTimezone: +HH, +HH:MM or +HH:MM:SS, whichever is exact. */
    static void appendOffset(StringBuilder sb, int offsetSeconds) {
        int abs = Math.abs(offsetSeconds);
        sb.append(offsetSeconds < 0 ? '-' : '+');
        pad(sb, abs / 3600, 2);
        int minutes = abs / 60 % 60;
        int seconds = abs % 60;
        if (minutes != 0 || seconds != 0) pad(sb.append(':'), minutes, 2);
        if (seconds != 0) pad(sb.append(':'), seconds, 2);
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) sb.append('0');
        return sb.append(s);
    }

    // ---------------------------------------------------------------- interval

    /**
     * IntervalStyle postgres ({@code 1 year 2 mons 3 days 04:05:06}). A field gets a "+" when the
     * field before it was negative; hours may exceed 24 because the parts are stored separately.
     */
    static void appendInterval(StringBuilder sb, int months, int days, long micros) {
        boolean[] state = {true, false}; // {isZero, isBefore}
        addIntervalPart(sb, months / 12, "year", state);
        addIntervalPart(sb, months % 12, "mon", state);
        addIntervalPart(sb, days, "day", state);
        long hour = micros / MICROS_PER_HOUR;
        long rest = micros - hour * MICROS_PER_HOUR;
        long minute = rest / MICROS_PER_MINUTE;
        rest -= minute * MICROS_PER_MINUTE;
        long second = rest / MICROS_PER_SECOND;
        long fraction = rest - second * MICROS_PER_SECOND;
        if (state[0] || micros != 0) {
            boolean minus = hour < 0 || minute < 0 || second < 0 || fraction < 0;
            if (!state[0]) sb.append(' ');
            sb.append(minus ? "-" : state[1] ? "+" : "");
            pad(sb, Math.abs(hour), 2).append(':');
            pad(sb, Math.abs(minute), 2).append(':');
            pad(sb, Math.abs(second), 2);
            appendFraction(sb, Math.abs(fraction));
        }
    }

    private static void addIntervalPart(StringBuilder sb, long value, String unit, boolean[] state) {
        if (value == 0) return;
        if (!state[0]) sb.append(' ');
        if (state[1] && value > 0) sb.append('+');
        sb.append(value).append(' ').append(unit);
        if (value != 1) sb.append('s');
        state[1] = value < 0;
        state[0] = false;
    }

    /**
     * Reads DuckDB's interval text ({@code 1 year 2 months 3 days 04:05:06.5}, {@code -00:00:01})
     * into months, days and microseconds — the JDBC driver hands intervals out only as text.
     */
    static long[] parseDuckDbInterval(String text) {
        long months = 0, days = 0, micros = 0;
        String[] parts = text.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.indexOf(':') >= 0) {
                micros = parseClock(p);
            } else if (i + 1 < parts.length) {
                long n = Long.parseLong(p);
                String unit = parts[++i].toLowerCase();
                if (unit.startsWith("year")) months += n * 12;
                else if (unit.startsWith("mon")) months += n;
                else if (unit.startsWith("day")) days += n;
                else throw new IllegalArgumentException("unexpected interval unit in " + text);
            } else {
                throw new IllegalArgumentException("unexpected interval text " + text);
            }
        }
        return new long[] {months, days, micros};
    }

    private static long parseClock(String clock) {
        boolean negative = clock.startsWith("-");
        String[] hms = (negative || clock.startsWith("+") ? clock.substring(1) : clock).split(":");
        long micros = Long.parseLong(hms[0]) * MICROS_PER_HOUR + Long.parseLong(hms[1]) * MICROS_PER_MINUTE;
        String sec = hms[2];
        int dot = sec.indexOf('.');
        if (dot < 0) {
            micros += Long.parseLong(sec) * MICROS_PER_SECOND;
        } else {
            micros += Long.parseLong(sec.substring(0, dot)) * MICROS_PER_SECOND;
            String frac = (sec.substring(dot + 1) + "000000").substring(0, 6);
            micros += Long.parseLong(frac);
        }
        return negative ? -micros : micros;
    }

    // ---------------------------------------------------------------- bytea and arrays

    /** bytea_output = hex. */
    static void appendByteaHex(StringBuilder sb, byte[] bytes) {
        sb.append("\\x");
        for (byte b : bytes) sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    /**
     * One array element as array_out writes it: quoted when empty, "NULL" in any case, or holding
     * braces, the delimiter, quotes, backslashes or white space; quotes and backslashes escaped.
     */
    static void appendArrayElement(StringBuilder sb, CharSequence value) {
        boolean quote = value.length() == 0 || "NULL".contentEquals(upper(value));
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || c == ' ' || c == '\t' || c == '\n'
                    || c == '\r' || c == 0x0b || c == '\f';
        }
        if (!quote) { sb.append(value); return; }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        sb.append('"');
    }

    private static String upper(CharSequence s) {
        return s.length() == 4 ? s.toString().toUpperCase(java.util.Locale.ROOT) : "";
    }
}
