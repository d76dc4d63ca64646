package dev.pgwire.protocol.pg15;

import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.FrontendMessages;
import dev.pgwire.protocol.message.GSSENCRequest;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupPacket;
import dev.pgwire.protocol.message.Wire;
import dev.pgwire.protocol.testing.Buffers;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One recorded PostgreSQL 15 conversation (src/test/resources/pg15/NAME.txt), cut into messages
 * the way the two ends would cut it: FrameReader finds each frame in the concatenated stream,
 * untyped startup packets first, then typed messages; the server's one-byte answer to an
 * SSLRequest or GSSENCRequest precedes its messages.
 */
final class Capture {

    /** One frame and what it decoded to: a message, a one-byte encryption answer, or the PgException. */
    record Frame(byte[] bytes, Object decoded) {
        @Override
        public String toString() {
            return decoded + " " + Buffers.hex(bytes);
        }
    }

    final String name;
    final List<String> comments = new ArrayList<>();
    final byte[] frontendStream;
    final byte[] backendStream;
    final List<Frame> frontend;
    final List<Frame> backend;

    private Capture(String name, List<String> lines) {
        this.name = name;
        List<byte[]> f = new ArrayList<>();
        List<byte[]> b = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) continue;
            if (line.startsWith("#")) comments.add(line.substring(1).trim());
            else if (line.startsWith("F ")) f.add(Buffers.hex(line.substring(2).trim()));
            else if (line.startsWith("B ")) b.add(Buffers.hex(line.substring(2).trim()));
            else throw new IllegalArgumentException(name + ": unexpected line " + line);
        }
        frontendStream = Buffers.concat(f.toArray(byte[][]::new));
        backendStream = Buffers.concat(b.toArray(byte[][]::new));
        frontend = Buffers.with(frontendStream, this::cutFrontend);
        long encryptionRequests = frontend.stream()
                .filter(fr -> fr.decoded instanceof SSLRequest || fr.decoded instanceof GSSENCRequest).count();
        backend = Buffers.with(backendStream, in -> cutBackend(in, encryptionRequests));
    }

    static Capture load(String name) {
        try (InputStream in = Capture.class.getResourceAsStream("/pg15/" + name + ".txt")) {
            if (in == null) throw new IllegalArgumentException("no capture " + name);
            return new Capture(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of all recorded conversations. */
    static List<String> names() {
        URL dir = Capture.class.getResource("/pg15");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the client sent: StartupPacket and FrontendMessage instances (or PgException for a rejected one). */
    List<Object> sent() {
        return frontend.stream().map(Frame::decoded).toList();
    }

    /** What the server sent, one-byte encryption answers as Character. */
    List<Object> received() {
        return backend.stream().map(Frame::decoded).toList();
    }

    /** The server's messages after the first ReadyForQuery, i.e. after the startup phase. */
    List<Object> receivedAfterStartup() {
        List<Object> all = received();
        int ready = all.indexOf(ReadyForQuery.IDLE);
        return all.subList(ready + 1, all.size());
    }

    /** The server's messages up to and including the first ReadyForQuery. */
    List<Object> receivedDuringStartup() {
        List<Object> all = received();
        return all.subList(0, all.indexOf(ReadyForQuery.IDLE) + 1);
    }

    @SuppressWarnings("unchecked")
    <T> List<T> received(Class<T> type) {
        return (List<T>) received().stream().filter(type::isInstance).toList();
    }

    @SuppressWarnings("unchecked")
    <T> List<T> sent(Class<T> type) {
        return (List<T>) sent().stream().filter(type::isInstance).toList();
    }

    /** The n-th (from 0) frame the client sent that decoded to the given type. */
    Frame sentFrame(Class<?> type, int n) {
        return frontend.stream().filter(f -> type.isInstance(f.decoded)).skip(n).findFirst().orElseThrow();
    }

    /** The n-th (from 0) frame the server sent that decoded to the given type. */
    Frame receivedFrame(Class<?> type, int n) {
        return backend.stream().filter(f -> type.isInstance(f.decoded)).skip(n).findFirst().orElseThrow();
    }

    /** What our encoder writes for a message of any of the three kinds. */
    static byte[] encoded(Object message) {
        if (message instanceof FrontendMessage m) return Buffers.written(m::encode);
        if (message instanceof BackendMessage m) return Buffers.written(m::encode);
        if (message instanceof StartupPacket m) return Buffers.written(m::encode);
        throw new IllegalArgumentException("not a message: " + message);
    }

    @Override
    public String toString() {
        return name;
    }

    private List<Frame> cutFrontend(ByteBuf in) {
        List<Frame> out = new ArrayList<>();
        boolean startupPhase = true;
        while (in.isReadable()) {
            int start = in.readerIndex();
            if (startupPhase) {
                int size = complete(FrameReader.startupFrameSize(in, Wire.MAX_STARTUP_PACKET_LENGTH));
                Object decoded;
                try {
                    decoded = StartupPacket.decode(in.slice(start + 4, size - 4));
                } catch (PgException e) {
                    decoded = e;
                }
                startupPhase = decoded instanceof SSLRequest || decoded instanceof GSSENCRequest;
                out.add(new Frame(bytes(in, start, size), decoded));
                in.skipBytes(size);
            } else {
                int size = complete(FrameReader.typedFrameSize(in, Wire.MAX_MESSAGE_LENGTH));
                Object decoded = FrontendMessages.decode(in.getByte(start), in.slice(start + 5, size - 5));
                out.add(new Frame(bytes(in, start, size), decoded));
                in.skipBytes(size);
            }
        }
        return out;
    }

    private List<Frame> cutBackend(ByteBuf in, long encryptionAnswers) {
        List<Frame> out = new ArrayList<>();
        for (long i = 0; i < encryptionAnswers && in.isReadable(); i++) {
            int start = in.readerIndex();
            out.add(new Frame(bytes(in, start, 1), (char) in.readByte()));
        }
        while (in.isReadable()) {
            int start = in.readerIndex();
            int size = complete(FrameReader.typedFrameSize(in, Wire.MAX_MESSAGE_LENGTH));
            BackendMessage decoded = BackendMessages.decode(in.getByte(start), in.slice(start + 5, size - 5));
            out.add(new Frame(bytes(in, start, size), decoded));
            in.skipBytes(size);
        }
        return out;
    }

    private int complete(int size) {
        if (size < 0) throw new IllegalStateException(name + ": capture ends inside a message");
        return size;
    }

    private static byte[] bytes(ByteBuf in, int start, int size) {
        byte[] b = new byte[size];
        in.getBytes(start, b);
        return b;
    }
}
