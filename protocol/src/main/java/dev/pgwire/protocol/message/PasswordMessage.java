package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A 'p' message as read off the wire. PasswordMessage, SASLInitialResponse, SASLResponse and
 * GSSResponse share the type byte; which one it is depends on the authentication exchange in
 * progress, so the decoder yields the raw body and the exchange interprets it
 * ({@link #password()}, {@link SASLInitialResponse#from}, {@link SASLResponse#from}).
 */
public record PasswordMessage(byte[] body) implements FrontendMessage {

    public static PasswordMessage decode(ByteBuf in) {
        return new PasswordMessage(Wire.readRemaining(in));
    }

    /** A cleartext or md5 password message carrying {@code password} as a C string. */
    public static PasswordMessage ofPassword(String password) {
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] b = Arrays.copyOf(p, p.length + 1);
        return new PasswordMessage(b);
    }

    /** The body read as a password: a NUL-terminated string. */
    public String password() {
        if (body.length == 0 || body[body.length - 1] != 0) throw PgException.protocolViolation("invalid password packet");
        for (int i = 0; i < body.length - 1; i++) {
            if (body[i] == 0) throw PgException.protocolViolation("invalid password packet");
        }
        return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte('p');
        out.writeInt(4 + body.length);
        out.writeBytes(body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordMessage p && Arrays.equals(body, p.body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "PasswordMessage[" + body.length + " bytes]"; // never print secrets
    }
}
