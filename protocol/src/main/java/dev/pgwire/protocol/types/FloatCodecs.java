package dev.pgwire.protocol.types;

import io.netty.buffer.ByteBuf;

/** float4 and float8: IEEE 754 values, sent as their raw bits in network order. */
final class FloatCodecs {
    private FloatCodecs() {}

    static final PgCodec<Float> FLOAT4 = new BaseCodec<>(PgType.FLOAT4, Float.class) {
        @Override
        public String encodeText(Float value, CodecContext ctx) {
            return FloatText.formatFloat(value, ctx.extraFloatDigits());
        }

        @Override
        public Float decodeText(String text, CodecContext ctx) {
            return FloatText.parseFloat(text);
        }

        @Override
        public void encodeBinary(Float value, ByteBuf out, CodecContext ctx) {
            out.writeInt(Float.floatToRawIntBits(value));
        }

        @Override
        public Float decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("real", length, 4);
            return Float.intBitsToFloat(in.readInt());
        }
    };

    static final PgCodec<Double> FLOAT8 = new BaseCodec<>(PgType.FLOAT8, Double.class) {
        @Override
        public String encodeText(Double value, CodecContext ctx) {
            return FloatText.formatDouble(value, ctx.extraFloatDigits());
        }

        @Override
        public Double decodeText(String text, CodecContext ctx) {
            return FloatText.parseDouble(text, "double precision");
        }

        @Override
        public void encodeBinary(Double value, ByteBuf out, CodecContext ctx) {
            out.writeLong(Double.doubleToRawLongBits(value));
        }

        @Override
        public Double decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("double precision", length, 8);
            return Double.longBitsToDouble(in.readLong());
        }
    };
}
