package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** Query ('Q'): a simple-protocol query string, possibly several statements. */
public record Query(String sql) implements FrontendMessage {

    public static Query decode(ByteBuf in) {
        return new Query(Wire.readCString(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'Q');
        Wire.writeCString(out, sql);
        Wire.endMessage(out, at);
    }
}
