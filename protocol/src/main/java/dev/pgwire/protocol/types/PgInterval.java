package dev.pgwire.protocol.types;

import java.time.Duration;
import java.time.Period;

/**
 * A value of PostgreSQL's {@code interval}: months, days and microseconds kept apart, as
 * PostgreSQL keeps them (a month is not a fixed number of days, nor a day of hours across DST).
 *
 * <pre>{@code
 * PgInterval i = new PgInterval(14, 3, 3_600_000_000L);   // 1 year 2 mons 3 days 01:00:00
 * }</pre>
 */
public record PgInterval(int months, int days, long microseconds) {

    public static final PgInterval ZERO = new PgInterval(0, 0, 0);

    public static PgInterval of(Period period, Duration duration) {
        return new PgInterval(Math.toIntExact(period.toTotalMonths()), period.getDays(),
                Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1000));
    }

    /** Reads PostgreSQL's interval input ({@code 1 year 2 mons}, {@code -00:00:01}, {@code P1DT2H}). */
    public static PgInterval parse(String text) {
        return IntervalText.parse(text);
    }

    /** The year-month-day part. */
    public Period period() {
        return Period.of(months / 12, months % 12, days);
    }

    /** The time part. */
    public Duration duration() {
        return Duration.of(microseconds, java.time.temporal.ChronoUnit.MICROS);
    }

    /** IntervalStyle postgres output, e.g. {@code -1 years -2 mons +3 days -04:05:06.7}. */
    @Override
    public String toString() {
        return IntervalText.format(this);
    }
}
