package dev.pgwire.protocol.types;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A value of PostgreSQL's {@code numeric}: a finite decimal with its display scale (the number of
 * digits after the point PostgreSQL prints, so {@code 1.50} and {@code 1.5} differ), or one of the
 * special values NaN, Infinity and -Infinity.
 *
 * <pre>{@code
 * PgNumeric price = PgNumeric.of(new BigDecimal("19.90"));   // prints 19.90
 * if (value.isFinite()) total = total.add(value.bigDecimal());
 * }</pre>
 */
public final class PgNumeric extends Number implements Comparable<PgNumeric> {
    private static final long serialVersionUID = 1L;

    public static final PgNumeric NaN = new PgNumeric(null, 0);
    public static final PgNumeric POSITIVE_INFINITY = new PgNumeric(null, 1);
    public static final PgNumeric NEGATIVE_INFINITY = new PgNumeric(null, -1);

    /** Digits before the decimal point numeric can hold (base-10000 weight up to 32767). */
    private static final long MAX_DIGITS = 4L * 32768;

    /** Null for the special values. */
    private final BigDecimal value;
    /** For special values: 0 NaN, 1 +Infinity, -1 -Infinity. */
    private final int special;

    private PgNumeric(BigDecimal value, int special) {
        this.value = value;
        this.special = special;
    }

    /**
     * A finite value. A negative scale (as in {@code 1E+3}) becomes scale 0, since numeric's
     * display scale is never negative.
     */
    public static PgNumeric of(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        if (value.scale() < 0 && value.signum() != 0 && (long) value.precision() - value.scale() > MAX_DIGITS) {
            // more digits than numeric can hold; refuse before expanding them
            throw Errors.numericOutOfRange("value overflows numeric format");
        }
        return new PgNumeric(value.scale() < 0 ? value.setScale(0) : value, 0);
    }

    public static PgNumeric of(long value) {
        return new PgNumeric(BigDecimal.valueOf(value), 0);
    }

    /** Reads PostgreSQL's numeric input syntax ({@code 1.50}, {@code -1e3}, {@code NaN}, {@code -Infinity}). */
    public static PgNumeric parse(String text) {
        return NumericCodec.parse(text);
    }

    public boolean isFinite() {
        return value != null;
    }

    public boolean isNaN() {
        return value == null && special == 0;
    }

    public boolean isInfinite() {
        return value == null && special != 0;
    }

    /** The finite value; throws ArithmeticException for NaN and the infinities. */
    public BigDecimal bigDecimal() {
        if (value == null) throw new ArithmeticException("numeric " + this + " has no BigDecimal value");
        return value;
    }

    /** The display scale: digits after the decimal point (0 for the special values). */
    public int scale() {
        return value == null ? 0 : value.scale();
    }

    @Override
    public int intValue() {
        return (int) doubleOrLong();
    }

    @Override
    public long longValue() {
        return value != null ? value.longValue() : (long) doubleValue();
    }

    @Override
    public float floatValue() {
        return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
        if (value != null) return value.doubleValue();
        return special == 0 ? Double.NaN : special > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private double doubleOrLong() {
        return value != null ? value.longValue() : doubleValue();
    }

    /** Orders as PostgreSQL does: -Infinity, finite values, Infinity, NaN. Scale is ignored. */
    @Override
    public int compareTo(PgNumeric o) {
        int r = Integer.compare(rank(), o.rank());
        if (r != 0 || value == null) return r;
        return value.compareTo(o.value);
    }

    private int rank() {
        if (value != null) return 1;
        return special == 0 ? 3 : special > 0 ? 2 : 0;
    }

    /** Equal when the same special value, or the same number with the same display scale. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PgNumeric n && special == n.special && Objects.equals(value, n.value);
    }

    @Override
    public int hashCode() {
        return value == null ? special : value.hashCode();
    }

    /** PostgreSQL's text output: {@code 1.50}, {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    @Override
    public String toString() {
        if (value != null) return value.toPlainString();
        return special == 0 ? "NaN" : special > 0 ? "Infinity" : "-Infinity";
    }
}
