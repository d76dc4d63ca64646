package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * interval text: IntervalStyle postgres output ({@code 1 year 2 mons -3 days +04:05:06.5}) and
 * PostgreSQL's interval input: number-unit pairs with fractions, a [+-]H:MM[:SS[.f]] time part,
 * {@code @} and {@code ago}, SQL-standard {@code Y-M} and {@code D H:MM:SS}, and ISO 8601
 * {@code P1Y2M3DT4H5M6.5S}.
 */
final class IntervalText {
    private IntervalText() {}

    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    private static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
    private static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;

    /** EncodeInterval, INTSTYLE_POSTGRES. */
    static String format(PgInterval v) {
        int year = v.months() / 12;
        int mon = v.months() % 12;
        int mday = v.days();
        long time = v.microseconds();
        long hour = time / USECS_PER_HOUR;
        time -= hour * USECS_PER_HOUR;
        long min = time / USECS_PER_MINUTE;
        time -= min * USECS_PER_MINUTE;
        long sec = time / USECS_PER_SEC;
        long fsec = time - sec * USECS_PER_SEC;

        StringBuilder sb = new StringBuilder(48);
        boolean[] state = {true, false};  // is_zero, is_before
        addPart(sb, year, "year", state);
        addPart(sb, mon, "mon", state);
        addPart(sb, mday, "day", state);
        if (state[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
            if (!state[0]) sb.append(' ');
            sb.append(minus ? "-" : state[1] ? "+" : "");
            DateTimeText.appendPadded(sb, Math.abs(hour), 2);
            sb.append(':');
            DateTimeText.appendPadded(sb, Math.abs(min), 2);
            sb.append(':');
            DateTimeText.appendSeconds(sb, Math.abs(sec), (int) Math.abs(fsec));
        }
        return sb.toString();
    }

    /** AddPostgresIntPart: each non-zero field makes the next positive one show its "+". */
    private static void addPart(StringBuilder sb, int value, String unit, boolean[] state) {
        if (value == 0) return;
        if (!state[0]) sb.append(' ');
        if (state[1] && value > 0) sb.append('+');
        sb.append(value).append(' ').append(unit);
        if (value != 1) sb.append('s');
        state[1] = value < 0;
        state[0] = false;
    }

    // ---- input -----------------------------------------------------------------------------

    /** Accumulates the three fields with overflow checks. */
    private static final class Acc {
        final String text;
        long months;
        long days;
        long micros;

        Acc(String text) {
            this.text = text;
        }

        void addMonths(long m) {
            months = exact(() -> Math.addExact(months, m));
        }

        void addDays(long d) {
            days = exact(() -> Math.addExact(days, d));
        }

        void addMicros(long u) {
            micros = exact(() -> Math.addExact(micros, u));
        }

        /** whole * scale microseconds plus the fraction of that, rounded (AdjustFractMicroseconds). */
        void addScaledMicros(BigDecimal value, long scale) {
            BigDecimal us = value.multiply(BigDecimal.valueOf(scale)).setScale(0, RoundingMode.HALF_EVEN);
            addMicros(toLong(us));
        }

        /** Fractional days: whole days, the rest as microseconds (AdjustFractDays). */
        void addFractionalDays(BigDecimal value) {
            BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
            addDays(toLong(whole));
            addScaledMicros(value.subtract(whole), USECS_PER_DAY);
        }

        long toLong(BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw overflow(text);
            }
        }

        long exact(java.util.function.LongSupplier f) {
            try {
                return f.getAsLong();
            } catch (ArithmeticException e) {
                throw overflow(text);
            }
        }

        PgInterval result(boolean negate) {
            long m = negate ? -months : months;
            long d = negate ? -days : days;
            long u = negate ? exact(() -> Math.negateExact(micros)) : micros;
            if (m != (int) m || d != (int) d) throw overflow(text);
            return new PgInterval((int) m, (int) d, u);
        }
    }

    static PgException syntax(String text) {
        return new PgException("22007", "invalid input syntax for type interval: \"" + text + "\"");
    }

    static PgException overflow(String text) {
        return new PgException("22015", "interval field value out of range: \"" + text + "\"");
    }

    static PgInterval parse(String text) {
        String s = ScalarCodecs.trimSpace(text).toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw syntax(text);
        if (s.startsWith("p")) return parseIso(s, text);
        List<String> tokens = tokens(s, text);
        Acc acc = new Acc(text);
        boolean ago = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("@")) {
                if (i != 0) throw syntax(text);
                continue;
            }
            if (t.equals("ago")) {
                if (i != tokens.size() - 1 || ago) throw syntax(text);
                ago = true;
                continue;
            }
            int n = numberEnd(t);
            if (n == 0) throw syntax(text);
            String num = t.substring(0, n);
            String rest = t.substring(n);
            if (rest.startsWith(":")) {
                addTime(acc, t, text);
            } else if (rest.startsWith("-") && !num.contains(".")) {
                // SQL standard year-month: 1-2
                String mon = rest.substring(1);
                if (mon.isEmpty() || !mon.chars().allMatch(Character::isDigit)) throw syntax(text);
                long y = acc.toLong(new BigDecimal(num));
                long m = Long.parseLong(mon.length() > 6 ? "9999999" : mon);
                if (m > 11) throw overflow(text);
                long total = acc.exact(() -> Math.addExact(Math.multiplyExact(Math.abs(y), 12), m));
                acc.addMonths(num.startsWith("-") ? -total : total);
            } else {
                BigDecimal value = number(num, text);
                String unit = rest;
                if (unit.isEmpty() && i + 1 < tokens.size() && unitScale(tokens.get(i + 1)) != null) {
                    unit = tokens.get(++i);
                }
                if (unit.isEmpty()) {
                    // a bare number: days before a time part, otherwise seconds
                    if (i + 1 < tokens.size() && tokens.get(i + 1).contains(":")) {
                        acc.addFractionalDays(value);
                    } else if (i + 1 == tokens.size() || (i + 2 == tokens.size() && tokens.get(i + 1).equals("ago"))) {
                        acc.addScaledMicros(value, USECS_PER_SEC);
                    } else {
                        throw syntax(text);
                    }
                } else {
                    addUnit(acc, value, unit, text);
                }
            }
        }
        return acc.result(ago);
    }

    /** Splits at whitespace and keeps a sign glued to the number after it. */
    private static List<String> tokens(String s, String text) {
        List<String> out = new ArrayList<>();
        for (String t : s.split("[ \t\n\r\u000b\f]+")) {
            if (t.isEmpty()) continue;
            if (t.startsWith("@") && t.length() > 1) {
                out.add("@");
                t = t.substring(1);
            }
            out.add(t);
        }
        if (out.isEmpty()) throw syntax(text);
        return out;
    }

    /** The length of the leading [+-]digits[.digits] of t (0 if there is no digit). */
    private static int numberEnd(String t) {
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128) { i++; digits++; }
        if (i < t.length() && t.charAt(i) == '.') {
            i++;
            while (i < t.length() && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128) { i++; digits++; }
        }
        return digits == 0 ? 0 : i;
    }

    private static BigDecimal number(String num, String text) {
        try {
            return new BigDecimal(num);
        } catch (NumberFormatException e) {
            throw syntax(text);
        }
    }

    /** [+-]H:MM[:SS[.f]], hours unbounded; the sign covers the whole time. */
    private static void addTime(Acc acc, String t, String text) {
        boolean neg = t.startsWith("-");
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        String[] parts = body.split(":", -1);
        if (parts.length < 2 || parts.length > 3) throw syntax(text);
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            boolean ok = k == parts.length - 1 ? p.matches("[0-9]+(\\.[0-9]*)?") : p.matches("[0-9]+");
            if (!ok) throw syntax(text);
        }
        long hours = acc.toLong(new BigDecimal(parts[0]));
        long min = Long.parseLong(parts[1].length() > 3 ? "999" : parts[1].replaceAll("\\..*", ""));
        if (parts.length == 2 && parts[1].contains(".")) throw syntax(text);
        if (min > 59) throw overflow(text);
        long micros = min * USECS_PER_MINUTE;
        if (parts.length == 3) {
            String[] sf = parts[2].split("\\.", -1);
            long sec = sf[0].length() > 3 ? 999 : Long.parseLong(sf[0]);
            if (sec > 60) throw overflow(text);
            micros += sec * USECS_PER_SEC + (sf.length > 1 ? DateTimeText.roundFraction(sf[1]) : 0);
        }
        long frac = micros;
        // computed on the negative side directly so that the most negative interval fits
        acc.addMicros(acc.exact(() -> {
            long base = Math.multiplyExact(hours, USECS_PER_HOUR);
            return neg ? Math.subtractExact(Math.negateExact(base), frac) : Math.addExact(base, frac);
        }));
    }

    /** Microseconds per unit for time units, or a negative code for calendar units; null if unknown. */
    private static Long unitScale(String unit) {
        return switch (unit) {
            case "microsecond", "microseconds", "microsecon", "us", "usec", "usecs", "useconds" -> 1L;
            case "millisecond", "milliseconds", "millisecon", "ms", "msec", "msecs", "mseconds" -> 1000L;
            case "second", "seconds", "s", "sec", "secs" -> USECS_PER_SEC;
            case "minute", "minutes", "m", "min", "mins" -> USECS_PER_MINUTE;
            case "hour", "hours", "h", "hr", "hrs" -> USECS_PER_HOUR;
            case "day", "days", "d" -> -1L;
            case "week", "weeks", "w" -> -7L;
            case "month", "months", "mon", "mons" -> -30L;
            case "year", "years", "y", "yr", "yrs" -> -12L;
            case "decade", "decades", "dec", "decs" -> -120L;
            case "century", "centuries", "c", "cent" -> -1200L;
            case "millennium", "millennia", "mil", "mils" -> -12000L;
            default -> null;
        };
    }

    private static void addUnit(Acc acc, BigDecimal value, String unit, String text) {
        Long scale = unitScale(unit);
        if (scale == null) throw syntax(text);
        if (scale > 0) {
            acc.addScaledMicros(value, scale);
        } else if (scale == -1L) {
            acc.addFractionalDays(value);
        } else if (scale == -7L) {
            acc.addFractionalDays(value.multiply(BigDecimal.valueOf(7)));
        } else if (scale == -30L) {
            BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
            acc.addMonths(acc.toLong(whole));
            acc.addFractionalDays(value.subtract(whole).multiply(BigDecimal.valueOf(30)));
        } else {
            // years and their multiples: fractions become whole months, rounded
            long monthsPerUnit = -scale;
            BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
            acc.addMonths(acc.exact(() -> Math.multiplyExact(acc.toLong(whole), monthsPerUnit)));
            acc.addMonths(acc.toLong(value.subtract(whole).multiply(BigDecimal.valueOf(monthsPerUnit))
                    .setScale(0, RoundingMode.HALF_EVEN)));
        }
    }

    /** ISO 8601 with designators: P[nY][nM][nW][nD][T[nH][nM][nS]], numbers may be signed or fractional. */
    private static PgInterval parseIso(String s, String text) {
        Acc acc = new Acc(text);
        int i = 1;
        boolean time = false;
        boolean any = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == 't') {
                if (time) throw syntax(text);
                time = true;
                i++;
                continue;
            }
            int end = i + numberEnd(s.substring(i));
            if (end == i || end >= s.length()) throw syntax(text);
            BigDecimal v = number(s.substring(i, end), text);
            char unit = s.charAt(end);
            i = end + 1;
            any = true;
            if (!time) {
                switch (unit) {
                    case 'y' -> addUnit(acc, v, "year", text);
                    case 'm' -> addUnit(acc, v, "month", text);
                    case 'w' -> addUnit(acc, v, "week", text);
                    case 'd' -> addUnit(acc, v, "day", text);
                    default -> throw syntax(text);
                }
            } else {
                switch (unit) {
                    case 'h' -> addUnit(acc, v, "hour", text);
                    case 'm' -> addUnit(acc, v, "minute", text);
                    case 's' -> addUnit(acc, v, "second", text);
                    default -> throw syntax(text);
                }
            }
        }
        if (!any) throw syntax(text);
        return acc.result(false);
    }
}
