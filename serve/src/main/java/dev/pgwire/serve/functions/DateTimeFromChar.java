package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.DateTemplate.Field;
import dev.pgwire.serve.functions.DateTemplate.Mode;
import dev.pgwire.serve.functions.DateTemplate.Node;
import dev.pgwire.serve.functions.DateTemplate.NodeType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * to_date and to_timestamp (PostgreSQL's {@code DCH_from_char} and {@code do_to_timestamp}): reads the
 * fields a template names out of a string, then combines them into a date or a timestamp with
 * PostgreSQL's precedence rules (Julian day over year, CC with a short year, ISO weeks, day of year),
 * range checks and error messages.
 */
final class DateTimeFromChar {
    private DateTimeFromChar() {}

    private static final String[] AMPM = {"am", "pm", "AM", "PM"};
    private static final String[] AMPM_LONG = {"a.m.", "p.m.", "A.M.", "P.M."};
    private static final String[] ADBC = {"ad", "bc", "AD", "BC"};
    private static final String[] ADBC_LONG = {"a.d.", "b.c.", "A.D.", "B.C."};
    private static final long PG_EPOCH_UNIX_MICROS = 946_684_800_000_000L;

    /** The fields read from the input ({@code TmFromChar}); zero means "not given". */
    private static final class Fields {
        Mode mode = Mode.NONE;
        int hh;
        int pm;
        int mi;
        int ss;
        int ssss;
        int d;
        int dd;
        int ddd;
        int mm;
        int ms;
        int year;
        int bc;
        int ww;
        int w;
        int cc;
        int j;
        int us;
        int yysz;
        boolean clock12;
        int tzsign;
        int tzh;
        int tzm;
        int ff;
    }

    /** The result of parsing: broken-down local date and time, and the zone offset if one was given. */
    private record Parsed(int year, int mon, int mday, int hour, int min, int sec, int fsec,
                          Integer eastOffsetSeconds, int fprec) {}

    /** to_date(text, text). */
    static LocalDate toDate(String input, String template) {
        Parsed p = parse(input, template);
        if (!Calendar.isValidJulian(p.year, p.mon, p.mday)) {
            throw Errors.error(Errors.DATETIME_VALUE_OUT_OF_RANGE, "date out of range: \"" + input + "\"");
        }
        int date = Calendar.date2j(p.year, p.mon, p.mday) - Calendar.POSTGRES_EPOCH_JDATE;
        if (date < -Calendar.POSTGRES_EPOCH_JDATE || date >= 2147483494 - Calendar.POSTGRES_EPOCH_JDATE) {
            throw Errors.error(Errors.DATETIME_VALUE_OUT_OF_RANGE, "date out of range: \"" + input + "\"");
        }
        return LocalDate.ofEpochDay((long) date + Calendar.POSTGRES_EPOCH_JDATE - Calendar.UNIX_EPOCH_JDATE);
    }

    /** to_timestamp(text, text) with the session time zone {@code zone}. */
    static Instant toTimestamp(String input, String template, ZoneId zone) {
        Parsed p = parse(input, template);
        if (!Calendar.isValidJulian(p.year, p.mon, p.mday)) throw timestampOutOfRange();
        long epochDay = (long) Calendar.date2j(p.year, p.mon, p.mday) - Calendar.UNIX_EPOCH_JDATE;
        LocalDateTime local = LocalDateTime.of(LocalDate.ofEpochDay(epochDay), LocalTime.of(p.hour, p.min, p.sec));
        Instant instant;
        if (p.eastOffsetSeconds != null) {
            instant = local.toInstant(java.time.ZoneOffset.UTC).minusSeconds(p.eastOffsetSeconds);
        } else {
            instant = DateTimeToChar.localToInstant(local, zone);
        }
        // PostgreSQL's range, counted from its epoch 2000-01-01: 4714-11-24 BC up to 294277-01-01 exclusive
        long pgSeconds = instant.getEpochSecond() - PG_EPOCH_UNIX_MICROS / 1_000_000L;
        if (Math.abs(pgSeconds) > Long.MAX_VALUE / 1_000_000L - 1) throw timestampOutOfRange();
        long pgMicros = pgSeconds * 1_000_000L + p.fsec;
        if (pgMicros < -211813488000000000L || pgMicros >= 9223371331200000000L) throw timestampOutOfRange();
        if (p.fprec > 0) pgMicros = roundToPrecision(pgMicros, p.fprec);
        return Instant.ofEpochSecond(Math.floorDiv(pgMicros, 1_000_000L) + PG_EPOCH_UNIX_MICROS / 1_000_000L,
                Math.floorMod(pgMicros, 1_000_000L) * 1000L);
    }

    /** PostgreSQL's AdjustTimestampForTypmod: round half away from zero, counted from 2000-01-01. */
    private static long roundToPrecision(long pgMicros, int precision) {
        long scale = 1;
        for (int i = precision; i < 6; i++) scale *= 10;
        long offset = scale / 2;
        long t = pgMicros;
        return t >= 0 ? (t + offset) / scale * scale : -(((-t) + offset) / scale * scale);
    }

    private static RuntimeException timestampOutOfRange() {
        return Errors.error(Errors.DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
    }

    private static RuntimeException fieldOverflow(String input) {
        return Errors.error(Errors.DATETIME_VALUE_OUT_OF_RANGE, "date/time field value out of range: \"" + input + "\"");
    }

    private static Parsed parse(String input, String template) {
        Fields f = new Fields();
        if (!template.isEmpty()) readFields(DateTemplate.parse(template), input, f);

        int year = 0;
        int mon = 1;
        int mday = 1;
        int hour = 0;
        int min = 0;
        int sec = 0;
        boolean maskYear = false;
        boolean maskMonth = false;
        boolean maskDay = false;

        if (f.ssss != 0) {
            int x = f.ssss;
            hour = x / 3600;
            x %= 3600;
            min = x / 60;
            sec = x % 60;
        }
        if (f.ss != 0) sec = f.ss;
        if (f.mi != 0) min = f.mi;
        if (f.hh != 0) hour = f.hh;
        if (f.clock12) {
            if (hour < 1 || hour > 12) {
                throw Errors.error(Errors.INVALID_DATETIME_FORMAT, "hour \"" + hour + "\" is invalid for the 12-hour clock",
                        null, "Use the 24-hour clock, or give an hour between 1 and 12.");
            }
            if (f.pm != 0 && hour < 12) hour += 12;
            else if (f.pm == 0 && hour == 12) hour = 0;
        }

        if (f.year != 0) {
            if (f.cc != 0 && f.yysz <= 2) {
                if (f.bc != 0) f.cc = -f.cc;
                year = f.year % 100;
                if (year != 0) {
                    year = f.cc >= 0 ? year + (f.cc - 1) * 100 : (f.cc + 1) * 100 - year + 1;
                } else {
                    year = f.cc * 100 + (f.cc >= 0 ? 0 : 1);
                }
            } else {
                year = f.year;
                if (f.bc != 0) year = -year;
                if (year < 0) year++;
            }
            maskYear = true;
        } else if (f.cc != 0) {
            if (f.bc != 0) f.cc = -f.cc;
            year = f.cc >= 0 ? (f.cc - 1) * 100 + 1 : f.cc * 100 + 1;
            maskYear = true;
        }

        if (f.j != 0) {
            int[] ymd = Calendar.j2date(f.j);
            year = ymd[0];
            mon = ymd[1];
            mday = ymd[2];
            maskYear = maskMonth = maskDay = true;
        }
        if (f.ww != 0) {
            if (f.mode == Mode.ISOWEEK) {
                int[] ymd = f.d != 0 ? Calendar.isoweekdate2date(f.ww, f.d, year) : Calendar.isoweek2date(f.ww, year);
                year = ymd[0];
                mon = ymd[1];
                mday = ymd[2];
                maskYear = maskMonth = maskDay = true;
            } else {
                f.ddd = (f.ww - 1) * 7 + 1;
            }
        }
        if (f.w != 0) f.dd = (f.w - 1) * 7 + 1;
        if (f.dd != 0) {
            mday = f.dd;
            maskDay = true;
        }
        if (f.mm != 0) {
            mon = f.mm;
            maskMonth = true;
        }
        if (f.ddd != 0 && (mon <= 1 || mday <= 1)) {
            if (year == 0 && f.bc == 0) {
                throw Errors.error(Errors.INVALID_DATETIME_FORMAT, "cannot calculate day of year without year information");
            }
            if (f.mode == Mode.ISOWEEK) {
                int j0 = Calendar.isoweek2j(year, 1) - 1;
                int[] ymd = Calendar.j2date(j0 + f.ddd);
                year = ymd[0];
                mon = ymd[1];
                mday = ymd[2];
                maskYear = maskMonth = maskDay = true;
            } else {
                int leap = Calendar.isLeap(year) ? 1 : 0;
                int[] ysum = leap == 1
                        ? new int[] {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}
                        : new int[] {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
                int i = 1;
                for (; i <= 12; i++) {
                    if (f.ddd <= ysum[i]) break;
                }
                if (mon <= 1) mon = i;
                if (mday <= 1) mday = f.ddd - ysum[i - 1];
                maskMonth = maskDay = true;
            }
        }

        long fsec = (long) f.ms * 1000 + f.us;

        if (maskYear || maskMonth || maskDay) {
            if (maskMonth && (mon < 1 || mon > 12)) throw fieldOverflow(input);
            if (maskDay && (mday < 1 || mday > 31)) throw fieldOverflow(input);
            if (maskYear && maskMonth && maskDay && mday > Calendar.daysInMonth(year, mon)) throw fieldOverflow(input);
        }
        if (hour < 0 || hour >= 24 || min < 0 || min >= 60 || sec < 0 || sec >= 60 || fsec < 0 || fsec >= 1_000_000) {
            throw fieldOverflow(input);
        }

        Integer east = null;
        if (f.tzsign != 0) {
            if (f.tzh < 0 || f.tzh > 15 || f.tzm < 0 || f.tzm >= 60) {
                throw Errors.error(Errors.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                        "time zone displacement out of range: \"" + input + "\"");
            }
            east = (f.tzh * 60 + f.tzm) * 60 * (f.tzsign > 0 ? 1 : -1);
        }
        return new Parsed(year, mon, mday, hour, min, sec, (int) fsec, east, f.ff);
    }

    private static void readFields(List<Node> nodes, String in, Fields out) {
        Input s = new Input(in);
        boolean fx = false;
        int extraSkip = 0;
        for (int k = 0; k < nodes.size() && !s.atEnd(); k++) {
            Node n = nodes.get(k);
            boolean isFx = n.type() == NodeType.ACTION && n.key().field() == Field.FX;
            if (!fx && !isFx && (n.type() == NodeType.ACTION || k == 0)) {
                while (!s.atEnd() && DateTemplate.isSpace(s.peek())) {
                    s.pos++;
                    extraSkip++;
                }
            }
            if (n.type() == NodeType.SPACE || n.type() == NodeType.SEPARATOR) {
                if (!fx) {
                    extraSkip--;
                    if (!s.atEnd() && (DateTemplate.isSpace(s.peek()) || DateTemplate.isSeparator(s.peek()))) {
                        s.pos++;
                        extraSkip++;
                    }
                } else {
                    s.skipChar();
                }
                continue;
            } else if (n.type() != NodeType.ACTION) {
                if (!fx && extraSkip > 0) extraSkip--;
                else s.skipChar();
                continue;
            }
            setMode(out, n.key().mode());
            String name = n.key().name();
            switch (n.key().field()) {
                case FX -> fx = true;
                case A_M, P_M, a_m, p_m -> {
                    out.pm = setInt(out.pm, seqSearch(s, AMPM_LONG, name) % 2, name);
                    out.clock12 = true;
                }
                case AM, PM, am, pm -> {
                    out.pm = setInt(out.pm, seqSearch(s, AMPM, name) % 2, name);
                    out.clock12 = true;
                }
                case HH, HH12 -> {
                    out.hh = setInt(out.hh, parseInt(s, 2, nodes, k), name);
                    out.clock12 = true;
                    skipTh(s, n);
                }
                case HH24 -> { out.hh = setInt(out.hh, parseInt(s, 2, nodes, k), name); skipTh(s, n); }
                case MI -> { out.mi = setInt(out.mi, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case SS -> { out.ss = setInt(out.ss, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case MS -> {
                    int start = s.pos;
                    int v = parseInt(s, 3, nodes, k);
                    int len = s.pos - start;
                    out.ms = setInt(out.ms, v, name);
                    out.ms *= len == 1 ? 100 : len == 2 ? 10 : 1;
                    skipTh(s, n);
                }
                case FF1, FF2, FF3, FF4, FF5, FF6, US -> {
                    Field f = n.key().field();
                    if (f != Field.US) out.ff = f.ordinal() - Field.FF1.ordinal() + 1;
                    int start = s.pos;
                    int v = parseInt(s, f == Field.US ? 6 : out.ff, nodes, k);
                    int len = s.pos - start;
                    out.us = setInt(out.us, v, name);
                    out.us *= len == 1 ? 100000 : len == 2 ? 10000 : len == 3 ? 1000 : len == 4 ? 100 : len == 5 ? 10 : 1;
                    skipTh(s, n);
                }
                case SSSS -> { out.ssss = setInt(out.ssss, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case tz, TZ, OF -> throw Errors.error(Errors.FEATURE_NOT_SUPPORTED,
                        "formatting field \"" + name + "\" is only supported in to_char");
                case TZH -> {
                    char c = s.atEnd() ? 0 : s.peekChar();
                    if (c == '+' || c == '-' || c == ' ') {
                        out.tzsign = c == '-' ? -1 : 1;
                        s.pos++;
                    } else {
                        out.tzsign = extraSkip > 0 && s.pos > 0 && in.charAt(s.pos - 1) == '-' ? -1 : 1;
                    }
                    out.tzh = setInt(out.tzh, parseInt(s, 2, nodes, k), name);
                }
                case TZM -> {
                    if (out.tzsign == 0) out.tzsign = 1;
                    out.tzm = setInt(out.tzm, parseInt(s, 2, nodes, k), name);
                }
                case A_D, B_C, a_d, b_c -> out.bc = setInt(out.bc, seqSearch(s, ADBC_LONG, name) % 2, name);
                case AD, BC, ad, bc -> out.bc = setInt(out.bc, seqSearch(s, ADBC, name) % 2, name);
                case MONTH, Month, month -> out.mm = setInt(out.mm, seqSearch(s, DateTimeToChar.MONTHS_FULL, name) + 1, name);
                case MON, Mon, mon -> out.mm = setInt(out.mm, seqSearch(s, DateTimeToChar.MONTHS, name) + 1, name);
                case MM -> { out.mm = setInt(out.mm, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case DAY, Day, day -> out.d = setInt(out.d, seqSearch(s, DateTimeToChar.DAYS, name), name) + 1;
                case DY, Dy, dy -> out.d = setInt(out.d, seqSearch(s, DateTimeToChar.DAYS_SHORT, name), name) + 1;
                case DDD -> { out.ddd = setInt(out.ddd, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case IDDD -> { out.ddd = setInt(out.ddd, parseInt(s, 3, nodes, k), name); skipTh(s, n); }
                case DD -> { out.dd = setInt(out.dd, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case D -> { out.d = setInt(out.d, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case ID -> {
                    out.d = setInt(out.d, parseInt(s, 1, nodes, k), name);
                    if (++out.d > 7) out.d = 1;
                    skipTh(s, n);
                }
                case WW, IW -> { out.ww = setInt(out.ww, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case Q -> { parseInt(s, name.length(), nodes, k); skipTh(s, n); }
                case CC -> { out.cc = setInt(out.cc, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case Y_YYY -> {
                    int[] scanned = scanMillennia(in, s.pos);
                    if (scanned == null) {
                        throw Errors.error(Errors.INVALID_DATETIME_FORMAT, "invalid input string for \"Y,YYY\"");
                    }
                    out.year = setInt(out.year, scanned[0] * 1000 + scanned[1], name);
                    out.yysz = 4;
                    s.pos = scanned[2];
                    skipTh(s, n);
                }
                case YYYY, IYYY -> {
                    out.year = setInt(out.year, parseInt(s, name.length(), nodes, k), name);
                    out.yysz = 4;
                    skipTh(s, n);
                }
                case YYY, IYY, YY, IY, Y, I -> {
                    int start = s.pos;
                    out.year = setInt(out.year, parseInt(s, name.length(), nodes, k), name);
                    if (s.pos - start < 4) out.year = adjustPartialYear(out.year);
                    out.yysz = name.length();
                    skipTh(s, n);
                }
                case RM, rm -> out.mm = setInt(out.mm, 12 - seqSearch(s, DateTimeToChar.RM_LOWER, name), name);
                case W -> { out.w = setInt(out.w, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                case J -> { out.j = setInt(out.j, parseInt(s, name.length(), nodes, k), name); skipTh(s, n); }
                default -> { }
            }
            if (!fx) {
                extraSkip = 0;
                while (!s.atEnd() && DateTemplate.isSpace(s.peek())) {
                    s.pos++;
                    extraSkip++;
                }
            }
        }
    }

    /** A cursor over the input. */
    private static final class Input {
        final String text;
        int pos;

        Input(String text) { this.text = text; }
        boolean atEnd() { return pos >= text.length(); }
        int peek() { return text.codePointAt(pos); }
        char peekChar() { return text.charAt(pos); }
        void skipChar() { if (!atEnd()) pos += Character.charCount(text.codePointAt(pos)); }
    }

    private static void setMode(Fields f, Mode mode) {
        if (mode == Mode.NONE) return;
        if (f.mode == Mode.NONE) {
            f.mode = mode;
        } else if (f.mode != mode) {
            throw Errors.error(Errors.INVALID_DATETIME_FORMAT, "invalid combination of date conventions", null,
                    "Do not mix Gregorian and ISO week date conventions in a formatting template.");
        }
    }

    /** PostgreSQL's from_char_set_int: a field may be given twice only with the same value. */
    private static int setInt(int current, int value, String name) {
        if (current != 0 && current != value) {
            throw Errors.error(Errors.INVALID_DATETIME_FORMAT,
                    "conflicting values for \"" + name + "\" field in formatting string",
                    "This value contradicts a previous setting for the same field type.", null);
        }
        return value;
    }

    private static void skipTh(Input s, Node n) {
        if (n.th()) {
            s.skipChar();
            s.skipChar();
        }
    }

    private static int adjustPartialYear(int year) {
        if (year < 70) return year + 2000;
        if (year < 100) return year + 1900;
        if (year < 520) return year + 2000;
        if (year < 1000) return year + 1000;
        return year;
    }

    /** Whether the field at {@code k} is followed by something that cannot be part of a number. */
    private static boolean nextIsSeparator(List<Node> nodes, int k) {
        Node n = nodes.get(k);
        if (n.type() == NodeType.ACTION && n.th()) return true;
        if (k + 1 >= nodes.size()) return true;
        Node next = nodes.get(k + 1);
        if (next.type() == NodeType.ACTION) return !next.key().isDigit();
        String t = next.text();
        return !(t.length() == 1 && t.charAt(0) >= '0' && t.charAt(0) <= '9');
    }

    /**
     * PostgreSQL's from_char_parse_int_len: an integer of exactly {@code len} characters, or as many
     * as strtol takes when the field has FM or is followed by a separator.
     */
    private static int parseInt(Input s, int len, List<Node> nodes, int k) {
        Node n = nodes.get(k);
        String name = n.key().name();
        String in = s.text;
        int init = s.pos;
        while (!s.atEnd() && DateTemplate.isSpace(s.peek())) s.pos++;
        int remaining = in.length() - s.pos;
        String copy = in.substring(s.pos, s.pos + Math.min(len, remaining));
        long[] result;
        if (n.fm() || nextIsSeparator(nodes, k)) {
            result = strtol(in, init);
            s.pos = (int) result[1];
        } else {
            if (remaining < len) {
                throw Errors.error(Errors.INVALID_DATETIME_FORMAT,
                        "source string too short for \"" + name + "\" formatting field",
                        "Field requires " + len + " characters, but only " + remaining + " remain.",
                        "If your source string is not fixed-width, try using the \"FM\" modifier.");
            }
            result = strtol(copy, 0);
            int used = (int) result[1];
            if (used > 0 && used < len) {
                throw Errors.error(Errors.INVALID_DATETIME_FORMAT, "invalid value \"" + copy + "\" for \"" + name + "\"",
                        "Field requires " + len + " characters, but only " + used + " could be parsed.",
                        "If your source string is not fixed-width, try using the \"FM\" modifier.");
            }
            s.pos += used;
        }
        if (s.pos == init) {
            throw Errors.error(Errors.INVALID_DATETIME_FORMAT, "invalid value \"" + copy + "\" for \"" + name + "\"",
                    "Value must be an integer.", null);
        }
        if (result[2] != 0 || result[0] < Integer.MIN_VALUE || result[0] > Integer.MAX_VALUE) {
            throw Errors.error(Errors.DATETIME_VALUE_OUT_OF_RANGE,
                    "value for \"" + name + "\" in source string is out of range",
                    "Value must be in the range -2147483648 to 2147483647.", null);
        }
        return (int) result[0];
    }

    /** C's strtol(s + from, &end, 10): {value, end index (from when nothing was read), overflow flag}. */
    static long[] strtol(String s, int from) {
        int i = from;
        while (i < s.length() && DateTemplate.isSpace(s.charAt(i))) i++;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long v = 0;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (!overflow) {
                if (v > (Long.MAX_VALUE - d) / 10) overflow = true;
                else v = v * 10 + d;
            }
            i++;
        }
        if (i == digits) return new long[] {0, from, 0};
        return new long[] {neg ? -v : v, i, overflow ? 1 : 0};
    }

    /** sscanf(s, "%d,%03d%n"): {millennia, years, end index}, or null when fewer than two numbers match. */
    private static int[] scanMillennia(String s, int from) {
        long[] first = strtol(s, from);
        if (first[1] == from || first[2] != 0 || first[0] != (int) first[0]) return null;
        int i = (int) first[1];
        if (i >= s.length() || s.charAt(i) != ',') return null;
        i++;
        while (i < s.length() && DateTemplate.isSpace(s.charAt(i))) i++;
        int width = 3;
        int j = i;
        boolean neg = false;
        if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
            neg = s.charAt(j) == '-';
            j++;
            width--;
        }
        int digitsStart = j;
        int v = 0;
        while (j < s.length() && width > 0 && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            v = v * 10 + (s.charAt(j) - '0');
            j++;
            width--;
        }
        if (j == digitsStart) return null;
        return new int[] {(int) first[0], neg ? -v : v, j};
    }

    /** PostgreSQL's seq_search: the array entry the input starts with, compared case-insensitively in ASCII. */
    private static int seqSearch(Input s, String[] array, String name) {
        String rest = s.text.substring(s.pos);
        for (int a = 0; a < array.length; a++) {
            String entry = array[a];
            if (rest.length() >= entry.length() && rest.regionMatches(true, 0, entry, 0, entry.length())
                    && asciiOnly(rest, entry.length())) {
                s.pos += entry.length();
                return a;
            }
        }
        int cut = 0;
        while (cut < rest.length() && " \t\n\r\f".indexOf(rest.charAt(cut)) < 0) cut++;
        throw Errors.error(Errors.INVALID_DATETIME_FORMAT,
                "invalid value \"" + rest.substring(0, cut) + "\" for \"" + name + "\"",
                "The given value did not match any of the allowed values for this field.", null);
    }

    private static boolean asciiOnly(String s, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }
}
