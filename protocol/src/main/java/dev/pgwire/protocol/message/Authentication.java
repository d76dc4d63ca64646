package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The 'R' messages of the authentication exchange; the first int32 of the body says which. */
public sealed interface Authentication extends BackendMessage {

    int OK = 0, KERBEROS_V5 = 2, CLEARTEXT_PASSWORD = 3, MD5_PASSWORD = 5, GSS = 7, GSS_CONTINUE = 8,
            SSPI = 9, SASL = 10, SASL_CONTINUE = 11, SASL_FINAL = 12;

    static Authentication decode(ByteBuf in) {
        int code = in.readInt();
        return switch (code) {
            case OK -> Ok.INSTANCE;
            case KERBEROS_V5 -> new KerberosV5();
            case CLEARTEXT_PASSWORD -> CleartextPassword.INSTANCE;
            case MD5_PASSWORD -> {
                byte[] salt = new byte[4];
                in.readBytes(salt);
                yield new MD5Password(salt);
            }
            case GSS -> new GSS();
            case GSS_CONTINUE -> new GSSContinue(Wire.readRemaining(in));
            case SSPI -> new SSPI();
            case SASL -> {
                List<String> mechs = new ArrayList<>();
                for (String m = Wire.readCString(in); !m.isEmpty(); m = Wire.readCString(in)) mechs.add(m);
                yield new SASL(List.copyOf(mechs));
            }
            case SASL_CONTINUE -> new SASLContinue(Wire.readRemaining(in));
            case SASL_FINAL -> new SASLFinal(Wire.readRemaining(in));
            default -> throw PgException.protocolViolation("invalid authentication request code " + code);
        };
    }

    private static void writeCode(ByteBuf out, int code) {
        out.writeByte('R');
        out.writeInt(8);
        out.writeInt(code);
    }

    private static void writeWithData(ByteBuf out, int code, byte[] data) {
        out.writeByte('R');
        out.writeInt(8 + data.length);
        out.writeInt(code);
        out.writeBytes(data);
    }

    /** AuthenticationOk. */
    record Ok() implements Authentication {
        public static final Ok INSTANCE = new Ok();
        @Override public void encode(ByteBuf out) { writeCode(out, OK); }
    }

    /** AuthenticationKerberosV5 (no longer used by servers; decoded for completeness). */
    record KerberosV5() implements Authentication {
        @Override public void encode(ByteBuf out) { writeCode(out, KERBEROS_V5); }
    }

    /** AuthenticationCleartextPassword. */
    record CleartextPassword() implements Authentication {
        public static final CleartextPassword INSTANCE = new CleartextPassword();
        @Override public void encode(ByteBuf out) { writeCode(out, CLEARTEXT_PASSWORD); }
    }

    /** AuthenticationMD5Password with its 4-byte salt. */
    record MD5Password(byte[] salt) implements Authentication {
        @Override public void encode(ByteBuf out) { writeWithData(out, MD5_PASSWORD, salt); }
        @Override public boolean equals(Object o) { return o instanceof MD5Password m && Arrays.equals(salt, m.salt); }
        @Override public int hashCode() { return Arrays.hashCode(salt); }
        @Override public String toString() { return "MD5Password"; }
    }

    /** AuthenticationGSS. */
    record GSS() implements Authentication {
        @Override public void encode(ByteBuf out) { writeCode(out, GSS); }
    }

    /** AuthenticationGSSContinue. */
    record GSSContinue(byte[] data) implements Authentication {
        @Override public void encode(ByteBuf out) { writeWithData(out, GSS_CONTINUE, data); }
        @Override public boolean equals(Object o) { return o instanceof GSSContinue m && Arrays.equals(data, m.data); }
        @Override public int hashCode() { return Arrays.hashCode(data); }
    }

    /** AuthenticationSSPI. */
    record SSPI() implements Authentication {
        @Override public void encode(ByteBuf out) { writeCode(out, SSPI); }
    }

    /** AuthenticationSASL: the mechanisms the server offers, in order of preference. */
    record SASL(List<String> mechanisms) implements Authentication {
        @Override public void encode(ByteBuf out) {
            int at = Wire.beginMessage(out, 'R');
            out.writeInt(SASL);
            for (String m : mechanisms) Wire.writeCString(out, m);
            out.writeByte(0);
            Wire.endMessage(out, at);
        }
    }

    /** AuthenticationSASLContinue: SCRAM's server-first message. */
    record SASLContinue(byte[] data) implements Authentication {
        @Override public void encode(ByteBuf out) { writeWithData(out, SASL_CONTINUE, data); }
        @Override public boolean equals(Object o) { return o instanceof SASLContinue m && Arrays.equals(data, m.data); }
        @Override public int hashCode() { return Arrays.hashCode(data); }
        @Override public String toString() { return "SASLContinue[" + data.length + " bytes]"; }
    }

    /** AuthenticationSASLFinal: SCRAM's server-final message. */
    record SASLFinal(byte[] data) implements Authentication {
        @Override public void encode(ByteBuf out) { writeWithData(out, SASL_FINAL, data); }
        @Override public boolean equals(Object o) { return o instanceof SASLFinal m && Arrays.equals(data, m.data); }
        @Override public int hashCode() { return Arrays.hashCode(data); }
        @Override public String toString() { return "SASLFinal[" + data.length + " bytes]"; }
    }
}
