package dev.pgwire.serve;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's variance and standard deviation of exact numbers; expected texts from PostgreSQL 15. */
class NumericStatisticsTest {

    /** The statistic of {@code kind} over the values, as PostgreSQL's text, or null. */
    private static String of(int kind, String... values) {
        BigDecimal[] xs = Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new);
        int scale = Arrays.stream(xs).mapToInt(BigDecimal::scale).max().orElse(0);
        BigDecimal sum = BigDecimal.ZERO.setScale(scale);
        BigDecimal squares = BigDecimal.ZERO.setScale(2 * scale);
        for (BigDecimal x : xs) {
            sum = sum.add(x);
            squares = squares.add(x.multiply(x));
        }
        BigDecimal v = NumericStatistics.compute(xs.length, sum, squares.setScale(2 * scale), kind);
        return v == null ? null : v.toPlainString();
    }

    @Test
    void integersHavePostgreSqlsDigits() {
        assertThat(of(NumericStatistics.STDDEV_SAMP, "10", "20", "35")).isEqualTo("12.5830573921179162");
        assertThat(of(NumericStatistics.STDDEV_POP, "10", "20", "35")).isEqualTo("10.2740233382816274");
        assertThat(of(NumericStatistics.VAR_SAMP, "10", "20", "35")).isEqualTo("158.3333333333333333");
        assertThat(of(NumericStatistics.VAR_POP, "10", "20", "35")).isEqualTo("105.5555555555555556");
        assertThat(of(NumericStatistics.VAR_SAMP, "3", "4", "5")).isEqualTo("1.00000000000000000000");
    }

    @Test
    void extremesAndScales() {
        assertThat(of(NumericStatistics.STDDEV_SAMP, "9223372036854775807", "-9223372036854775808", "9223372036854775806"))
                .isEqualTo("10650232656628343400");
        assertThat(of(NumericStatistics.VAR_POP, "9223372036854775807", "-9223372036854775808", "9223372036854775806"))
                .isEqualTo("75618303760208547424007638935697679247");
        assertThat(of(NumericStatistics.STDDEV_SAMP, "1.50", "2.25", "-3.10")).isEqualTo("2.8966935173285650");
        assertThat(of(NumericStatistics.STDDEV_SAMP, "0.00000000000000000001", "0.00000000000000000003"))
                .isEqualTo("0.00000000000000000001414213562373095048801688724209698079");
    }

    @Test
    void nullsAndZeros() {
        assertThat(of(NumericStatistics.STDDEV_SAMP, "7")).isNull();
        assertThat(of(NumericStatistics.VAR_SAMP)).isNull();
        assertThat(of(NumericStatistics.VAR_POP)).isNull();
        assertThat(of(NumericStatistics.STDDEV_POP, "7")).isEqualTo("0");
        assertThat(of(NumericStatistics.VAR_SAMP, "1.00", "1.00")).isEqualTo("0");
    }

    @Test
    void squareRootRoundsHalfAwayFromZeroAtTheScale() {
        assertThat(NumericStatistics.sqrt(new BigDecimal("2.0000"), 4).toPlainString()).isEqualTo("1.4142");
        // √0.0625 is 0.25 exactly: at one digit 0.3 (half away from zero)
        assertThat(NumericStatistics.sqrt(new BigDecimal("0.0625"), 1).toPlainString()).isEqualTo("0.3");
        assertThat(NumericStatistics.sqrt(new BigDecimal("0.0624"), 1).toPlainString()).isEqualTo("0.2");
    }
}
