package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** Execute ('E'): runs a portal; {@code maxRows} 0 means no limit. */
public record Execute(String portal, int maxRows) implements FrontendMessage {

    public static Execute decode(ByteBuf in) {
        return new Execute(Wire.readCString(in), in.readInt());
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'E');
        Wire.writeCString(out, portal);
        out.writeInt(maxRows);
        Wire.endMessage(out, at);
    }
}
