package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** NotificationResponse ('A'): a NOTIFY delivered to a listening session. */
public record NotificationResponse(int processId, String channel, String payload) implements BackendMessage {

    public static NotificationResponse decode(ByteBuf in) {
        return new NotificationResponse(in.readInt(), Wire.readCString(in), Wire.readCString(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'A');
        out.writeInt(processId);
        Wire.writeCString(out, channel);
        Wire.writeCString(out, payload);
        Wire.endMessage(out, at);
    }
}
