package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.functions.PgFunctionError;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBLogicalType;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBWritableVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * PostgreSQL's variance and standard deviation of exact numbers (numeric.c:
 * numeric_stddev_internal), from the count, the sum and the sum of squares DuckDB aggregates:
 * {@code N·Σx² − (Σx)²} exact, divided by {@code N·(N−1)} (sample) or {@code N²} (population) at
 * PostgreSQL's division scale (select_div_scale), and for the deviation the square root of that
 * quotient at the same scale, rounded half away from zero. A numerator of zero or less is 0; a
 * sample of fewer than two rows and an empty population are null.
 *
 * <p>Two forms of input: the sums as unscaled HUGEINT values (the sum of squares in three parts,
 * {@code h·2^64 + m·2^33 + l}, each a sum of 64-bit products, so no row count overflows them), for
 * integers and numeric of at most 18 digits; and the values themselves joined as text, for wider
 * numeric.
 */
final class NumericStatistics {
    private NumericStatistics() {}

    /** What is computed: the kind argument of the functions. */
    static final int VAR_SAMP = 0;
    static final int VAR_POP = 1;
    static final int STDDEV_SAMP = 2;
    static final int STDDEV_POP = 3;

    private static final BigInteger DECIMAL_LIMIT = BigInteger.TEN.pow(38);

    static void register(Connection c) throws SQLException {
        // (count, Σ unscaled, then Σ unscaled² as three parts h·2^64 + m·2^33 + l, scale, kind)
        DuckDBColumnType[] sums = {DuckDBColumnType.BIGINT, DuckDBColumnType.HUGEINT, DuckDBColumnType.HUGEINT,
                DuckDBColumnType.HUGEINT, DuckDBColumnType.HUGEINT, DuckDBColumnType.INTEGER, DuckDBColumnType.INTEGER};
        // (the values' text joined by commas, whether the values' scale is their digits' (numeric without modifier), kind)
        DuckDBColumnType[] values = {DuckDBColumnType.VARCHAR, DuckDBColumnType.INTEGER, DuckDBColumnType.INTEGER};
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_stat_text").withParameters(sums)
                .withReturnType(DuckDBColumnType.VARCHAR)
                .withVectorizedFunction((in, out) -> fromSums(in, out, TEXT)).register(c);
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_stat_values_text").withParameters(values)
                .withReturnType(DuckDBColumnType.VARCHAR)
                .withVectorizedFunction((in, out) -> fromValues(in, out, TEXT)).register(c);
        // the same rounded half away from zero to a scale (a last argument), as an unscaled HUGEINT: round(…, n) and casts
        DuckDBColumnType[] sumsRounded = Arrays.copyOf(sums, sums.length + 1);
        sumsRounded[sums.length] = DuckDBColumnType.INTEGER;
        DuckDBColumnType[] valuesRounded = Arrays.copyOf(values, values.length + 1);
        valuesRounded[values.length] = DuckDBColumnType.INTEGER;
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_stat_round").withParameters(sumsRounded)
                .withReturnType(DuckDBColumnType.HUGEINT)
                .withVectorizedFunction((in, out) -> fromSums(in, out, ROUNDED)).register(c);
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_stat_values_round").withParameters(valuesRounded)
                .withReturnType(DuckDBColumnType.HUGEINT)
                .withVectorizedFunction((in, out) -> fromValues(in, out, ROUNDED)).register(c);
        try (DuckDBLogicalType decimal = DuckDBLogicalType.decimal(38, EngineFunctions.NESTED_DIVISION_SCALE)) {
            DuckDBFunctions.scalarFunction().withName("pgwire_numeric_stat").withParameters(sums)
                    .withReturnType(decimal)
                    .withVectorizedFunction((in, out) -> fromSums(in, out, NESTED)).register(c);
            DuckDBFunctions.scalarFunction().withName("pgwire_numeric_stat_values").withParameters(values)
                    .withReturnType(decimal)
                    .withVectorizedFunction((in, out) -> fromValues(in, out, NESTED)).register(c);
        }
    }

    private static void fromSums(DuckDBDataChunkReader in, DuckDBWritableVector out, int form) {
        DuckDBReadableVector count = in.vector(0);
        DuckDBReadableVector sum = in.vector(1);
        DuckDBReadableVector high = in.vector(2);
        DuckDBReadableVector middle = in.vector(3);
        DuckDBReadableVector low = in.vector(4);
        DuckDBReadableVector scale = in.vector(5);
        DuckDBReadableVector kind = in.vector(6);
        try {
            for (long row = 0, rows = in.rowCount(); row < rows; row++) {
                if (count.isNull(row) || sum.isNull(row) || high.isNull(row) || middle.isNull(row) || low.isNull(row)) {
                    out.setNull(row);
                    continue;
                }
                int s = scale.getInt(row);
                BigInteger squares = high.getHugeInt(row).shiftLeft(64).add(middle.getHugeInt(row).shiftLeft(33)).add(low.getHugeInt(row));
                BigDecimal v = compute(count.getLong(row), new BigDecimal(sum.getHugeInt(row), s), new BigDecimal(squares, 2 * s),
                        kind.getInt(row));
                write(out, row, v, form, form == ROUNDED ? in.vector(7).getInt(row) : 0);
            }
        } catch (PgException e) {
            throw PgFunctionError.forDuckDb(e);
        }
    }

    private static void fromValues(DuckDBDataChunkReader in, DuckDBWritableVector out, int form) {
        DuckDBReadableVector joined = in.vector(0);
        DuckDBReadableVector ownScale = in.vector(1);
        DuckDBReadableVector kind = in.vector(2);
        try {
            for (long row = 0, rows = in.rowCount(); row < rows; row++) {
                if (joined.isNull(row)) {
                    out.setNull(row);
                    continue;
                }
                Sums sums = new Sums(ownScale.getInt(row) != 0);
                String all = joined.getString(row);
                for (int start = 0; start <= all.length(); ) {
                    int end = all.indexOf(',', start);
                    if (end < 0) end = all.length();
                    sums.add(all.substring(start, end));
                    start = end + 1;
                }
                long n = sums.count;
                BigDecimal sum = sums.sum();
                BigDecimal squares = sums.squares();
                BigDecimal v = compute(n, sum, squares, kind.getInt(row));
                write(out, row, v, form, form == ROUNDED ? in.vector(3).getInt(row) : 0);
            }
        } catch (PgException e) {
            throw PgFunctionError.forDuckDb(e);
        }
    }

    /**
     * Exact Σx and Σx² of values given as text: those of at most 18 digits at the first value's
     * scale in long arithmetic (Σx² as a 128-bit sum carried into a BigInteger now and then), the
     * others as BigDecimal. With {@code strip} a value's scale is that of its digits without
     * trailing fraction zeros (numeric without modifier, which DuckDB holds at a fixed scale).
     */
    private static final class Sums {
        private final boolean strip;
        private final long[] parsed = new long[2];
        long count;
        private int scale = -1;
        private int fewestTrailingZeros = Integer.MAX_VALUE;
        private long sumLong;
        private BigInteger sumBig = BigInteger.ZERO;
        private long squaresHigh;
        private long squaresLow;
        private BigInteger squaresBig = BigInteger.ZERO;
        private BigDecimal otherSum = BigDecimal.ZERO;
        private BigDecimal otherSquares = BigDecimal.ZERO;
        private int otherScale;

        Sums(boolean strip) {
            this.strip = strip;
        }

        void add(String text) {
            count++;
            if (NumericDivision.parse(text, parsed) && (scale < 0 || parsed[1] == scale)) {
                long u = parsed[0];
                scale = (int) parsed[1];
                if (strip && u != 0) {
                    int zeros = 0;
                    for (long v = u; zeros < scale && v % 10 == 0; v /= 10) zeros++;
                    fewestTrailingZeros = Math.min(fewestTrailingZeros, zeros);
                }
                long total = sumLong + u;
                if (((sumLong ^ total) & (u ^ total)) < 0) { // overflow: carry the long part over
                    sumBig = sumBig.add(BigInteger.valueOf(sumLong));
                    total = u;
                }
                sumLong = total;
                // u² < 2^126: high part below 2^62, so two of them and a carry fit before the carry-over
                long high = Math.multiplyHigh(u, u);
                long low = u * u;
                long newLow = squaresLow + low;
                squaresHigh += high + (Long.compareUnsigned(newLow, squaresLow) < 0 ? 1 : 0);
                squaresLow = newLow;
                if (squaresHigh > (1L << 62)) flushSquares();
                return;
            }
            BigDecimal x = new BigDecimal(text);
            if (strip) {
                x = x.signum() == 0 ? BigDecimal.ZERO : x.stripTrailingZeros();
                if (x.scale() < 0) x = x.setScale(0);
            }
            otherScale = Math.max(otherScale, x.scale());
            otherSum = otherSum.add(x);
            otherSquares = otherSquares.add(x.multiply(x));
        }

        private void flushSquares() {
            squaresBig = squaresBig.add(BigInteger.valueOf(squaresHigh).shiftLeft(64)
                    .add(new BigInteger(Long.toUnsignedString(squaresLow))));
            squaresHigh = 0;
            squaresLow = 0;
        }

        /** The largest scale of the values (PostgreSQL's display scale of their sum). */
        int dscale() {
            int longScale = scale < 0 ? 0 : !strip ? scale : fewestTrailingZeros == Integer.MAX_VALUE ? 0 : scale - fewestTrailingZeros;
            return Math.max(longScale, otherScale);
        }

        BigDecimal sum() {
            BigDecimal longPart = new BigDecimal(sumBig.add(BigInteger.valueOf(sumLong)), Math.max(scale, 0));
            return longPart.add(otherSum).setScale(dscale());
        }

        BigDecimal squares() {
            flushSquares();
            BigDecimal longPart = new BigDecimal(squaresBig, 2 * Math.max(scale, 0));
            return longPart.add(otherSquares).setScale(2 * dscale());
        }
    }

    /** The forms of the result: PostgreSQL's text, DECIMAL(38,20), an unscaled HUGEINT at a given scale. */
    private static final int TEXT = 0;
    private static final int NESTED = 1;
    private static final int ROUNDED = 2;

    private static void write(DuckDBWritableVector out, long row, BigDecimal v, int form, int scale) {
        if (v == null) {
            out.setNull(row);
        } else if (form == TEXT) {
            out.setString(row, v.toPlainString());
        } else {
            BigDecimal nested = v.setScale(form == NESTED ? EngineFunctions.NESTED_DIVISION_SCALE : scale, RoundingMode.HALF_UP);
            if (nested.unscaledValue().abs().compareTo(DECIMAL_LIMIT) >= 0) {
                throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            }
            if (form == NESTED) {
                out.setBigDecimal(row, nested);
            } else {
                out.setHugeInt(row, nested.unscaledValue());
            }
        }
    }

    /**
     * numeric_stddev_internal for {@code n} values whose sum is {@code sum} (at the values' largest
     * scale d) and whose sum of squares is {@code squares} (at scale 2d); null where PostgreSQL's is.
     */
    static BigDecimal compute(long n, BigDecimal sum, BigDecimal squares, int kind) {
        boolean sample = kind == VAR_SAMP || kind == STDDEV_SAMP;
        if (n <= (sample ? 1 : 0)) return null;
        BigDecimal count = BigDecimal.valueOf(n);
        BigDecimal numerator = count.multiply(squares).subtract(sum.multiply(sum));
        if (numerator.signum() <= 0) return BigDecimal.ZERO;
        BigDecimal denominator = count.multiply(sample ? BigDecimal.valueOf(n - 1) : count);
        int rscale = NumericDivision.resultScale(numerator, denominator);
        BigDecimal variance = numerator.divide(denominator, rscale, RoundingMode.HALF_UP);
        if (kind == VAR_SAMP || kind == VAR_POP) return variance;
        return sqrt(variance, rscale);
    }

    /** The square root of v ≥ 0 rounded half away from zero at {@code scale} digits (sqrt_var). */
    static BigDecimal sqrt(BigDecimal v, int scale) {
        // floor(√v) at scale + 1 digits, from the integer square root of v · 10^(2·(scale + 1)), then rounded
        BigInteger scaled = v.movePointRight(2 * (scale + 1)).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        BigInteger root = scaled.sqrt();
        return new BigDecimal(root, scale + 1).setScale(scale, RoundingMode.HALF_UP);
    }
}
