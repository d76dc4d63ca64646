package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.testing.Frames;
import dev.pgwire.protocol.testing.LeakCheck;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import static dev.pgwire.protocol.testing.Buffers.hex;
import static dev.pgwire.protocol.testing.Buffers.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random mutations and truncations of valid bodies never make a decoder throw anything but a
 * PgException (08P01, or 0A000 for a startup packet's protocol version). What does decode is
 * well-formed: it encodes to bytes that decode to an equal message. Fixed seed, bounded work.
 */
@ExtendWith(LeakCheck.class)
class FuzzTest {
    private static final long SEED = 0x5eed_0f_f00dL;
    private static final int MUTANTS_PER_SAMPLE = 300;

    static List<Named<FrontendMessage>> frontend() { return MessageSamples.frontend(); }
    static List<Named<BackendMessage>> backend() { return MessageSamples.backend(); }
    static List<Named<StartupPacket>> startup() { return MessageSamples.startup(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frontend")
    void mutatedFrontendBodies(FrontendMessage m) {
        byte[] frame = written(m::encode);
        char type = (char) frame[0];
        for (byte[] body : new Mutator(Frames.typedBodyOf(frame)).mutants()) {
            FrontendMessage d = decodes(body, Set.of(SqlState.PROTOCOL_VIOLATION), () -> Frames.frontendBody(type, body));
            if (d == null) continue;
            assertThat(Frames.frontend(written(d::encode))).as("re-decoded %s", hex(body)).isEqualTo(d);
            if (d instanceof PasswordMessage p) {
                decodes(body, Set.of(SqlState.PROTOCOL_VIOLATION), () -> SASLInitialResponse.from(p));
                decodes(body, Set.of(SqlState.PROTOCOL_VIOLATION), p::password);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backend")
    void mutatedBackendBodies(BackendMessage m) {
        byte[] frame = written(m::encode);
        char type = (char) frame[0];
        for (byte[] body : new Mutator(Frames.typedBodyOf(frame)).mutants()) {
            BackendMessage d = decodes(body, Set.of(SqlState.PROTOCOL_VIOLATION), () -> Frames.backendBody(type, body));
            if (d == null) continue;
            assertThat(Frames.backend(written(d::encode))).as("re-decoded %s", hex(body)).isEqualTo(d);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startup")
    void mutatedStartupPacketBodies(StartupPacket p) {
        byte[] packet = written(p::encode);
        for (byte[] body : new Mutator(Arrays.copyOfRange(packet, 4, packet.length)).mutants()) {
            StartupPacket d = decodes(body, Set.of(SqlState.PROTOCOL_VIOLATION, SqlState.FEATURE_NOT_SUPPORTED),
                    () -> Frames.startupBody(body));
            if (d == null) continue;
            assertThat(Frames.startup(written(d::encode))).as("re-decoded %s", hex(body)).isEqualTo(d);
        }
    }

    @Test
    void everyTypeByteWithAnyBody() {
        Random random = new Random(SEED);
        List<byte[]> bodies = new ArrayList<>(List.of(new byte[0], new byte[] {0}, new byte[] {-1, -1, -1, -1}));
        for (int i = 0; i < 5; i++) {
            byte[] b = new byte[random.nextInt(24)];
            random.nextBytes(b);
            bodies.add(b);
        }
        for (int type = 0; type < 256; type++) {
            char t = (char) type;
            for (byte[] body : bodies) {
                decodes(body, Set.of(SqlState.PROTOCOL_VIOLATION), () -> Frames.frontendBody(t, body));
                decodes(body, Set.of(SqlState.PROTOCOL_VIOLATION), () -> Frames.backendBody(t, body));
            }
        }
    }

    @Test
    void frameReaderOnRandomHeaders() {
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(14)];
            random.nextBytes(b);
            if (b.length >= 5 && random.nextBoolean()) b[1] = (byte) (random.nextBoolean() ? 0 : 0x7f); // sometimes plausible
            try {
                int size = Frames.typedSize(b, 4096);
                assertThat(size == -1 || (size >= 5 && size <= b.length)).as("typed size %d of %s", size, hex(b)).isTrue();
            } catch (PgException e) {
                assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
            }
            try {
                int size = Frames.startupSize(b, Wire.MAX_STARTUP_PACKET_LENGTH);
                assertThat(size == -1 || (size >= 8 && size <= b.length)).as("startup size %d of %s", size, hex(b)).isTrue();
            } catch (PgException e) {
                assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
            }
        }
    }

    /** The decoded message, or null after a PgException with one of the allowed SQLSTATEs. */
    private static <T> T decodes(byte[] body, Set<String> allowedStates, Supplier<T> decode) {
        try {
            return decode.get();
        } catch (PgException e) {
            if (!allowedStates.contains(e.sqlState())) fail("SQLSTATE " + e.sqlState() + " for body " + hex(body), e);
            return null;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(e + " for body " + hex(body), e);
        }
    }

    /** Deterministic variations of a valid body: every truncation, then random mutations. */
    static final class Mutator {
        private static final int[] INT32S = {0, 1, -1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffff, 0x10000, 256, 257};
        private static final int[] INT16S = {0, 1, 0xffff, 0x7fff, 0x8000, 2, 3};
        private static final int[] BYTES = {0, 1, 0xff, 0x7f, 0x80, 'S', 'P', 'I'};

        private final byte[] valid;
        private final Random random;

        Mutator(byte[] valid) {
            this.valid = valid;
            this.random = new Random(SEED ^ Arrays.hashCode(valid));
        }

        List<byte[]> mutants() {
            List<byte[]> out = new ArrayList<>();
            for (int n = 0; n < valid.length; n++) out.add(Arrays.copyOf(valid, n));
            out.add(Arrays.copyOf(valid, valid.length + 1));
            for (int i = 0; i < MUTANTS_PER_SAMPLE; i++) {
                byte[] b = valid.clone();
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) b = mutate(b);
                out.add(b);
            }
            return out;
        }

        private byte[] mutate(byte[] b) {
            int op = random.nextInt(9);
            if (b.length == 0 && op < 7) op = 7;
            switch (op) {
                case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[random.nextInt(b.length)] = (byte) BYTES[random.nextInt(BYTES.length)];
                case 2 -> put(b, INT16S[random.nextInt(INT16S.length)], 2);
                case 3 -> put(b, INT32S[random.nextInt(INT32S.length)], 4);
                case 4 -> put(b, b.length - random.nextInt(8), 4);
                case 5 -> b = Arrays.copyOf(b, random.nextInt(b.length));
                case 6 -> {
                    int at = random.nextInt(b.length);
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                case 7 -> {
                    int at = random.nextInt(b.length + 1);
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                default -> {
                    byte[] tail = new byte[1 + random.nextInt(8)];
                    random.nextBytes(tail);
                    byte[] longer = Arrays.copyOf(b, b.length + tail.length);
                    System.arraycopy(tail, 0, longer, b.length, tail.length);
                    b = longer;
                }
            }
            return b;
        }

        /** Overwrites a big-endian value of {@code width} bytes at a random offset, where it fits. */
        private void put(byte[] b, int value, int width) {
            if (b.length < width) return;
            int at = random.nextInt(b.length - width + 1);
            for (int i = 0; i < width; i++) b[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
    }
}
