package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;

/** Low-level helpers shared by the message codecs: C strings and frame headers. */
public final class Wire {
    private Wire() {}

    /** Largest length word PostgreSQL accepts for a regular message (1 GiB − 1, PqRecvLength limit). */
    public static final int MAX_MESSAGE_LENGTH = 0x3FFF_FFFF;
    /** Largest startup-phase packet (PostgreSQL's MAX_STARTUP_PACKET_LENGTH). */
    public static final int MAX_STARTUP_PACKET_LENGTH = 10_000;

    public static final int PROTOCOL_3_0 = 196608;      // 3 << 16
    public static final int PROTOCOL_3_2 = 196610;      // 3 << 16 | 2
    public static final int SSL_REQUEST_CODE = 80877103;
    public static final int GSSENC_REQUEST_CODE = 80877104;
    public static final int CANCEL_REQUEST_CODE = 80877102;

    /** Reads a NUL-terminated UTF-8 string; a missing terminator is a protocol violation. */
    public static String readCString(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.forEachByte(start, in.readableBytes(), ByteProcessor.FIND_NUL);
        if (end < 0) throw PgException.protocolViolation("invalid string in message");
        // the unnamed statement and portal are "": no need to build a string for them
        String s = end == start ? "" : in.toString(start, end - start, StandardCharsets.UTF_8);
        in.readerIndex(end + 1);
        return s;
    }

    public static void writeCString(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }

    /** Writes the type byte and a placeholder length; returns the length word's index. */
    public static int beginMessage(ByteBuf out, char type) {
        out.writeByte(type);
        int at = out.writerIndex();
        out.writeInt(0);
        return at;
    }

    /** Fills in the length word written by {@link #beginMessage}. */
    public static void endMessage(ByteBuf out, int lengthIndex) {
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
    }

    /** A message whose body is empty: type byte and length 4. */
    public static void writeEmpty(ByteBuf out, char type) {
        out.writeByte(type);
        out.writeInt(4);
    }

    /** Reads an int32 length followed by that many bytes, or -1 for SQL NULL. */
    public static byte[] readNullableBytes(ByteBuf in) {
        int len = in.readInt();
        if (len == -1) return null;
        if (len < -1 || len > in.readableBytes()) throw PgException.protocolViolation("invalid value length " + len);
        byte[] b = new byte[len];
        in.readBytes(b);
        return b;
    }

    public static void writeNullableBytes(ByteBuf out, byte[] b) {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.writeBytes(b);
        }
    }

    public static byte[] readRemaining(ByteBuf in) {
        byte[] b = new byte[in.readableBytes()];
        in.readBytes(b);
        return b;
    }

    private static final short[] NO_SHORTS = new short[0];

    static short[] readShorts(ByteBuf in) {
        int n = in.readUnsignedShort();
        if (n == 0) return NO_SHORTS; // arrays of messages are never written to after decoding
        if (n * 2 > in.readableBytes()) throw PgException.protocolViolation("invalid count " + n);
        short[] a = new short[n];
        for (int i = 0; i < n; i++) a[i] = in.readShort();
        return a;
    }

    static void writeShorts(ByteBuf out, short[] a) {
        out.writeShort(a.length);
        for (short s : a) out.writeShort(s);
    }

    static void checkCount(int n, int minBytesEach, ByteBuf in) {
        if (n < 0 || (long) n * minBytesEach > in.readableBytes()) {
            throw PgException.protocolViolation("invalid count " + n);
        }
    }
}
