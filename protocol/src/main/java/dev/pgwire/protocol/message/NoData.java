package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** NoData ('n'). */
public record NoData() implements BackendMessage {
    public static final NoData INSTANCE = new NoData();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, 'n');
    }
}
