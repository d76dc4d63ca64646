package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * PostgreSQL's numeric division (numeric.c: select_div_scale, div_var): the quotient rounded half
 * away from zero at a scale that gives at least 16 significant digits — more digits for small
 * quotients, fewer for large ones, never fewer than either operand's scale. {@code 1 / 3} is
 * 0.33333333333333333333, {@code 10 / 3} is 3.3333333333333333, {@code avg} of 1 and 2 is
 * 1.5000000000000000.
 */
final class NumericDivision {
    private NumericDivision() {}

    /** NUMERIC_MIN_SIG_DIGITS. */
    private static final int MIN_SIG_DIGITS = 16;
    /** NUMERIC_MAX_DISPLAY_SCALE. */
    private static final int MAX_DISPLAY_SCALE = 1000;
    private static final BigInteger NBASE = BigInteger.valueOf(10_000);

    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
        int scale = resultScale(a, b);
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }

    /** select_div_scale: the display scale of a / b. */
    static int resultScale(BigDecimal a, BigDecimal b) {
        int[] wa = weightAndFirstDigit(a);
        int[] wb = weightAndFirstDigit(b);
        int qweight = wa[0] - wb[0];
        if (wa[1] <= wb[1]) qweight--;
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, Math.max(a.scale(), 0));
        rscale = Math.max(rscale, Math.max(b.scale(), 0));
        return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
    }

    /**
     * The weight (position of the first base-10000 digit, 0 for the units group) and the value of
     * that digit, as PostgreSQL's numeric stores them; zero has weight 0 and first digit 0.
     */
    static int[] weightAndFirstDigit(BigDecimal v) {
        if (v.signum() == 0) return new int[] {0, 0};
        BigDecimal abs = v.abs();
        // the integer part decides the weight when the value is at least 1
        BigInteger whole = abs.toBigInteger();
        if (whole.signum() > 0) {
            int digits = whole.toString().length();
            int weight = (digits - 1) / 4;
            BigInteger first = whole.divide(NBASE.pow(weight));
            return new int[] {weight, first.intValue()};
        }
        // below 1: count the base-10000 groups of zeros after the point
        BigDecimal scaled = abs;
        int weight = 0;
        while (scaled.compareTo(BigDecimal.ONE) < 0) {
            scaled = scaled.movePointRight(4);
            weight--;
        }
        return new int[] {weight, scaled.toBigInteger().intValue()};
    }
}
