package dev.pgwire.protocol.message;

import dev.pgwire.protocol.testing.Frames;
import dev.pgwire.protocol.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.pgwire.protocol.testing.Buffers.concat;
import static dev.pgwire.protocol.testing.Buffers.written;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message survives encode → FrameReader → decode unchanged, and re-encodes to the same
 * bytes. The frame's length word counts itself and the body but not the type byte.
 */
@ExtendWith(LeakCheck.class)
class RoundTripTest {

    static List<Named<FrontendMessage>> frontend() { return MessageSamples.frontend(); }
    static List<Named<BackendMessage>> backend() { return MessageSamples.backend(); }
    static List<Named<StartupPacket>> startup() { return MessageSamples.startup(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frontend")
    void frontendMessageRoundTrips(FrontendMessage m) {
        byte[] frame = written(m::encode);
        assertTypedFrame(frame);
        FrontendMessage decoded = Frames.frontend(frame);
        assertThat(Frames.interpretLike(m, decoded)).isEqualTo(m);
        assertThat(written(decoded::encode)).isEqualTo(frame);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backend")
    void backendMessageRoundTrips(BackendMessage m) {
        byte[] frame = written(m::encode);
        assertTypedFrame(frame);
        BackendMessage decoded = Frames.backend(frame);
        assertThat(decoded).isEqualTo(m).hasSameClassAs(m);
        assertThat(written(decoded::encode)).isEqualTo(frame);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startup")
    void startupPacketRoundTrips(StartupPacket p) {
        byte[] packet = written(p::encode);
        assertThat(Frames.int32(packet, 0)).as("length word").isEqualTo(packet.length);
        for (int prefix = 0; prefix < packet.length; prefix++) {
            assertThat(Frames.startupSize(Arrays.copyOf(packet, prefix), Wire.MAX_STARTUP_PACKET_LENGTH))
                    .as("size of the first %d bytes", prefix).isEqualTo(-1);
        }
        StartupPacket decoded = Frames.startup(packet);
        assertThat(decoded).isEqualTo(p);
        assertThat(written(decoded::encode)).isEqualTo(packet);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frontend")
    void frontendMessageAppendsAtTheWriterIndex(FrontendMessage m) {
        assertAppends(m::encode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backend")
    void backendMessageAppendsAtTheWriterIndex(BackendMessage m) {
        assertAppends(m::encode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startup")
    void startupPacketAppendsAtTheWriterIndex(StartupPacket p) {
        assertAppends(p::encode);
    }

    @Test
    void everyMessageTypeHasASample() {
        Set<Class<?>> sampled = new HashSet<>();
        Stream.of(frontend(), backend(), startup()).flatMap(List::stream).forEach(n -> sampled.add(n.getPayload().getClass()));
        assertThat(sampled).containsAll(concrete(FrontendMessage.class)).containsAll(concrete(BackendMessage.class))
                .containsAll(concrete(StartupPacket.class));
        assertThat(concrete(BackendMessage.class)).contains(Authentication.SASLFinal.class, CopyResponse.class);
    }

    /** The length word equals the frame size − 1, and FrameReader finds the frame only once all of it is there. */
    static void assertTypedFrame(byte[] frame) {
        assertThat(frame.length).isGreaterThanOrEqualTo(5);
        assertThat(Frames.int32(frame, 1)).as("length word").isEqualTo(frame.length - 1);
        for (int prefix = 0; prefix < frame.length; prefix++) {
            assertThat(Frames.typedSize(Arrays.copyOf(frame, prefix), Wire.MAX_MESSAGE_LENGTH))
                    .as("size of the first %d bytes", prefix).isEqualTo(-1);
        }
        byte[] withNext = concat(frame, new byte[] {'S', 0, 0, 0, 4});
        assertThat(Frames.typedSize(withNext, Wire.MAX_MESSAGE_LENGTH))
                .as("size with the next message behind it").isEqualTo(frame.length);
    }

    private static void assertAppends(Consumer<ByteBuf> encoder) {
        byte[] alone = written(encoder);
        byte[] behindOthers = written(out -> {
            out.writeBytes(new byte[] {1, 2, 3});
            out.readerIndex(2);
            encoder.accept(out);
        });
        assertThat(behindOthers).isEqualTo(concat(new byte[] {3}, alone));
    }

    private static Set<Class<?>> concrete(Class<?> sealed) {
        Set<Class<?>> out = new HashSet<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isSealed()) out.addAll(concrete(c));
            else out.add(c);
        }
        return out;
    }
}
