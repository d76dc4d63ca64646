package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** Sync ('S'): ends an extended-query batch; the server answers ReadyForQuery. */
public record Sync() implements FrontendMessage {
    public static final Sync INSTANCE = new Sync();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, 'S');
    }
}
