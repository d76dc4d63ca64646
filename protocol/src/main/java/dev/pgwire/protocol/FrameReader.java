package dev.pgwire.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Finds message boundaries in a byte stream without copying. A regular message is a type byte,
 * an int32 length that counts itself, and a body; a startup packet has no type byte.
 */
public final class FrameReader {
    private FrameReader() {}

    /**
     * Returns the total size (type byte + length + body) of the message at the reader index of
     * {@code in}, or -1 if not all of it has arrived yet. A length below 4 or above
     * {@code maxLength} raises 08P01.
     */
    public static int typedFrameSize(ByteBuf in, int maxLength) {
        if (in.readableBytes() < 5) return -1;
        int len = in.getInt(in.readerIndex() + 1);
        if (len < 4) throw PgException.protocolViolation("invalid message length " + len);
        if (len > maxLength) {
            throw PgException.protocolViolation("message of type " + (in.getByte(in.readerIndex()) & 0xff)
                    + " too long: " + len + " bytes exceeds the limit of " + maxLength);
        }
        // Compared as readable - 1 so that len + 1 cannot overflow when maxLength is Integer.MAX_VALUE.
        return in.readableBytes() - 1 >= len ? len + 1 : -1;
    }

    /**
     * Returns the total size of the startup packet at the reader index, or -1 if incomplete. A
     * length below 8 or above {@code maxLength} raises 08P01.
     */
    public static int startupFrameSize(ByteBuf in, int maxLength) {
        if (in.readableBytes() < 4) return -1;
        int len = in.getInt(in.readerIndex());
        if (len < 8 || len > maxLength) throw PgException.protocolViolation("invalid length of startup packet: " + len);
        return in.readableBytes() >= len ? len : -1;
    }
}
