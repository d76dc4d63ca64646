package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL's numeric division, and its long-arithmetic path agreeing with the BigDecimal one. */
class NumericDivisionTest {

    private static String longPath(String a, String b) {
        long[] x = new long[2];
        long[] y = new long[2];
        assertThat(NumericDivision.parse(a, x)).as(a).isTrue();
        assertThat(NumericDivision.parse(b, y)).as(b).isTrue();
        NumericDivision.Quotient q = new NumericDivision.Quotient();
        NumericDivision.divideUnscaled(x[0], (int) x[1], y[0], (int) y[1], q);
        return q.text();
    }

    @Test
    void quotientsHavePostgreSqlsScale() {
        // values from PostgreSQL 15
        assertThat(longPath("1", "3")).isEqualTo("0.33333333333333333333");
        assertThat(longPath("10", "3")).isEqualTo("3.3333333333333333");
        assertThat(longPath("3", "2")).isEqualTo("1.5000000000000000");
        assertThat(longPath("-3", "2")).isEqualTo("-1.5000000000000000");
        assertThat(longPath("12345", "100.0")).isEqualTo("123.4500000000000000");
        assertThat(longPath("0", "7")).isEqualTo("0.00000000000000000000");
        assertThat(longPath("2.50", "0.5")).isEqualTo("5.0000000000000000");
        assertThat(longPath("100000000000000000", "3")).isEqualTo("33333333333333333");
        assertThat(longPath("0.00001", "3")).isEqualTo("0.000003333333333333333333");
        assertThat(longPath("1", "0.000003")).isEqualTo("333333.333333333333");
        assertThat(longPath("-1", "-8")).isEqualTo("0.12500000000000000000");
        assertThat(longPath("1.00000000000000000", "3")).isEqualTo("0.33333333333333333333");
    }

    @Test
    void divisionByZeroIs22012() {
        assertThatThrownBy(() -> longPath("1", "0")).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).isEqualTo("22012"));
        assertThatThrownBy(() -> NumericDivision.divide(BigDecimal.ONE, new BigDecimal("0.00")))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"));
    }

    @Test
    void longArithmeticAgreesWithBigDecimalOnRandomOperands() {
        Random random = new Random(15);
        NumericDivision.Quotient q = new NumericDivision.Quotient();
        for (int i = 0; i < 200_000; i++) {
            long a = randomUnscaled(random);
            long b = randomUnscaled(random);
            if (b == 0) continue;
            int sa = random.nextInt(12);
            int sb = random.nextInt(12);
            BigDecimal x = BigDecimal.valueOf(a, sa);
            BigDecimal y = BigDecimal.valueOf(b, sb);
            BigDecimal expected = NumericDivision.divide(x, y);
            NumericDivision.divideUnscaled(a, sa, b, sb, q);
            assertThat(q.text()).as(x + " / " + y).isEqualTo(expected.toPlainString());
            assertThat(q.atScale(20)).as(x + " / " + y + " at 20").isEqualTo(expected.setScale(20, RoundingMode.HALF_UP));
        }
    }

    private static long randomUnscaled(Random random) {
        long v = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(10);
            case 1 -> random.nextInt(100_000);
            case 2 -> random.nextLong() % 1_000_000_000_000L;
            default -> random.nextLong() % 1_000_000_000_000_000_000L;
        };
        return random.nextBoolean() ? v : -v;
    }

    @Test
    void textOfExactNumbersIsRead() {
        long[] v = new long[2];
        assertThat(NumericDivision.parse("-123.45", v)).isTrue();
        assertThat(v).containsExactly(-12345, 2);
        assertThat(NumericDivision.parse("0.0500", v)).isTrue();
        assertThat(v).containsExactly(500, 4);
        assertThat(NumericDivision.parse("1234567890123456789", v)).isFalse(); // wider than 18 digits
        assertThat(NumericDivision.parse("1e5", v)).isFalse();
        assertThat(NumericDivision.plain(-5, 3)).isEqualTo("-0.005");
        assertThat(NumericDivision.plain(12345, 2)).isEqualTo("123.45");
        assertThat(NumericDivision.plain(7, 0)).isEqualTo("7");
    }
}
