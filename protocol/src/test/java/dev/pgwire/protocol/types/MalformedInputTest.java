package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Binary values that do not have their type's send format are refused with the SQLSTATE
 * PostgreSQL's receive functions use (text input is checked against the server itself in
 * {@link PostgresComparisonTest}).
 */
class MalformedInputTest {

    private static final TypeRegistry TYPES = TypeRegistry.standard();

    static Stream<Arguments> badBinary() {
        return Stream.of(
                arguments(PgType.INT4, "000001", "22P03"),
                arguments(PgType.INT4, "0000000001", "22P03"),
                arguments(PgType.INT2, "00", "22P03"),
                arguments(PgType.INT8, "00000000000000", "22P03"),
                arguments(PgType.BOOL, "0101", "22P03"),
                arguments(PgType.BOOL, "", "22P03"),
                arguments(PgType.FLOAT8, "3ff0000000", "22P03"),
                arguments(PgType.FLOAT4, "3f80", "22P03"),
                arguments(PgType.OID, "01", "22P03"),
                arguments(PgType.CHAR, "4142", "22P03"),
                // numeric: bad sign, digit >= 10000, dscale beyond 0x3FFF, truncated, length mismatch
                arguments(PgType.NUMERIC, "0001000012340000" + "0001", "22P03"),
                arguments(PgType.NUMERIC, "0001000000000000" + "2710", "22P03"),
                arguments(PgType.NUMERIC, "0000000000004000", "22P03"),
                arguments(PgType.NUMERIC, "000100000000", "22P03"),
                arguments(PgType.NUMERIC, "0002000000000000" + "0001", "22P03"),
                // dates and times out of range
                arguments(PgType.DATE, "7fffff00", "22008"),
                arguments(PgType.DATE, "80000100", "22008"),
                arguments(PgType.DATE, "0000", "22P03"),
                arguments(PgType.TIMESTAMP, "7ffffffffffffff0", "22008"),
                arguments(PgType.TIMESTAMPTZ, "8000000000000010", "22008"),
                arguments(PgType.TIME, "ffffffffffffffff", "22008"),
                arguments(PgType.TIME, "000000141dd76001", "22008"),
                arguments(PgType.TIMETZ, "0000000000000000" + "0000e100", "22009"),
                arguments(PgType.TIMETZ, "00000000000000000000", "22P03"),
                arguments(PgType.INTERVAL, "00000000000000000000000000", "22P03"),
                arguments(PgType.UUID, "000102030405060708090a0b0c0d0e", "22P03"),
                // inet: family, bits, address length; cidr with host bits set
                arguments(PgType.INET, "07200004" + "01020304", "22P03"),
                arguments(PgType.INET, "02210004" + "01020304", "22P03"),
                arguments(PgType.INET, "02200010" + "01020304", "22P03"),
                arguments(PgType.INET, "022000", "22P03"),
                arguments(PgType.CIDR, "02080104" + "0a000001", "22P03"),
                // text: invalid UTF-8 and NUL
                arguments(PgType.TEXT, "c328", "22021"),
                arguments(PgType.TEXT, "6100", "22021"),
                arguments(PgType.VARCHAR, "ff", "22021"),
                arguments(PgType.JSON, "7b", "22P02"),
                arguments(PgType.JSONB, "027b7d", "22P03"),
                arguments(PgType.JSONB, "", "22P03"),
                arguments(PgType.NAME, "61".repeat(64), "42622"),
                // arrays: element type, dimensions, flags, element lengths
                arguments(PgType.INT4_ARRAY, "00000001" + "00000000" + "00000014" + "00000001" + "00000001"
                        + "00000008" + "0000000000000001", "42804"),
                arguments(PgType.INT4_ARRAY, "00000007" + "00000000" + "00000017", "54000"),
                arguments(PgType.INT4_ARRAY, "ffffffff" + "00000000" + "00000017", "22P03"),
                arguments(PgType.INT4_ARRAY, "00000001" + "00000002" + "00000017" + "00000001" + "00000001"
                        + "00000004" + "00000001", "22P03"),
                arguments(PgType.INT4_ARRAY, "00000001" + "00000000" + "00000017" + "00000001" + "00000001"
                        + "00000009" + "00000001", "22P03"),
                arguments(PgType.INT4_ARRAY, "00000001" + "00000000" + "00000017" + "00000002" + "00000001"
                        + "00000004" + "00000001", "22P03"),
                arguments(PgType.INT4_ARRAY, "00000001" + "00000000" + "00000017" + "00000001" + "00000001"
                        + "fffffffe", "22P03"),
                arguments(PgType.INT4_ARRAY, "00000001" + "00000000" + "00000017" + "00000001" + "00000001"
                        + "00000002" + "0001", "22P03"),
                arguments(PgType.INT4_ARRAY, "00000001" + "00000000" + "00000017" + "ffffffff" + "00000001", "54000"),
                arguments(PgType.INT4_ARRAY, "00000001" + "00000000" + "00000017" + "00000002" + "7fffffff"
                        + "0000000400000001" + "0000000400000002", "54000"),
                arguments(PgType.INT4_ARRAY, "0000", "22P03"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("badBinary")
    void malformedBinaryValueIsRefusedWithPostgresSqlState(PgType type, String hex, String sqlState) {
        byte[] raw = HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> TYPES.decode(type.oid(), raw, TypeRegistry.BINARY, CodecContext.DEFAULT))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo(sqlState));
    }

    @Test
    void aLengthBeyondTheBufferIsRefused() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {0, 0, 0});
        try {
            assertThatThrownBy(() -> TYPES.decode(PgType.INT4.oid(), in, 4, TypeRegistry.BINARY, CodecContext.DEFAULT))
                    .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22P03"));
            assertThatThrownBy(() -> TYPES.decode(PgType.INT4.oid(), in, -2, TypeRegistry.BINARY, CodecContext.DEFAULT))
                    .isInstanceOf(PgException.class);
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
    }

    @Test
    void invalidUtf8InATextFormatValueIs22021() {
        byte[] raw = {(byte) 0xe2, (byte) 0x82};
        assertThatThrownBy(() -> TYPES.decode(PgType.INT4.oid(), raw, TypeRegistry.TEXT, CodecContext.DEFAULT))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22021"));
    }

    @Test
    void textInputErrorsCarryPostgresMessages() {
        assertThatThrownBy(() -> TYPES.decodeText(PgType.INT4.oid(), "12a", CodecContext.DEFAULT))
                .hasMessage("invalid input syntax for type integer: \"12a\"");
        assertThatThrownBy(() -> TYPES.decodeText(PgType.INT2.oid(), "40000", CodecContext.DEFAULT))
                .hasMessage("value \"40000\" is out of range for type smallint");
        assertThatThrownBy(() -> TYPES.decodeText(PgType.DATE.oid(), "2024-02-30", CodecContext.DEFAULT))
                .hasMessage("date/time field value out of range: \"2024-02-30\"");
        assertThatThrownBy(() -> TYPES.decodeText(PgType.INT4_ARRAY.oid(), "{1,2", CodecContext.DEFAULT))
                .hasMessage("malformed array literal: \"{1,2\"");
    }
}
