package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.LinkedHashMap;
import java.util.Map;

/** NoticeResponse ('N'): same fields as ErrorResponse, severity WARNING, NOTICE, INFO, LOG or DEBUG. */
public record NoticeResponse(Map<Character, String> fields) implements BackendMessage {

    public static NoticeResponse decode(ByteBuf in) {
        return new NoticeResponse(readFields(in));
    }

    /** A notice with the given severity (e.g. "NOTICE", "WARNING"), SQLSTATE and message. */
    public static NoticeResponse of(String severity, String sqlState, String message) {
        Map<Character, String> f = new LinkedHashMap<>();
        f.put(ErrorField.SEVERITY, severity);
        f.put(ErrorField.SEVERITY_NONLOCALIZED, severity);
        f.put(ErrorField.CODE, sqlState);
        f.put(ErrorField.MESSAGE, message);
        return new NoticeResponse(f);
    }

    @Override
    public void encode(ByteBuf out) {
        writeFields(out, 'N', fields);
    }

    static Map<Character, String> readFields(ByteBuf in) {
        Map<Character, String> f = new LinkedHashMap<>();
        for (byte code = in.readByte(); code != 0; code = in.readByte()) {
            f.put((char) code, Wire.readCString(in));
        }
        if (f.isEmpty()) throw PgException.protocolViolation("error or notice message without fields");
        return f;
    }

    /**
     * Field values are C strings: a NUL inside one (a message quoting client input) would end the
     * field early and break the frame, so it is written as U+FFFD. The report must reach the
     * client whatever it quotes.
     */
    static void writeFields(ByteBuf out, char type, Map<Character, String> fields) {
        int at = Wire.beginMessage(out, type);
        for (Map.Entry<Character, String> e : fields.entrySet()) {
            out.writeByte(e.getKey());
            Wire.writeCString(out, e.getValue().replace('\0', '\uFFFD'));
        }
        out.writeByte(0);
        Wire.endMessage(out, at);
    }
}
