package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** SASLResponse ('p'): a later SASL message from the client (SCRAM's client-final). */
public record SASLResponse(byte[] data) implements FrontendMessage {

    public static SASLResponse from(PasswordMessage m) {
        return new SASLResponse(m.body());
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte('p');
        out.writeInt(4 + data.length);
        out.writeBytes(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SASLResponse s && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SASLResponse[" + data.length + " bytes]";
    }
}
