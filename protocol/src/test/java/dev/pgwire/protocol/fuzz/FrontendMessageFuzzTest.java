package dev.pgwire.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.FrontendMessages;
import dev.pgwire.protocol.message.GSSResponse;
import dev.pgwire.protocol.message.PasswordMessage;
import dev.pgwire.protocol.message.SASLInitialResponse;
import dev.pgwire.protocol.message.SASLResponse;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import static dev.pgwire.protocol.fuzz.Checks.check;
import static dev.pgwire.protocol.fuzz.Checks.decodedOrRefused;
import static dev.pgwire.protocol.fuzz.Checks.hex;
import static dev.pgwire.protocol.fuzz.Checks.only;
import static dev.pgwire.protocol.fuzz.Checks.written;

/**
 * Every frontend message decoder, one message at a time and as the server's byte stream: a body
 * either decodes or is a protocol violation (08P01), and what decodes encodes to a frame that
 * decodes to an equal message. A 'p' body is also read the ways the authentication exchange reads
 * it (password, SASLInitialResponse, SASLResponse, GSSResponse).
 */
class FrontendMessageFuzzTest {
    private static final Predicate<String> PROTOCOL_VIOLATION = only(SqlState.PROTOCOL_VIOLATION);

    /** Input: the type byte, then the body. */
    @FuzzTest
    void decode(byte[] input) {
        if (input.length == 0) return;
        byte type = input[0];
        FrontendMessage m = decodedOrRefused(() -> decode(type, Unpooled.wrappedBuffer(input, 1, input.length - 1)),
                PROTOCOL_VIOLATION, input);
        if (m == null) return;
        check(m.getClass() != PasswordMessage.class || type == 'p', () -> "a PasswordMessage from type " + type);
        roundTrip(m, FrontendMessageFuzzTest::redecode, input);
        if (m instanceof PasswordMessage p) {
            String password = decodedOrRefused(p::password, PROTOCOL_VIOLATION, input);
            if (password != null) {
                check(PasswordMessage.ofPassword(password).password().equals(password), () -> "password of " + hex(input));
            }
            SASLInitialResponse initial = decodedOrRefused(() -> SASLInitialResponse.from(p), PROTOCOL_VIOLATION, input);
            if (initial != null) roundTrip(initial, f -> SASLInitialResponse.from((PasswordMessage) redecode(f)), input);
            roundTrip(SASLResponse.from(p), f -> SASLResponse.from((PasswordMessage) redecode(f)), input);
            roundTrip(GSSResponse.from(p), f -> GSSResponse.from((PasswordMessage) redecode(f)), input);
        }
    }

    /**
     * Input: a client's byte stream after authentication, arriving in two pieces split where the
     * first byte says. Frames are cut and decoded in place as the server's decoder does; the first
     * malformed frame ends the stream. However the bytes arrive, the same messages come out.
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
        boolean failed = feed(cumulation, pieces);
        if (!failed) {
            cumulation.writeBytes(input, split, input.length - split);
            feed(cumulation, pieces);
        }
        check(whole.equals(pieces), () -> "split at " + split + " decodes differently: " + hex(input));
    }

    /** Decodes every whole frame; adds the messages, then the SQLSTATE of a violation. True once one ended the stream. */
    private static boolean feed(ByteBuf in, List<Object> out) {
        try {
            while (true) {
                int size = FrameReader.typedFrameSize(in, Wire.MAX_MESSAGE_LENGTH);
                if (size < 0) return false;
                check(size >= 5 && size <= in.readableBytes(), () -> "frame size " + size + " of " + in.readableBytes());
                byte type = in.readByte();
                in.skipBytes(4);
                int end = in.readerIndex() + size - 5;
                int writerIndex = in.writerIndex();
                in.writerIndex(end);
                try {
                    FrontendMessage m = decode(type, in);
                    check(in.readerIndex() == end, () -> "decoder stopped short of the frame's end");
                    out.add(m);
                } finally {
                    in.writerIndex(writerIndex);
                }
            }
        } catch (PgException e) {
            check(e.sqlState().equals(SqlState.PROTOCOL_VIOLATION), () -> "SQLSTATE " + e.sqlState() + ": " + e.getMessage());
            out.add(e.sqlState());
            return true;
        }
    }

    private static FrontendMessage decode(byte type, ByteBuf body) {
        return FrontendMessages.decode(type, body);
    }

    private static FrontendMessage redecode(byte[] frame) {
        ByteBuf in = Unpooled.wrappedBuffer(frame);
        check(FrameReader.typedFrameSize(in, Wire.MAX_MESSAGE_LENGTH) == frame.length,
                () -> "an encoded frame's length word does not match its size: " + hex(frame));
        return decode(frame[0], in.slice(5, frame.length - 5));
    }

    static <M> void roundTrip(M m, Function<byte[], M> redecode, byte[] input) {
        byte[] frame = written(out -> ((FrontendMessage) m).encode(out));
        M again = redecode.apply(frame);
        check(m.equals(again), () -> m + " re-decoded as " + again + " from " + hex(input));
    }
}
