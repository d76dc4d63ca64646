package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** ParameterStatus ('S'): the current value of a run-time parameter the client should track. */
public record ParameterStatus(String name, String value) implements BackendMessage {

    public static ParameterStatus decode(ByteBuf in) {
        return new ParameterStatus(Wire.readCString(in), Wire.readCString(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'S');
        Wire.writeCString(out, name);
        Wire.writeCString(out, value);
        Wire.endMessage(out, at);
    }
}
