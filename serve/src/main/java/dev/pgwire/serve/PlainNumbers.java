package dev.pgwire.serve;

/**
 * Integers and decimals in the plain shape PostgreSQL prints them ({@code -42}, {@code 12.25}),
 * read without the general input functions. A value read here is the one the general input gives;
 * anything else (spaces, a plus sign, exponents, special words, values near the type's limits,
 * zero and overflow for floats) is refused with the sentinel and read the general way.
 */
final class PlainNumbers {
    private PlainNumbers() {}

    /** Not a plain integer short enough to be read here. */
    static final long NOT_PLAIN = Long.MIN_VALUE;

    /** An optional minus and 1..maxDigits ASCII digits (at most 18), else NOT_PLAIN. */
    static long integer(CharSequence s, int maxDigits) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (i == n || n - i > maxDigits) return NOT_PLAIN;
        long v = 0;
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') return NOT_PLAIN;
            v = v * 10 + (c - '0');
        }
        return i == 1 ? -v : v;
    }

    /**
     * An optional minus, digits and an optional fraction ({@code -12.5}) of at most 24 characters
     * that reads as a non-zero finite double: what float8's input gives it (Double.parseDouble of
     * the same text); NaN for anything else.
     */
    static double decimal(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > 24) return Double.NaN;
        int i = s.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        boolean dot = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot && digits > 0 && i + 1 < n) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) return Double.NaN;
        double v = digits <= 15 ? exact(s) : Double.parseDouble(s.toString());
        return v == 0 || Double.isInfinite(v) ? Double.NaN : v;
    }

    /** Exact powers of ten as doubles: 10^0 … 10^22 (10^23 is the first that a double cannot hold). */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++, p *= 10) POWERS_OF_TEN[i] = p;
    }

    /**
     * A decimal of at most 15 digits, checked by {@link #decimal}: its digits as an integer are
     * below 2^53 and its scale at most 15, so both are exact doubles and one correctly rounded
     * division gives the correctly rounded value, the one Double.parseDouble gives (Clinger's fast
     * path).
     */
    private static double exact(CharSequence s) {
        int n = s.length();
        boolean negative = s.charAt(0) == '-';
        long m = 0;
        int scale = -1;
        for (int i = negative ? 1 : 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                scale = 0;
            } else {
                m = m * 10 + (c - '0');
                if (scale >= 0) scale++;
            }
        }
        double v = scale > 0 ? m / POWERS_OF_TEN[scale] : m;
        return negative ? -v : v;
    }
}
