package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** CopyData ('d'), sent by both sides during COPY. */
public record CopyData(byte[] data) implements FrontendMessage, BackendMessage {

    public static CopyData decode(ByteBuf in) {
        return new CopyData(Wire.readRemaining(in));
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte('d');
        out.writeInt(4 + data.length);
        out.writeBytes(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyData c && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CopyData[" + data.length + " bytes]";
    }
}
