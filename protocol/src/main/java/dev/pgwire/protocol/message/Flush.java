package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** Flush ('H'): asks the server to send what it has pending without ending the batch. */
public record Flush() implements FrontendMessage {
    public static final Flush INSTANCE = new Flush();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, 'H');
    }
}
