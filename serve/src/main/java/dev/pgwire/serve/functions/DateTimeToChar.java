package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.DateTemplate.Field;
import dev.pgwire.serve.functions.DateTemplate.Node;
import dev.pgwire.serve.functions.DateTemplate.NodeType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * to_char for timestamp, timestamptz and interval values (PostgreSQL's {@code DCH_to_char}). With
 * {@code lc_time} C, the {@code TM} modifier gives the English names, unpadded.
 */
final class DateTimeToChar {
    private DateTimeToChar() {}

    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] MONTHS_FULL = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};
    static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static final String[] DAYS_SHORT = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static final String[] RM_UPPER = {"XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I"};
    static final String[] RM_LOWER = {"xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii", "ii", "i"};

    /** The broken-down value to format: PostgreSQL's {@code struct fmt_tm} plus fraction and zone name. */
    static final class Tm {
        int sec;
        int min;
        long hour;
        int mday = 1;
        int mon = 1;
        int year;
        int wday;
        int yday;
        long gmtoff;
        int fsec;
        String tzn;
    }

    /** to_char(timestamp, text); null for an empty template. */
    static String format(LocalDateTime ts, String template) {
        if (template.isEmpty()) return null;
        return format(dateTimeTm(ts), template, false);
    }

    /** to_char(timestamptz, text) with the session time zone {@code zone}; null for an empty template. */
    static String format(Instant ts, ZoneId zone, String template) {
        if (template.isEmpty()) return null;
        ZonedDateTime local = ts.atZone(zone);
        Tm tm = dateTimeTm(local.toLocalDateTime());
        tm.gmtoff = local.getOffset().getTotalSeconds();
        tm.tzn = ZoneAbbreviations.at(zone, ts);
        return format(tm, template, false);
    }

    /** to_char(date, text): PostgreSQL formats the date as a timestamptz at midnight in {@code zone}. */
    static String format(LocalDate date, ZoneId zone, String template) {
        return format(localToInstant(date.atStartOfDay(), zone), zone, template);
    }

    /** to_char(interval, text); null for an empty template. */
    static String format(PgInterval iv, String template) {
        if (template.isEmpty()) return null;
        Tm tm = new Tm();
        tm.year = iv.months() / Calendar.MONTHS_PER_YEAR;
        tm.mon = iv.months() % Calendar.MONTHS_PER_YEAR;
        tm.mday = iv.days();
        long time = iv.micros();
        tm.hour = time / 3_600_000_000L;
        time -= tm.hour * 3_600_000_000L;
        tm.min = (int) (time / 60_000_000L);
        time -= tm.min * 60_000_000L;
        tm.sec = (int) (time / 1_000_000L);
        tm.fsec = (int) (time - tm.sec * 1_000_000L);
        tm.yday = (tm.year * Calendar.MONTHS_PER_YEAR + tm.mon) * Calendar.DAYS_PER_MONTH + tm.mday;
        return format(tm, template, true);
    }

    /**
     * The instant of a local date and time in {@code zone} as PostgreSQL resolves it: a time skipped by
     * a spring-forward transition takes the offset before it, an ambiguous one the offset after it.
     */
    static Instant localToInstant(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.ofLocal(local, zone, null).withLaterOffsetAtOverlap().toInstant();
    }

    private static Tm dateTimeTm(LocalDateTime ts) {
        Tm tm = new Tm();
        tm.year = ts.getYear();
        tm.mon = ts.getMonthValue();
        tm.mday = ts.getDayOfMonth();
        tm.hour = ts.getHour();
        tm.min = ts.getMinute();
        tm.sec = ts.getSecond();
        tm.fsec = ts.getNano() / 1000;
        int j = Calendar.date2j(tm.year, tm.mon, tm.mday);
        tm.wday = (j + 1) % 7;
        tm.yday = j - Calendar.date2j(tm.year, 1, 1) + 1;
        return tm;
    }

    private static int adjustYear(int year, boolean interval) {
        return interval ? year : year <= 0 ? -(year - 1) : year;
    }

    static String format(Tm tm, String template, boolean interval) {
        List<Node> nodes = DateTemplate.parse(template);
        StringBuilder out = new StringBuilder();
        for (Node n : nodes) {
            if (n.type() != NodeType.ACTION) {
                out.append(n.text());
                continue;
            }
            int start = out.length();
            boolean numeric = true;
            Field f = n.key().field();
            switch (f) {
                case A_M, P_M -> { out.append(tm.hour % 24 >= 12 ? "P.M." : "A.M."); numeric = false; }
                case AM, PM -> { out.append(tm.hour % 24 >= 12 ? "PM" : "AM"); numeric = false; }
                case a_m, p_m -> { out.append(tm.hour % 24 >= 12 ? "p.m." : "a.m."); numeric = false; }
                case am, pm -> { out.append(tm.hour % 24 >= 12 ? "pm" : "am"); numeric = false; }
                case HH, HH12 -> pad(out, tm.hour % 12 == 0 ? 12 : tm.hour % 12, n.fm() ? 0 : tm.hour >= 0 ? 2 : 3);
                case HH24 -> pad(out, tm.hour, n.fm() ? 0 : tm.hour >= 0 ? 2 : 3);
                case MI -> pad(out, tm.min, n.fm() ? 0 : tm.min >= 0 ? 2 : 3);
                case SS -> pad(out, tm.sec, n.fm() ? 0 : tm.sec >= 0 ? 2 : 3);
                case FF1 -> pad(out, tm.fsec / 100000, 1);
                case FF2 -> pad(out, tm.fsec / 10000, 2);
                case FF3, MS -> pad(out, tm.fsec / 1000, 3);
                case FF4 -> pad(out, tm.fsec / 100, 4);
                case FF5 -> pad(out, tm.fsec / 10, 5);
                case FF6, US -> pad(out, tm.fsec, 6);
                case SSSS -> out.append(tm.hour * 3600 + tm.min * 60L + tm.sec);
                case tz, TZ -> {
                    invalidForInterval(interval);
                    if (tm.tzn != null) out.append(f == Field.tz ? tm.tzn.toLowerCase(Locale.ROOT) : tm.tzn);
                    numeric = false;
                }
                case TZH -> {
                    invalidForInterval(interval);
                    out.append(tm.gmtoff >= 0 ? '+' : '-');
                    pad(out, Math.abs(tm.gmtoff) / 3600, 2);
                    numeric = false;
                }
                case TZM -> {
                    invalidForInterval(interval);
                    pad(out, Math.abs(tm.gmtoff) % 3600 / 60, 2);
                    numeric = false;
                }
                case OF -> {
                    invalidForInterval(interval);
                    out.append(tm.gmtoff >= 0 ? '+' : '-');
                    pad(out, Math.abs(tm.gmtoff) / 3600, n.fm() ? 0 : 2);
                    if (Math.abs(tm.gmtoff) % 3600 != 0) {
                        out.append(':');
                        pad(out, Math.abs(tm.gmtoff) % 3600 / 60, 2);
                    }
                    numeric = false;
                }
                case A_D, B_C -> { invalidForInterval(interval); out.append(tm.year <= 0 ? "B.C." : "A.D."); numeric = false; }
                case AD, BC -> { invalidForInterval(interval); out.append(tm.year <= 0 ? "BC" : "AD"); numeric = false; }
                case a_d, b_c -> { invalidForInterval(interval); out.append(tm.year <= 0 ? "b.c." : "a.d."); numeric = false; }
                case ad, bc -> { invalidForInterval(interval); out.append(tm.year <= 0 ? "bc" : "ad"); numeric = false; }
                case MONTH, Month, month -> {
                    invalidForInterval(interval);
                    numeric = false;
                    if (tm.mon == 0) break;
                    name(out, MONTHS_FULL[tm.mon - 1], f == Field.MONTH ? 1 : f == Field.month ? -1 : 0, n.tm() ? 0 : n.fm() ? 0 : 9);
                }
                case MON, Mon, mon -> {
                    invalidForInterval(interval);
                    numeric = false;
                    if (tm.mon == 0) break;
                    name(out, MONTHS[tm.mon - 1], f == Field.MON ? 1 : f == Field.mon ? -1 : 0, 0);
                }
                case MM -> pad(out, tm.mon, n.fm() ? 0 : tm.mon >= 0 ? 2 : 3);
                case DAY, Day, day -> {
                    invalidForInterval(interval);
                    numeric = false;
                    name(out, DAYS[tm.wday], f == Field.DAY ? 1 : f == Field.day ? -1 : 0, n.tm() ? 0 : n.fm() ? 0 : 9);
                }
                case DY, Dy, dy -> {
                    invalidForInterval(interval);
                    numeric = false;
                    name(out, DAYS_SHORT[tm.wday], f == Field.DY ? 1 : f == Field.dy ? -1 : 0, 0);
                }
                case DDD -> pad(out, tm.yday, n.fm() ? 0 : 3);
                case IDDD -> pad(out, Calendar.date2isoyearday(tm.year, tm.mon, tm.mday), n.fm() ? 0 : 3);
                case DD -> pad(out, tm.mday, n.fm() ? 0 : 2);
                case D -> { invalidForInterval(interval); out.append(tm.wday + 1); }
                case ID -> { invalidForInterval(interval); out.append(tm.wday == 0 ? 7 : tm.wday); }
                case WW -> pad(out, (tm.yday - 1) / 7 + 1, n.fm() ? 0 : 2);
                case IW -> pad(out, Calendar.date2isoweek(tm.year, tm.mon, tm.mday), n.fm() ? 0 : 2);
                case Q -> {
                    if (tm.mon == 0) { numeric = false; break; }
                    out.append((tm.mon - 1) / 3 + 1);
                }
                case CC -> {
                    int i;
                    if (interval) i = tm.year / 100;
                    else if (tm.year > 0) i = (tm.year - 1) / 100 + 1;
                    else i = tm.year / 100 - 1;
                    if (i <= 99 && i >= -99) pad(out, i, n.fm() ? 0 : i >= 0 ? 2 : 3);
                    else out.append(i);
                }
                case Y_YYY -> {
                    int y = adjustYear(tm.year, interval);
                    int i = y / 1000;
                    out.append(i).append(',');
                    pad(out, y - i * 1000, 3);
                }
                case YYYY, IYYY -> {
                    int y = adjustYear(f == Field.YYYY ? tm.year : Calendar.date2isoyear(tm.year, tm.mon, tm.mday), interval);
                    pad(out, y, n.fm() ? 0 : adjustYear(tm.year, interval) >= 0 ? 4 : 5);
                }
                case YYY, IYY -> {
                    int y = adjustYear(f == Field.YYY ? tm.year : Calendar.date2isoyear(tm.year, tm.mon, tm.mday), interval);
                    pad(out, y % 1000, n.fm() ? 0 : adjustYear(tm.year, interval) >= 0 ? 3 : 4);
                }
                case YY, IY -> {
                    int y = adjustYear(f == Field.YY ? tm.year : Calendar.date2isoyear(tm.year, tm.mon, tm.mday), interval);
                    pad(out, y % 100, n.fm() ? 0 : adjustYear(tm.year, interval) >= 0 ? 2 : 3);
                }
                case Y, I -> {
                    int y = adjustYear(f == Field.Y ? tm.year : Calendar.date2isoyear(tm.year, tm.mon, tm.mday), interval);
                    out.append(y % 10);
                }
                case RM, rm -> {
                    numeric = false;
                    if (tm.mon == 0 && tm.year == 0) break;
                    int idx;
                    if (tm.mon == 0) idx = tm.year >= 0 ? 0 : Calendar.MONTHS_PER_YEAR - 1;
                    else if (tm.mon < 0) idx = -(tm.mon + 1);
                    else idx = Calendar.MONTHS_PER_YEAR - tm.mon;
                    String roman = (f == Field.RM ? RM_UPPER : RM_LOWER)[idx];
                    out.append(roman);
                    if (!n.fm()) out.append(" ".repeat(Math.max(0, 4 - roman.length())));
                }
                case W -> out.append((tm.mday - 1) / 7 + 1);
                case J -> out.append(Calendar.date2j(tm.year, tm.mon, tm.mday));
                default -> numeric = false; // FX: nothing to print
            }
            if (numeric && n.th()) ordinal(out, start, (n.suffix() & DateTemplate.TH_UPPER) != 0);
        }
        return out.toString();
    }

    /** Appends {@code v} zero-padded to {@code width} characters, sign included, as C's {@code %0*d}. */
    static void pad(StringBuilder out, long v, int width) {
        String digits = Long.toString(Math.abs(v));
        int len = digits.length() + (v < 0 ? 1 : 0);
        if (v < 0) out.append('-');
        for (int i = len; i < width; i++) out.append('0');
        out.append(digits);
    }

    /** A name in upper case (1), lower case (-1) or as is (0), left-justified to {@code width}. */
    private static void name(StringBuilder out, String name, int upperLower, int width) {
        String s = upperLower > 0 ? name.toUpperCase(Locale.ROOT) : upperLower < 0 ? name.toLowerCase(Locale.ROOT) : name;
        out.append(s);
        for (int i = s.length(); i < width; i++) out.append(' ');
    }

    /** Appends the English ordinal suffix for the number just written at {@code start}. */
    static void ordinal(StringBuilder out, int start, boolean upper) {
        out.append(ordinalSuffix(out.substring(start), upper));
    }

    /** PostgreSQL's get_th: st, nd, rd or th for a number written in digits. */
    static String ordinalSuffix(String num, boolean upper) {
        char last = num.isEmpty() ? ' ' : num.charAt(num.length() - 1);
        if (last < '0' || last > '9') {
            throw Errors.error(Errors.INVALID_TEXT_REPRESENTATION, "\"" + num + "\" is not a number");
        }
        if (num.length() > 1 && num.charAt(num.length() - 2) == '1') last = '0';
        String suffix = switch (last) {
            case '1' -> "st";
            case '2' -> "nd";
            case '3' -> "rd";
            default -> "th";
        };
        return upper ? suffix.toUpperCase(Locale.ROOT) : suffix;
    }

    private static void invalidForInterval(boolean interval) {
        if (interval) {
            throw Errors.error(Errors.INVALID_DATETIME_FORMAT, "invalid format specification for an interval value",
                    null, "Intervals are not tied to specific calendar dates.");
        }
    }
}
