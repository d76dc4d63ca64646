package dev.pgwire.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.CopyResponse;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.FrontendMessages;
import io.netty.buffer.Unpooled;

import java.util.Arrays;

import static dev.pgwire.protocol.fuzz.Checks.check;
import static dev.pgwire.protocol.fuzz.Checks.decodedOrRefused;
import static dev.pgwire.protocol.fuzz.Checks.hex;
import static dev.pgwire.protocol.fuzz.Checks.only;
import static dev.pgwire.protocol.fuzz.Checks.written;

/**
 * The messages of COPY: CopyData, CopyDone and CopyFail from the client, CopyData, CopyDone and
 * Copy{In,Out,Both}Response from the server. CopyData carries its bytes untouched whatever they
 * are; the others decode or are 08P01, and re-encode to what they were.
 */
class CopyMessageFuzzTest {
    private static final byte[] FRONTEND = {'d', 'c', 'f'};
    private static final byte[] BACKEND = {'d', 'c', 'G', 'H', 'W'};

    /** Input: a selector byte (low bit: direction; the rest: which message), then the body. */
    @FuzzTest
    void decode(byte[] input) {
        if (input.length == 0) return;
        boolean fromClient = (input[0] & 1) == 0;
        byte[] types = fromClient ? FRONTEND : BACKEND;
        byte type = types[((input[0] & 0xff) >>> 1) % types.length];
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        Object m = decodedOrRefused(() -> fromClient
                        ? FrontendMessages.decode(type, Unpooled.wrappedBuffer(body))
                        : BackendMessages.decode(type, Unpooled.wrappedBuffer(body)),
                only(SqlState.PROTOCOL_VIOLATION), input);
        if (m == null) return;
        switch (type) {
            case 'd' -> check(Arrays.equals(((CopyData) m).data(), body), () -> "CopyData changed its bytes: " + hex(input));
            case 'c' -> check(m == CopyDone.INSTANCE && body.length == 0, () -> "CopyDone with a body: " + hex(input));
            case 'f' -> check(m instanceof CopyFail, () -> "not a CopyFail: " + m);
            default -> check(m instanceof CopyResponse r && r.kind().type == type, () -> "not a CopyResponse: " + m);
        }
        byte[] frame = written(out -> {
            if (m instanceof FrontendMessage f) f.encode(out); else ((BackendMessage) m).encode(out);
        });
        check(frame[0] == type, () -> "encoded as type " + frame[0]);
        byte[] again = Arrays.copyOfRange(frame, 5, frame.length);
        Object m2 = fromClient ? FrontendMessages.decode(type, Unpooled.wrappedBuffer(again))
                : BackendMessages.decode(type, Unpooled.wrappedBuffer(again));
        check(m.equals(m2), () -> m + " re-decoded as " + m2 + " from " + hex(input));
    }
}
