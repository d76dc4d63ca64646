package dev.pgwire.serve.functions;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local time type a TZif footer's POSIX TZ string gives at an instant: the expected values are
 * what PostgreSQL 15's pg_timezone_names shows for these zones at these instants.
 */
class PosixTzTest {

    private static PosixTz.Local at(String tz, String instant) {
        return PosixTz.parse(tz).at(Instant.parse(instant).getEpochSecond());
    }

    @Test
    void northernDaylightSavingRunsFromTheStartRuleToTheEndRule() {
        String newYork = "EST5EDT,M3.2.0,M11.1.0";
        assertThat(at(newYork, "2026-12-05T12:00:00Z")).isEqualTo(new PosixTz.Local("EST", -18000, false));
        assertThat(at(newYork, "2026-07-01T12:00:00Z")).isEqualTo(new PosixTz.Local("EDT", -14400, true));
        // 2026-03-08 02:00 EST is 07:00 UTC
        assertThat(at(newYork, "2026-03-08T06:59:59Z").dst()).isFalse();
        assertThat(at(newYork, "2026-03-08T07:00:00Z").dst()).isTrue();
    }

    @Test
    void dublinsWinterIsNegativeDaylightSaving() {
        String dublin = "IST-1GMT0,M10.5.0,M3.5.0/1";
        assertThat(at(dublin, "2026-12-05T12:00:00Z")).isEqualTo(new PosixTz.Local("GMT", 0, true));
        assertThat(at(dublin, "2026-07-01T12:00:00Z")).isEqualTo(new PosixTz.Local("IST", 3600, false));
    }

    @Test
    void southernDaylightSavingSpansTheNewYear() {
        String sydney = "AEST-10AEDT,M10.1.0,M4.1.0/3";
        assertThat(at(sydney, "2026-12-05T12:00:00Z")).isEqualTo(new PosixTz.Local("AEDT", 39600, true));
        assertThat(at(sydney, "2026-07-01T12:00:00Z")).isEqualTo(new PosixTz.Local("AEST", 36000, false));
    }

    @Test
    void aZoneWithoutDaylightSavingAndAQuotedName() {
        assertThat(at("<+01>-1", "2026-12-05T12:00:00Z")).isEqualTo(new PosixTz.Local("+01", 3600, false));
    }
}
