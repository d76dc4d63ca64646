package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COPY TO's vector path renders numbers, dates and timestamps as the type registry does (the
 * general path's output, itself compared with PostgreSQL's elsewhere): float8 in its shortest form
 * on random values of every magnitude and on the edges of the plain range, integers at their
 * limits, dates and timestamps over years 1 to 9999.
 */
class CopyVectorsTest {
    private static final TypeRegistry REGISTRY = PgTypes.REGISTRY;
    private static final CodecContext CTX = CodecContext.DEFAULT;

    private static String text(CopyLine line) {
        return new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
    }

    /** The vector path's text of {@code v}, or null where it leaves v to the registry. */
    private static String plain(double v) {
        int decimals = CopyVectors.plainDecimals(v);
        if (decimals < 0) return null;
        CopyLine line = new CopyLine();
        CopyVectors.plainFloat(line, v, decimals);
        return text(line);
    }

    private static void assertFloatAgrees(double v, List<Double> taken) {
        String fast = plain(v);
        if (fast == null) return;
        assertThat(fast).as("%s (bits %x)", v, Double.doubleToRawLongBits(v))
                .isEqualTo(REGISTRY.encodeText(PgType.FLOAT8.oid(), v, CTX));
        taken.add(v);
    }

    @Test
    void float8_renders_as_the_registry_renders_it() {
        Random r = new Random(17);
        List<Double> taken = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            double v = switch (i % 6) {
                // short decimals, as data holds them: n / 10^k
                case 0 -> (r.nextInt(2_000_000) - 1_000_000) / Math.pow(10, r.nextInt(8));
                case 1 -> r.nextLong() % 1_000_000_000_000_000L / Math.pow(10, r.nextInt(19));
                // results of arithmetic: long expansions
                case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(24) - 8);
                case 3 -> (r.nextInt(1000) + 1) / 7.0 * (r.nextBoolean() ? 1 : -1);
                // every bit pattern
                case 4 -> Double.longBitsToDouble(r.nextLong());
                default -> r.nextInt(100_000) * 0.25 + r.nextInt(3) * 0.1;
            };
            assertFloatAgrees(v, taken);
        }
        double[] edges = {0.0, -0.0, 1e-4, 9.999999999999999e-5, 0.00010000000000000002, 1e15, 999999999999999.0,
                999999999999999.9, 99999999999999.98, 123456789012345.0, 0.1, 0.2, 0.30000000000000004, 1.0 / 3,
                2.0 / 3, 5e-324, Double.MIN_NORMAL, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 9007199254740993.0, 4503599627370497.5, 1e14 + 0.5, 0.0001234, 1e23};
        for (double v : edges) {
            assertFloatAgrees(v, taken);
            assertFloatAgrees(-v, taken);
            assertFloatAgrees(Math.nextUp(v), taken);
            assertFloatAgrees(Math.nextDown(v), taken);
        }
        // the path is taken for most of the short decimals, and refused outside its range
        assertThat(taken.size()).isGreaterThan(100_000);
        assertThat(plain(1e15)).isNull();
        assertThat(plain(9.999999999999999e-5)).isNull();
        assertThat(plain(Double.NaN)).isNull();
        assertThat(plain(Double.POSITIVE_INFINITY)).isNull();
        assertThat(plain(1.0 / 3)).isNull(); // 16 digits
        assertThat(plain(-0.0)).isEqualTo("-0");
        assertThat(plain(0.0001)).isEqualTo("0.0001");
        assertThat(plain(123.45)).isEqualTo("123.45");
    }

    @Test
    void integers_render_as_Long_toString() {
        Random r = new Random(9);
        long[] edges = {0, -1, 1, 9, 10, -10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                Integer.MAX_VALUE, Integer.MIN_VALUE, Short.MIN_VALUE, Short.MAX_VALUE, 1_000_000_000_000_000_000L};
        CopyLine line = new CopyLine();
        for (int i = 0; i < 100_000 + edges.length; i++) {
            long v = i < edges.length ? edges[i] : r.nextLong() >> r.nextInt(64);
            line.clear();
            line.digits(v);
            assertThat(text(line)).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void dates_and_timestamps_of_years_1_to_9999_render_as_the_registry_renders_them() {
        Random r = new Random(23);
        long first = LocalDate.of(1, 1, 1).toEpochDay();
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        CopyLine line = new CopyLine();
        for (int i = 0; i < 200_000; i++) {
            long day = i < 4 ? new long[]{first, last, 0, -1}[i] : first + (long) (r.nextDouble() * (last - first + 1));
            line.clear();
            CopyVectors.date(line, (int) day);
            assertThat(text(line)).isEqualTo(REGISTRY.encodeText(PgType.DATE.oid(), LocalDate.ofEpochDay(day), CTX));
            long micros = day * 86_400_000_000L + switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(86_400) * 1_000_000L;
                case 2 -> r.nextInt(86_400_000) * 1000L;
                default -> (long) (r.nextDouble() * 86_400_000_000L);
            };
            if (i == 1) micros = (last + 1) * 86_400_000_000L - 1;
            line.clear();
            CopyVectors.timestamp(line, micros);
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            assertThat(text(line)).as("%d", micros).isEqualTo(REGISTRY.encodeText(PgType.TIMESTAMP.oid(), t, CTX));
        }
    }
}
