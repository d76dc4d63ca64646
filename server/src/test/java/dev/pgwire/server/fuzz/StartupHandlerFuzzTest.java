package dev.pgwire.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.ErrorField;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Wire;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.ServerConfig;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.server.spi.SessionFactory;
import dev.pgwire.testkit.TlsCerts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pgwire.server.fuzz.ScramServerFuzzTest.hex;

/**
 * The server's startup phase — SSLRequest, GSSENCRequest, CancelRequest, StartupMessage, direct
 * TLS detected by its first byte, then the password, md5 and SCRAM exchanges — driven byte by byte
 * through the real pipeline on an EmbeddedChannel, with and without TLS configured. No credentials
 * exist, so authentication never succeeds and the session never starts. Whatever arrives, in
 * whatever pieces:
 * <ul>
 * <li>no exception leaves the pipeline;
 * <li>everything written before TLS starts (which only a server with TLS configured does) is the
 * one-byte answer 'N' or a backend message that decodes;
 * <li>an ErrorResponse is FATAL with a startup SQLSTATE (08P01, 0A000, 28000, 28P01), is the last
 * thing written, and the connection is closed after it;
 * <li>a connection closed without an ErrorResponse was asked to (CancelRequest, Terminate) or is
 * TLS's to close;
 * <li>every received buffer is released and the connection slot is given back.
 * </ul>
 */
class StartupHandlerFuzzTest {
    private static final Set<String> STARTUP_ERRORS = Set.of(SqlState.PROTOCOL_VIOLATION,
            SqlState.FEATURE_NOT_SUPPORTED, SqlState.INVALID_AUTHORIZATION_SPECIFICATION, SqlState.INVALID_PASSWORD);
    private static final int[] CHUNK_SIZES = {Integer.MAX_VALUE, 1, 2, 3, 5, 8, 13, 64};
    private static final byte[] CANCEL_CODE = int32(Wire.CANCEL_REQUEST_CODE);

    private static final Server PLAIN = new Server(false);
    private static final Server TLS = new Server(true);

    /** A server's shared state, built as PgServer builds it (its classes are package-private). */
    private static final class Server {
        final Object state;
        final Method initChannel;
        final AtomicInteger slots;
        final boolean tls;

        Server(boolean tls) {
            this.tls = tls;
            PgServer.Builder b = PgServer.builder()
                    .auth(AuthConfig.parse("""
                            local all nobody reject
                            local all md5user md5
                            local all pwuser password
                            local all all scram-sha-256
                            """))
                    .credentials(new InMemoryCredentialStore())  // no user exists: no session ever starts
                    .maxConnections(1)                             // a slot not given back refuses the next input
                    .authTimeout(Duration.ofHours(1));
            if (tls) {
                TlsCerts certs = TlsCerts.generate(tempDir(), "client");
                b.tls(certs.serverCert(), certs.serverKey());
            }
            try {
                Class<?> type = Class.forName("dev.pgwire.server.ServerState");
                Constructor<?> c = type.getDeclaredConstructor(ServerConfig.class, SessionFactory.class, ExecutorService.class);
                c.setAccessible(true);
                SessionFactory none = info -> {
                    throw new AssertionError("a session was opened for " + info);
                };
                state = c.newInstance(b.config(), none, null);
                initChannel = type.getDeclaredMethod("initChannel", Channel.class);
                initChannel.setAccessible(true);
                Field f = type.getDeclaredField("slots");
                f.setAccessible(true);
                slots = (AtomicInteger) f.get(state);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the server's startup pipeline cannot be built", e);
            }
        }

        EmbeddedChannel channel() {
            return new EmbeddedChannel(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) throws Exception {
                    Server.this.initChannel.invoke(state, ch);
                }
            });
        }

        private static Path tempDir() {
            try {
                Path dir = Files.createTempDirectory("pgwire-fuzz-tls-");
                dir.toFile().deleteOnExit();
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Input: a selector byte (bit 0: TLS configured; bits 1-3: the size of the pieces the bytes
     * arrive in), then what the client sends.
     */
    @FuzzTest
    void startupPhase(byte[] input) {
        if (input.length == 0) return;
        Server server = (input[0] & 1) != 0 ? TLS : PLAIN;
        int chunk = CHUNK_SIZES[(input[0] >>> 1) & 7];
        EmbeddedChannel ch = server.channel();
        List<ByteBuf> sent = new ArrayList<>();
        List<Object> replies = new ArrayList<>();
        // TLS starts with a direct TLS handshake or after 'S'; the handler may be gone again after a failed handshake
        boolean tlsStarted = server.tls && input.length > 1 && input[1] == 0x16;
        boolean fatal = false;
        try {
            for (int at = 1; at < input.length && ch.isOpen(); ) {
                int n = Math.min(chunk, input.length - at);
                ByteBuf piece = Unpooled.wrappedBuffer(input, at, n);
                sent.add(piece);
                ch.writeInbound(piece);  // rethrows what reached the end of the pipeline
                at += n;
                tlsStarted |= ch.pipeline().get(SslHandler.class) != null;
                for (Object out; (out = ch.readOutbound()) != null; ) {
                    ByteBuf b = (ByteBuf) out;
                    try {
                        if (fatal) throw new AssertionError("written after a FATAL error: " + hex(input));
                        if (!tlsStarted && server.tls && b.readableBytes() == 1 && b.getByte(0) == 'S') tlsStarted = true;
                        if (tlsStarted) continue;  // 'S', then TLS records
                        if (b.readableBytes() == 1 && b.getByte(0) == 'N') {
                            replies.add('N');
                            continue;
                        }
                        BackendMessage m = decode(b, input);
                        replies.add(m);
                        if (m instanceof ErrorResponse e) {
                            String state = e.fields().get(ErrorField.CODE);
                            if (!"FATAL".equals(e.fields().get(ErrorField.SEVERITY)) || !STARTUP_ERRORS.contains(state)) {
                                throw new AssertionError("startup error " + e.fields() + " for " + hex(input));
                            }
                            fatal = true;
                        }
                    } finally {
                        b.release();
                    }
                }
            }
            if (fatal && ch.isOpen()) throw new AssertionError("still open after a FATAL error: " + hex(input));
            if (!ch.isOpen() && !fatal && !tlsStarted && !asksToClose(input)) {
                throw new AssertionError("closed without an error; replies " + replies + " to " + hex(input));
            }
        } finally {
            ch.finishAndReleaseAll();
        }
        for (ByteBuf b : sent) {
            if (b.refCnt() != 0) throw new AssertionError("a received buffer was not released: " + hex(input));
        }
        if (server.slots.get() != 0) {
            int left = server.slots.getAndSet(0);
            throw new AssertionError(left + " connection slot(s) not given back after " + hex(input));
        }
    }

    private static BackendMessage decode(ByteBuf b, byte[] input) {
        int size = FrameReader.typedFrameSize(b, Wire.MAX_MESSAGE_LENGTH);
        if (size != b.readableBytes()) throw new AssertionError("a write is not one message: " + hex(input));
        return BackendMessages.decode(b.getByte(b.readerIndex()), b.slice(b.readerIndex() + 5, size - 5));
    }

    /**
     * True if the bytes hold a CancelRequest code or what may be a Terminate message ('X' and a
     * length an authentication message may have: the handler, as PostgreSQL's query phase, does
     * not look at a Terminate's body), or begin a TLS handshake.
     */
    private static boolean asksToClose(byte[] input) {
        if ((input.length > 1 && input[1] == 0x16) || contains(input, CANCEL_CODE)) return true;
        for (int i = 1; i + 5 <= input.length; i++) {
            if (input[i] != 'X') continue;
            long length = (input[i + 1] & 0xffL) << 24 | (input[i + 2] & 0xff) << 16 | (input[i + 3] & 0xff) << 8 | (input[i + 4] & 0xff);
            if (length >= 4 && length <= 65_535) return true;
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 1; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
