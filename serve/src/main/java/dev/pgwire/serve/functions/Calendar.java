package dev.pgwire.serve.functions;

/**
 * PostgreSQL's calendar arithmetic on (year, month, day) fields: Julian day numbers and ISO 8601 week
 * dates. Years are astronomical (year 0 is 1 BC), as in PostgreSQL's internal {@code pg_tm}. The
 * functions accept out-of-range fields (month 0, day 0) and compute what PostgreSQL computes for them,
 * which {@code to_char(interval, 'IW')} relies on.
 */
final class Calendar {
    private Calendar() {}

    static final int POSTGRES_EPOCH_JDATE = 2451545; // 2000-01-01
    static final int UNIX_EPOCH_JDATE = 2440588;     // 1970-01-01
    static final int MONTHS_PER_YEAR = 12;
    static final int DAYS_PER_MONTH = 30;
    static final long USECS_PER_SEC = 1_000_000L;
    static final long USECS_PER_DAY = 86_400_000_000L;

    private static final int[][] DAYS_IN_MONTH = {
            {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
            {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int daysInMonth(int year, int month) {
        return DAYS_IN_MONTH[isLeap(year) ? 1 : 0][month - 1];
    }

    /** Julian day number of a date, by the Fliegel/van Flandern method PostgreSQL uses. */
    static int date2j(int year, int month, int day) {
        int y = year;
        int m = month;
        if (m > 2) {
            m += 1;
            y += 4800;
        } else {
            m += 13;
            y += 4799;
        }
        int century = y / 100;
        int julian = y * 365 - 32167;
        julian += y / 4 - century + century / 4;
        julian += 7834 * m / 256 + day;
        return julian;
    }

    /** The inverse of {@link #date2j}: {year, month, day}. Works in unsigned 32-bit arithmetic like PostgreSQL. */
    static int[] j2date(int jd) {
        long julian = Integer.toUnsignedLong(jd + 32044);
        long quad = julian / 146097;
        long extra = ((julian - quad * 146097) * 4 + 3) & 0xFFFFFFFFL;
        julian = (julian + 60 + quad * 3 + extra / 146097) & 0xFFFFFFFFL;
        quad = julian / 1461;
        julian -= quad * 1461;
        long y = julian * 4 / 1461;
        julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366)) + 123;
        y += quad * 4;
        int year = (int) (y - 4800);
        long q = julian * 2141 / 65536;
        int day = (int) (julian - 7834 * q / 256);
        int month = (int) ((q + 10) % MONTHS_PER_YEAR + 1);
        return new int[] {year, month, day};
    }

    /** Day of the week of a Julian day, 0 = Sunday. */
    static int j2day(int jd) {
        int d = (jd + 1) % 7;
        return d < 0 ? d + 7 : d;
    }

    /** Julian day of the Monday starting ISO week {@code week} of ISO year {@code year}. */
    static int isoweek2j(int year, int week) {
        int day4 = date2j(year, 1, 4);
        int day0 = j2day(day4 - 1);
        return (week - 1) * 7 + (day4 - day0);
    }

    static int date2isoweek(int year, int mon, int mday) {
        int dayn = date2j(year, mon, mday);
        int day4 = date2j(year, 1, 4);
        int day0 = j2day(day4 - 1);
        if (dayn < day4 - day0) {
            day4 = date2j(year - 1, 1, 4);
            day0 = j2day(day4 - 1);
        }
        int result = (dayn - (day4 - day0)) / 7 + 1;
        if (result >= 52) {
            day4 = date2j(year + 1, 1, 4);
            day0 = j2day(day4 - 1);
            if (dayn >= day4 - day0) result = (dayn - (day4 - day0)) / 7 + 1;
        }
        return result;
    }

    static int date2isoyear(int year, int mon, int mday) {
        int y = year;
        int dayn = date2j(y, mon, mday);
        int day4 = date2j(y, 1, 4);
        int day0 = j2day(day4 - 1);
        if (dayn < day4 - day0) {
            day4 = date2j(y - 1, 1, 4);
            day0 = j2day(day4 - 1);
            y--;
        }
        int result = (dayn - (day4 - day0)) / 7 + 1;
        if (result >= 52) {
            day4 = date2j(y + 1, 1, 4);
            day0 = j2day(day4 - 1);
            if (dayn >= day4 - day0) y++;
        }
        return y;
    }

    static int date2isoyearday(int year, int mon, int mday) {
        return date2j(year, mon, mday) - isoweek2j(date2isoyear(year, mon, mday), 1) + 1;
    }

    /** {year, month, day} of ISO week {@code week} (its Monday) of ISO year {@code year}. */
    static int[] isoweek2date(int week, int year) {
        return j2date(isoweek2j(year, week));
    }

    /** {year, month, day} of a day of an ISO week, {@code wday} counted Sunday = 1 as in to_date's D. */
    static int[] isoweekdate2date(int week, int wday, int year) {
        int jday = isoweek2j(year, week);
        jday += wday > 1 ? wday - 2 : 6;
        return j2date(jday);
    }

    /** PostgreSQL's valid Julian range: 4714-11-24 BC up to 5874898-06-01 exclusive. */
    static boolean isValidJulian(int y, int m, int d) {
        return (y > -4713 || (y == -4713 && m >= 11)) && (y < 5874898 || (y == 5874898 && m < 6));
    }
}
