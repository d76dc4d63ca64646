package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** bytea: text output in hex format ({@code \x0aff}); input in hex or escape format. */
final class ByteaCodec extends BaseCodec<byte[]> {

    static final ByteaCodec INSTANCE = new ByteaCodec();

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ByteaCodec() {
        super(PgType.BYTEA, byte[].class);
    }

    @Override
    public String encodeText(byte[] value, CodecContext ctx) {
        char[] out = new char[2 + value.length * 2];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < value.length; i++) {
            out[2 + 2 * i] = HEX[(value[i] >> 4) & 0xF];
            out[3 + 2 * i] = HEX[value[i] & 0xF];
        }
        return new String(out);
    }

    @Override
    public byte[] decodeText(String text, CodecContext ctx) {
        TextCodecs.checkNoNul(text);
        if (text.startsWith("\\x")) return decodeHex(text);
        return decodeEscape(text);
    }

    /** hex_decode: pairs of hex digits, whitespace allowed between pairs. */
    private static byte[] decodeHex(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int i = 2;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int hi = hexValue(c);
            if (hi < 0) throw invalidHexDigit(c);
            if (i + 1 >= n) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
            }
            int lo = hexValue(text.charAt(i + 1));
            if (lo < 0) throw invalidHexDigit(text.charAt(i + 1));
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    private static PgException invalidHexDigit(char c) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** The escape format: {@code \\} is a backslash, {@code \ooo} an octal byte, anything else itself. */
    private static byte[] decodeEscape(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; ) {
            if (in[i] != '\\') {
                out.write(in[i++]);
            } else if (i + 3 < in.length && in[i + 1] >= '0' && in[i + 1] <= '3'
                    && in[i + 2] >= '0' && in[i + 2] <= '7' && in[i + 3] >= '0' && in[i + 3] <= '7') {
                out.write((in[i + 1] - '0') << 6 | (in[i + 2] - '0') << 3 | (in[i + 3] - '0'));
                i += 4;
            } else if (i + 1 < in.length && in[i + 1] == '\\') {
                out.write('\\');
                i += 2;
            } else {
                throw Errors.invalidText("bytea", text);
            }
        }
        return out.toByteArray();
    }

    @Override
    public void encodeBinary(byte[] value, ByteBuf out, CodecContext ctx) {
        out.writeBytes(value);
    }

    @Override
    public byte[] decodeBinary(ByteBuf in, int length, CodecContext ctx) {
        byte[] b = new byte[length];
        in.readBytes(b);
        return b;
    }
}
