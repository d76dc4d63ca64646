package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * sqrt, exp, ln, log and power of numeric as PostgreSQL 15 computes them (numeric.c): the result
 * scale it chooses from the arguments' magnitudes and display scales (at least 16 significant
 * digits, never fewer decimals than an argument has), and the value rounded to it half away from
 * zero, computed here with guard digits beyond that scale. Arguments are exact decimals whose
 * scale is their display scale.
 */
public final class NumericMath {
    private NumericMath() {}

    /** numeric.c's NUMERIC_MIN_SIG_DIGITS, NUMERIC_MAX_DISPLAY_SCALE and NUMERIC_MAX_RESULT_SCALE. */
    private static final int MIN_SIG_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;
    private static final int MAX_RESULT_SCALE = 2000;
    /** Digits computed beyond those the result keeps. */
    private static final int GUARD = 12;
    /** log10(e), as numeric.c writes it. */
    private static final double LOG10_E = 0.434294481903252;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** The range [0.9, 1.1] in which estimate_ln_dweight takes the weight of x − 1. */
    private static final BigDecimal NEAR_ONE_LOW = new BigDecimal("0.9");
    private static final BigDecimal NEAR_ONE_HIGH = new BigDecimal("1.1");
    /** lnPrecise scales a value outside [0.5, 2] until it is at most 1.5. */
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal ONE_AND_HALF = new BigDecimal("1.5");

    /** Whether {@code fn} takes two arguments. */
    public static boolean isBinary(String fn) {
        return switch (fn) {
            case "log", "power", "round", "trunc" -> true;
            default -> false;
        };
    }

    /** Computes {@code fn} ("sqrt", "exp", "ln", "log10", "log", "power", "round", "trunc") of one or two arguments. */
    static BigDecimal apply(String fn, BigDecimal a, BigDecimal b) {
        return switch (fn) {
            case "sqrt" -> sqrt(a);
            case "exp" -> exp(a);
            case "ln" -> ln(a);
            case "log10" -> log(BigDecimal.TEN, a);
            case "log" -> log(a, b);
            case "power" -> power(a, b);
            case "round" -> toScale(a, b, RoundingMode.HALF_UP);
            case "trunc" -> toScale(a, b, RoundingMode.DOWN);
            default -> throw new IllegalArgumentException("no numeric function " + fn);
        };
    }

    /**
     * round(x, s) or trunc(x, s): x at s decimals, half away from zero or toward zero, shown with
     * at least none (numeric_round, numeric_trunc; s is kept within ±2000 as there).
     */
    static BigDecimal toScale(BigDecimal x, BigDecimal decimals, RoundingMode mode) {
        int scale = Math.max(Math.min(decimals.intValueExact(), MAX_RESULT_SCALE), -MAX_RESULT_SCALE);
        BigDecimal r = x.setScale(scale, mode);
        return scale < 0 ? r.setScale(0) : r;
    }

    static BigDecimal sqrt(BigDecimal x) {
        if (x.signum() < 0) {
            throw new PgException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number");
        }
        int sweight = (nbaseWeight(x) + 1) * 4 / 2 - 1;
        int rscale = clamp(Math.max(MIN_SIG_DIGITS - sweight, x.scale()));
        return NumericStatistics.sqrt(x, rscale);
    }

    static BigDecimal exp(BigDecimal x) {
        double val = x.doubleValue() * LOG10_E;
        val = Math.min(Math.max(val, -MAX_RESULT_SCALE), MAX_RESULT_SCALE);
        int rscale = clamp(Math.max(MIN_SIG_DIGITS - (int) val, x.scale()));
        return expAt(x, rscale);
    }

    /** e^x rounded to {@code rscale}, or the overflow error and the underflow to zero exp_var gives. */
    private static BigDecimal expAt(BigDecimal x, int rscale) {
        double v = x.doubleValue();
        if (Math.abs(v) >= MAX_RESULT_SCALE * 3) {
            if (v > 0) throw overflow();
            return BigDecimal.ZERO.setScale(rscale);
        }
        // significant digits to the result's scale: its decimal digits before the point, and rscale
        int whole = (int) Math.floor(v * Math.log10(Math.E)) + 1;
        int digits = Math.max(whole + rscale, 1) + GUARD;
        return expPrecise(x, digits).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal ln(BigDecimal x) {
        checkLogArgument(x);
        int rscale = clamp(Math.max(MIN_SIG_DIGITS - lnDecimalWeight(x), x.scale()));
        return lnPrecise(x, rscale + 8 + GUARD).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** log(base, x), as log_var: ln(x) / ln(base) at a scale for the estimated weight of the quotient. */
    static BigDecimal log(BigDecimal base, BigDecimal x) {
        checkLogArgument(base);
        checkLogArgument(x);
        int resultWeight = lnDecimalWeight(x) - lnDecimalWeight(base);
        int rscale = clamp(Math.max(Math.max(MIN_SIG_DIGITS - resultWeight, base.scale()), x.scale()));
        int digits = rscale + Math.abs(resultWeight) + 8 + GUARD;
        BigDecimal lnBase = lnPrecise(base, digits);
        if (lnBase.signum() == 0) throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
        BigDecimal lnX = lnPrecise(x, digits);
        return lnX.divide(lnBase, new MathContext(digits, RoundingMode.DOWN)).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal power(BigDecimal base, BigDecimal exponent) {
        if (base.signum() == 0 && exponent.signum() < 0) {
            throw new PgException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "zero raised to a negative power is undefined");
        }
        BigDecimal integral = exponent.stripTrailingZeros();
        if (integral.scale() <= 0 && integral.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                && integral.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return powerInt(base, integral.intValueExact(), clamp(Math.max(MIN_SIG_DIGITS, base.scale())));
        }
        if (base.signum() == 0) return BigDecimal.ZERO.setScale(MIN_SIG_DIGITS);
        boolean negative = false;
        if (base.signum() < 0) {
            if (integral.scale() > 0) {
                throw new PgException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                        "a negative number raised to a non-integer power yields a complex result");
            }
            // an integer too wide for int: odd or even by its last digit
            negative = integral.toBigIntegerExact().testBit(0);
            base = base.negate();
        }
        int lnWeight = lnDecimalWeight(base);
        // the estimate of exp * ln(base) that sets the scale, as power_var makes it: ln(base) rounded to about
        // 8 significant digits, and its product with exp rounded to as many decimals (power(100, 0.5) has 15)
        int estimateScale = Math.max(8 - lnWeight, 0);
        BigDecimal estimate = lnPrecise(base, estimateScale + 4).setScale(estimateScale, RoundingMode.HALF_UP)
                .multiply(exponent).setScale(estimateScale, RoundingMode.HALF_UP);
        double val = estimate.doubleValue();
        if (Math.abs(val) > MAX_RESULT_SCALE * 3.01) {
            if (val > 0) throw overflow();
            return BigDecimal.ZERO.setScale(MAX_DISPLAY_SCALE);
        }
        val *= LOG10_E;
        int rscale = clamp(Math.max(Math.max(MIN_SIG_DIGITS - (int) val, base.scale()), exponent.scale()));
        int sigDigits = Math.max(rscale + (int) val, 0);
        // exp * ln(base) to an absolute precision beyond the result's significant digits
        int lnScale = sigDigits + Math.max(exponent.precision() - exponent.scale(), 0) + 8 + GUARD;
        BigDecimal product = lnPrecise(base, lnScale).multiply(exponent);
        BigDecimal result = expAt(product, rscale);
        return negative && result.signum() != 0 ? result.negate() : result;
    }

    /** power_var_int: base^exp for an exponent that is an int, rounded to {@code rscale}. */
    private static BigDecimal powerInt(BigDecimal base, int exp, int rscale) {
        if (exp == 0) return BigDecimal.ONE.setScale(rscale);
        if (exp == 1) return base.setScale(rscale, RoundingMode.HALF_UP);
        if (base.signum() == 0) {
            if (exp < 0) throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
            return BigDecimal.ZERO.setScale(rscale);
        }
        // log10 of the result, as power_var_int estimates it for its overflow and underflow tests
        double magnitude = Math.log10(base.abs().doubleValue());
        if (Double.isInfinite(magnitude)) magnitude = base.abs().precision() - base.scale() - 1;
        double f = exp * magnitude;
        if (f > 3 * Short.MAX_VALUE * 4) throw overflow();
        if (f + 1 < -rscale || f + 1 < -MAX_DISPLAY_SCALE) return BigDecimal.ZERO.setScale(rscale);
        // the largest square power_var_int forms (base^(2^k), 2^k <= |exp|) overflows at 2^15 base-10000 digits
        long square = Long.highestOneBit(Math.abs((long) exp));
        if (square * magnitude > Short.MAX_VALUE * 4.0) {
            if (exp > 0) throw overflow();
            return BigDecimal.ZERO.setScale(rscale);
        }
        int digits = Math.max((int) Math.ceil(Math.abs(f)), 0) + rscale + 1 + GUARD + (int) Math.log10(Math.abs((double) exp));
        MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        BigDecimal p = power(base, Math.abs((long) exp), mc);
        if (exp < 0) p = BigDecimal.ONE.divide(p, mc);
        return p.setScale(rscale, RoundingMode.HALF_UP);
    }

    /** base^n by squaring, each product rounded to {@code mc} (exact while it holds the digits). */
    private static BigDecimal power(BigDecimal base, long n, MathContext mc) {
        BigDecimal result = BigDecimal.ONE;
        BigDecimal square = base;
        while (true) {
            if ((n & 1) != 0) result = result.multiply(square, mc);
            n >>= 1;
            if (n == 0) return result;
            square = square.multiply(square, mc);
        }
    }

    private static void checkLogArgument(BigDecimal x) {
        if (x.signum() == 0) throw new PgException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        if (x.signum() < 0) throw new PgException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
    }

    private static PgException overflow() {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }

    private static int clamp(int rscale) {
        return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
    }

    /** The exponent of x's leading decimal digit (floor(log10 |x|)); 0 for zero. */
    private static int decimalExponent(BigDecimal x) {
        return x.signum() == 0 ? 0 : x.precision() - x.scale() - 1;
    }

    /** The weight of x's leading base-10000 digit, as numeric.c stores it (0 for zero). */
    private static int nbaseWeight(BigDecimal x) {
        return x.signum() == 0 ? 0 : Math.floorDiv(decimalExponent(x), 4);
    }

    /**
     * estimate_ln_dweight: the decimal weight of ln(x) for x > 0 — for 0.9 ≤ x ≤ 1.1 that of x − 1,
     * else the weight of the logarithm of x's leading one or two base-10000 digits.
     */
    static int lnDecimalWeight(BigDecimal x) {
        if (x.signum() <= 0) return 0;
        if (x.compareTo(NEAR_ONE_LOW) >= 0 && x.compareTo(NEAR_ONE_HIGH) <= 0) {
            BigDecimal d = x.subtract(BigDecimal.ONE);
            return d.signum() == 0 ? 0 : decimalExponent(d);
        }
        int weight = nbaseWeight(x);
        // x's base-10000 digits: x · 10^(4·(groups after the point)) as an integer, split in groups of four
        int fractionGroups = Math.max(0, Math.floorDiv(x.scale() + 3, 4));
        BigInteger n = x.movePointRight(fractionGroups * 4).toBigIntegerExact();
        String text = n.toString();
        int lead = text.length() % 4 == 0 ? 4 : text.length() % 4;
        long digits = Long.parseLong(text.substring(0, lead));
        int dweight = weight * 4;
        String rest = text.substring(lead).replaceAll("(0000)+$", "");
        if (!rest.isEmpty()) {
            digits = digits * 10000 + Long.parseLong(rest.substring(0, 4));
            dweight -= 4;
        }
        double ln = Math.log((double) digits) + dweight * 2.302585092994046;
        return (int) Math.log10(Math.abs(ln));
    }

    /** e^x to {@code digits} significant digits (and a few beyond). */
    static BigDecimal expPrecise(BigDecimal x, int digits) {
        if (x.signum() == 0) return BigDecimal.ONE;
        // e^x = (e^(x / 2^k))^(2^k), with x / 2^k small enough for the series to converge fast
        int k = Math.max(0, (int) Math.ceil(Math.log(Math.abs(x.doubleValue()) + 1) / Math.log(2)) + 8);
        MathContext mc = new MathContext(digits + k / 3 + GUARD, RoundingMode.HALF_EVEN);
        BigDecimal r = x.divide(BigDecimal.valueOf(2).pow(k), mc);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int n = 1; ; n++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(epsilon) < 0) break;
        }
        for (int i = 0; i < k; i++) sum = sum.multiply(sum, mc);
        return sum;
    }

    /** ln x for x > 0 to {@code scale} decimals (and a few beyond). */
    static BigDecimal lnPrecise(BigDecimal x, int scale) {
        if (x.compareTo(BigDecimal.ONE) == 0) return BigDecimal.ZERO;
        // x = m · 10^e · 2^j with m near 1: ln x = ln m + e·ln 10 + j·ln 2, ln m = 2·atanh((m − 1) / (m + 1))
        int e = 0;
        int j = 0;
        BigDecimal m = x;
        if (m.compareTo(HALF) < 0 || m.compareTo(TWO) > 0) {
            e = decimalExponent(m);
            m = m.movePointLeft(e);
            while (m.compareTo(ONE_AND_HALF) > 0) {
                m = m.divide(TWO);
                j++;
            }
        }
        int whole = Math.max(0, (int) Math.ceil(Math.log10(Math.abs(e) * 2.31 + Math.abs(j) * 0.7 + 1)));
        MathContext mc = new MathContext(scale + whole + GUARD, RoundingMode.HALF_EVEN);
        BigDecimal result = atanh2(m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), mc), mc);
        if (e != 0) result = result.add(ln10(mc).multiply(BigDecimal.valueOf(e), mc), mc);
        if (j != 0) result = result.add(ln2(mc).multiply(BigDecimal.valueOf(j), mc), mc);
        return result;
    }

    /** 2·atanh(z) = ln((1 + z) / (1 − z)), by its series, for |z| well below 1. */
    private static BigDecimal atanh2(BigDecimal z, MathContext mc) {
        if (z.signum() == 0) return BigDecimal.ZERO;
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal power = z;
        BigDecimal sum = z;
        BigDecimal epsilon = z.abs().movePointLeft(mc.getPrecision() + 2);
        for (int n = 3; ; n += 2) {
            power = power.multiply(z2, mc);
            BigDecimal term = power.divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(epsilon) < 0) break;
        }
        return sum.multiply(TWO, mc);
    }

    private static BigDecimal ln2;
    private static BigDecimal ln10;

    /** ln 2 = 2·atanh(1/3), kept at the widest precision asked for so far. */
    private static synchronized BigDecimal ln2(MathContext mc) {
        if (ln2 == null || ln2.precision() < mc.getPrecision() + 5) {
            MathContext wide = new MathContext(mc.getPrecision() + 10, RoundingMode.HALF_EVEN);
            ln2 = atanh2(BigDecimal.ONE.divide(BigDecimal.valueOf(3), wide), wide);
        }
        return ln2.round(mc);
    }

    /** ln 10 = 3·ln 2 + ln 1.25 = 3·ln 2 + 2·atanh(1/9). */
    private static synchronized BigDecimal ln10(MathContext mc) {
        if (ln10 == null || ln10.precision() < mc.getPrecision() + 5) {
            MathContext wide = new MathContext(mc.getPrecision() + 10, RoundingMode.HALF_EVEN);
            ln10 = ln2(wide).multiply(BigDecimal.valueOf(3), wide)
                    .add(atanh2(BigDecimal.ONE.divide(BigDecimal.valueOf(9), wide), wide), wide);
        }
        return ln10.round(mc);
    }
}
