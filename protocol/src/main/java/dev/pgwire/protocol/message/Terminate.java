package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** Terminate ('X'): the client is closing the connection. */
public record Terminate() implements FrontendMessage {
    public static final Terminate INSTANCE = new Terminate();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, 'X');
    }
}
