package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Date and time text: DateStyle ISO output, and a reader for PostgreSQL's datetime input (ISO 8601
 * with a space or T, DateStyle-ordered numeric dates, month names, BC/AD, AM/PM, time zone offsets,
 * zone names and the special words epoch, infinity, now, today, tomorrow, yesterday, allballs).
 */
final class DateTimeText {
    private DateTimeText() {}

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    /** Time zone offsets PostgreSQL accepts: |offset| below 16 hours (TZDISP_LIMIT). */
    static final int MAX_OFFSET_SECONDS = 16 * 3600 - 1;

    // ---- output ----------------------------------------------------------------------------

    /** {@code 2024-01-31}, {@code 0044-03-15 BC}: year with at least 4 digits. */
    static void appendDate(StringBuilder sb, LocalDate d) {
        int y = d.getYear();
        appendPadded(sb, y > 0 ? y : 1 - y, 4);
        sb.append('-');
        appendPadded(sb, d.getMonthValue(), 2);
        sb.append('-');
        appendPadded(sb, d.getDayOfMonth(), 2);
    }

    static boolean isBc(LocalDate d) {
        return d.getYear() <= 0;
    }

    /** {@code HH:MM:SS} then a fraction without trailing zeros, from microseconds of the day. */
    static void appendTime(StringBuilder sb, long micros) {
        long secs = micros / MICROS_PER_SECOND;
        appendPadded(sb, secs / 3600, 2);
        sb.append(':');
        appendPadded(sb, secs / 60 % 60, 2);
        sb.append(':');
        appendSeconds(sb, secs % 60, (int) (micros % MICROS_PER_SECOND));
    }

    /** Seconds as two digits and, if non-zero, the microsecond fraction without trailing zeros. */
    static void appendSeconds(StringBuilder sb, long secs, int fracMicros) {
        appendPadded(sb, secs, 2);
        if (fracMicros != 0) {
            sb.append('.');
            String f = Integer.toString(fracMicros);
            for (int i = f.length(); i < 6; i++) sb.append('0');
            int end = f.length();
            while (f.charAt(end - 1) == '0') end--;
            sb.append(f, 0, end);
        }
    }

    /** EncodeTimezone: {@code +01}, {@code +05:30}, {@code -04:56:02}. */
    static void appendOffset(StringBuilder sb, int offsetSecondsEast) {
        int a = Math.abs(offsetSecondsEast);
        sb.append(offsetSecondsEast < 0 ? '-' : '+');
        appendPadded(sb, a / 3600, 2);
        int min = a / 60 % 60;
        int sec = a % 60;
        if (min != 0 || sec != 0) {
            sb.append(':');
            appendPadded(sb, min, 2);
        }
        if (sec != 0) {
            sb.append(':');
            appendPadded(sb, sec, 2);
        }
    }

    static void appendPadded(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) sb.append('0');
        sb.append(s);
    }

    // ---- input -----------------------------------------------------------------------------

    /** What a datetime string said; fields not given are absent. */
    static final class Parsed {
        String special;
        boolean hasDate;
        int year;
        int month;
        int day;
        boolean bc;
        /** A year of one or two digits in a day- or month-first date: 70..99 and 0..69 mean 19xx and 20xx. */
        boolean twoDigitYear;
        /** Microseconds of the day, 0..86400000000; -1 when no time was given. */
        long timeMicros = -1;
        /** An explicit numeric offset (seconds east), or null. */
        Integer offsetSeconds;
        /** A named zone, or null. */
        ZoneId zone;

        /** The proleptic (astronomical) year: 1 BC is 0. */
        int isoYear() {
            return bc ? 1 - year : year;
        }

        /**
         * IS_VALID_JULIAN: PostgreSQL's first check on any date, at month granularity
         * (November 4714 BC to May 5874898); the types then check their exact ranges.
         */
        void checkJulian(String text) {
            int y = isoYear();
            if (y < -4713 || (y == -4713 && month < 11) || y > 5_874_898 || (y == 5_874_898 && month >= 6)) {
                throw Errors.datetimeOverflow("date out of range: \"" + text + "\"");
            }
        }

        LocalDate date(String typeName, String text) {
            try {
                return LocalDate.of(isoYear(), month, day);
            } catch (DateTimeException e) {
                throw fieldOverflow(text);
            }
        }
    }

    static PgException syntax(String typeName, String text) {
        return new PgException("22007", "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    static PgException fieldOverflow(String text) {
        return Errors.datetimeOverflow("date/time field value out of range: \"" + text + "\"");
    }

    static PgException zoneOverflow(String text) {
        return new PgException("22009", "time zone displacement out of range: \"" + text + "\"");
    }

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

    /** Common abbreviations of PostgreSQL's default timezone_abbreviations set, seconds east. */
    private static final Map<String, Integer> ABBREVIATIONS = Map.ofEntries(
            Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("ut", 0), Map.entry("z", 0), Map.entry("zulu", 0),
            Map.entry("est", -5 * 3600), Map.entry("edt", -4 * 3600), Map.entry("cst", -6 * 3600),
            Map.entry("cdt", -5 * 3600), Map.entry("mst", -7 * 3600), Map.entry("mdt", -6 * 3600),
            Map.entry("pst", -8 * 3600), Map.entry("pdt", -7 * 3600), Map.entry("akst", -9 * 3600),
            Map.entry("akdt", -8 * 3600), Map.entry("hst", -10 * 3600), Map.entry("wet", 0),
            Map.entry("west", 3600), Map.entry("cet", 3600), Map.entry("cest", 2 * 3600),
            Map.entry("met", 3600), Map.entry("mest", 2 * 3600), Map.entry("eet", 2 * 3600),
            Map.entry("eest", 3 * 3600), Map.entry("msk", 3 * 3600), Map.entry("jst", 9 * 3600),
            Map.entry("kst", 9 * 3600), Map.entry("aest", 10 * 3600), Map.entry("aedt", 11 * 3600),
            Map.entry("nzst", 12 * 3600), Map.entry("nzdt", 13 * 3600), Map.entry("bst", 3600));

    private static volatile Map<String, String> zoneIdsLower;

    /** Zone names are matched without regard to case, as PostgreSQL does. */
    static ZoneId zoneNamed(String lower) {
        Map<String, String> ids = zoneIdsLower;
        if (ids == null) {
            Map<String, String> m = new HashMap<>();
            for (String id : ZoneId.getAvailableZoneIds()) m.put(id.toLowerCase(Locale.ROOT), id);
            zoneIdsLower = ids = m;
        }
        String id = ids.get(lower);
        return id == null ? null : ZoneId.of(id);
    }

    private enum Kind { NUMBER, DATE, TIME, OFFSET, WORD }

    private record Token(Kind kind, String text) {}

    static Parsed parse(String text, String typeName, CodecContext ctx) {
        String s = ScalarCodecs.trimSpace(text).toLowerCase(Locale.ROOT);
        Parsed p = new Parsed();
        switch (s) {
            case "epoch", "infinity", "+infinity", "-infinity", "now", "today", "tomorrow", "yesterday", "allballs" -> {
                p.special = s.startsWith("+") ? "infinity" : s;
                return p;
            }
            default -> { }
        }
        List<Token> tokens = tokenize(s, typeName, text);
        List<String> loose = new ArrayList<>();
        int namedMonth = 0;
        int ampm = 0;
        for (Token t : tokens) {
            switch (t.kind) {
                case DATE -> {
                    if (p.hasDate) throw syntax(typeName, text);
                    readDate(p, t.text, ctx, typeName, text);
                }
                case NUMBER -> {
                    if (t.text.length() == 8 && !p.hasDate && loose.isEmpty() && namedMonth == 0) {
                        p.hasDate = true;  // ISO 8601 basic: YYYYMMDD
                        p.year = Integer.parseInt(t.text.substring(0, 4));
                        p.month = Integer.parseInt(t.text.substring(4, 6));
                        p.day = Integer.parseInt(t.text.substring(6));
                    } else if (p.hasDate && p.timeMicros < 0 && (t.text.length() == 6 || t.text.length() == 4)) {
                        // ISO 8601 basic time after a date: HHMMSS or HHMM
                        String hms = t.text.length() == 6 ? t.text.substring(0, 2) + ":" + t.text.substring(2, 4)
                                + ":" + t.text.substring(4) : t.text.substring(0, 2) + ":" + t.text.substring(2);
                        p.timeMicros = readTime(hms, typeName, text);
                    } else {
                        loose.add(t.text);
                    }
                }
                case TIME -> {
                    if (p.timeMicros >= 0) throw syntax(typeName, text);
                    p.timeMicros = readTime(t.text, typeName, text);
                }
                case OFFSET -> {
                    if (p.offsetSeconds != null || p.zone != null) throw syntax(typeName, text);
                    p.offsetSeconds = readOffset(t.text, typeName, text);
                }
                case WORD -> {
                    String w = t.text;
                    int month = monthNumber(w);
                    if (month > 0) {
                        if (namedMonth != 0 || p.hasDate) throw syntax(typeName, text);
                        namedMonth = month;
                    } else if (w.equals("bc")) {
                        p.bc = true;
                    } else if (w.equals("ad") || w.equals("t") || isDayName(w)) {
                        // no effect
                    } else if (w.equals("am") || w.equals("a.m.")) {
                        ampm = 1;
                    } else if (w.equals("pm") || w.equals("p.m.")) {
                        ampm = 2;
                    } else if (ABBREVIATIONS.containsKey(w)) {
                        if (p.offsetSeconds != null || p.zone != null) throw syntax(typeName, text);
                        p.offsetSeconds = ABBREVIATIONS.get(w);
                    } else {
                        ZoneId z = zoneNamed(w);
                        if (z == null || p.offsetSeconds != null || p.zone != null) throw syntax(typeName, text);
                        p.zone = z;
                    }
                }
            }
        }
        if (namedMonth != 0) {
            // "Jan 8 1999", "8 January 1999", "1999 Jan 8": the number of three or more digits is the year
            if (loose.size() != 2) throw syntax(typeName, text);
            String a = loose.get(0);
            String b = loose.get(1);
            boolean yearFirst = a.length() >= 3 && b.length() <= 2;
            String ys = yearFirst ? a : b;
            p.hasDate = true;
            p.month = namedMonth;
            p.day = parseField(yearFirst ? b : a, text);
            p.year = parseField(ys, text);
            p.twoDigitYear = ys.length() <= 2;
        } else if (!loose.isEmpty()) {
            throw syntax(typeName, text);
        }
        if (p.twoDigitYear && !p.bc) p.year += p.year < 70 ? 2000 : 1900;
        if (ampm != 0) {
            if (p.timeMicros < 0) throw syntax(typeName, text);
            long hour = p.timeMicros / (3600 * MICROS_PER_SECOND);
            if (hour < 1 || hour > 12) throw fieldOverflow(text);
            if (ampm == 1 && hour == 12) p.timeMicros -= 12 * 3600 * MICROS_PER_SECOND;
            if (ampm == 2 && hour != 12) p.timeMicros += 12 * 3600 * MICROS_PER_SECOND;
        }
        if (p.hasDate) {
            if (p.year <= 0 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31) throw fieldOverflow(text);
        } else if (p.bc) {
            throw syntax(typeName, text);
        }
        return p;
    }

    private static List<Token> tokenize(String str, String typeName, String text) {
        List<Token> out = new ArrayList<>();
        int n = str.length();
        // ISO 8601 puts a T between date and time ("2024-01-31T13:45"): read it as a space
        char[] chars = str.toCharArray();
        for (int k = 1; k + 1 < n; k++) {
            if (chars[k] == 't' && isDigit(chars[k - 1]) && isDigit(chars[k + 1])) chars[k] = ' ';
        }
        String s = new String(chars);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (ScalarCodecs.isSpace(c) || c == ',') {
                i++;
            } else if (isDigit(c)) {
                int start = i;
                while (i < n && isDigit(s.charAt(i))) i++;
                if (i < n && s.charAt(i) == ':') {
                    while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) i++;
                    out.add(new Token(Kind.TIME, s.substring(start, i)));
                } else if (i + 1 < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')
                        && Character.isLetterOrDigit(s.charAt(i + 1))) {
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i))
                            || ((s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')
                                && i + 1 < n && Character.isLetterOrDigit(s.charAt(i + 1))))) {
                        i++;
                    }
                    out.add(new Token(Kind.DATE, s.substring(start, i)));
                } else {
                    out.add(new Token(Kind.NUMBER, s.substring(start, i)));
                }
            } else if ((c == '+' || c == '-') && i + 1 < n && isDigit(s.charAt(i + 1))) {
                int start = i++;
                while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':')) i++;
                out.add(new Token(Kind.OFFSET, s.substring(start, i)));
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < n && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '/' || s.charAt(i) == '_'
                        || s.charAt(i) == '.')) {
                    i++;
                }
                String w = s.substring(start, i);
                if (monthNumber(w) > 0 && i + 1 < n && (s.charAt(i) == '-' || s.charAt(i) == '/')
                        && isDigit(s.charAt(i + 1))) {
                    // "Jan-08-1999"
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-' || s.charAt(i) == '/')) i++;
                    out.add(new Token(Kind.DATE, s.substring(start, i)));
                } else {
                    out.add(new Token(Kind.WORD, w));
                }
            } else {
                throw syntax(typeName, text);
            }
        }
        return out;
    }

    private static void readDate(Parsed p, String tok, CodecContext ctx, String typeName, String text) {
        char sep = tok.chars().filter(ch -> ch == '-' || ch == '/' || ch == '.').mapToObj(ch -> (char) ch)
                .findFirst().orElseThrow();
        String[] parts = tok.split(sep == '.' ? "\\." : String.valueOf(sep), -1);
        if (parts.length != 3) throw syntax(typeName, text);
        for (String part : parts) {
            if (part.indexOf('-') >= 0 || part.indexOf('/') >= 0 || part.indexOf('.') >= 0 || part.isEmpty()) {
                throw syntax(typeName, text);
            }
        }
        int m0 = monthNumber(parts[0]);
        int m1 = monthNumber(parts[1]);
        String y;
        String m;
        String d;
        boolean yearFirst;
        if (m1 > 0) {
            yearFirst = parts[0].length() >= 3;
            y = yearFirst ? parts[0] : parts[2];
            d = yearFirst ? parts[2] : parts[0];
            m = null;
            p.month = m1;
        } else if (m0 > 0) {
            yearFirst = false;
            m = null;
            p.month = m0;
            d = parts[1];
            y = parts[2];
        } else if (parts[0].length() >= 3 || ctx.yearFirst()) {
            yearFirst = true;
            y = parts[0];
            m = parts[1];
            d = parts[2];
        } else if (ctx.dayBeforeMonth()) {
            yearFirst = false;
            d = parts[0];
            m = parts[1];
            y = parts[2];
        } else {
            yearFirst = false;
            m = parts[0];
            d = parts[1];
            y = parts[2];
        }
        if (!allDigits(y) || !allDigits(d) || (m != null && !allDigits(m))) throw syntax(typeName, text);
        p.hasDate = true;
        if (m != null) p.month = parseField(m, text);
        p.day = parseField(d, text);
        p.year = parseField(y, text);
        p.twoDigitYear = y.length() <= 2; // also first, under DateStyle YMD (PostgreSQL expands any year of two digits)
    }

    private static int parseField(String digits, String text) {
        if (digits.length() > 9) throw fieldOverflow(text);
        return Integer.parseInt(digits);
    }

    /** HH:MM[:SS[.fraction]] to microseconds; 24:00:00 is allowed, 60 seconds carry over. */
    private static long readTime(String tok, String typeName, String text) {
        String[] parts = tok.split(":", -1);
        if (parts.length < 2 || parts.length > 3) throw syntax(typeName, text);
        String secPart = parts.length == 3 ? parts[2] : "0";
        String frac = "";
        int dot = secPart.indexOf('.');
        if (dot >= 0) {
            frac = secPart.substring(dot + 1);
            secPart = secPart.substring(0, dot);
            if (!allDigits(frac) && !frac.isEmpty()) throw syntax(typeName, text);
        }
        if (parts[1].indexOf('.') >= 0 || !allDigits(parts[0]) || !allDigits(parts[1]) || !allDigits(secPart)) {
            throw syntax(typeName, text);
        }
        long h = parseField(parts[0], text);
        long m = parseField(parts[1], text);
        long sec = parseField(secPart, text);
        long micros = roundFraction(frac);
        if (h > 24 || m > 59 || sec > 60) throw fieldOverflow(text);
        long total = ((h * 60 + m) * 60 + sec) * MICROS_PER_SECOND + micros;
        if (total > MICROS_PER_DAY) throw fieldOverflow(text);
        return total;
    }

    /** A decimal fraction of a second rounded to microseconds, half to even as rint() does. */
    static long roundFraction(String frac) {
        if (frac.isEmpty()) return 0;
        String f = frac.length() > 18 ? frac.substring(0, 18) : frac;
        long v = 0;
        for (int i = 0; i < 6; i++) v = v * 10 + (i < f.length() ? f.charAt(i) - '0' : 0);
        if (f.length() > 6) {
            int next = f.charAt(6) - '0';
            boolean rest = f.substring(7).chars().anyMatch(ch -> ch != '0');
            if (next > 5 || (next == 5 && (rest || (v & 1) == 1))) v++;
        }
        return v;
    }

    /** +HH, +HHMM, +HH:MM, +HH:MM:SS, +HHMMSS as seconds east of Greenwich. */
    private static int readOffset(String tok, String typeName, String text) {
        int sign = tok.charAt(0) == '-' ? -1 : 1;
        String body = tok.substring(1);
        int h;
        int m = 0;
        int sec = 0;
        if (body.indexOf(':') >= 0) {
            String[] parts = body.split(":", -1);
            if (parts.length > 3) throw syntax(typeName, text);
            for (String part : parts) if (part.isEmpty() || !allDigits(part)) throw syntax(typeName, text);
            h = parseField(parts[0], text);
            if (parts.length > 1) m = parseField(parts[1], text);
            if (parts.length > 2) sec = parseField(parts[2], text);
        } else if (body.length() <= 2) {
            h = parseField(body, text);
        } else if (body.length() == 4) {
            h = parseField(body.substring(0, 2), text);
            m = parseField(body.substring(2), text);
        } else if (body.length() == 6) {
            h = parseField(body.substring(0, 2), text);
            m = parseField(body.substring(2, 4), text);
            sec = parseField(body.substring(4), text);
        } else {
            throw syntax(typeName, text);
        }
        if (h > 15 || m > 59 || sec > 59) throw zoneOverflow(text);
        return sign * (h * 3600 + m * 60 + sec);
    }

    private static int monthNumber(String w) {
        if (w.length() < 3 || !Character.isLetter(w.charAt(0))) return 0;
        for (int i = 0; i < MONTHS.length; i++) {
            String full = java.time.Month.of(i + 1).name().toLowerCase(Locale.ROOT);
            if (w.equals(MONTHS[i]) || w.equals(full) || (i == 8 && w.equals("sept"))) return i + 1;
        }
        return 0;
    }

    private static boolean isDayName(String w) {
        for (String d : DAYS) {
            if (w.equals(d)) return true;
        }
        return switch (w) {
            case "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                 "tues", "wednes", "thur", "thurs" -> true;
            default -> false;
        };
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!isDigit(s.charAt(i))) return false;
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
