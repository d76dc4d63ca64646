package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** BindComplete ('2'). */
public record BindComplete() implements BackendMessage {
    public static final BindComplete INSTANCE = new BindComplete();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, '2');
    }
}
