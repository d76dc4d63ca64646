package dev.pgwire.protocol.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * float4/float8 text as PostgreSQL 12+ writes and reads it. With extra_float_digits above 0 the
 * output is the shortest decimal that reads back to the same value (PostgreSQL uses Ryu for this);
 * otherwise it is C's {@code %.*g} with DBL_DIG (15) or FLT_DIG (6) plus extra_float_digits digits.
 */
final class FloatText {
    private FloatText() {}

    /** Shortest form uses plain notation for decimal exponents in [-4, limit). */
    private static final int DOUBLE_FIXED_LIMIT = 15;
    private static final int FLOAT_FIXED_LIMIT = 6;

    /** Shortest output of a finite value (extra_float_digits ≥ 1), for tests. */
    static String shortestFast(double v, boolean isFloat) {
        return shortest(v, isFloat, true);
    }

    static String formatDouble(double v, int extraFloatDigits) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        if (extraFloatDigits > 0) return shortest(v, false);
        return printfG(v, Math.max(1, 15 + extraFloatDigits));
    }

    static String formatFloat(float v, int extraFloatDigits) {
        if (Float.isNaN(v)) return "NaN";
        if (Float.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        if (extraFloatDigits > 0) return shortest(v, true);
        return printfG(v, Math.max(1, 6 + extraFloatDigits));
    }

    /** The shortest round-tripping decimal, closest to the exact value among those of that length. */
    private static String shortest(double v, boolean isFloat) {
        return shortest(v, isFloat, true);
    }

    /** The same without the fast path, to check the fast path against. */
    static String shortestBySearch(double v, boolean isFloat) {
        return shortest(v, isFloat, false);
    }

    private static String shortest(double v, boolean isFloat, boolean allowFast) {
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        boolean neg = v < 0;
        double a = Math.abs(v);
        String digits;
        int exp;  // decimal exponent of the first digit
        String fast;
        if (!isFloat && a < 0x1p53 && a == Math.rint(a)) {
            // Integers below 2^53 are exact and their plain digits (less trailing zeros) are shortest.
            String s = Long.toString((long) a);
            int end = s.length();
            while (end > 1 && s.charAt(end - 1) == '0') end--;
            digits = s.substring(0, end);
            exp = s.length() - 1;
        } else if (allowFast && (fast = fastShortest(a, isFloat, neg)) != null) {
            return fast;
        } else {
            BigDecimal exact = new BigDecimal(a);
            BigDecimal best = null;
            // Rounding to more digits never moves further from the exact value, so search downwards
            // from a length that is known to round-trip.
            int maxDigits = isFloat ? 9 : 17;
            for (int p = maxDigits; p >= 1; p--) {
                BigDecimal c = closestRoundTripping(exact, p, a, isFloat);
                if (c == null) break;
                best = c;
            }
            best = best.stripTrailingZeros();
            digits = best.unscaledValue().toString();
            exp = digits.length() - 1 - best.scale();
        }
        return layout(neg, digits, exp, isFloat ? FLOAT_FIXED_LIMIT : DOUBLE_FIXED_LIMIT);
    }

    /**
     * The common case without the search, or null: the JDK's own repr always reads back, and when
     * it has at most 15 significant digits for a normal double (6 for a float) no other decimal that
     * short reads back as the same value (10^15 < 2^52, 10^6 < 2^23), so it is the shortest. Ryu's
     * exclusion of the upper midpoint (1e23) still applies; a short decimal can only be such a
     * midpoint when it is an integer too large to be exact, the one case checked the slow way.
     */
    private static String fastShortest(double a, boolean isFloat, boolean neg) {
        if (a < (isFloat ? Float.MIN_NORMAL : Double.MIN_NORMAL)) return null; // fewer bits there
        String r = isFloat ? Float.toString((float) a) : Double.toString(a);
        int e = r.indexOf('E');
        int exp10 = e < 0 ? 0 : Integer.parseInt(r, e + 1, r.length(), 10);
        int mantissaEnd = e < 0 ? r.length() : e;
        int dot = r.indexOf('.');
        StringBuilder all = new StringBuilder(mantissaEnd);
        all.append(r, 0, dot).append(r, dot + 1, mantissaEnd);
        int first = 0;
        while (first < all.length() - 1 && all.charAt(first) == '0') first++;
        int last = all.length();
        while (last > first + 1 && all.charAt(last - 1) == '0') last--;
        int n = last - first;
        if (n > (isFloat ? 6 : 15)) return null;
        String digits = all.substring(first, last);
        int exp = exp10 + dot - 1 - first;
        // A decimal with a fractional part either has no finite binary expansion or is a short
        // dyadic fraction, exactly representable: neither is a midpoint. Integers below 2^53 (2^24)
        // are exact too.
        if (exp - (n - 1) >= 0 && a >= (isFloat ? 0x1p24 : 0x1p53)) {
            BigDecimal candidate = new BigDecimal(new java.math.BigInteger(digits), n - 1 - exp);
            if (candidate.compareTo(upperMidpoint(a, isFloat)) >= 0) return null;
        }
        return layout(neg, digits, exp, isFloat ? FLOAT_FIXED_LIMIT : DOUBLE_FIXED_LIMIT);
    }

    /**
     * The p-digit decimal closest to {@code exact} that reads back as {@code target}, or null. Next
     * to a power of two the interval of decimals that read back is lopsided, so the neighbours of
     * the nearest p-digit decimal are tried as well.
     */
    private static BigDecimal closestRoundTripping(BigDecimal exact, int p, double target, boolean isFloat) {
        BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (readsBack(r, target, isFloat)) return r;
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-r.scale());
        BigDecimal up = r.add(unit);
        BigDecimal down = r.subtract(unit);
        boolean okUp = up.precision() <= p && readsBack(up, target, isFloat);
        boolean okDown = down.signum() > 0 && down.precision() <= p && readsBack(down, target, isFloat);
        if (okUp && okDown) {
            return up.subtract(exact).abs().compareTo(exact.subtract(down).abs()) <= 0 ? up : down;
        }
        return okUp ? up : okDown ? down : null;
    }

    private static boolean readsBack(BigDecimal d, double target, boolean isFloat) {
        String s = d.toString();
        boolean same = isFloat ? Float.parseFloat(s) == (float) target : Double.parseDouble(s) == target;
        // Ryu treats the midpoint to the next larger value as outside the interval even when
        // reading it back would round to this value (1e23 prints as 9.999999999999999e+22).
        return same && d.compareTo(upperMidpoint(target, isFloat)) < 0;
    }

    private static BigDecimal upperMidpoint(double a, boolean isFloat) {
        // Math.ulp is the gap to the next larger magnitude, finite even at MAX_VALUE
        BigDecimal gap = isFloat ? new BigDecimal(Math.ulp((float) a)) : new BigDecimal(Math.ulp(a));
        return new BigDecimal(a).add(gap.divide(BigDecimal.valueOf(2)));
    }

    /** Ryu-style layout as PostgreSQL prints it: plain for exponents in [-4, limit), else d.ddde+XX. */
    private static String layout(boolean neg, String digits, int exp, int fixedLimit) {
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (neg) sb.append('-');
        int n = digits.length();
        if (exp >= -4 && exp < fixedLimit) {
            if (exp < 0) {
                sb.append("0.");
                for (int i = -1; i > exp; i--) sb.append('0');
                sb.append(digits);
            } else if (exp + 1 >= n) {
                sb.append(digits);
                for (int i = n; i <= exp; i++) sb.append('0');
            } else {
                sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, n);
            }
            return sb.toString();
        }
        sb.append(digits.charAt(0));
        if (n > 1) sb.append('.').append(digits, 1, n);
        appendExponent(sb, exp);
        return sb.toString();
    }

    private static void appendExponent(StringBuilder sb, int exp) {
        sb.append('e').append(exp < 0 ? '-' : '+');
        int e = Math.abs(exp);
        if (e < 10) sb.append('0');
        sb.append(e);
    }

    /** C's {@code %.{precision}g} of the exact binary value. */
    static String printfG(double v, int precision) {
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        boolean neg = v < 0;
        BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int x = r.precision() - 1 - r.scale();  // exponent of the rounded value
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        if (x >= -4 && x < precision) {
            String plain = r.setScale(Math.max(0, precision - 1 - x), RoundingMode.UNNECESSARY).toPlainString();
            sb.append(stripFractionZeros(plain));
        } else {
            String digits = r.unscaledValue().toString();
            // unscaled digits may carry trailing zeros; keep precision digits at most
            StringBuilder m = new StringBuilder().append(digits.charAt(0));
            String rest = digits.substring(1);
            if (!rest.isEmpty()) m.append('.').append(rest);
            sb.append(stripFractionZeros(m.toString()));
            appendExponent(sb, x);
        }
        return sb.toString();
    }

    private static String stripFractionZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }

    /** float8in: whitespace, a decimal number or NaN/Infinity/inf with optional sign, whitespace. */
    static double parseDouble(String text, String typeName) {
        String s = ScalarCodecs.trimSpace(text);
        Double special = special(s);
        if (special != null) return special;
        String javaSyntax = isDecimal(s) ? s : hexFloat(s);
        if (javaSyntax == null) throw Errors.invalidText(typeName, text);
        double v;
        try {
            v = Double.parseDouble(javaSyntax);
        } catch (NumberFormatException e) {
            throw Errors.invalidText(typeName, text);
        }
        checkRange(v == 0, Double.isInfinite(v), s, typeName);
        return v;
    }

    static float parseFloat(String text) {
        String s = ScalarCodecs.trimSpace(text);
        Double special = special(s);
        if (special != null) return special.floatValue();
        String javaSyntax = isDecimal(s) ? s : hexFloat(s);
        if (javaSyntax == null) throw Errors.invalidText("real", text);
        float v;
        try {
            v = Float.parseFloat(javaSyntax);
        } catch (NumberFormatException e) {
            throw Errors.invalidText("real", text);
        }
        checkRange(v == 0, Float.isInfinite(v), s, "real");
        return v;
    }

    /** Overflow to infinity, or underflow of a non-zero number to zero, is out of range. */
    private static void checkRange(boolean zero, boolean infinite, String s, String typeName) {
        if (infinite || (zero && hasNonZeroMantissa(s))) {
            throw Errors.numericOutOfRange("\"" + s + "\" is out of range for type " + typeName);
        }
    }

    private static boolean hasNonZeroMantissa(String s) {
        boolean hex = s.contains("0x") || s.contains("0X");
        int start = hex ? Math.max(s.indexOf('x'), s.indexOf('X')) + 1 : 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E') return false;
            if ((c >= '1' && c <= '9') || (hex && Character.digit(c, 16) > 0)) return true;
        }
        return false;
    }

    private static Double special(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        boolean neg = false;
        if (l.startsWith("+") || l.startsWith("-")) {
            neg = l.charAt(0) == '-';
            l = l.substring(1);
        }
        if (l.equals("nan")) return Double.NaN;
        if (l.equals("inf") || l.equals("infinity")) return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return null;
    }

    private static final java.util.regex.Pattern HEX_FLOAT =
            java.util.regex.Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?[0-9]+)?");

    /** strtod also reads C99 hexadecimal floats ({@code 0x1.8p3}); Java needs the exponent. */
    private static String hexFloat(String s) {
        if (!HEX_FLOAT.matcher(s).matches()) return null;
        return s.indexOf('p') >= 0 || s.indexOf('P') >= 0 ? s : s + "p0";
    }

    /** [+-] digits [. digits] [e [+-] digits], at least one mantissa digit. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int e = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; e++; }
            if (e == 0) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
