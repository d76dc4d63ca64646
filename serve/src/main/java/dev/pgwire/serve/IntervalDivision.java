package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgInterval;
import dev.pgwire.protocol.types.PgType;

/**
 * interval / number as PostgreSQL 15's interval_div computes it: each field divided, the
 * fraction of the months carried into days (30 to a month) and the fraction of the days into
 * time, rounded to microseconds.
 */
final class IntervalDivision {
    private IntervalDivision() {}

    private static final double DAYS_PER_MONTH = 30;
    private static final double SECS_PER_DAY = 86_400;

    /** PostgreSQL's TSROUND: to microsecond precision. */
    private static double round(double x) {
        return Math.rint(x * 1_000_000.0) / 1_000_000.0;
    }

    /** {@code span} (an interval as DuckDB writes it) divided by {@code factor}, as months, days and microseconds DuckDB reads. */
    static String divide(String span, double factor) {
        if (factor == 0.0) throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
        PgInterval i = (PgInterval) PgTypes.REGISTRY.decodeText(PgType.INTERVAL.oid(), span, CodecContext.DEFAULT);
        double months = i.months() / factor;
        double days = i.days() / factor;
        if (Double.isNaN(months) || Math.abs(months) > Integer.MAX_VALUE || Double.isNaN(days) || Math.abs(days) > Integer.MAX_VALUE) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "interval out of range");
        }
        int resultMonths = (int) months;
        int resultDays = (int) days;
        double monthRemainderDays = round((months - resultMonths) * DAYS_PER_MONTH);
        double secRemainder = round((days - resultDays + monthRemainderDays - (int) monthRemainderDays) * SECS_PER_DAY);
        if (Math.abs(secRemainder) >= SECS_PER_DAY) {
            resultDays += (int) (secRemainder / SECS_PER_DAY);
            secRemainder -= (int) (secRemainder / SECS_PER_DAY) * SECS_PER_DAY;
        }
        resultDays += (int) monthRemainderDays;
        double micros = Math.rint(i.microseconds() / factor + secRemainder * 1_000_000.0);
        if (Double.isNaN(micros) || Math.abs(micros) > Long.MAX_VALUE) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "interval out of range");
        }
        return resultMonths + " months " + resultDays + " days " + (long) micros + " microseconds";
    }
}
