package dev.pgwire.serve.functions;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static dev.pgwire.serve.functions.NumberTemplate.EEEE;
import static dev.pgwire.serve.functions.NumberTemplate.MULTI;
import static dev.pgwire.serve.functions.NumberTemplate.ROMAN;

/**
 * to_char for numeric, integer, bigint, real and double precision, and to_number: each type turns its
 * value into a digit string the way PostgreSQL does (exact decimal rounding for numeric, C's printf
 * for the floating-point types, which keep only 6 or 15 significant digits), then
 * {@link NumberProcessor} lays it out.
 */
final class NumberToChar {
    private NumberToChar() {}

    private static final int FLT_DIG = 6;
    private static final int DBL_DIG = 15;

    /** A numeric value: finite, NaN or ±Infinity (numeric has no negative zero). */
    record Numeric(BigDecimal value, String special) {
        static Numeric parse(String text) {
            String t = text.trim();
            switch (t.toLowerCase(java.util.Locale.ROOT)) {
                case "nan" -> { return new Numeric(null, "NaN"); }
                case "infinity", "+infinity", "inf", "+inf" -> { return new Numeric(null, "Infinity"); }
                case "-infinity", "-inf" -> { return new Numeric(null, "-Infinity"); }
                default -> { }
            }
            try {
                return new Numeric(new BigDecimal(t), null);
            } catch (NumberFormatException e) {
                throw Errors.error(Errors.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type numeric: \"" + text + "\"");
            }
        }
    }

    static String numeric(Numeric value, String template) {
        if (template.isEmpty()) return "";
        NumberTemplate num = NumberTemplate.parse(template);
        if (num.is(ROMAN)) {
            if (value.special() != null) {
                throw Errors.error(Errors.FEATURE_NOT_SUPPORTED, value.special().equals("NaN")
                        ? "cannot convert NaN to integer" : "cannot convert infinity to integer");
            }
            BigDecimal r = value.value().setScale(0, RoundingMode.HALF_UP);
            if (r.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || r.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            }
            return NumberProcessor.toChar(num, roman(r.intValue()), 0, '+');
        }
        if (num.is(EEEE)) {
            if (value.special() != null) return NumberProcessor.toChar(num, sharpsForEeee(num), 0, '+');
            String org = numericSci(value.value(), num.post);
            return NumberProcessor.toChar(num, org.startsWith("-") ? org : " " + org, 0, '+');
        }
        String orgnum;
        if (value.special() != null) {
            orgnum = value.special();
        } else {
            BigDecimal val = value.value();
            if (num.is(MULTI)) {
                val = val.scaleByPowerOfTen(num.multi);
                num.pre += num.multi;
            }
            // numeric_round: half away from zero; numeric has no negative zero, nor has BigDecimal
            orgnum = val.setScale(num.post, RoundingMode.HALF_UP).toPlainString();
        }
        return layOut(num, orgnum);
    }

    static String int4(int value, String template) {
        if (template.isEmpty()) return "";
        NumberTemplate num = NumberTemplate.parse(template);
        if (num.is(ROMAN)) return NumberProcessor.toChar(num, roman(value), 0, '+');
        if (num.is(EEEE)) {
            String s = printfSci(value, num.post);
            if (s.startsWith("+")) s = " " + s.substring(1);
            return NumberProcessor.toChar(num, s, 0, '+');
        }
        int v = value;
        if (num.is(MULTI)) {
            double multi = Math.pow(10, num.multi);
            int m = multi <= Integer.MAX_VALUE ? (int) multi : Integer.MIN_VALUE; // C's (int32) conversion
            v = value * m;
            num.pre += num.multi;
        }
        return integerLayOut(num, Long.toString(v));
    }

    static String int8(long value, String template) {
        if (template.isEmpty()) return "";
        NumberTemplate num = NumberTemplate.parse(template);
        if (num.is(ROMAN)) {
            if (value != (int) value) throw Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            return NumberProcessor.toChar(num, roman((int) value), 0, '+');
        }
        if (num.is(EEEE)) {
            String org = numericSci(BigDecimal.valueOf(value), num.post);
            return NumberProcessor.toChar(num, org.startsWith("-") ? org : " " + org, 0, '+');
        }
        long v = value;
        if (num.is(MULTI)) {
            double multi = Math.pow(10, num.multi);
            if (!(multi < 9.223372036854775807E18)) {
                throw Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
            }
            try {
                v = Math.multiplyExact(value, (long) multi);
            } catch (ArithmeticException e) {
                throw Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
            }
            num.pre += num.multi;
        }
        return integerLayOut(num, Long.toString(v));
    }

    static String float4(float value, String template) {
        if (template.isEmpty()) return "";
        NumberTemplate num = NumberTemplate.parse(template);
        if (num.is(ROMAN)) return NumberProcessor.toChar(num, roman(rintToInt(value)), 0, '+');
        if (num.is(EEEE)) return eeeeFloat(num, value);
        float val = value;
        if (num.is(MULTI)) {
            float multi = (float) Math.pow(10, num.multi);
            val = value * multi;
            num.pre += num.multi;
        }
        return floatLayOut(num, val, FLT_DIG);
    }

    static String float8(double value, String template) {
        if (template.isEmpty()) return "";
        NumberTemplate num = NumberTemplate.parse(template);
        if (num.is(ROMAN)) return NumberProcessor.toChar(num, roman(rintToInt(value)), 0, '+');
        if (num.is(EEEE)) return eeeeFloat(num, value);
        double val = value;
        if (num.is(MULTI)) {
            val = value * Math.pow(10, num.multi);
            num.pre += num.multi;
        }
        return floatLayOut(num, val, DBL_DIG);
    }

    /** to_number(text, text): the numeric value as its text output; null for an empty template. */
    static String toNumber(String input, String template) {
        if (template.isEmpty()) return null;
        NumberTemplate num = NumberTemplate.parse(template);
        String numstr = NumberProcessor.fromChar(num, input);
        int scale = num.post;
        int precision = num.pre + num.multi + scale;
        BigDecimal value = numericIn(numstr);
        value = value.setScale(scale, RoundingMode.HALF_UP);
        int maxDigits = precision - scale;
        if (value.signum() != 0) {
            BigDecimal abs = value.abs();
            int intDigits = abs.compareTo(BigDecimal.ONE) < 0 ? 0 : abs.precision() - abs.scale();
            if (intDigits > maxDigits) {
                throw Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
                        "A field with precision " + precision + ", scale " + scale
                                + " must round to an absolute value less than "
                                + (maxDigits != 0 ? "10^" + maxDigits : "1") + ".", null);
            }
        }
        if (num.is(MULTI)) {
            // numeric_power(10, -multi) keeps 16 fraction digits; the product keeps both scales
            BigDecimal power = BigDecimal.ONE.movePointLeft(num.multi).setScale(16, RoundingMode.HALF_UP);
            value = value.multiply(power);
        }
        return value.toPlainString();
    }

    /** numeric_in for the digit string to_number builds: a sign character, digits, maybe a point. */
    private static BigDecimal numericIn(String s) {
        String t = s.trim();
        try {
            if (t.isEmpty() || t.equals("+") || t.equals("-") || t.endsWith("e") || t.indexOf('e') >= 0) {
                throw new NumberFormatException();
            }
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw Errors.error(Errors.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type numeric: \"" + s + "\"");
        }
    }

    private static String integerLayOut(NumberTemplate num, String digits) {
        String org = digits;
        char sign = '+';
        if (org.startsWith("-")) {
            sign = '-';
            org = org.substring(1);
        }
        int preLen = org.length();
        String numstr = num.post > 0 ? org + "." + "0".repeat(num.post) : org;
        int outPreSpaces = 0;
        if (preLen < num.pre) outPreSpaces = num.pre - preLen;
        else if (preLen > num.pre) numstr = sharps(num);
        return NumberProcessor.toChar(num, numstr, outPreSpaces, sign);
    }

    private static String layOut(NumberTemplate num, String orgnum) {
        char sign = '+';
        String numstr = orgnum;
        if (numstr.startsWith("-")) {
            sign = '-';
            numstr = numstr.substring(1);
        }
        int dot = numstr.indexOf('.');
        int preLen = dot >= 0 ? dot : numstr.length();
        int outPreSpaces = 0;
        if (preLen < num.pre) outPreSpaces = num.pre - preLen;
        else if (preLen > num.pre) numstr = sharps(num);
        return NumberProcessor.toChar(num, numstr, outPreSpaces, sign);
    }

    private static String floatLayOut(NumberTemplate num, double val, int maxDigits) {
        int preLen = CFormat.fixed(Math.abs(val), 0).length();
        if (preLen >= maxDigits) num.post = 0;
        else if (preLen + num.post > maxDigits) num.post = maxDigits - preLen;
        return layOut(num, CFormat.fixed(val, num.post));
    }

    private static String eeeeFloat(NumberTemplate num, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return NumberProcessor.toChar(num, sharpsForEeee(num), 0, '+');
        }
        String s = printfSci(value, num.post);
        if (s.startsWith("+")) s = " " + s.substring(1);
        return NumberProcessor.toChar(num, s, 0, '+');
    }

    /** The '#' placeholder for a value too wide for the template. */
    private static String sharps(NumberTemplate num) {
        StringBuilder s = new StringBuilder("#".repeat(num.pre + num.post + 1));
        s.setCharAt(num.pre, '.');
        return s.toString();
    }

    private static String sharpsForEeee(NumberTemplate num) {
        StringBuilder s = new StringBuilder("#".repeat(num.pre + num.post + 6));
        s.setCharAt(0, ' ');
        s.setCharAt(num.pre + 1, '.');
        return s.toString();
    }

    /** C's {@code (int) rint(v)} on x86: NaN and values out of range become INT_MIN. */
    private static int rintToInt(double v) {
        double r = Math.rint(v);
        if (Double.isNaN(r) || r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) return Integer.MIN_VALUE;
        return (int) r;
    }

    /** {@code %+.*e} as glibc prints it. */
    private static String printfSci(double v, int precision) {
        return CFormat.sci(v, precision, true);
    }

    /** PostgreSQL's numeric_out_sci: the exponent of the unrounded value, the significand rounded. */
    static String numericSci(BigDecimal v, int scale) {
        int exponent = 0;
        if (v.signum() != 0) {
            BigDecimal s = v.stripTrailingZeros();
            exponent = s.precision() - s.scale() - 1;
        }
        BigDecimal sig = v.movePointLeft(exponent).setScale(scale, RoundingMode.HALF_UP);
        String out = sig.toPlainString();
        if (sig.signum() == 0 && out.startsWith("-")) out = out.substring(1);
        return out + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    /** Roman numerals of 1 to 3999, fifteen '#' otherwise (PostgreSQL's int_to_roman). */
    static String roman(int number) {
        if (number > 3999 || number < 1) return "#".repeat(15);
        String[][] digits = {
                {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"},
                {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"},
                {"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"}};
        StringBuilder s = new StringBuilder("M".repeat(number / 1000));
        s.append(digits[2][number / 100 % 10]).append(digits[1][number / 10 % 10]).append(digits[0][number % 10]);
        return s.toString();
    }

    /** C's printf conversions of doubles, rounding the exact binary value half to even as glibc does. */
    static final class CFormat {
        private CFormat() {}

        /** {@code %.*f}, with PostgreSQL's NaN and Infinity spellings. */
        static String fixed(double v, int precision) {
            if (Double.isNaN(v)) return "NaN";
            if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
            boolean negative = (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
            String digits = new BigDecimal(Math.abs(v)).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
            return negative ? "-" + digits : digits;
        }

        /** {@code %.*e}, or {@code %+.*e} when {@code plus}. */
        static String sci(double v, int precision, boolean plus) {
            boolean negative = (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
            BigDecimal abs = new BigDecimal(Math.abs(v));
            int exponent = 0;
            BigDecimal sig = abs.setScale(precision, RoundingMode.HALF_EVEN);
            if (abs.signum() != 0) {
                exponent = abs.precision() - abs.scale() - 1;
                sig = abs.movePointLeft(exponent).setScale(precision, RoundingMode.HALF_EVEN);
                if (sig.compareTo(BigDecimal.TEN) >= 0) {
                    exponent++;
                    sig = abs.movePointLeft(exponent).setScale(precision, RoundingMode.HALF_EVEN);
                }
            }
            String e = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
            return (negative ? "-" : plus ? "+" : "") + sig.toPlainString() + "e" + e;
        }
    }

}
