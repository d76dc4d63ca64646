package dev.pgwire.serve.functions;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;

/**
 * float8out and float4out: a double precision or real value as PostgreSQL writes it as text
 * ({@code 1}, {@code 1e+15}, {@code -0}, {@code NaN}, {@code Infinity}), its shortest exact form as
 * with extra_float_digits above 0. DuckDB's own text of a double differs ({@code 1.0},
 * {@code 1000000000000000.0}, {@code -0.0}, {@code nan}, {@code inf}).
 */
final class FloatOutput {
    private FloatOutput() {}

    private static final TypeRegistry TYPES = TypeRegistry.standard();

    static String float8(double value) {
        return TYPES.encodeText(PgType.FLOAT8.oid(), value, CodecContext.DEFAULT);
    }

    static String float4(float value) {
        return TYPES.encodeText(PgType.FLOAT4.oid(), value, CodecContext.DEFAULT);
    }
}
