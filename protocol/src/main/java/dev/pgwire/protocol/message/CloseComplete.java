package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** CloseComplete ('3'). */
public record CloseComplete() implements BackendMessage {
    public static final CloseComplete INSTANCE = new CloseComplete();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, '3');
    }
}
