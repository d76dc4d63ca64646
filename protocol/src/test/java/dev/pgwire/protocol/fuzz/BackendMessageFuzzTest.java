package dev.pgwire.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static dev.pgwire.protocol.fuzz.Checks.check;
import static dev.pgwire.protocol.fuzz.Checks.decodedOrRefused;
import static dev.pgwire.protocol.fuzz.Checks.hex;
import static dev.pgwire.protocol.fuzz.Checks.only;
import static dev.pgwire.protocol.fuzz.Checks.written;

/**
 * Every backend message decoder, as the client reads a server: a body either decodes or is a
 * protocol violation (08P01), and what decodes encodes to a frame that decodes to an equal
 * message. An ErrorResponse also becomes the PgException the client raises.
 */
class BackendMessageFuzzTest {
    private static final Predicate<String> PROTOCOL_VIOLATION = only(SqlState.PROTOCOL_VIOLATION);

    /** Input: the type byte, then the body. */
    @FuzzTest
    void decode(byte[] input) {
        if (input.length == 0) return;
        BackendMessage m = decodedOrRefused(
                () -> BackendMessages.decode(input[0], Unpooled.wrappedBuffer(input, 1, input.length - 1)),
                PROTOCOL_VIOLATION, input);
        if (m == null) return;
        byte[] frame = written(m::encode);
        ByteBuf in = Unpooled.wrappedBuffer(frame);
        check(FrameReader.typedFrameSize(in, Wire.MAX_MESSAGE_LENGTH) == frame.length,
                () -> "an encoded frame's length word does not match its size: " + hex(frame));
        BackendMessage again = BackendMessages.decode(frame[0], in.slice(5, frame.length - 5));
        check(m.equals(again), () -> m + " re-decoded as " + again + " from " + hex(input));
        if (m instanceof ErrorResponse e) {
            PgException ex = e.toException();
            check(ex.fields().equals(e.fields()), () -> "error fields changed: " + hex(input));
        }
    }

    /**
     * Input: a server's byte stream, arriving in two pieces split where the first byte says, cut
     * into frames and decoded as the client's decoder does. However the bytes arrive, the same
     * messages come out, and the first malformed frame is a protocol violation.
     */
    @FuzzTest
    void stream(byte[] input) {
        if (input.length == 0) return;
        int split = 1 + (input[0] & 0xff) % input.length;
        List<Object> whole = new ArrayList<>();
        feed(Unpooled.wrappedBuffer(input, 1, input.length - 1), whole);
        List<Object> pieces = new ArrayList<>();
        ByteBuf cumulation = Unpooled.buffer();
        cumulation.writeBytes(input, 1, split - 1);
        if (!feed(cumulation, pieces)) {
            cumulation.writeBytes(input, split, input.length - split);
            feed(cumulation, pieces);
        }
        check(whole.equals(pieces), () -> "split at " + split + " decodes differently: " + hex(input));
    }

    private static boolean feed(ByteBuf in, List<Object> out) {
        try {
            while (true) {
                int size = FrameReader.typedFrameSize(in, Wire.MAX_MESSAGE_LENGTH);
                if (size < 0) return false;
                check(size >= 5 && size <= in.readableBytes(), () -> "frame size " + size + " of " + in.readableBytes());
                byte type = in.readByte();
                int length = in.readInt();
                ByteBuf body = in.readSlice(length - 4);
                out.add(BackendMessages.decode(type, body));
                check(!body.isReadable(), () -> "decoder left bytes of its frame");
            }
        } catch (PgException e) {
            check(e.sqlState().equals(SqlState.PROTOCOL_VIOLATION), () -> "SQLSTATE " + e.sqlState() + ": " + e.getMessage());
            out.add(e.sqlState());
            return true;
        }
    }
}
