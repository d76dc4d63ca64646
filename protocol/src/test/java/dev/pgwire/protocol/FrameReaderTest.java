package dev.pgwire.protocol;

import dev.pgwire.protocol.message.Wire;
import dev.pgwire.protocol.testing.Buffers;
import dev.pgwire.protocol.testing.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static dev.pgwire.protocol.testing.Buffers.bytes;
import static dev.pgwire.protocol.testing.Frames.startupSize;
import static dev.pgwire.protocol.testing.Frames.typedSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Framing rules: a regular message's length word counts itself, a startup packet's too (no type byte). */
@ExtendWith(LeakCheck.class)
class FrameReaderTest {
    private static final int LIMIT = Wire.MAX_MESSAGE_LENGTH;

    @Test
    void typedFrameIsIncompleteUntilTheHeaderHasArrived() {
        assertThat(typedSize(bytes(), LIMIT)).isEqualTo(-1);
        assertThat(typedSize(bytes('Q'), LIMIT)).isEqualTo(-1);
        assertThat(typedSize(bytes('Q', 0, 0, 0), LIMIT)).isEqualTo(-1);
        // Even a header that will turn out invalid is not judged before all five bytes are there.
        assertThat(typedSize(bytes('Q', 0xff, 0xff, 0xff), LIMIT)).isEqualTo(-1);
    }

    @Test
    void typedFrameIsIncompleteUntilTheWholeBodyHasArrived() {
        assertThat(typedSize(bytes('Z', 0, 0, 0, 5), LIMIT)).isEqualTo(-1);
        assertThat(typedSize(bytes('Z', 0, 0, 0, 5, 'I'), LIMIT)).isEqualTo(6);
        assertThat(typedSize(bytes('Z', 0, 0, 0, 5, 'I', 'S', 0, 0, 0, 4), LIMIT)).isEqualTo(6);
    }

    @Test
    void typedFrameWithLengthFourHasAnEmptyBody() {
        assertThat(typedSize(bytes('S', 0, 0, 0, 4), LIMIT)).isEqualTo(5);
    }

    @ParameterizedTest(name = "length word {0}")
    @ValueSource(ints = {0, 1, 3, -1, Integer.MIN_VALUE})
    void typedFrameLengthBelowFourIsAProtocolViolation(int length) {
        assertThatThrownBy(() -> typedSize(typedHeader('Q', length), LIMIT))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION));
    }

    @Test
    void typedFrameOverTheLimitIsRejectedBeforeItsBodyArrives() {
        assertThatThrownBy(() -> typedSize(typedHeader('D', 1001), 1000))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
                    assertThat(e.getMessage()).contains("1001").contains("1000");
                });
        assertThatThrownBy(() -> typedSize(typedHeader('D', LIMIT + 1), LIMIT)).isInstanceOf(PgException.class);
        assertThatThrownBy(() -> typedSize(typedHeader('D', Integer.MAX_VALUE), LIMIT)).isInstanceOf(PgException.class);
    }

    @Test
    void typedFrameAtTheLimitIsAccepted() {
        assertThat(typedSize(typedHeader('D', 1000), 1000)).isEqualTo(-1);
        assertThat(typedSize(typedHeader('D', LIMIT), LIMIT)).isEqualTo(-1);
    }

    @Test
    void typedFrameOfTheLargestLengthWordIsIncompleteNotANegativeSize() {
        // Size = length + 1 must not overflow when a caller passes Integer.MAX_VALUE as "no limit".
        assertThat(typedSize(typedHeader('d', Integer.MAX_VALUE), Integer.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void typedFrameIsMeasuredFromTheReaderIndexWithoutConsumingAnything() {
        byte[] stream = bytes('S', 0, 0, 0, 4, 'Z', 0, 0, 0, 5, 'T');
        Buffers.with(stream, in -> {
            assertThat(FrameReader.typedFrameSize(in, LIMIT)).isEqualTo(5);
            assertThat(in.readerIndex()).isZero();
            in.skipBytes(5);
            assertThat(FrameReader.typedFrameSize(in, LIMIT)).isEqualTo(6);
            assertThat(in.readerIndex()).isEqualTo(5);
            return null;
        });
    }

    @Test
    void startupPacketIsIncompleteUntilTheWholePacketHasArrived() {
        assertThat(startupSize(bytes(), Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(-1);
        assertThat(startupSize(bytes(0, 0, 0), Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(-1);
        assertThat(startupSize(bytes(0, 0, 0, 8), Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(-1);
        assertThat(startupSize(bytes(0, 0, 0, 8, 4, 0xd2, 0x16), Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(-1);
        assertThat(startupSize(bytes(0, 0, 0, 8, 4, 0xd2, 0x16, 0x2f), Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(8);
        assertThat(startupSize(bytes(0, 0, 0, 8, 4, 0xd2, 0x16, 0x2f, 0, 0), Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(8);
    }

    @ParameterizedTest(name = "length word {0}")
    @ValueSource(ints = {7, 4, 0, -1, Integer.MIN_VALUE, 10_001, Integer.MAX_VALUE})
    void startupPacketShorterThanEightOrLongerThan10000IsAProtocolViolation(int length) {
        assertThatThrownBy(() -> startupSize(int32(length), Wire.MAX_STARTUP_PACKET_LENGTH))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
                    assertThat(e.getMessage()).isEqualTo("invalid length of startup packet: " + length);
                });
    }

    @Test
    void startupPacketOfExactly10000BytesIsAccepted() {
        assertThat(Wire.MAX_STARTUP_PACKET_LENGTH).isEqualTo(10_000);
        assertThat(startupSize(int32(10_000), Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(-1);
        byte[] packet = new byte[10_000];
        System.arraycopy(int32(10_000), 0, packet, 0, 4);
        assertThat(startupSize(packet, Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(10_000);
        assertThat(startupSize(Arrays.copyOf(packet, 9_999), Wire.MAX_STARTUP_PACKET_LENGTH)).isEqualTo(-1);
    }

    @Test
    void limitsAreThoseOfPostgres() {
        assertThat(Wire.MAX_MESSAGE_LENGTH).isEqualTo((1 << 30) - 1);
    }

    private static byte[] typedHeader(char type, int length) {
        return Buffers.concat(bytes(type), int32(length));
    }

    private static byte[] int32(int v) {
        return bytes(v >>> 24, v >>> 16, v >>> 8, v);
    }
}
