package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBLogicalType;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBScalarFunctionBuilder;
import org.duckdb.DuckDBWritableVector;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers a Java function as a DuckDB scalar function, one row at a time over DuckDB's vectors.
 *
 * <p>Each argument arrives as the Java value of its {@link Type} (null for SQL NULL); a strict function
 * returns NULL for any NULL argument without being called. Infinite dates and timestamps arrive as
 * null: the only functions taking them (to_char) return NULL for them, as PostgreSQL does. A
 * {@link PgException} becomes the DuckDB error text of {@link PgFunctionError}; any other exception an
 * internal error (XX000) in the same form, and a stack overflow PostgreSQL's 54001 "stack depth limit
 * exceeded".
 */
public final class Udf {
    private Udf() {}

    /** The DuckDB types these functions use, with the Java class each maps to. */
    public enum Type {
        VARCHAR("String"), INTEGER("Integer"), BIGINT("Long"), DOUBLE("Double"), FLOAT("Float"), BOOLEAN("Boolean"),
        DATE("LocalDate"), TIMESTAMP("LocalDateTime"), TIMESTAMPTZ("Instant"), DECIMAL("BigDecimal (DECIMAL(38,18))");

        final String java;

        Type(String java) {
            this.java = java;
        }

        String sql() {
            return this == TIMESTAMPTZ ? "TIMESTAMP WITH TIME ZONE" : this == DECIMAL ? "DECIMAL(38,18)" : name();
        }

        DuckDBLogicalType logical() throws SQLException {
            return switch (this) {
                case VARCHAR -> DuckDBLogicalType.of(DuckDBColumnType.VARCHAR);
                case INTEGER -> DuckDBLogicalType.of(DuckDBColumnType.INTEGER);
                case BIGINT -> DuckDBLogicalType.of(DuckDBColumnType.BIGINT);
                case DOUBLE -> DuckDBLogicalType.of(DuckDBColumnType.DOUBLE);
                case FLOAT -> DuckDBLogicalType.of(DuckDBColumnType.FLOAT);
                case BOOLEAN -> DuckDBLogicalType.of(DuckDBColumnType.BOOLEAN);
                case DATE -> DuckDBLogicalType.of(DuckDBColumnType.DATE);
                case TIMESTAMP -> DuckDBLogicalType.of(DuckDBColumnType.TIMESTAMP);
                case TIMESTAMPTZ -> DuckDBLogicalType.of(DuckDBColumnType.TIMESTAMP_WITH_TIME_ZONE);
                case DECIMAL -> DuckDBLogicalType.decimal(38, 18);
            };
        }
    }

    /** The function body: the arguments in order, the result (null for SQL NULL). */
    @FunctionalInterface
    public interface Body {
        Object apply(Object[] args);
    }

    /** A registered signature, for documentation and tests. */
    public record Signature(String name, List<Type> parameters, Type varargs, Type result, boolean strict) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(name).append('(');
            for (int i = 0; i < parameters.size(); i++) {
                if (i > 0) s.append(", ");
                s.append(parameters.get(i).sql());
            }
            if (varargs != null) s.append(parameters.isEmpty() ? "" : ", ").append(varargs.sql()).append("...");
            return s.append(") -> ").append(result.sql()).toString();
        }
    }

    private static final LocalDateTime TIMESTAMP_INFINITY = micros(Long.MAX_VALUE);
    private static final LocalDateTime TIMESTAMP_MINUS_INFINITY = micros(-Long.MAX_VALUE);
    private static final LocalDate DATE_INFINITY = LocalDate.ofEpochDay(Integer.MAX_VALUE);
    private static final LocalDate DATE_MINUS_INFINITY = LocalDate.ofEpochDay(-Integer.MAX_VALUE);

    private static LocalDateTime micros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /** Registers {@code sig} on {@code connection}'s database. */
    public static void register(Connection connection, Signature sig, Body body) throws SQLException {
        register(connection, sig, body, false);
    }

    /**
     * Registers a function; a volatile one (with side effects, or whose answer changes between
     * calls) is never folded into a constant by DuckDB's optimizer and runs once per row.
     */
    public static void register(Connection connection, Signature sig, Body body, boolean isVolatile) throws SQLException {
        List<DuckDBLogicalType> types = new ArrayList<>();
        try (DuckDBScalarFunctionBuilder b = DuckDBFunctions.scalarFunction()) {
            b.withName(sig.name());
            if (isVolatile) b.withVolatile();
            for (Type t : sig.parameters()) {
                DuckDBLogicalType lt = t.logical();
                types.add(lt);
                b.withParameter(lt);
            }
            if (sig.varargs() != null) {
                DuckDBLogicalType lt = sig.varargs().logical();
                types.add(lt);
                b.withVarArgs(lt);
            }
            DuckDBLogicalType rt = sig.result().logical();
            types.add(rt);
            b.withReturnType(rt);
            b.withVectorizedFunction((in, out) -> evaluate(sig, body, in, out));
            b.register(connection);
        } finally {
            for (DuckDBLogicalType t : types) t.close();
        }
    }

    private static void evaluate(Signature sig, Body body, DuckDBDataChunkReader in, DuckDBWritableVector out) {
        int columns = (int) in.columnCount();
        DuckDBReadableVector[] vectors = new DuckDBReadableVector[columns];
        Type[] types = new Type[columns];
        for (int c = 0; c < columns; c++) {
            vectors[c] = in.vector(c);
            types[c] = c < sig.parameters().size() ? sig.parameters().get(c) : sig.varargs();
        }
        Object[] args = new Object[columns];
        for (long row = 0; row < in.rowCount(); row++) {
            boolean anyNull = false;
            for (int c = 0; c < columns; c++) {
                args[c] = read(vectors[c], types[c], row);
                anyNull |= args[c] == null;
            }
            Object result;
            if (anyNull && sig.strict()) {
                result = null;
            } else {
                try {
                    result = body.apply(args.clone());
                } catch (PgException e) {
                    throw PgFunctionError.forDuckDb(e);
                } catch (RuntimeException e) {
                    throw PgFunctionError.forDuckDb(new PgException(Errors.INTERNAL_ERROR,
                            "internal error in " + sig.name() + ": " + e));
                } catch (StackOverflowError e) {
                    // deeply nested input (json): what PostgreSQL reports when its stack runs out
                    throw PgFunctionError.forDuckDb(Errors.error(Errors.STATEMENT_TOO_COMPLEX,
                            "stack depth limit exceeded", null, "Increase the configuration parameter "
                                    + "\"max_stack_depth\" (currently 2048kB), after ensuring the platform's "
                                    + "stack depth limit is adequate."));
                }
            }
            write(out, sig.result(), row, result);
        }
    }

    private static Object read(DuckDBReadableVector v, Type t, long row) {
        if (v.isNull(row)) return null;
        return switch (t) {
            case VARCHAR -> v.getString(row);
            case INTEGER -> v.getInt(row);
            case BIGINT -> v.getLong(row);
            case DOUBLE -> v.getDouble(row);
            case FLOAT -> v.getFloat(row);
            case BOOLEAN -> v.getBoolean(row);
            case DECIMAL -> v.getBigDecimal(row);
            case DATE -> {
                LocalDate d = v.getLocalDate(row);
                yield d.equals(DATE_INFINITY) || d.equals(DATE_MINUS_INFINITY) ? null : d;
            }
            case TIMESTAMP -> {
                LocalDateTime ts = v.getLocalDateTime(row);
                yield ts.equals(TIMESTAMP_INFINITY) || ts.equals(TIMESTAMP_MINUS_INFINITY) ? null : ts;
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime ts = v.getOffsetDateTime(row);
                LocalDateTime utc = ts.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                yield utc.equals(TIMESTAMP_INFINITY) || utc.equals(TIMESTAMP_MINUS_INFINITY) ? null : ts.toInstant();
            }
        };
    }

    private static void write(DuckDBWritableVector out, Type t, long row, Object value) {
        if (value == null) {
            out.setNull(row);
            return;
        }
        switch (t) {
            case VARCHAR -> out.setString(row, (String) value);
            case INTEGER -> out.setInt(row, (Integer) value);
            case BIGINT -> out.setLong(row, (Long) value);
            case DOUBLE -> out.setDouble(row, (Double) value);
            case FLOAT -> out.setFloat(row, (Float) value);
            case BOOLEAN -> out.setBoolean(row, (Boolean) value);
            case DECIMAL -> out.setBigDecimal(row, (java.math.BigDecimal) value);
            case DATE -> out.setDate(row, (LocalDate) value);
            case TIMESTAMP -> out.setTimestamp(row, (LocalDateTime) value);
            case TIMESTAMPTZ -> out.setOffsetDateTime(row, ((Instant) value).atOffset(ZoneOffset.UTC));
        }
    }
}
