package dev.pgwire.serve;

/**
 * The one shape of date and timestamp text that COPY meets nearly always — PostgreSQL's own ISO
 * output, {@code YYYY-MM-DD} and {@code YYYY-MM-DD HH:MM:SS[.ffffff]} — read without PostgreSQL's
 * general datetime input (tokens, DateStyle, words, zones). Anything else, or anything the general
 * input would treat specially, is {@link #NOT_ISO}: the caller then takes the general path, so a
 * value read here is always exactly the one the general path reads. Accepted: a four-digit year
 * from 0001 (AD), a real month and day of that month, hours 00–23, minutes and seconds 00–59, a
 * space or {@code T} between date and time, one to six fraction digits. Refused (left to the
 * general path): surrounding spaces, BC, years beyond four digits, 24:00:00, leap seconds, more
 * than six fraction digits (they round), time zones, special words.
 */
final class IsoDateTime {
    private IsoDateTime() {}

    /** Not of the fast shape; read it with the general input function. */
    static final long NOT_ISO = Long.MIN_VALUE;

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    /** {@code YYYY-MM-DD} as days from 1970-01-01, or NOT_ISO. */
    static long epochDay(CharSequence s) {
        return s.length() == 10 ? date(s) : NOT_ISO;
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.ffffff]} as microseconds from 1970-01-01 00:00, or NOT_ISO. */
    static long epochMicros(CharSequence s) {
        int n = s.length();
        if (n < 19 || n == 20 || n > 26) return NOT_ISO;
        char t = s.charAt(10);
        if (t != ' ' && t != 'T') return NOT_ISO;
        long day = date(s);
        if (day == NOT_ISO) return NOT_ISO;
        int h = two(s, 11);
        int m = two(s, 14);
        int sec = two(s, 17);
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NOT_ISO;
        }
        long micros = 0;
        if (n > 19) {
            if (s.charAt(19) != '.') return NOT_ISO;
            for (int i = 20; i < 26; i++) {
                int d = i < n ? digit(s.charAt(i)) : 0;
                if (d < 0) return NOT_ISO;
                micros = micros * 10 + d;
            }
        }
        return day * MICROS_PER_DAY + ((h * 60L + m) * 60 + sec) * MICROS_PER_SECOND + micros;
    }

    /** The date at the start of {@code s} (10 characters), or NOT_ISO. */
    private static long date(CharSequence s) {
        int y = 0;
        for (int i = 0; i < 4; i++) {
            int d = digit(s.charAt(i));
            if (d < 0) return NOT_ISO;
            y = y * 10 + d;
        }
        if (y == 0 || s.charAt(4) != '-' || s.charAt(7) != '-') return NOT_ISO;
        int m = two(s, 5);
        int d = two(s, 8);
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NOT_ISO;
        return daysFromCivil(y, m, d);
    }

    private static int two(CharSequence s, int at) {
        int a = digit(s.charAt(at));
        int b = digit(s.charAt(at + 1));
        return a < 0 || b < 0 ? -1 : a * 10 + b;
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    private static int daysInMonth(int y, int m) {
        if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
        return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
    }

    /** Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }
}
