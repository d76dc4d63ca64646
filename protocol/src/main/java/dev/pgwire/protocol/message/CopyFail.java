package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** CopyFail ('f'): the client aborts COPY FROM STDIN with a reason. */
public record CopyFail(String message) implements FrontendMessage {

    public static CopyFail decode(ByteBuf in) {
        return new CopyFail(Wire.readCString(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'f');
        Wire.writeCString(out, message);
        Wire.endMessage(out, at);
    }
}
