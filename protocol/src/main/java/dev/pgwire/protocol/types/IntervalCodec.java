package dev.pgwire.protocol.types;

import io.netty.buffer.ByteBuf;

/** interval: binary is int64 microseconds, int32 days, int32 months. */
final class IntervalCodec extends BaseCodec<PgInterval> {

    static final IntervalCodec INSTANCE = new IntervalCodec();

    private IntervalCodec() {
        super(PgType.INTERVAL, PgInterval.class);
    }

    @Override
    public String encodeText(PgInterval value, CodecContext ctx) {
        return IntervalText.format(value);
    }

    @Override
    public PgInterval decodeText(String text, CodecContext ctx) {
        return IntervalText.parse(text);
    }

    @Override
    public void encodeBinary(PgInterval value, ByteBuf out, CodecContext ctx) {
        out.writeLong(value.microseconds());
        out.writeInt(value.days());
        out.writeInt(value.months());
    }

    @Override
    public PgInterval decodeBinary(ByteBuf in, int length, CodecContext ctx) {
        Errors.checkLength("interval", length, 16);
        long micros = in.readLong();
        int days = in.readInt();
        int months = in.readInt();
        return new PgInterval(months, days, micros);
    }
}
