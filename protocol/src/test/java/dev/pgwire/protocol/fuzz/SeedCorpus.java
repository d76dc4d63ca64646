package dev.pgwire.protocol.fuzz;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.CopyResponse;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.MessageSamples;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.Corpus;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import org.junit.jupiter.api.Named;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the seed corpus of the protocol's fuzz targets into src/test/resources, where the build
 * replays it and fuzzing starts from it: the message samples of the codec tests and the type
 * literals compared with PostgreSQL, laid out as each target reads its input. Run it from the
 * protocol module after changing a target's input layout:
 * {@code java -cp target/test-classes:target/classes:$(cat target/fuzz.classpath) dev.pgwire.protocol.fuzz.SeedCorpus}
 */
public final class SeedCorpus {
    private static final Path RESOURCES = Path.of("src/test/resources/dev/pgwire/protocol/fuzz");
    private static final int PER_TYPE = 2;

    public static void main(String[] args) throws IOException {
        for (Named<FrontendMessage> m : MessageSamples.frontend()) {
            byte[] frame = Checks.written(m.getPayload()::encode);
            write("FrontendMessageFuzzTest", "decode", m.getName(), typeAndBody(frame));
            if ("dcf".indexOf(frame[0]) >= 0) {
                write("CopyMessageFuzzTest", "decode", m.getName(), selected("dcf".indexOf(frame[0]) << 1, frame));
            }
        }
        for (Named<BackendMessage> m : MessageSamples.backend()) {
            byte[] frame = Checks.written(m.getPayload()::encode);
            write("BackendMessageFuzzTest", "decode", m.getName(), typeAndBody(frame));
            int copy = "dcGHW".indexOf(frame[0]);
            if (copy >= 0) write("CopyMessageFuzzTest", "decode", "backend " + m.getName(), selected(copy << 1 | 1, frame));
        }
        for (var p : MessageSamples.startup()) {
            write("StartupPacketFuzzTest", "decode", p.getName(), Checks.written(p.getPayload()::encode));
        }

        write("FrontendMessageFuzzTest", "stream", "extended query batch", stream(7,
                new Parse("s1", "SELECT $1::int", new int[] {PgType.INT4.oid()}),
                new Bind("", "s1", new short[] {1}, new byte[][] {{0, 0, 0, 42}}, new short[] {1}),
                new Describe('P', ""), new Execute("", 0), Sync.INSTANCE));
        write("FrontendMessageFuzzTest", "stream", "simple query", stream(3, new Query("SELECT 1; SELECT 2")));
        write("FrontendMessageFuzzTest", "stream", "copy in", stream(11, new CopyData("1\tone\n".getBytes(StandardCharsets.UTF_8)),
                new CopyData("2\ttwo\n".getBytes(StandardCharsets.UTF_8)), CopyDone.INSTANCE, Sync.INSTANCE));
        write("FrontendMessageFuzzTest", "stream", "copy fail", stream(2, new CopyData(new byte[0]), new CopyFail("no")));
        byte[] truncatedBind = cat(stream(0, new Query("SELECT 1")), new byte[] {'B', 0, 0, 0, 8, 0, 0, 0});
        write("FrontendMessageFuzzTest", "stream", "truncated bind after a query", truncatedBind);

        write("BackendMessageFuzzTest", "stream", "startup", backendStream(5, Authentication.Ok.INSTANCE,
                new ParameterStatus("server_version", "15.0"), new BackendKeyData(42, new byte[] {1, 2, 3, 4}),
                ReadyForQuery.IDLE));
        write("BackendMessageFuzzTest", "stream", "query result", backendStream(9, new RowDescription(List.of(
                new RowDescription.Field("n", PgType.INT4.oid(), (short) 4))),
                new DataRow(new byte[][] {"1".getBytes(StandardCharsets.UTF_8)}), new DataRow(new byte[][] {null}),
                new CommandComplete("SELECT 2"), ReadyForQuery.IDLE));
        write("BackendMessageFuzzTest", "stream", "error", backendStream(1,
                ErrorResponse.of(new PgException("42P01", "relation \"t\" does not exist")), ReadyForQuery.FAILED));
        write("BackendMessageFuzzTest", "stream", "copy out", backendStream(4,
                new CopyResponse(CopyResponse.Kind.OUT, 0, new short[] {0}), new CopyData(new byte[] {'x', '\n'}),
                CopyDone.INSTANCE, new CommandComplete("COPY 1")));

        write("FrameReaderFuzzTest", "limits", "typed frame within the limit", cat(int32(1024), new byte[] {'Q', 0, 0, 0, 9, 'x', 0}));
        write("FrameReaderFuzzTest", "limits", "typed frame over the limit", cat(int32(8), new byte[] {'Q', 0, 0, 0, 9, 'x', 0}));
        write("FrameReaderFuzzTest", "limits", "length below four", cat(int32(1024), new byte[] {'S', 0, 0, 0, 3}));
        write("FrameReaderFuzzTest", "limits", "startup packet", cat(int32(10_000), new byte[] {0, 0, 0, 8, 4, (byte) 0xd2, 0x16, 0x2f}));
        write("FrameReaderFuzzTest", "limits", "largest length", cat(int32(0x3FFF_FFFF), new byte[] {'d', 0x3f, -1, -1, -1}));

        typeSeeds();
    }

    /** Per type, the first literals of the corpus compared with PostgreSQL, as text and as binary. */
    private static void typeSeeds() throws IOException {
        TypeRegistry types = TypeCodecFuzzTest.TYPES;
        Map<Integer, Integer> written = new HashMap<>();
        for (Corpus.Case c : Corpus.all()) {
            int oid = c.oid();
            int index = indexOf(oid);
            if (index < 0 || written.merge(oid, 1, Integer::sum) > PER_TYPE) continue;
            String name = c.typeName() + " " + c.literal();
            write("TypeCodecFuzzTest", "text", name, cat(new byte[] {(byte) index, 0}, c.literal().getBytes(StandardCharsets.UTF_8)));
            try {
                Object v = types.decodeText(oid, c.literal(), CodecContext.DEFAULT);
                byte[] binary = types.encode(oid, v, TypeRegistry.BINARY, CodecContext.DEFAULT);
                write("TypeCodecFuzzTest", "binary", name, cat(new byte[] {(byte) index, 0}, binary));
            } catch (PgException e) {
                // a literal PostgreSQL reads some other way: its text seed is enough
            }
        }
    }

    private static int indexOf(int oid) {
        for (int i = 0; i < TypeCodecFuzzTest.OIDS.length; i++) if (TypeCodecFuzzTest.OIDS[i] == oid) return i;
        return -1;
    }

    private static byte[] typeAndBody(byte[] frame) {
        byte[] b = new byte[frame.length - 4];
        b[0] = frame[0];
        System.arraycopy(frame, 5, b, 1, frame.length - 5);
        return b;
    }

    private static byte[] selected(int selector, byte[] frame) {
        byte[] b = typeAndBody(frame);
        b[0] = (byte) selector;
        return b;
    }

    private static byte[] stream(int split, FrontendMessage... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(split);
        for (FrontendMessage m : messages) out.writeBytes(Checks.written(m::encode));
        return out.toByteArray();
    }

    private static byte[] backendStream(int split, BackendMessage... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(split);
        for (BackendMessage m : messages) out.writeBytes(Checks.written(m::encode));
        return out.toByteArray();
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] cat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void write(String target, String method, String name, byte[] input) throws IOException {
        Path dir = RESOURCES.resolve(target + "Inputs").resolve(method);
        Files.createDirectories(dir);
        String file = "seed-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (file.length() > 60) file = file.substring(0, 60);
        Files.write(dir.resolve(file), input);
    }
}
