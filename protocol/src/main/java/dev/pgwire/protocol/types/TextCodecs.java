package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The string types (text, varchar, bpchar, name, unknown, "char"), json and jsonb. Their binary
 * form is the UTF-8 text itself (jsonb adds a version byte); the server encoding is UTF8.
 */
final class TextCodecs {
    private TextCodecs() {}

    /** NAMEDATALEN - 1: the most bytes a name holds. */
    static final int NAME_MAX_BYTES = 63;

    /** A type whose text and binary forms are both the string itself. */
    static class StringCodec extends BaseCodec<String> {
        StringCodec(PgType type) {
            super(type, String.class);
        }

        @Override
        public String encodeText(String value, CodecContext ctx) {
            return value;
        }

        @Override
        public String decodeText(String text, CodecContext ctx) {
            checkNoNul(text);
            return text;
        }

        @Override
        public void encodeBinary(String value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(value, StandardCharsets.UTF_8);
        }

        @Override
        public String decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            return decodeText(readUtf8(in, length), ctx);
        }
    }

    static final PgCodec<String> TEXT = new StringCodec(PgType.TEXT);
    static final PgCodec<String> VARCHAR = new StringCodec(PgType.VARCHAR);
    static final PgCodec<String> BPCHAR = new StringCodec(PgType.BPCHAR);
    static final PgCodec<String> UNKNOWN = new StringCodec(PgType.UNKNOWN);

    /** name: namein silently cuts input to 63 bytes; namerecv refuses longer values. */
    static final PgCodec<String> NAME = new StringCodec(PgType.NAME) {
        @Override
        public String decodeText(String text, CodecContext ctx) {
            checkNoNul(text);
            return clipToBytes(text, NAME_MAX_BYTES);
        }

        @Override
        public String decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            if (length > NAME_MAX_BYTES) {
                throw new PgException("42622", "identifier too long")
                        .withDetail("Identifier must be less than " + (NAME_MAX_BYTES + 1) + " characters.");
            }
            return super.decodeBinary(in, length, ctx);
        }
    };

    /** json: kept exactly as written, once it has been checked to be JSON. */
    static final PgCodec<String> JSON = new StringCodec(PgType.JSON) {
        @Override
        public String decodeText(String text, CodecContext ctx) {
            checkNoNul(text);
            JsonText.validate(text, "json");
            return text;
        }
    };

    /** jsonb: normalised as PostgreSQL stores it; binary is version byte 1 then the text. */
    static final PgCodec<String> JSONB = new StringCodec(PgType.JSONB) {
        @Override
        public String decodeText(String text, CodecContext ctx) {
            checkNoNul(text);
            return JsonText.canonical(text);
        }

        @Override
        public void encodeBinary(String value, ByteBuf out, CodecContext ctx) {
            out.writeByte(1);
            out.writeCharSequence(value, StandardCharsets.UTF_8);
        }

        @Override
        public String decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            if (length < 1) throw Errors.invalidBinary("insufficient data left in message");
            int version = in.readByte();
            if (version != 1) throw Errors.invalidBinary("unsupported jsonb version number " + version);
            return decodeText(readUtf8(in, length - 1), ctx);
        }
    };

    /** void: no value; its text is empty and its binary form has no bytes. */
    static final PgCodec<Void> VOID = new BaseCodec<>(PgType.VOID, Void.class) {
        @Override
        public String encodeText(Void value, CodecContext ctx) {
            return "";
        }

        @Override
        public Void decodeText(String text, CodecContext ctx) {
            return null;
        }

        @Override
        public void encodeBinary(Void value, ByteBuf out, CodecContext ctx) {
        }

        @Override
        public Void decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            in.skipBytes(length);  // void_recv ignores its input
            return null;
        }
    };

    /**
     * "char": one byte. Its text is the character for ASCII bytes, {@code \ooo} (octal) for bytes
     * 128..255 and the empty string for 0, as PostgreSQL 15 prints it; the Java value is that text.
     */
    static final PgCodec<String> CHAR = new BaseCodec<>(PgType.CHAR, String.class) {
        @Override
        public String encodeText(String value, CodecContext ctx) {
            return charOut(charIn(value));
        }

        @Override
        public String decodeText(String text, CodecContext ctx) {
            return charOut(charIn(text));
        }

        @Override
        public void encodeBinary(String value, ByteBuf out, CodecContext ctx) {
            out.writeByte(charIn(value));
        }

        @Override
        public String decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("\"char\"", length, 1);
            return charOut(in.readUnsignedByte());
        }
    };

    /** charin: {@code \ooo} is that byte, otherwise the first byte of the UTF-8 text (0 if empty). */
    static int charIn(String s) {
        if (s.length() == 4 && s.charAt(0) == '\\' && isOctal(s.charAt(1)) && isOctal(s.charAt(2)) && isOctal(s.charAt(3))) {
            return ((s.charAt(1) - '0') << 6 | (s.charAt(2) - '0') << 3 | (s.charAt(3) - '0')) & 0xFF;
        }
        if (s.isEmpty()) return 0;
        char c = s.charAt(0);
        if (c < 0x80) return c;
        return s.substring(0, Character.charCount(s.codePointAt(0))).getBytes(StandardCharsets.UTF_8)[0] & 0xFF;
    }

    static String charOut(int b) {
        if (b == 0) return "";
        if (b < 0x80) return String.valueOf((char) b);
        return "\\" + (b >> 6) + ((b >> 3) & 7) + (b & 7);
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    /** Reads {@code length} bytes as strict UTF-8: invalid sequences are 22021 as in PostgreSQL. */
    static String readUtf8(ByteBuf in, int length) {
        if (length == 0) return "";
        ByteBuffer bytes;
        if (in.nioBufferCount() == 1) {
            bytes = in.nioBuffer(in.readerIndex(), length);
            in.skipBytes(length);
        } else {
            bytes = ByteBuffer.wrap(readBytes(in, length));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\"");
        }
    }

    private static byte[] readBytes(ByteBuf in, int length) {
        byte[] b = new byte[length];
        in.readBytes(b);
        return b;
    }

    /** PostgreSQL strings cannot hold NUL. */
    static void checkNoNul(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": 0x00");
        }
    }

    /** The longest prefix of whole characters that fits in {@code max} UTF-8 bytes. */
    static String clipToBytes(String s, int max) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > max) return s.substring(0, i);
            bytes += n;
            i += Character.charCount(cp);
        }
        return s;
    }
}
