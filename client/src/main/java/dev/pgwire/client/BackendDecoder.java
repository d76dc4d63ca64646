package dev.pgwire.client;

import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the server's byte stream into frames and decodes each into a backend message record.
 *
 * <p>Once at least one whole frame has arrived, everything readable is copied out of the socket
 * buffer in one go and the frames are decoded from that copy: one bulk read of the pooled buffer
 * instead of several small reads per message, which matters when a result has millions of small
 * DataRows (and makes leak-detection bookkeeping, done per buffer access, cheap). A frame still
 * arriving is left in the socket buffer, so a large message is copied once, not once per read.
 */
final class BackendDecoder extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (FrameReader.typedFrameSize(in, Wire.MAX_MESSAGE_LENGTH) < 0) return;
        byte[] chunk = new byte[in.readableBytes()];
        in.getBytes(in.readerIndex(), chunk);
        ByteBuf view = Unpooled.wrappedBuffer(chunk);
        int consumed = 0;
        while (true) {
            int size = FrameReader.typedFrameSize(view, Wire.MAX_MESSAGE_LENGTH);
            if (size < 0) break;
            byte type = view.readByte();
            int length = view.readInt();
            out.add(BackendMessages.decode(type, view.readSlice(length - 4)));
            consumed += size;
        }
        in.skipBytes(consumed);
    }
}
