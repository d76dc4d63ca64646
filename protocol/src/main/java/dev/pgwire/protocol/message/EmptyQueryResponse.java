package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** EmptyQueryResponse ('I'). */
public record EmptyQueryResponse() implements BackendMessage {
    public static final EmptyQueryResponse INSTANCE = new EmptyQueryResponse();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, 'I');
    }
}
