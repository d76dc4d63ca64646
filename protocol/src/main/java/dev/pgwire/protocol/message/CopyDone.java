package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** CopyDone ('c'), sent by both sides to end a COPY stream. */
public record CopyDone() implements FrontendMessage, BackendMessage {
    public static final CopyDone INSTANCE = new CopyDone();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, 'c');
    }
}
