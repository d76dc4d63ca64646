package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** FunctionCallResponse ('V'): the result of a fast-path call, null for SQL NULL. */
public record FunctionCallResponse(byte[] result) implements BackendMessage {

    public static FunctionCallResponse decode(ByteBuf in) {
        return new FunctionCallResponse(Wire.readNullableBytes(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'V');
        Wire.writeNullableBytes(out, result);
        Wire.endMessage(out, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunctionCallResponse f && Arrays.equals(result, f.result);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(result);
    }
}
