package dev.pgwire.server;

import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.FrontendMessages;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Turns the byte stream after authentication into {@link FrontendMessage}s.
 *
 * <p>A malformed frame becomes a {@link PgException} passed downstream in order, after the
 * messages before it, and everything after it is discarded: the stream cannot be resynchronised.
 * The header is checked as soon as it arrives (length, known type), so a bad one is refused
 * before its body is buffered.
 *
 * <p>A message above {@link SessionMemory#LARGE_MESSAGE} reserves its length from the session's
 * memory when its header arrives and is passed on as a {@link Large} carrying that reservation,
 * which the session handler returns once the message has run. A message that does not fit becomes
 * a {@link Refused} and its bytes are skipped as they arrive, never buffered: the session answers
 * it with an error and goes on.
 */
final class MessageDecoder extends ByteToMessageDecoder {
    static final String NAME = "decoder";

    /** A decoded message whose bytes are reserved in the session's memory until it has run. */
    record Large(FrontendMessage message, int bytes) {}

    /** A message refused for memory: its type and the error to answer it with. */
    record Refused(byte type, PgException error) {}

    private final int maxMessageSize;
    private final SessionMemory memory;
    private boolean failed;
    /** Bytes of a refused message still to discard. */
    private long skipping;
    /** The reservation made for the large message now being received, or 0. */
    private int reserved;

    MessageDecoder(int maxMessageSize, SessionMemory memory) {
        this.maxMessageSize = maxMessageSize;
        this.memory = memory;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (true) {
                if (skipping > 0) {
                    int n = (int) Math.min(skipping, in.readableBytes());
                    in.skipBytes(n);
                    skipping -= n;
                    if (skipping > 0) return;
                }
                if (in.readableBytes() < 5) return;
                int start = in.readerIndex();
                byte type = in.getByte(start);
                int length = in.getInt(start + 1);
                FrameReader.typedFrameSize(in, maxMessageSize); // checks the length word
                checkHeader(type, length);
                if (length > SessionMemory.LARGE_MESSAGE && reserved == 0) {
                    PgException refusal = memory.reserveMessage(type, length);
                    if (refusal != null) {
                        out.add(new Refused(type, refusal));
                        skipping = length + 1L;
                        continue;
                    }
                    reserved = length;
                }
                int size = FrameReader.typedFrameSize(in, maxMessageSize);
                if (size < 0) return;
                in.skipBytes(5);
                // Decode in place: bound the buffer to this message instead of slicing it, which
                // would allocate a view per message.
                int end = start + size;
                int writerIndex = in.writerIndex();
                in.writerIndex(end);
                FrontendMessage m;
                try {
                    m = FrontendMessages.decode(type, in);
                } finally {
                    in.writerIndex(writerIndex);
                    in.readerIndex(end);
                }
                if (reserved > 0) {
                    out.add(new Large(m, reserved));
                    reserved = 0;
                } else {
                    out.add(m);
                }
            }
        } catch (PgException e) {
            failed = true;
            releaseReservation();
            in.skipBytes(in.readableBytes());
            out.add(e);
        }
    }

    /** Message types a client may send after authentication; the bodiless ones must be empty. */
    private static void checkHeader(byte type, int length) {
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

    private void releaseReservation() {
        if (reserved > 0) {
            memory.releaseMessage(reserved);
            reserved = 0;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseReservation(); // a large message cut off by the connection's end
    }
}
