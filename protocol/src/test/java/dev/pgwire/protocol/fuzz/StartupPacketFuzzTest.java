package dev.pgwire.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.StartupPacket;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import static dev.pgwire.protocol.fuzz.Checks.check;
import static dev.pgwire.protocol.fuzz.Checks.decodedOrRefused;
import static dev.pgwire.protocol.fuzz.Checks.hex;
import static dev.pgwire.protocol.fuzz.Checks.only;
import static dev.pgwire.protocol.fuzz.Checks.written;

/**
 * The untyped packets of the startup phase — SSLRequest, GSSENCRequest, CancelRequest and
 * StartupMessage — framed with the pre-authentication limit of 10 000 bytes. A packet either
 * decodes or is refused with 08P01 (0A000 for an unsupported protocol version), and what decodes
 * encodes to a packet that decodes to an equal one.
 */
class StartupPacketFuzzTest {

    /** Input: the first bytes a client sends, length word included. */
    @FuzzTest
    void decode(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        Integer size = decodedOrRefused(() -> FrameReader.startupFrameSize(in, Wire.MAX_STARTUP_PACKET_LENGTH),
                only(SqlState.PROTOCOL_VIOLATION), input);
        if (size == null || size < 0) return;
        check(size >= 8 && size <= input.length && size <= Wire.MAX_STARTUP_PACKET_LENGTH, () -> "packet size " + size);
        StartupPacket p = decodedOrRefused(() -> StartupPacket.decode(in.slice(4, size - 4)),
                only(SqlState.PROTOCOL_VIOLATION, SqlState.FEATURE_NOT_SUPPORTED), input);
        if (p == null) return;
        byte[] packet = written(p::encode);
        ByteBuf again = Unpooled.wrappedBuffer(packet);
        // invalid UTF-8 in a parameter comes back as U+FFFD, three bytes for one: no limit here
        check(FrameReader.startupFrameSize(again, Integer.MAX_VALUE) == packet.length,
                () -> "an encoded packet's length word does not match its size: " + hex(packet));
        StartupPacket p2 = StartupPacket.decode(again.slice(4, packet.length - 4));
        check(p.equals(p2), () -> p + " re-decoded as " + p2 + " from " + hex(input));
    }
}
