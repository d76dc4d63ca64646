package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** ParseComplete ('1'). */
public record ParseComplete() implements BackendMessage {
    public static final ParseComplete INSTANCE = new ParseComplete();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, '1');
    }
}
