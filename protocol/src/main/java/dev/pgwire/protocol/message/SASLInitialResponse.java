package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Arrays;

/** SASLInitialResponse ('p'): the chosen mechanism and the client-first message ({@code data} null if absent). */
public record SASLInitialResponse(String mechanism, byte[] data) implements FrontendMessage {

    public static SASLInitialResponse from(PasswordMessage m) {
        ByteBuf in = Unpooled.wrappedBuffer(m.body());
        try {
            String mech = Wire.readCString(in);
            byte[] data = Wire.readNullableBytes(in);
            if (in.isReadable()) throw PgException.protocolViolation("invalid SASL initial response");
            return new SASLInitialResponse(mech, data);
        } catch (IndexOutOfBoundsException e) {
            throw PgException.protocolViolation("invalid SASL initial response");
        }
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'p');
        Wire.writeCString(out, mechanism);
        Wire.writeNullableBytes(out, data);
        Wire.endMessage(out, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SASLInitialResponse s && mechanism.equals(s.mechanism) && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return mechanism.hashCode();
    }

    @Override
    public String toString() {
        return "SASLInitialResponse[" + mechanism + "]";
    }
}
