package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every codec reads back what it writes, in text and in binary, for generated values of every
 * built-in type and for arrays of them; and no input, however malformed, makes a decoder throw
 * anything but a PgException.
 */
class CodecPropertiesTest {

    private static final TypeRegistry TYPES = TypeRegistry.standard();

    @Provide
    Arbitrary<Values.Sample> scalars() {
        return Values.scalars();
    }

    @Provide
    Arbitrary<Values.Sample> arrays() {
        return Values.arrays();
    }

    @Provide
    Arbitrary<CodecContext> contexts() {
        return Values.contexts();
    }

    @Property(tries = 4000)
    void scalarTextRoundTrip(@ForAll("scalars") Values.Sample s, @ForAll("contexts") CodecContext ctx) {
        textRoundTrip(s, ctx);
    }

    @Property(tries = 4000)
    void scalarBinaryRoundTrip(@ForAll("scalars") Values.Sample s, @ForAll("contexts") CodecContext ctx) {
        binaryRoundTrip(s, ctx);
    }

    @Property(tries = 1500)
    void arrayTextRoundTrip(@ForAll("arrays") Values.Sample s, @ForAll("contexts") CodecContext ctx) {
        textRoundTrip(s, ctx);
    }

    @Property(tries = 1500)
    void arrayBinaryRoundTrip(@ForAll("arrays") Values.Sample s, @ForAll("contexts") CodecContext ctx) {
        binaryRoundTrip(s, ctx);
    }

    private static void textRoundTrip(Values.Sample s, CodecContext ctx) {
        String text = TYPES.encodeText(s.oid(), s.value(), ctx);
        Object back = TYPES.decodeText(s.oid(), text, ctx);
        assertThat(Values.normal(back)).as("%s as [%s]", s, text).isEqualTo(Values.normal(s.value()));
        // and the text PostgreSQL would print for what was read is the same text
        assertThat(TYPES.encodeText(s.oid(), back, ctx)).isEqualTo(text);
        byte[] bytes = TYPES.encode(s.oid(), s.value(), TypeRegistry.TEXT, ctx);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    private static void binaryRoundTrip(Values.Sample s, CodecContext ctx) {
        byte[] bytes = TYPES.encode(s.oid(), s.value(), TypeRegistry.BINARY, ctx);
        Object back = TYPES.decode(s.oid(), bytes, TypeRegistry.BINARY, ctx);
        assertThat(Values.normal(back)).as("%s as %s", s, PostgresComparisonTest.hex(bytes))
                .isEqualTo(Values.normal(s.value()));
        // the ByteBuf path writes the same bytes behind an int32 length, and reads them back
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte(0x7f);
            TYPES.encode(s.oid(), s.value(), TypeRegistry.BINARY, ctx, buf);
            buf.writeByte(0x7f);
            assertThat(buf.readByte()).isEqualTo((byte) 0x7f);
            int len = buf.readInt();
            assertThat(len).isEqualTo(bytes.length);
            Object again = TYPES.decode(s.oid(), buf, len, TypeRegistry.BINARY, ctx);
            assertThat(Values.normal(again)).isEqualTo(Values.normal(s.value()));
            assertThat(buf.readByte()).as("reads exactly its own bytes").isEqualTo((byte) 0x7f);
        } finally {
            buf.release();
        }
    }

    @Property(tries = 300)
    void jsonbTextIsItsOwnNormalForm(@ForAll("json") String json) {
        String canonical = TextCodecs.JSONB.decodeText(json, CodecContext.DEFAULT);
        assertThat(TextCodecs.JSONB.decodeText(canonical, CodecContext.DEFAULT)).isEqualTo(canonical);
        assertThat(TextCodecs.JSON.decodeText(json, CodecContext.DEFAULT)).isEqualTo(json);
    }

    @Provide
    Arbitrary<String> json() {
        return Values.json();
    }

    // ---- malformed input -----------------------------------------------------------------------

    static final List<Integer> ALL_OIDS = Values.SCALARS.stream()
            .flatMap(t -> t.arrayOid() == 0 ? java.util.stream.Stream.of(t.oid()) : java.util.stream.Stream.of(t.oid(), t.arrayOid()))
            .toList();

    @Provide
    Arbitrary<Integer> oids() {
        return Arbitraries.of(ALL_OIDS);
    }

    /** Text built from the characters that matter to the parsers. */
    @Provide
    Arbitrary<String> garbageText() {
        Arbitrary<Character> c = Arbitraries.of("0123456789+-.:/ eE{}[]\",\\xXpPtTzZ:@naNIfinity-BCyearsmonday\u00e9\u0000\t"
                .chars().mapToObj(ch -> (char) ch).toList());
        return Arbitraries.oneOf(c.list().ofMaxSize(25).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::append);
            return sb.toString();
        }), Arbitraries.strings().ofMaxLength(20));
    }

    @Property(tries = 3000)
    void malformedTextRaisesOnlyPgException(@ForAll("oids") int oid, @ForAll("garbageText") String text) {
        PgCodec<?> codec = TYPES.codec(oid);
        try {
            codec.decodeText(text, CodecContext.DEFAULT);
        } catch (PgException e) {
            assertThat(e.sqlState()).matches("22...|2202E|42804|54000|54001");
        }
    }

    /** Binary values: valid ones with bytes flipped, cut or added, and random bytes. */
    @Provide
    Arbitrary<Values.Sample> garbageBinary() {
        Arbitrary<Values.Sample> valid = Arbitraries.oneOf(Values.scalars(), Values.arrays())
                .map(s -> new Values.Sample(s.oid(), TYPES.encode(s.oid(), s.value(), 1, CodecContext.DEFAULT)));
        return Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(valid, Arbitraries.integers().between(0, 1000),
                        Arbitraries.bytes(), Arbitraries.integers().between(0, 3)).as((s, pos, b, how) -> {
                            byte[] v = (byte[]) s.value();
                            byte[] out;
                            if (how == 0 && v.length > 0) {
                                out = v.clone();
                                out[pos % v.length] = b;
                            } else if (how == 1) {
                                out = java.util.Arrays.copyOf(v, v.length == 0 ? 0 : pos % v.length);
                            } else if (how == 2) {
                                out = java.util.Arrays.copyOf(v, v.length + 1 + pos % 4);
                            } else {
                                out = v;
                            }
                            return new Values.Sample(s.oid(), out);
                        }),
                net.jqwik.api.Combinators.combine(oids(), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                        .as(Values.Sample::new));
    }

    @Property(tries = 3000)
    void malformedBinaryRaisesOnlyPgException(@ForAll("garbageBinary") Values.Sample s) {
        byte[] raw = (byte[]) s.value();
        try {
            TYPES.decode(s.oid(), raw, TypeRegistry.BINARY, CodecContext.DEFAULT);
        } catch (PgException e) {
            assertThat(e.sqlState()).matches("22...|2202E|42804|54000|42622");
        }
    }
}
