package dev.pgwire.server;

import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * The frame layer's decoder: splits the byte stream after authentication into whole frames
 * (type byte, length, body) passed on as retained slices of the socket buffer — no copy, no
 * decoding. The header is checked as it arrives (a known frontend type, a length within the
 * limit, no body on Sync/Flush/Terminate/CopyDone); a bad one is a protocol violation that ends
 * the connection.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    static final String NAME = "frames";

    private final int maxMessageSize;
    private boolean failed;

    FrameDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.readableBytes() >= 5) {
                int start = in.readerIndex();
                byte type = in.getByte(start);
                checkHeader(type, in.getInt(start + 1));
                int size = FrameReader.typedFrameSize(in, maxMessageSize);
                if (size < 0) return;
                out.add(in.readRetainedSlice(size));
            }
        } catch (PgException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Message types a client may send after authentication; the bodiless ones must be empty. */
    static void checkHeader(byte type, int length) {
        switch (type) {
            case 'B', 'C', 'd', 'f', 'D', 'E', 'F', 'p', 'P', 'Q' -> { }
            case 'c', 'H', 'S', 'X' -> {
                if (length != 4) {
                    throw PgException.protocolViolation("invalid message format: trailing bytes in '" + (char) type + "' message");
                }
            }
            default -> throw PgException.protocolViolation("invalid frontend message type " + (type & 0xff));
        }
    }
}
