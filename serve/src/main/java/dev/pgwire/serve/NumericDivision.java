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
 *
 * <p>Operands of at most 18 digits (what nearly every division sees) are divided in {@code long}
 * arithmetic ({@link #divideUnscaled}); wider ones, and quotients that would not fit, take the
 * BigDecimal path. Both give the same value and scale.
 */
final class NumericDivision {
    private NumericDivision() {}

    /** NUMERIC_MIN_SIG_DIGITS. */
    private static final int MIN_SIG_DIGITS = 16;
    /** NUMERIC_MAX_DISPLAY_SCALE. */
    private static final int MAX_DISPLAY_SCALE = 1000;
    private static final BigInteger NBASE = BigInteger.valueOf(10_000);
    /** Digits a long holds whatever they are (10^18 − 1 &lt; 2^63). */
    private static final int LONG_DIGITS = 18;
    private static final long[] POWERS = new long[LONG_DIGITS + 1];
    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) POWERS[i] = POWERS[i - 1] * 10;
    }

    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) throw divisionByZero();
        int scale = resultScale(a, b);
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }

    static PgException divisionByZero() {
        return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    /** select_div_scale: the display scale of a / b. */
    static int resultScale(BigDecimal a, BigDecimal b) {
        int[] wa = weightAndFirstDigit(a);
        int[] wb = weightAndFirstDigit(b);
        return resultScale(wa[0], wa[1], Math.max(a.scale(), 0), wb[0], wb[1], Math.max(b.scale(), 0));
    }

    private static int resultScale(int weightA, int firstA, int scaleA, int weightB, int firstB, int scaleB) {
        int qweight = weightA - weightB;
        if (firstA <= firstB) qweight--;
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, scaleA);
        rscale = Math.max(rscale, scaleB);
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

    /**
     * A quotient as an unscaled value and its scale: {@code unscaled / 10^scale}. {@code exact}
     * holds it when the unscaled value does not fit a long (then {@code unscaled} is unused).
     */
    static final class Quotient {
        long unscaled;
        int scale;
        BigDecimal exact;

        BigDecimal toBigDecimal() {
            return exact != null ? exact : BigDecimal.valueOf(unscaled, scale);
        }

        /** PostgreSQL's text of the quotient (all {@code scale} fraction digits, no exponent). */
        String text() {
            if (exact != null) return exact.toPlainString();
            return plain(unscaled, scale);
        }

        /**
         * The quotient rounded half away from zero (or padded) to {@code scale} digits — the
         * nested form of a division, whose DuckDB type has one fixed scale.
         */
        BigDecimal atScale(int target) {
            if (exact == null && scale >= target) {
                int drop = scale - target;
                if (drop <= LONG_DIGITS) return BigDecimal.valueOf(roundDiv(unscaled, POWERS[drop]), target);
                return BigDecimal.valueOf(0, target); // |unscaled| < 10^19 ≤ half of 10^drop
            }
            if (exact == null) {
                int add = target - scale;
                if (add <= LONG_DIGITS && Math.abs(unscaled) < POWERS[LONG_DIGITS - add]) {
                    return BigDecimal.valueOf(unscaled * POWERS[add], target);
                }
            }
            return toBigDecimal().setScale(target, RoundingMode.HALF_UP);
        }
    }

    /**
     * a / b for a = {@code aUnscaled / 10^aScale} and b likewise (scales at least 0): the same value
     * and scale as {@link #divide}, computed in long arithmetic when the operands and the quotient
     * fit one.
     */
    static void divideUnscaled(long aUnscaled, int aScale, long bUnscaled, int bScale, Quotient into) {
        if (bUnscaled == 0) throw divisionByZero();
        if (aUnscaled == Long.MIN_VALUE || bUnscaled == Long.MIN_VALUE) {
            slow(BigDecimal.valueOf(aUnscaled, aScale), BigDecimal.valueOf(bUnscaled, bScale), into);
            return;
        }
        long absA = Math.abs(aUnscaled);
        long absB = Math.abs(bUnscaled);
        int digitsA = digits(absA);
        int digitsB = digits(absB);
        int weightA = 0, firstA = 0;
        if (absA != 0) {
            int e = digitsA - 1 - aScale;
            weightA = Math.floorDiv(e, 4);
            firstA = leadingGroup(absA, digitsA, e - 4 * weightA + 1);
        }
        int e = digitsB - 1 - bScale;
        int weightB = Math.floorDiv(e, 4);
        int firstB = leadingGroup(absB, digitsB, e - 4 * weightB + 1);
        int rscale = resultScale(weightA, firstA, aScale, weightB, firstB, bScale);
        // a / b at rscale = round(aUnscaled * 10^(bScale + rscale - aScale) / bUnscaled); rscale ≥ aScale
        int shift = bScale + rscale - aScale;
        if (shift >= 0 && digitsA + shift <= LONG_DIGITS) {
            into.exact = null;
            into.unscaled = roundDiv(aUnscaled * POWERS[shift], bUnscaled);
            into.scale = rscale;
            return;
        }
        into.exact = BigDecimal.valueOf(aUnscaled, aScale).divide(BigDecimal.valueOf(bUnscaled, bScale), rscale, RoundingMode.HALF_UP);
    }

    /** {@link #divide} into a Quotient (for operands wider than a long). */
    static void slow(BigDecimal a, BigDecimal b, Quotient into) {
        into.exact = divide(a, b);
    }

    /** n / d rounded half away from zero (d ≠ 0). */
    private static long roundDiv(long n, long d) {
        long q = n / d;
        long r = Math.abs(n % d);
        if (r >= Math.abs(d) - r) q += (n < 0) == (d < 0) ? 1 : -1;
        return q;
    }

    /** The first {@code width} digits of v (v has {@code digits} digits), zeros appended when it has fewer. */
    private static int leadingGroup(long v, int digits, int width) {
        return (int) (digits >= width ? v / POWERS[digits - width] : v * POWERS[width - digits]);
    }

    /** Decimal digits of v ≥ 0 (1 for 0). */
    static int digits(long v) {
        int n = 1;
        while (n <= LONG_DIGITS && v >= POWERS[n]) n++;
        return n;
    }

    /** The plain text of unscaled / 10^scale with exactly {@code scale} fraction digits. */
    static String plain(long unscaled, int scale) {
        String digits = Long.toString(Math.abs(unscaled));
        StringBuilder s = new StringBuilder(digits.length() + scale + 3);
        if (unscaled < 0) s.append('-');
        if (scale == 0) return s.append(digits).toString();
        int whole = digits.length() - scale;
        if (whole <= 0) {
            s.append("0.");
            for (int i = whole; i < 0; i++) s.append('0');
            return s.append(digits).toString();
        }
        return s.append(digits, 0, whole).append('.').append(digits, whole, digits.length()).toString();
    }

    /**
     * Reads the text DuckDB writes for an exact number ({@code -123.45}, {@code 7}) into an
     * unscaled long and a scale; false when it has more digits than a long holds (or another form).
     */
    static boolean parse(String text, long[] unscaledAndScale) {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        long v = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        boolean any = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.' && !point) {
                point = true;
                continue;
            }
            if (c < '0' || c > '9') return false;
            any = true;
            if (v != 0 || c != '0') digits++;
            if (digits > LONG_DIGITS) return false;
            v = v * 10 + (c - '0');
            if (point) scale++;
        }
        if (!any) return false;
        unscaledAndScale[0] = negative ? -v : v;
        unscaledAndScale[1] = scale;
        return true;
    }
}
