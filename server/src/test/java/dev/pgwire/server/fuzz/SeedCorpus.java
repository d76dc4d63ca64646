package dev.pgwire.server.fuzz;

import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.GSSENCRequest;
import dev.pgwire.protocol.message.PasswordMessage;
import dev.pgwire.protocol.message.SASLInitialResponse;
import dev.pgwire.protocol.message.SASLResponse;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the seed corpus of the server's fuzz targets into src/test/resources, where the build
 * replays it and fuzzing starts from it. Run it from the server module after changing a target's
 * input layout:
 * {@code java -cp target/test-classes:target/classes:$(cat target/fuzz.classpath) dev.pgwire.server.fuzz.SeedCorpus}
 */
public final class SeedCorpus {
    private static final Path RESOURCES = Path.of("src/test/resources/dev/pgwire/server/fuzz");
    private static final String NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String PROOF = Base64.getEncoder().encodeToString(new byte[32]);

    public static void main(String[] args) throws Exception {
        // selector bits: 1 channel binding offered, 2 client picks -PLUS, 4 the user exists
        scram("clientFirst", "plain", 4, "n,,n=,r=" + NONCE);
        scram("clientFirst", "user name ignored", 0, "n,,n=someone,r=" + NONCE);
        scram("clientFirst", "channel binding", 7, "p=tls-server-end-point,,n=,r=" + NONCE);
        scram("clientFirst", "client could bind", 1, "y,,n=,r=" + NONCE);
        scram("clientFirst", "authorization identity", 4, "n,a=bob,n=,r=" + NONCE);
        scram("clientFirst", "mandatory extension", 4, "n,,m=x,n=,r=" + NONCE);
        scram("clientFirst", "extensions after the nonce", 4, "n,,n=,r=" + NONCE + ",x=1,y=2");
        scram("clientFinal", "wrong proof", 4, "c=biws,r=" + NONCE + ",p=" + PROOF);
        scram("clientFinal", "unknown user", 0, "c=biws,r=" + NONCE + ",p=" + PROOF);
        String cbind = Base64.getEncoder().encodeToString(cat(
                "p=tls-server-end-point,,".getBytes(StandardCharsets.ISO_8859_1), new byte[32]));
        scram("clientFinal", "channel binding", 7, "c=" + cbind + ",r=" + NONCE + ",p=" + PROOF);
        scram("clientFinal", "extension before the proof", 4, "c=biws,r=" + NONCE + ",x=ext,p=" + PROOF);
        scram("clientFinal", "no proof", 4, "c=biws,r=" + NONCE);

        // selector bit 0: TLS configured; bits 1-3: the size of the pieces
        startup("scram exchange", 0, startupMessage("alice"),
                frame(new SASLInitialResponse("SCRAM-SHA-256", ("n,,n=,r=" + NONCE).getBytes(StandardCharsets.US_ASCII))::encode),
                frame(new SASLResponse(("c=biws,r=" + NONCE + ",p=" + PROOF).getBytes(StandardCharsets.US_ASCII))::encode));
        startup("scram exchange in 1-byte pieces", 2, startupMessage("alice"),
                frame(new SASLInitialResponse("SCRAM-SHA-256", ("n,,n=,r=" + NONCE).getBytes(StandardCharsets.US_ASCII))::encode));
        startup("md5 after GSSENCRequest", 0, frame(GSSENCRequest.INSTANCE::encode), startupMessage("md5user"),
                frame(PasswordMessage.ofPassword("md5" + "0".repeat(32))::encode));
        startup("password then terminate", 4, startupMessage("pwuser"), frame(PasswordMessage.ofPassword("secret")::encode),
                frame(new Terminate()::encode));
        startup("rejected user", 0, startupMessage("nobody"));
        startup("no user", 0, frame(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("database", "db"))::encode));
        startup("protocol 3.2 with an option", 0, frame(new StartupMessage(Wire.PROTOCOL_3_2,
                Map.of("user", "alice", "_pq_.x", "1"))::encode));
        startup("protocol 2.0", 0, frame(new StartupMessage(2 << 16, Map.of("user", "alice"))::encode));
        startup("cancel", 0, frame(new CancelRequest(1000, new byte[] {1, 2, 3, 4})::encode));
        startup("SSLRequest without TLS", 0, frame(SSLRequest.INSTANCE::encode), startupMessage("alice"));
        startup("SSLRequest with TLS", 1, frame(SSLRequest.INSTANCE::encode), clientHello());
        startup("SSLRequest then plaintext", 1, frame(SSLRequest.INSTANCE::encode), startupMessage("alice"));
        startup("direct TLS", 1, clientHello());
        startup("direct TLS without TLS", 0, clientHello());
        startup("oversized startup packet", 0, new byte[] {0, 0, 0x27, 0x11, 0, 3, 0, 0});
    }

    private static byte[] startupMessage(String user) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", user);
        p.put("database", "db");
        p.put("application_name", "fuzz");
        return frame(new StartupMessage(Wire.PROTOCOL_3_0, p)::encode);
    }

    /** The first bytes of a TLS 1.3 client asking for ALPN "postgresql": its ClientHello record. */
    private static byte[] clientHello() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, null, null);
        SSLEngine engine = tls.createSSLEngine("localhost", 5432);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setApplicationProtocols(new String[] {"postgresql"});
        engine.setSSLParameters(params);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    private static byte[] frame(Consumer<ByteBuf> encode) {
        ByteBuf b = Unpooled.buffer();
        try {
            encode.accept(b);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static void scram(String method, String name, int selector, String message) throws IOException {
        write("ScramServerFuzzTest", method, name, cat(new byte[] {(byte) selector}, message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static void startup(String name, int selector, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(selector);
        for (byte[] p : parts) out.writeBytes(p);
        write("StartupHandlerFuzzTest", "startupPhase", name, out.toByteArray());
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
        Files.write(dir.resolve(file), input);
    }
}
