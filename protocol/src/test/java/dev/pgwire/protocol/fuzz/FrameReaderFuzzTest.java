package dev.pgwire.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import static dev.pgwire.protocol.fuzz.Checks.check;
import static dev.pgwire.protocol.fuzz.Checks.hex;

/**
 * FrameReader's limits on any header and any amount of arrived data: a size is -1 until the whole
 * frame is there and then exactly what the length word says; a length below the minimum or above
 * the limit is 08P01 as soon as the length word has arrived, and nothing is read from the buffer.
 */
class FrameReaderFuzzTest {

    /** Input: a 4-byte limit (folded into 0 .. 1 GiB − 1), then the bytes that have arrived. */
    @FuzzTest
    void limits(byte[] input) {
        if (input.length < 4) return;
        int limit = (int) (Integer.toUnsignedLong(Checks.int32(input, 0)) % (Wire.MAX_MESSAGE_LENGTH + 1L));
        ByteBuf in = Unpooled.wrappedBuffer(input, 4, input.length - 4);
        int readable = in.readableBytes();

        if (readable >= 5) {
            long len = in.getInt(1);
            Integer size = sizeOrViolation(() -> FrameReader.typedFrameSize(in, limit), input);
            check((size == null) == (len < 4 || len > limit), () -> "typed length " + len + ", limit " + limit + ": " + hex(input));
            if (size != null) check(size == (readable >= len + 1 ? len + 1 : -1), () -> "typed size " + size + ": " + hex(input));
        } else {
            check(FrameReader.typedFrameSize(in, limit) == -1, () -> "typed size of a partial header: " + hex(input));
        }
        check(in.readerIndex() == 0 && in.readableBytes() == readable, () -> "typedFrameSize moved the buffer");

        if (readable >= 4) {
            long len = in.getInt(0);
            Integer size = sizeOrViolation(() -> FrameReader.startupFrameSize(in, limit), input);
            check((size == null) == (len < 8 || len > limit), () -> "startup length " + len + ", limit " + limit + ": " + hex(input));
            if (size != null) check(size == (readable >= len ? len : -1), () -> "startup size " + size + ": " + hex(input));
        } else {
            check(FrameReader.startupFrameSize(in, limit) == -1, () -> "startup size of a partial header: " + hex(input));
        }
        check(in.readerIndex() == 0 && in.readableBytes() == readable, () -> "startupFrameSize moved the buffer");
    }

    private static Integer sizeOrViolation(java.util.function.IntSupplier size, byte[] input) {
        try {
            return size.getAsInt();
        } catch (PgException e) {
            check(e.sqlState().equals(SqlState.PROTOCOL_VIOLATION), () -> "SQLSTATE " + e.sqlState() + " for " + hex(input));
            return null;
        }
    }
}
