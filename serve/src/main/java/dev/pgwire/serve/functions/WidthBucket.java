package dev.pgwire.serve.functions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * width_bucket(operand, low, high, count) for double precision and for numeric. The numeric version
 * divides with the result scale PostgreSQL's numeric division picks (at least 16 significant digits,
 * chosen from the operands' base-10000 weights) and rounds there, as PostgreSQL 15 does, so operands
 * a hair below a bucket boundary land where PostgreSQL puts them.
 */
final class WidthBucket {
    private WidthBucket() {}

    private static RuntimeException bucketError(String message) {
        return Errors.error(Errors.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, message);
    }

    private static RuntimeException intOutOfRange() {
        return Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
    }

    static int float8(double operand, double bound1, double bound2, int count) {
        if (count <= 0) throw bucketError("count must be greater than zero");
        if (Double.isNaN(operand) || Double.isNaN(bound1) || Double.isNaN(bound2)) {
            throw bucketError("operand, lower bound, and upper bound cannot be NaN");
        }
        if (Double.isInfinite(bound1) || Double.isInfinite(bound2)) throw bucketError("lower and upper bounds must be finite");
        if (bound1 < bound2) {
            if (operand < bound1) return 0;
            if (operand >= bound2) return plusOne(count);
            return toInt32((double) count * (operand - bound1) / (bound2 - bound1) + 1);
        } else if (bound1 > bound2) {
            if (operand > bound1) return 0;
            if (operand <= bound2) return plusOne(count);
            return toInt32((double) count * (bound1 - operand) / (bound1 - bound2) + 1);
        }
        throw bucketError("lower bound cannot equal upper bound");
    }

    /** C's conversion of a double to int32 on x86: truncation; NaN and out-of-range values give INT_MIN. */
    private static int toInt32(double v) {
        if (Double.isNaN(v) || v <= Integer.MIN_VALUE - 1.0 || v >= Integer.MAX_VALUE + 1.0) return Integer.MIN_VALUE;
        return (int) v;
    }

    private static int plusOne(int count) {
        if (count == Integer.MAX_VALUE) throw intOutOfRange();
        return count + 1;
    }

    /** Numeric version; the values are numeric text output ({@code NaN} and {@code Infinity} allowed). */
    static int numeric(String operandText, String bound1Text, String bound2Text, int count) {
        if (count <= 0) throw bucketError("count must be greater than zero");
        NumberToChar.Numeric op = NumberToChar.Numeric.parse(operandText);
        NumberToChar.Numeric b1 = NumberToChar.Numeric.parse(bound1Text);
        NumberToChar.Numeric b2 = NumberToChar.Numeric.parse(bound2Text);
        if ("NaN".equals(op.special()) || "NaN".equals(b1.special()) || "NaN".equals(b2.special())) {
            throw bucketError("operand, lower bound, and upper bound cannot be NaN");
        }
        if (b1.special() != null || b2.special() != null) throw bucketError("lower and upper bounds must be finite");
        BigDecimal lo = b1.value();
        BigDecimal hi = b2.value();
        int cmp = lo.compareTo(hi);
        if (cmp == 0) throw bucketError("lower bound cannot equal upper bound");
        int opSign = op.special() == null ? 0 : op.special().startsWith("-") ? -1 : 1;
        if (cmp < 0) {
            if (opSign < 0 || (opSign == 0 && op.value().compareTo(lo) < 0)) return 0;
            if (opSign > 0 || op.value().compareTo(hi) >= 0) return plusOne(count);
            return bucket(op.value().subtract(lo), hi.subtract(lo), count);
        } else {
            if (opSign > 0 || (opSign == 0 && op.value().compareTo(lo) > 0)) return 0;
            if (opSign < 0 || op.value().compareTo(hi) <= 0) return plusOne(count);
            return bucket(lo.subtract(op.value()), lo.subtract(hi), count);
        }
    }

    /** floor(offset * count / width + 1), the quotient rounded at PostgreSQL's division scale. */
    private static int bucket(BigDecimal offset, BigDecimal width, int count) {
        BigDecimal dividend = offset.multiply(BigDecimal.valueOf(count));
        int scale = divisionScale(dividend, width);
        BigDecimal q = dividend.divide(width, scale, RoundingMode.HALF_UP);
        BigDecimal result = q.add(BigDecimal.ONE).setScale(0, RoundingMode.FLOOR);
        if (result.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) throw intOutOfRange();
        return result.intValueExact();
    }

    /** PostgreSQL's select_div_scale. */
    static int divisionScale(BigDecimal var1, BigDecimal var2) {
        long[] w1 = weightAndFirstDigit(var1);
        long[] w2 = weightAndFirstDigit(var2);
        long qweight = w1[0] - w2[0];
        if (w1[1] <= w2[1]) qweight--;
        long rscale = 16 - qweight * 4;
        rscale = Math.max(rscale, Math.max(0, var1.scale()));
        rscale = Math.max(rscale, Math.max(0, var2.scale()));
        return (int) Math.min(rscale, 1000);
    }

    /** Weight (in base-10000 digits) and leading base-10000 digit of a numeric; {0, 0} for zero. */
    private static long[] weightAndFirstDigit(BigDecimal v) {
        if (v.signum() == 0) return new long[] {0, 0};
        BigDecimal abs = v.abs().stripTrailingZeros();
        int exponent = abs.precision() - abs.scale() - 1; // floor(log10)
        int weight = Math.floorDiv(exponent, 4);
        BigInteger first = abs.movePointLeft(weight * 4).setScale(0, RoundingMode.FLOOR).toBigInteger();
        return new long[] {weight, first.longValue()};
    }
}
