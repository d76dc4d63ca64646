package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** CommandComplete ('C') with its command tag, e.g. {@code SELECT 3} or {@code INSERT 0 1}. */
public record CommandComplete(String tag) implements BackendMessage {

    public static CommandComplete decode(ByteBuf in) {
        return new CommandComplete(Wire.readCString(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'C');
        Wire.writeCString(out, tag);
        Wire.endMessage(out, at);
    }
}
