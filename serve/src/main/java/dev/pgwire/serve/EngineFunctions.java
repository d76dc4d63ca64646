package dev.pgwire.serve;

import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBLogicalType;

import java.math.BigDecimal;
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
        // numeric division with PostgreSQL's result scale: as text (the exact value, for a result column)
        // and as DECIMAL(38,20) where the quotient feeds further arithmetic
        DuckDBFunctions.scalarFunction().withName("pgwire_numeric_div_text")
                .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
                .withReturnType(DuckDBColumnType.VARCHAR).withNullInNullOut()
                .withFunction((String a, String b) -> a == null || b == null ? null
                        : EngineError.guard(() -> NumericDivision.divide(new BigDecimal(a), new BigDecimal(b)).toPlainString()))
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
                    .withReturnType(decimal).withNullInNullOut()
                    .withFunction((String a, String b) -> a == null || b == null ? null
                            : EngineError.guard(() -> NumericDivision.divide(new BigDecimal(a), new BigDecimal(b))
                                    .setScale(NESTED_DIVISION_SCALE, RoundingMode.HALF_UP)))
                    .register(c);
        }
    }
}
