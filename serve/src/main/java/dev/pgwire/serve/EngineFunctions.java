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

/**
 * Functions serve registers in every DuckDB engine it opens, for PostgreSQL behaviour DuckDB's own
 * functions do not have. Registered functions live as long as the engine; they are registered
 * again at each open.
 */
final class EngineFunctions {
    private EngineFunctions() {}

    /** Scale of the nested form of numeric division (values below 10^18 exact to PostgreSQL's usual scale). */
    static final int NESTED_DIVISION_SCALE = 20;

    static void register(Connection c) throws SQLException {
        dev.pgwire.serve.functions.PgFunctions.register(c);
        NumericStatistics.register(c);
        // numeric division with PostgreSQL's result scale: as text (the exact value, for a result column)
        // and as DECIMAL(38,20) where the quotient feeds further arithmetic; a vector at a time
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_div_text")
                .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
                .withReturnType(DuckDBColumnType.VARCHAR)
                .withVectorizedFunction((in, out) -> divide(in, out, true))
                .register(c);
        // the same for operands whose scale the translation knows: unscaled values and their scales
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_div_scaled_text")
                .withParameters(DuckDBColumnType.HUGEINT, DuckDBColumnType.INTEGER, DuckDBColumnType.HUGEINT, DuckDBColumnType.INTEGER)
                .withReturnType(DuckDBColumnType.VARCHAR)
                .withVectorizedFunction((in, out) -> divideScaled(in, out, true))
                .register(c);
        // and rounded half away from zero to a given scale, as an unscaled value: the argument of a cast to numeric(p,s)
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_div_scaled_round")
                .withParameters(DuckDBColumnType.HUGEINT, DuckDBColumnType.INTEGER, DuckDBColumnType.HUGEINT, DuckDBColumnType.INTEGER,
                        DuckDBColumnType.INTEGER)
                .withReturnType(DuckDBColumnType.HUGEINT)
                .withVectorizedFunction(EngineFunctions::divideScaledRounded)
                .register(c);
        // sqrt, exp, ln, log and power of numeric with PostgreSQL's result scale (NumericMath): the function's
        // name, its arguments as text, and a mask of the arguments whose trailing zeros are not their display scale
        // (numeric without modifier); as text (a result column) and as DECIMAL(38,20) (feeding further arithmetic)
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_math_text")
                .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR, DuckDBColumnType.INTEGER)
                .withReturnType(DuckDBColumnType.VARCHAR)
                .withVectorizedFunction((in, out) -> math(in, out, true))
                .register(c);
        // div(numeric, numeric): the integer part of the exact quotient (truncated toward zero), as PostgreSQL's numeric_div_trunc
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_div_trunc")
                .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
                .withReturnType(DuckDBColumnType.VARCHAR).withNullInNullOut()
                .withFunction((String a, String b) -> a == null || b == null ? null
                        : EngineError.guard(() -> {
                            BigDecimal divisor = new BigDecimal(b);
                            if (divisor.signum() == 0) throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.DIVISION_BY_ZERO, "division by zero");
                            return new BigDecimal(a).divideToIntegralValue(divisor).setScale(0, RoundingMode.DOWN).toPlainString();
                        }))
                .register(c);
        // text read as date, timestamp or timestamptz while a statement runs: PostgreSQL's input rules
        // (the text, and "type|TimeZone|DateStyle" of the session), ISO text for DuckDB's cast out
        DuckDBFunctions.scalarFunction().withName("pgwire_moment_in")
                .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
                .withReturnType(DuckDBColumnType.VARCHAR).withNullInNullOut()
                .withFunction((String text, String spec) -> text == null || spec == null ? null : EngineError.guard(() -> {
                    String[] parts = spec.split("\\|", 3);
                    return dev.pgwire.serve.sql.DateTimeLiterals.atRunTime(text, parts[0], parts[1], parts[2]);
                }))
                .register(c);
        // interval as text: DuckDB's interval text in, PostgreSQL's output (IntervalStyle postgres) out
        DuckDBFunctions.scalarFunction().withName("pgwire_interval_out")
                .withParameters(DuckDBColumnType.VARCHAR)
                .withReturnType(DuckDBColumnType.VARCHAR).withNullInNullOut()
                .withFunction((String span) -> span == null ? null : EngineError.guard(() -> {
                    dev.pgwire.serve.functions.PgInterval i = dev.pgwire.serve.functions.PgInterval.parse(span);
                    return new dev.pgwire.protocol.types.PgInterval(i.months(), i.days(), i.micros()).toString();
                }))
                .register(c);
        // interval / number: DuckDB's interval text in, PostgreSQL's quotient as months, days and microseconds out
        DuckDBFunctions.scalarFunction().withName("pgwire_interval_div")
                .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.DOUBLE)
                .withReturnType(DuckDBColumnType.VARCHAR).withNullInNullOut()
                .withFunction((String span, Double factor) -> span == null || factor == null ? null
                        : EngineError.guard(() -> IntervalDivision.divide(span, factor)))
                .register(c);
        try (DuckDBLogicalType decimal = DuckDBLogicalType.decimal(38, NESTED_DIVISION_SCALE)) {
            DuckDBFunctions.scalarFunction().withName("pgwire_numeric_div")
                    .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
                    .withReturnType(decimal)
                    .withVectorizedFunction((in, out) -> divide(in, out, false))
                    .register(c);
            DuckDBFunctions.scalarFunction().withName("pgwire_numeric_math")
                    .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR, DuckDBColumnType.INTEGER)
                    .withReturnType(decimal)
                    .withVectorizedFunction((in, out) -> math(in, out, false))
                    .register(c);
            DuckDBFunctions.scalarFunction().withName("pgwire_numeric_div_scaled")
                    .withParameters(DuckDBColumnType.HUGEINT, DuckDBColumnType.INTEGER, DuckDBColumnType.HUGEINT, DuckDBColumnType.INTEGER)
                    .withReturnType(decimal)
                    .withVectorizedFunction((in, out) -> divideScaled(in, out, false))
                    .register(c);
        }
    }

    /** The largest unscaled DECIMAL(38,s) value, plus one. */
    private static final BigInteger DECIMAL_LIMIT = BigInteger.TEN.pow(38);

    /**
     * Divides a vector of numerators by a vector of denominators (both as DuckDB's text of an exact
     * number), writing PostgreSQL's quotient as text or at {@link #NESTED_DIVISION_SCALE}; a null
     * operand gives null.
     */
    private static void divide(DuckDBDataChunkReader in, DuckDBWritableVector out, boolean text) {
        DuckDBReadableVector numerators = in.vector(0);
        DuckDBReadableVector denominators = in.vector(1);
        long[] a = new long[2];
        long[] b = new long[2];
        NumericDivision.Quotient q = new NumericDivision.Quotient();
        try {
            for (long row = 0, rows = in.rowCount(); row < rows; row++) {
                if (numerators.isNull(row) || denominators.isNull(row)) {
                    out.setNull(row);
                    continue;
                }
                String x = numerators.getString(row);
                String y = denominators.getString(row);
                if (NumericDivision.parse(x, a) && NumericDivision.parse(y, b)) {
                    NumericDivision.divideUnscaled(a[0], (int) a[1], b[0], (int) b[1], q);
                } else {
                    NumericDivision.slow(new BigDecimal(x), new BigDecimal(y), q);
                }
                write(out, row, q, text);
            }
        } catch (PgException e) {
            throw PgFunctionError.forDuckDb(e);
        }
    }

    /**
     * {@link NumericMath} of a vector of rows: the function, one or two arguments as text, the mask of
     * those to strip. The function's name is a literal of the call (NumericMathCalls writes it), the
     * same in every row, so it is read once per chunk.
     */
    private static void math(DuckDBDataChunkReader in, DuckDBWritableVector out, boolean text) {
        DuckDBReadableVector functions = in.vector(0);
        DuckDBReadableVector firsts = in.vector(1);
        DuckDBReadableVector seconds = in.vector(2);
        DuckDBReadableVector masks = in.vector(3);
        long rows = in.rowCount();
        if (rows == 0) return;
        String fn = functions.getString(0);
        boolean binary = NumericMath.isBinary(fn);
        try {
            for (long row = 0; row < rows; row++) {
                if (firsts.isNull(row) || binary && seconds.isNull(row)) {
                    out.setNull(row);
                    continue;
                }
                int mask = masks.getInt(row);
                BigDecimal a = displayed(firsts.getString(row), (mask & 1) != 0);
                BigDecimal b = binary ? displayed(seconds.getString(row), (mask & 2) != 0) : null;
                BigDecimal result = NumericMath.apply(fn, a, b);
                if (text) {
                    out.setString(row, result.toPlainString());
                    continue;
                }
                BigDecimal nested = result.setScale(NESTED_DIVISION_SCALE, RoundingMode.HALF_UP);
                if (nested.unscaledValue().abs().compareTo(DECIMAL_LIMIT) >= 0) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
                }
                out.setBigDecimal(row, nested);
            }
        } catch (PgException e) {
            throw PgFunctionError.forDuckDb(e);
        }
    }

    /** DuckDB's text of an exact number as a decimal of its display scale: without trailing fraction zeros when {@code strip}. */
    private static BigDecimal displayed(String text, boolean strip) {
        BigDecimal v = new BigDecimal(text);
        if (!strip || v.scale() <= 0) return v;
        v = v.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /**
     * The same for operands given as unscaled HUGEINT values and their scales (numerator,
     * numerator's scale, denominator, denominator's scale): no text is read.
     */
    private static void divideScaled(DuckDBDataChunkReader in, DuckDBWritableVector out, boolean text) {
        DuckDBReadableVector numerators = in.vector(0);
        DuckDBReadableVector numeratorScales = in.vector(1);
        DuckDBReadableVector denominators = in.vector(2);
        DuckDBReadableVector denominatorScales = in.vector(3);
        NumericDivision.Quotient q = new NumericDivision.Quotient();
        try {
            for (long row = 0, rows = in.rowCount(); row < rows; row++) {
                if (numerators.isNull(row) || denominators.isNull(row)) {
                    out.setNull(row);
                    continue;
                }
                quotient(numerators.getHugeInt(row), numeratorScales.getInt(row), denominators.getHugeInt(row),
                        denominatorScales.getInt(row), q);
                write(out, row, q, text);
            }
        } catch (PgException e) {
            throw PgFunctionError.forDuckDb(e);
        }
    }

    /** {@link #divideScaled}, the quotient rounded to the scale in the fifth column and written as its unscaled HUGEINT. */
    private static void divideScaledRounded(DuckDBDataChunkReader in, DuckDBWritableVector out) {
        DuckDBReadableVector numerators = in.vector(0);
        DuckDBReadableVector numeratorScales = in.vector(1);
        DuckDBReadableVector denominators = in.vector(2);
        DuckDBReadableVector denominatorScales = in.vector(3);
        DuckDBReadableVector scales = in.vector(4);
        NumericDivision.Quotient q = new NumericDivision.Quotient();
        try {
            for (long row = 0, rows = in.rowCount(); row < rows; row++) {
                if (numerators.isNull(row) || denominators.isNull(row)) {
                    out.setNull(row);
                    continue;
                }
                quotient(numerators.getHugeInt(row), numeratorScales.getInt(row), denominators.getHugeInt(row),
                        denominatorScales.getInt(row), q);
                BigInteger rounded = q.atScale(scales.getInt(row)).unscaledValue();
                if (rounded.abs().compareTo(DECIMAL_LIMIT) >= 0) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
                }
                out.setHugeInt(row, rounded);
            }
        } catch (PgException e) {
            throw PgFunctionError.forDuckDb(e);
        }
    }

    private static void quotient(BigInteger x, int sx, BigInteger y, int sy, NumericDivision.Quotient q) {
        if (x.bitLength() < 63 && y.bitLength() < 63) {
            NumericDivision.divideUnscaled(x.longValue(), sx, y.longValue(), sy, q);
        } else {
            NumericDivision.slow(new BigDecimal(x, sx), new BigDecimal(y, sy), q);
        }
    }

    private static void write(DuckDBWritableVector out, long row, NumericDivision.Quotient q, boolean text) {
        if (text) {
            out.setString(row, q.text());
            return;
        }
        BigDecimal nested = q.atScale(NESTED_DIVISION_SCALE);
        if (nested.unscaledValue().abs().compareTo(DECIMAL_LIMIT) >= 0) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        out.setBigDecimal(row, nested);
    }
}
