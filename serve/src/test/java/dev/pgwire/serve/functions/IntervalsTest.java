package dev.pgwire.serve.functions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** interval * number as PostgreSQL 15's interval_mul: the expected values are PostgreSQL's own answers. */
class IntervalsTest {

    private static PgInterval times(String interval, double factor) {
        return Intervals.multiply(PgInterval.parse(interval), factor);
    }

    @Test
    void fractionsOfMonthsAndDaysCarryDownThirtyDaysAndTwentyFourHours() {
        assertThat(times("1 mon", 0.3)).isEqualTo(new PgInterval(0, 9, 0));                  // 9 days
        assertThat(times("3 days 05:00:00", 1.5)).isEqualTo(new PgInterval(0, 4, 70_200_000_000L)); // 4 days 19:30:00
        assertThat(times("1 mon 1 day", -0.5)).isEqualTo(new PgInterval(0, -15, -43_200_000_000L)); // -15 days -12:00:00
        assertThat(times("27 days 21:00:00", 0.5)).isEqualTo(new PgInterval(0, 13, 81_000_000_000L)); // 13 days 22:30:00
        assertThat(times("1 year 2 mons", 0.333)).isEqualTo(new PgInterval(4, 19, 74_304_000_000L)); // 4 mons 19 days 20:38:24
    }

    @Test
    void aResultBeyondTheFieldsIsOutOfRange() {
        assertThatThrownBy(() -> times("1000000000 mons", 10.0)).hasMessageContaining("interval out of range");
    }
}
