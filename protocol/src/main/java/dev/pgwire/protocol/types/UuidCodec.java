package dev.pgwire.protocol.types;

import io.netty.buffer.ByteBuf;

import java.util.UUID;

/** uuid: text {@code a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}; binary the 16 bytes. */
final class UuidCodec extends BaseCodec<UUID> {

    static final UuidCodec INSTANCE = new UuidCodec();

    private UuidCodec() {
        super(PgType.UUID, UUID.class);
    }

    @Override
    public String encodeText(UUID value, CodecContext ctx) {
        return value.toString();  // lower case 8-4-4-4-12, as uuid_out
    }

    /**
     * string_to_uuid: 32 hex digits, optionally in braces, with a hyphen allowed after any group
     * of four digits; no whitespace.
     */
    @Override
    public UUID decodeText(String text, CodecContext ctx) {
        int i = 0;
        int n = text.length();
        boolean braces = n > 0 && text.charAt(0) == '{';
        if (braces) i++;
        long hi = 0;
        long lo = 0;
        for (int b = 0; b < 16; b++) {
            if (i + 1 >= n) throw Errors.invalidText("uuid", text);
            int h = Character.digit(text.charAt(i), 16);
            int l = Character.digit(text.charAt(i + 1), 16);
            if (h < 0 || l < 0 || text.charAt(i) > 'f' || text.charAt(i + 1) > 'f') throw Errors.invalidText("uuid", text);
            i += 2;
            int v = h << 4 | l;
            if (b < 8) hi = hi << 8 | v; else lo = lo << 8 | v;
            if (b % 2 == 1 && b < 15 && i < n && text.charAt(i) == '-') i++;
        }
        if (braces) {
            if (i >= n || text.charAt(i) != '}') throw Errors.invalidText("uuid", text);
            i++;
        }
        if (i != n) throw Errors.invalidText("uuid", text);
        return new UUID(hi, lo);
    }

    @Override
    public void encodeBinary(UUID value, ByteBuf out, CodecContext ctx) {
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    @Override
    public UUID decodeBinary(ByteBuf in, int length, CodecContext ctx) {
        Errors.checkLength("uuid", length, 16);
        return new UUID(in.readLong(), in.readLong());
    }
}
