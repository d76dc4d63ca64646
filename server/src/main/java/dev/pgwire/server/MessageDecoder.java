package dev.pgwire.server;

import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.FrontendMessages;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Turns the byte stream after authentication into {@link dev.pgwire.protocol.message.FrontendMessage}s.
 * A malformed frame becomes a {@link PgException} passed downstream in order, after the messages
 * before it, and everything after it is discarded: the stream cannot be resynchronised.
 */
final class MessageDecoder extends ByteToMessageDecoder {
    static final String NAME = "decoder";

    private final int maxMessageSize;
    private boolean failed;

    MessageDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (true) {
                int size = FrameReader.typedFrameSize(in, maxMessageSize);
                if (size < 0) return;
                byte type = in.readByte();
                in.skipBytes(4);
                // Decode in place: bound the buffer to this message instead of slicing it, which
                // would allocate a view per message.
                int end = in.readerIndex() + size - 5;
                int writerIndex = in.writerIndex();
                in.writerIndex(end);
                try {
                    out.add(FrontendMessages.decode(type, in));
                } finally {
                    in.writerIndex(writerIndex);
                }
            }
        } catch (PgException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            out.add(e);
        }
    }
}
