package dev.pgwire.protocol.types;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The shortcut through the JDK's repr gives exactly what the full shortest-digits search gives. */
class FloatFastPathTest {

    @Test
    void random_doubles_of_every_magnitude_print_the_same_by_shortcut_and_by_search() {
        SplittableRandom r = new SplittableRandom(20261125);
        for (int i = 0; i < 30_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) continue;
            assertThat(FloatText.shortestFast(d, false)).as("bits %x", Double.doubleToRawLongBits(d))
                    .isEqualTo(FloatText.shortestBySearch(d, false));
        }
    }

    @Test
    void short_decimals_and_floats_print_the_same_by_shortcut_and_by_search() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 30_000; i++) {
            double d = r.nextInt(1_000_000) / Math.pow(10, r.nextInt(12)) * (r.nextBoolean() ? 1 : -1);
            if (d == 0) continue;
            assertThat(FloatText.shortestFast(d, false)).isEqualTo(FloatText.shortestBySearch(d, false));
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) continue;
            assertThat(FloatText.shortestFast(f, true)).as("float bits %x", Float.floatToRawIntBits(f))
                    .isEqualTo(FloatText.shortestBySearch(f, true));
        }
        for (double edge : new double[] {1e23, 5e-324, Double.MIN_NORMAL, Double.MAX_VALUE, 0.1, 1e15, 1e16, 123456789012345680.0}) {
            assertThat(FloatText.shortestFast(edge, false)).isEqualTo(FloatText.shortestBySearch(edge, false));
        }
    }
}
