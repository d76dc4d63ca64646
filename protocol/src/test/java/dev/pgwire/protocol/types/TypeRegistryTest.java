package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's lookups, null and void handling, Java conversions and the examples of the text formats. */
class TypeRegistryTest {

    private final TypeRegistry types = TypeRegistry.standard();
    private final CodecContext ctx = CodecContext.DEFAULT;

    private String text(PgType t, Object v) {
        return types.encodeText(t.oid(), v, ctx);
    }

    @Test
    void javaClassesMapToTheirDefaultTypes() {
        assertThat(types.codecFor(Integer.class).type()).isEqualTo(PgType.INT4);
        assertThat(types.codecFor(int.class).type()).isEqualTo(PgType.INT4);
        assertThat(types.codecFor(String.class).type()).isEqualTo(PgType.TEXT);
        assertThat(types.codecFor(Long.class).type()).isEqualTo(PgType.INT8);
        assertThat(types.codecFor(BigDecimal.class).type()).isEqualTo(PgType.NUMERIC);
        assertThat(types.codecFor(OffsetDateTime.class).type()).isEqualTo(PgType.TIMESTAMPTZ);
        assertThat(types.codecFor(Instant.class).type()).isEqualTo(PgType.TIMESTAMPTZ);
        assertThat(types.codecFor(byte[].class).type()).isEqualTo(PgType.BYTEA);
        assertThat(types.codecFor(UUID.class).type()).isEqualTo(PgType.UUID);
        assertThat(types.codecFor(InetAddress.getLoopbackAddress().getClass()).type()).isEqualTo(PgType.INET);
        assertThat(types.codecFor(Integer[].class).type()).isEqualTo(PgType.INT4_ARRAY);
        assertThat(types.codecFor(int[].class).type()).isEqualTo(PgType.INT4_ARRAY);
        assertThat(types.codecFor(String[].class).type()).isEqualTo(PgType.TEXT_ARRAY);
        assertThat(types.codecFor(Object.class)).isNull();
        assertThat(types.oidFor(PgArray.of(PgType.DATE.oid(), LocalDate.EPOCH))).isEqualTo(PgType.DATE_ARRAY.oid());
        assertThat(types.codec(999_999)).isNull();
    }

    @Test
    void everyBuiltInTypeAndItsArrayHasACodec() {
        for (PgType t : Values.SCALARS) {
            assertThat(types.codec(t.oid())).as(t.name()).isNotNull();
            if (t.arrayOid() != 0) assertThat(types.codec(t.arrayOid()).type().elementType()).isEqualTo(t);
        }
        assertThat(types.codec(PgType.VOID.oid())).isNotNull();
    }

    @Test
    void nullIsWrittenAsLengthMinusOneAndVoidAsAnEmptyValue() {
        ByteBuf out = Unpooled.buffer();
        try {
            types.encode(PgType.INT4.oid(), null, 1, ctx, out);
            types.encode(PgType.VOID.oid(), null, 0, ctx, out);
            types.encode(PgType.INT4.oid(), 7, 0, ctx, out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo("ffffffff" + "00000000" + "00000001" + "37");
        } finally {
            out.release();
        }
        assertThat(types.encode(PgType.TEXT.oid(), null, 0, ctx)).isNull();
        assertThat(types.decode(PgType.TEXT.oid(), (byte[]) null, 0, ctx)).isNull();
        assertThat(types.encode(PgType.VOID.oid(), null, 1, ctx)).isEmpty();
    }

    @Test
    void valuesAreConvertedWhereNothingIsLost() {
        assertThat(text(PgType.INT8, 5)).isEqualTo("5");
        assertThat(text(PgType.INT2, 5L)).isEqualTo("5");
        assertThat(text(PgType.NUMERIC, new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(text(PgType.NUMERIC, 2.5d)).isEqualTo("2.5");
        assertThat(text(PgType.NUMERIC, Double.NaN)).isEqualTo("NaN");
        assertThat(text(PgType.FLOAT8, 3)).isEqualTo("3");
        assertThat(text(PgType.TIMESTAMPTZ, Instant.parse("2024-01-31T12:45:00.5Z"))).isEqualTo("2024-01-31 12:45:00.5+00");
        assertThat(text(PgType.INET, InetAddress.getLoopbackAddress())).isEqualTo("127.0.0.1");
        assertThat(text(PgType.INTERVAL, Duration.ofMinutes(-90))).isEqualTo("-01:30:00");
        assertThat(text(PgType.INT4_ARRAY, List.of(1, 2))).isEqualTo("{1,2}");
        assertThat(text(PgType.INT8_ARRAY, new int[] {1, 2})).isEqualTo("{1,2}");
        assertThat(text(PgType.TEXT_ARRAY, new String[] {"a b", null})).isEqualTo("{\"a b\",NULL}");
        assertThatThrownBy(() -> text(PgType.INT2, 70_000))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22003"));
        assertThatThrownBy(() -> text(PgType.INT4, "x"))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("42804"));
    }

    @Test
    void unknownOidsPassTextAndRawBytesThrough() {
        assertThat(types.encode(424242, "abc", 0, ctx)).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(types.encode(424242, new byte[] {1, 2}, 1, ctx)).containsExactly(1, 2);
        assertThat(types.decode(424242, "abc".getBytes(StandardCharsets.UTF_8), 0, ctx)).isEqualTo("abc");
        assertThat(types.decode(424242, new byte[] {1, 2}, 1, ctx)).isEqualTo(new byte[] {1, 2});
        assertThatThrownBy(() -> types.encode(424242, 5, 1, ctx)).isInstanceOf(PgException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void registeringATypeAlsoRegistersItsArrayType() {
        PgType money = new PgType(5001, "cents", (short) 8, 5002);
        TypeRegistry r = TypeRegistry.standard();
        PgCodec<Long> int8 = (PgCodec<Long>) (PgCodec<?>) r.codec(PgType.INT8.oid());
        r.register(new PgCodec<Long>() {
            public PgType type() { return money; }
            public Class<Long> javaType() { return Long.class; }
            public String encodeText(Long v, CodecContext c) { return v + "c"; }
            public Long decodeText(String t, CodecContext c) { return Long.parseLong(t.substring(0, t.length() - 1)); }
            public void encodeBinary(Long v, ByteBuf out, CodecContext c) { int8.encodeBinary(v, out, c); }
            public Long decodeBinary(ByteBuf in, int len, CodecContext c) { return int8.decodeBinary(in, len, c); }
        });
        assertThat(r.encodeText(5002, List.of(1L, 2L), ctx)).isEqualTo("{1c,2c}");
        assertThat(r.decodeText(5002, "{3c,NULL}", ctx)).isEqualTo(PgArray.of(5001, 3L, null));
        assertThat(r.decode(5002, r.encode(5002, PgArray.of(5001, 4L), 1, ctx), 1, ctx)).isEqualTo(PgArray.of(5001, 4L));
        assertThat(types.codec(5001)).as("registries are independent").isNull();
    }

    @Test
    void textFormatsFollowPostgres() {
        assertThat(text(PgType.FLOAT8, 0.1)).isEqualTo("0.1");
        assertThat(text(PgType.FLOAT8, 1e100)).isEqualTo("1e+100");
        assertThat(text(PgType.FLOAT8, 1.2345e-05)).isEqualTo("1.2345e-05");
        assertThat(text(PgType.FLOAT8, -0.0)).isEqualTo("-0");
        assertThat(text(PgType.FLOAT8, 123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(types.encodeText(PgType.FLOAT8.oid(), Math.PI, ctx.withExtraFloatDigits(0))).isEqualTo("3.14159265358979");
        assertThat(types.encodeText(PgType.FLOAT4.oid(), 0.1f, ctx.withExtraFloatDigits(0))).isEqualTo("0.1");
        assertThat(text(PgType.FLOAT4, 1234567f)).isEqualTo("1.234567e+06");
        assertThat(text(PgType.NUMERIC, PgNumeric.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(text(PgType.DATE, LocalDate.of(-43, 3, 15))).isEqualTo("0044-03-15 BC");
        assertThat(text(PgType.DATE, LocalDate.MAX)).isEqualTo("infinity");
        assertThat(text(PgType.TIMESTAMP, LocalDateTime.of(12024, 1, 31, 13, 45, 0, 500_000_000)))
                .isEqualTo("12024-01-31 13:45:00.5");
        assertThat(text(PgType.TIME, LocalTime.MAX)).isEqualTo("24:00:00");
        assertThat(text(PgType.INTERVAL, new PgInterval(-14, 3, -14_706_700_000L)))
                .isEqualTo("-1 years -2 mons +3 days -04:05:06.7");
        assertThat(text(PgType.INTERVAL, PgInterval.ZERO)).isEqualTo("00:00:00");
        assertThat(text(PgType.INTERVAL, new PgInterval(0, 1, 0))).isEqualTo("1 day");
        assertThat(text(PgType.INTERVAL, new PgInterval(0, 0, -1_000_000))).isEqualTo("-00:00:01");
        assertThat(text(PgType.BYTEA, new byte[] {(byte) 0xde, (byte) 0xad})).isEqualTo("\\xdead");
        OffsetDateTime t = OffsetDateTime.of(2024, 1, 31, 12, 45, 0, 500_000_000, ZoneOffset.UTC);
        assertThat(types.encodeText(PgType.TIMESTAMPTZ.oid(), t, ctx.withTimeZone(ZoneId.of("Europe/Berlin"))))
                .isEqualTo("2024-01-31 13:45:00.5+01");
        assertThat(types.encodeText(PgType.TIMESTAMPTZ.oid(), t, ctx.withTimeZone(ZoneId.of("Asia/Kolkata"))))
                .isEqualTo("2024-01-31 18:15:00.5+05:30");
        assertThat(types.encodeText(PgType.TIMESTAMPTZ.oid(), OffsetDateTime.of(1800, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                ctx.withTimeZone(ZoneId.of("America/New_York")))).isEqualTo("1799-12-31 19:03:58-04:56:02");
        assertThat(text(PgType.INT4_ARRAY, new PgArray(23, new int[] {2}, new int[] {0}, new Object[] {1, 2})))
                .isEqualTo("[0:1]={1,2}");
        assertThat(text(PgType.INT4_ARRAY, new PgArray(23, new int[] {2, 2}, new int[] {1, 1}, new Object[] {1, 2, 3, null})))
                .isEqualTo("{{1,2},{3,NULL}}");
        assertThat(text(PgType.TEXT_ARRAY, PgArray.of(25, "", "NULL", "a\"b", "c\\d", "{e}", "f,g", " ")))
                .isEqualTo("{\"\",\"NULL\",\"a\\\"b\",\"c\\\\d\",\"{e}\",\"f,g\",\" \"}");
        assertThat(text(PgType.INET, new PgInet(Values.address(new byte[] {10, 0, 0, 0}), 8, false))).isEqualTo("10.0.0.0/8");
        assertThat(text(PgType.CIDR, new PgInet(Values.address(new byte[] {10, 0, 0, 0}), 32, true))).isEqualTo("10.0.0.0/32");
    }

    @Test
    void contextComesFromSessionParameters() {
        CodecContext c = CodecContext.fromParameters(Map.of("TimeZone", "Asia/Kolkata", "extra_float_digits", "0",
                "DateStyle", "ISO, DMY"));
        assertThat(c.timeZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(c.extraFloatDigits()).isZero();
        assertThat(types.decodeText(PgType.DATE.oid(), "01/02/2024", c)).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(types.decodeText(PgType.DATE.oid(), "01/02/2024", ctx)).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(CodecContext.parseTimeZone("5.5")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(CodecContext.parseTimeZone("UTC+3")).isEqualTo(ZoneOffset.ofHours(-3));
        assertThat(CodecContext.parseTimeZone("+05:30")).isEqualTo(ZoneOffset.ofHoursMinutes(-5, -30));
        assertThat(CodecContext.parseTimeZone("no/such")).isNull();
        assertThatThrownBy(() -> ctx.withExtraFloatDigits(4)).isInstanceOf(IllegalArgumentException.class);
    }
}
