package dev.pgwire.serve.functions;

/** justify_days, justify_hours, justify_interval, make_interval and interval * number, with PostgreSQL's overflow errors. */
final class Intervals {
    private Intervals() {}

    private static RuntimeException outOfRange() {
        return Errors.error(Errors.DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
    }

    private static int addInt(int a, long b) {
        long r = a + b;
        if (r != (int) r) throw outOfRange();
        return (int) r;
    }

    static PgInterval justifyDays(PgInterval i) {
        int day = i.days();
        int wholeMonth = day / Calendar.DAYS_PER_MONTH;
        day -= wholeMonth * Calendar.DAYS_PER_MONTH;
        int month = addInt(i.months(), wholeMonth);
        if (month > 0 && day < 0) {
            day += Calendar.DAYS_PER_MONTH;
            month--;
        } else if (month < 0 && day > 0) {
            day -= Calendar.DAYS_PER_MONTH;
            month++;
        }
        return new PgInterval(month, day, i.micros());
    }

    static PgInterval justifyHours(PgInterval i) {
        long time = i.micros();
        long wholeDay = time / Calendar.USECS_PER_DAY;
        time -= wholeDay * Calendar.USECS_PER_DAY;
        int day = addInt(i.days(), wholeDay);
        if (day > 0 && time < 0) {
            time += Calendar.USECS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= Calendar.USECS_PER_DAY;
            day++;
        }
        return new PgInterval(i.months(), day, time);
    }

    static PgInterval justifyInterval(PgInterval i) {
        int month = i.months();
        int day = i.days();
        long time = i.micros();
        if ((day > 0 && time > 0) || (day < 0 && time < 0)) {
            // days first, so that adding the days of the time part cannot overflow
            int wholeMonth = day / Calendar.DAYS_PER_MONTH;
            day -= wholeMonth * Calendar.DAYS_PER_MONTH;
            month = addInt(month, wholeMonth);
        }
        long wholeDay = time / Calendar.USECS_PER_DAY;
        time -= wholeDay * Calendar.USECS_PER_DAY;
        day += (int) wholeDay;
        int wholeMonth = day / Calendar.DAYS_PER_MONTH;
        day -= wholeMonth * Calendar.DAYS_PER_MONTH;
        month = addInt(month, wholeMonth);
        if (month > 0 && (day < 0 || (day == 0 && time < 0))) {
            day += Calendar.DAYS_PER_MONTH;
            month--;
        } else if (month < 0 && (day > 0 || (day == 0 && time > 0))) {
            day -= Calendar.DAYS_PER_MONTH;
            month++;
        }
        if (day > 0 && time < 0) {
            time += Calendar.USECS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= Calendar.USECS_PER_DAY;
            day++;
        }
        return new PgInterval(month, day, time);
    }

    /**
     * make_interval: PostgreSQL 15 checks only that the seconds are finite; the other fields wrap
     * around in 32-bit (months, days) and 64-bit (time) arithmetic as its C code does.
     */
    static PgInterval makeInterval(int years, int months, int weeks, int days, int hours, int mins, double secs) {
        if (Double.isInfinite(secs) || Double.isNaN(secs)) throw outOfRange();
        int month = years * Calendar.MONTHS_PER_YEAR + months;
        int day = weeks * 7 + days;
        double us = Math.rint(secs * Calendar.USECS_PER_SEC);
        // C's (int64) conversion on x86 gives INT64_MIN for a value out of range
        long usLong = us >= -9.223372036854775808E18 && us < 9.223372036854775808E18 ? (long) us : Long.MIN_VALUE;
        long time = hours * 3_600_000_000L + mins * 60_000_000L + usLong;
        return new PgInterval(month, day, time);
    }

    /**
     * interval * number as PostgreSQL 15's interval_mul computes it: months and days multiplied
     * and truncated, their fractions carried down (30 days to a month, 86 400 seconds to a day),
     * the time rounded to microseconds.
     */
    static PgInterval multiply(PgInterval span, double factor) {
        double months = span.months() * factor;
        double days = span.days() * factor;
        if (Double.isNaN(months) || months > Integer.MAX_VALUE || months < Integer.MIN_VALUE
                || Double.isNaN(days) || days > Integer.MAX_VALUE || days < Integer.MIN_VALUE) {
            throw outOfRange();
        }
        int resultMonths = (int) months;
        int resultDays = (int) days;
        double monthRemainderDays = tsRound((months - resultMonths) * Calendar.DAYS_PER_MONTH);
        double secRemainder = tsRound((days - resultDays + monthRemainderDays - (int) monthRemainderDays) * 86_400.0);
        if (Math.abs(secRemainder) >= 86_400.0) {
            resultDays += (int) (secRemainder / 86_400.0);
            secRemainder -= (int) (secRemainder / 86_400.0) * 86_400.0;
        }
        resultDays += (int) monthRemainderDays;
        double micros = Math.rint(span.micros() * factor + secRemainder * 1_000_000.0);
        if (Double.isNaN(micros) || micros >= 9.223372036854775807E18 || micros < -9.223372036854775808E18) throw outOfRange();
        return new PgInterval(resultMonths, resultDays, (long) micros);
    }

    /** PostgreSQL's TSROUND: to microsecond precision. */
    private static double tsRound(double x) {
        return Math.rint(x * 1_000_000.0) / 1_000_000.0;
    }
}
