package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** GSSResponse ('p'): a GSSAPI or SSPI token from the client. */
public record GSSResponse(byte[] data) implements FrontendMessage {

    public static GSSResponse from(PasswordMessage m) {
        return new GSSResponse(m.body());
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte('p');
        out.writeInt(4 + data.length);
        out.writeBytes(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GSSResponse s && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
