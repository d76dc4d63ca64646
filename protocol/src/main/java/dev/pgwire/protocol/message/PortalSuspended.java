package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** PortalSuspended ('s'). */
public record PortalSuspended() implements BackendMessage {
    public static final PortalSuspended INSTANCE = new PortalSuspended();

    @Override
    public void encode(ByteBuf out) {
        Wire.writeEmpty(out, 's');
    }
}
