package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage in any phase gets a protocol error or a clean close, and the server keeps serving. */
class MalformedInputTest {
    static TestHandler handler = new TestHandler();
    static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.builder().port(0).maxMessageSize(1 << 20).sessionFactory(handler).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void serverStillServes() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "check")) {
            c.send(new Query("echo alive"));
            assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
        }
    }

    private static byte[] ints(int... values) {
        ByteBuf b = Unpooled.buffer();
        for (int v : values) b.writeInt(v);
        byte[] a = new byte[b.readableBytes()];
        b.readBytes(a);
        return a;
    }

    private static List<BackendMessage> sendAndDrain(RawConnection c, byte[] bytes) throws IOException {
        try {
            c.raw(bytes);
        } catch (IOException e) {
            // the server may already have closed on an early byte; that is fine
        }
        return c.readUntilClosed();
    }

    private static void assertProtocolViolationOrClose(List<BackendMessage> got) {
        if (!got.isEmpty()) {
            BackendMessage last = got.get(got.size() - 1);
            assertThat(last).isInstanceOf(ErrorResponse.class);
            assertThat(((ErrorResponse) last).fields().get('S')).isEqualTo("FATAL");
        }
    }

    @Test
    void random_bytes_before_startup() throws Exception {
        Random r = new Random(42);
        for (int i = 0; i < 30; i++) {
            byte[] junk = new byte[1 + r.nextInt(300)];
            r.nextBytes(junk);
            try (RawConnection c = new RawConnection(server.port())) {
                assertProtocolViolationOrClose(sendAndDrain(c, junk));
            }
        }
    }

    @Test
    void startup_packet_lengths_out_of_bounds() throws Exception {
        for (int len : new int[] {0, 4, 7, 10_001, Integer.MAX_VALUE, -1}) {
            try (RawConnection c = new RawConnection(server.port())) {
                List<BackendMessage> got = sendAndDrain(c, ints(len, 196608));
                assertThat(((ErrorResponse) got.get(0)).fields()).containsEntry('C', "08P01");
            }
        }
    }

    @Test
    void a_startup_packet_with_an_unterminated_parameter() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            byte[] body = "user\0alice".getBytes();
            ByteBuf b = Unpooled.buffer().writeInt(8 + body.length).writeInt(196608).writeBytes(body);
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            List<BackendMessage> got = sendAndDrain(c, a);
            assertThat(((ErrorResponse) got.get(0)).fields()).containsEntry('C', "08P01");
        }
    }

    @Test
    void a_query_message_before_authentication_is_out_of_phase() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            ByteBuf b = Unpooled.buffer();
            new Query("echo hi").encode(b);
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            assertProtocolViolationOrClose(sendAndDrain(c, a));
        }
    }

    @Test
    void after_auth_an_oversized_length_is_08P01() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            ByteBuf b = Unpooled.buffer().writeByte('Q').writeInt(0x3FFF_FFFF);
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            List<BackendMessage> got = sendAndDrain(c, a);
            assertThat(((ErrorResponse) got.get(0)).fields()).containsEntry('C', "08P01").containsEntry('S', "FATAL");
        }
    }

    @Test
    void after_auth_an_unknown_type_a_bad_length_and_a_truncated_body_are_08P01() throws Exception {
        byte[][] cases = {
                {'?', 0, 0, 0, 4},
                {'Q', 0, 0, 0, 2},
                {'B', 0, 0, 0, 6, 'x', 0},            // Bind cut short
                {'Q', 0, 0, 0, 8, 'a', 'b', 'c', 'd'}, // no terminator
                {'p', 0, 0, 0, 5, 0},                  // password message after auth
        };
        for (byte[] bad : cases) {
            try (RawConnection c = RawConnection.startup(server.port(), "a")) {
                c.send(new Query("echo before"));
                c.readUntilReady();
                List<BackendMessage> got = sendAndDrain(c, bad);
                assertThat(got).hasSize(1);
                assertThat(((ErrorResponse) got.get(0)).fields()).containsEntry('C', "08P01");
            }
        }
    }

    @Test
    void random_frames_after_auth() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 30; i++) {
            try (RawConnection c = RawConnection.startup(server.port(), "a")) {
                byte[] junk = new byte[5 + r.nextInt(200)];
                r.nextBytes(junk);
                junk[0] = (byte) "BCDEFHPQSXdcfp?".charAt(r.nextInt(15));
                int len = 4 + r.nextInt(junk.length - 4);
                junk[1] = 0;
                junk[2] = 0;
                junk[3] = (byte) (len >> 8);
                junk[4] = (byte) len;
                try {
                    c.raw(junk);
                    c.send(new Query("echo x"));
                } catch (IOException e) {
                    continue;
                }
                // Whatever the junk meant, the connection ends cleanly or keeps answering.
                c.socket.shutdownOutput();
                List<BackendMessage> got = c.readUntilClosed();
                for (BackendMessage m : got) {
                    if (m instanceof ErrorResponse e) assertThat(e.fields().get('C')).matches("[0-9A-Z]{5}");
                }
            }
        }
    }
}
