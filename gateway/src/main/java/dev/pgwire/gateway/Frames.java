package dev.pgwire.gateway;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;

/** Reading the few fields the gateway inspects straight from frames, and encoding what it writes itself. */
final class Frames {
    private Frames() {}

    static final byte PARSE_COMPLETE = '1';
    static final byte CLOSE_COMPLETE = '3';

    /** A bodiless backend message ('1' ParseComplete, '3' CloseComplete, ...). */
    static ByteBuf empty(ByteBufAllocator alloc, byte type) {
        return alloc.ioBuffer(5).writeByte(type).writeInt(4);
    }

    static ByteBuf encode(ByteBufAllocator alloc, BackendMessage m) {
        ByteBuf b = alloc.ioBuffer(64);
        m.encode(b);
        return b;
    }

    static ByteBuf readyForQuery(ByteBufAllocator alloc, byte status) {
        return alloc.ioBuffer(6).writeByte('Z').writeInt(5).writeByte(status);
    }

    static ByteBuf commandComplete(ByteBufAllocator alloc, String tag) {
        return encode(alloc, new CommandComplete(tag));
    }

    static ByteBuf error(ByteBufAllocator alloc, PgException e) {
        return encode(alloc, ErrorResponse.of(e));
    }

    static ByteBuf query(ByteBufAllocator alloc, String sql) {
        ByteBuf b = alloc.ioBuffer(sql.length() + 8);
        new Query(sql).encode(b);
        return b;
    }

    /** Index of the NUL ending the C string that starts at {@code from}, or -1. */
    static int cstringEnd(ByteBuf frame, int from, int end) {
        return frame.forEachByte(from, end - from, ByteProcessor.FIND_NUL);
    }

    static String string(ByteBuf frame, int from, int nul) {
        return nul == from ? "" : frame.toString(from, nul - from, StandardCharsets.UTF_8);
    }

    /** The end (exclusive) of the frame starting at {@code start}. */
    static int end(ByteBuf frame, int start) {
        return start + 1 + frame.getInt(start + 1);
    }

    static void cstring(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }

    /** Decodes an ErrorResponse frame into an exception (fields as PostgreSQL sent them). */
    static PgException decodeError(ByteBuf buf, int start) {
        int len = buf.getInt(start + 1);
        return ErrorResponse.decode(buf.slice(start + 5, len - 4)).toException();
    }

    /** The SQLSTATE of an ErrorResponse frame without decoding the rest ('C' field), or null. */
    static String sqlState(ByteBuf buf, int start) {
        int end = end(buf, start);
        int i = start + 5;
        while (i < end && buf.getByte(i) != 0) {
            byte field = buf.getByte(i);
            int nul = cstringEnd(buf, i + 1, end);
            if (nul < 0) return null;
            if (field == 'C') return string(buf, i + 1, nul);
            i = nul + 1;
        }
        return null;
    }

    /** The severity (non-localized 'V', else 'S') of an ErrorResponse frame, or null. */
    static String severity(ByteBuf buf, int start) {
        int end = end(buf, start);
        int i = start + 5;
        String s = null;
        while (i < end && buf.getByte(i) != 0) {
            byte field = buf.getByte(i);
            int nul = cstringEnd(buf, i + 1, end);
            if (nul < 0) return s;
            if (field == 'V') return string(buf, i + 1, nul);
            if (field == 'S') s = string(buf, i + 1, nul);
            i = nul + 1;
        }
        return s;
    }
}
