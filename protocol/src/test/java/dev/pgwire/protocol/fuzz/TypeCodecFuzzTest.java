package dev.pgwire.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgArray;
import dev.pgwire.protocol.types.PgCodec;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import static dev.pgwire.protocol.fuzz.Checks.check;
import static dev.pgwire.protocol.fuzz.Checks.decodedOrRefused;
import static dev.pgwire.protocol.fuzz.Checks.hex;

/**
 * The type registry's text and binary input for every registered type, under several session
 * settings. Each codec is called directly, below the registry's safety net, so that any exception
 * but a PgException is a finding; the SQLSTATE must be one an input function raises (class 22,
 * 54000/54001, 42622 for a long name, 42804 for a wrong array element type). What decodes must
 * round-trip: its text output reads back to an equal value whose output is the same text, and its
 * binary output reads back to an equal value whose binary output is the same bytes.
 */
class TypeCodecFuzzTest {
    static final TypeRegistry TYPES = TypeRegistry.standard();
    static final int[] OIDS = registeredOids();
    private static final CodecContext[] CONTEXTS = {
            CodecContext.DEFAULT,
            CodecContext.DEFAULT.withTimeZone(ZoneId.of("America/New_York")).withExtraFloatDigits(3),
            CodecContext.DEFAULT.withTimeZone(ZoneId.of("Asia/Kolkata")).withDateStyle("ISO, DMY"),
            CodecContext.DEFAULT.withTimeZone(ZoneId.of("Australia/Lord_Howe")).withDateStyle("ISO, YMD"),
            CodecContext.DEFAULT.withTimeZone(ZoneId.of("Europe/Paris")).withExtraFloatDigits(0),
    };
    private static final Predicate<String> INPUT_ERRORS = s -> s.startsWith("22")
            || s.equals(SqlState.PROGRAM_LIMIT_EXCEEDED) || s.equals(SqlState.STATEMENT_TOO_COMPLEX)
            || s.equals("42622") || s.equals(SqlState.DATATYPE_MISMATCH);

    private static int[] registeredOids() {
        List<Integer> oids = new ArrayList<>();
        for (int oid = 0; oid < 10_000; oid++) if (TYPES.codec(oid) != null) oids.add(oid);
        return oids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Input: a type selector byte, a settings selector byte, then the text (UTF-8, as in a Bind). */
    @FuzzTest
    void text(byte[] input) {
        if (input.length < 2) return;
        PgCodec<Object> codec = codec(input[0]);
        CodecContext ctx = CONTEXTS[(input[1] & 0xff) % CONTEXTS.length];
        String text = utf8(input, 2);
        if (text == null) {
            // what the registry does with bytes that are not UTF-8
            decodedOrRefused(() -> TYPES.decode(codec.type().oid(), Arrays.copyOfRange(input, 2, input.length),
                    TypeRegistry.TEXT, ctx), s -> s.equals(SqlState.CHARACTER_NOT_IN_REPERTOIRE), input);
            return;
        }
        Object v = decodedOrRefused(() -> codec.decodeText(text, ctx), INPUT_ERRORS, input);
        if (v != null) roundTrips(codec, v, ctx, input);
    }

    /** Input: a type selector byte, a settings selector byte, then the binary value. */
    @FuzzTest
    void binary(byte[] input) {
        if (input.length < 2) return;
        PgCodec<Object> codec = codec(input[0]);
        CodecContext ctx = CONTEXTS[(input[1] & 0xff) % CONTEXTS.length];
        int length = input.length - 2;
        ByteBuf in = Unpooled.wrappedBuffer(input, 2, length);
        Object v = decodedOrRefused(() -> {
            try {
                Object r = codec.decodeBinary(in, length, ctx);
                // the registry refuses a value the codec did not read to the end
                if (in.isReadable()) throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "trailing bytes");
                return r;
            } catch (IndexOutOfBoundsException e) {
                // a read past the value's end: the registry reports it as 22P03 by design
                throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
            }
        }, INPUT_ERRORS, input);
        if (v != null) roundTrips(codec, v, ctx, input);
    }

    private static void roundTrips(PgCodec<Object> codec, Object v, CodecContext ctx, byte[] input) {
        String name = codec.type().name();
        if (v == null || name.equals("void")) return;
        // text output reads back to the same value, whose output is the same text
        String text = codec.encodeText(v, ctx);
        if (!lossyText(codec, ctx)) {
            Object fromText = codec.decodeText(text, ctx);
            check(same(v, fromText), () -> name + " " + show(v) + " as text [" + text + "] reads back as " + show(fromText)
                    + "; input " + hex(input));
            String again = codec.encodeText(fromText, ctx);
            check(again.equals(text), () -> name + " text [" + text + "] reads back and prints as [" + again + "]; input " + hex(input));
        }
        // binary output reads back to the same value, whose output is the same bytes
        byte[] binary = Checks.written(out -> codec.encodeBinary(v, out, ctx));
        ByteBuf b = Unpooled.wrappedBuffer(binary);
        Object fromBinary = codec.decodeBinary(b, binary.length, ctx);
        check(!b.isReadable(), () -> name + " binary " + hex(binary) + " not read to the end");
        check(same(v, fromBinary), () -> name + " " + show(v) + " as binary " + hex(binary) + " reads back as "
                + show(fromBinary) + "; input " + hex(input));
        byte[] binaryAgain = Checks.written(out -> codec.encodeBinary(fromBinary, out, ctx));
        check(Arrays.equals(binary, binaryAgain), () -> name + " binary " + hex(binary) + " reads back and writes as "
                + hex(binaryAgain) + "; input " + hex(input));
    }

    /** With extra_float_digits of 0 or less, float text is rounded, in PostgreSQL as here. */
    private static boolean lossyText(PgCodec<?> codec, CodecContext ctx) {
        if (ctx.extraFloatDigits() > 0) return false;
        PgType t = codec.type().elementType() != null ? codec.type().elementType() : codec.type();
        return t.equals(PgType.FLOAT4) || t.equals(PgType.FLOAT8);
    }

    /** Equal as PostgreSQL values: arrays element by element, timestamptz as instants, bytea by content. */
    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) return x.isEqual(y);
        if (a instanceof PgArray x && b instanceof PgArray y) {
            if (x.elementOid() != y.elementOid() || !Arrays.equals(x.dimensions(), y.dimensions())
                    || !Arrays.equals(x.lowerBounds(), y.lowerBounds())) return false;
            for (int i = 0; i < x.size(); i++) if (!same(x.element(i), y.element(i))) return false;
            return true;
        }
        return Objects.equals(a, b);
    }

    private static String show(Object v) {
        if (v instanceof byte[] b) return hex(b);
        if (v instanceof PgArray a) return a.toString();
        return v + " (" + (v == null ? "null" : v.getClass().getSimpleName()) + ")";
    }

    @SuppressWarnings("unchecked")
    private static PgCodec<Object> codec(byte selector) {
        return (PgCodec<Object>) TYPES.codec(OIDS[(selector & 0xff) % OIDS.length]);
    }

    private static String utf8(byte[] b, int from) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, from, b.length - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
