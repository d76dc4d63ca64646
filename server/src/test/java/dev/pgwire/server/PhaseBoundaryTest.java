package dev.pgwire.server;

import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.GSSENCRequest;
import dev.pgwire.protocol.message.PasswordMessage;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.StartupPacket;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.protocol.message.Wire;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes after the last packet of a phase belong to the next phase, however the reads were split:
 * a client may send StartupMessage and Terminate (or a Query) back to back, or SSLRequest followed
 * at once by its StartupMessage when the server declines TLS.
 */
class PhaseBoundaryTest {
    private static final StartupMessage STARTUP = new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "alice"));

    private static byte[] bytes(Object... packets) {
        ByteBuf b = Unpooled.buffer();
        for (Object p : packets) {
            if (p instanceof StartupPacket sp) sp.encode(b); else ((FrontendMessage) p).encode(b);
        }
        byte[] a = new byte[b.readableBytes()];
        b.readBytes(a);
        return a;
    }

    private static List<String> kinds(List<BackendMessage> ms) {
        return ms.stream().map(m -> m.getClass().getSimpleName()).toList();
    }

    @Test
    void startup_and_terminate_back_to_back_get_the_greeting_then_a_clean_close() throws Exception {
        TestHandler h = new TestHandler();
        try (PgServer server = PgServer.builder().port(0).sessionFactory(h).start()) {
            for (int i = 0; i < 20; i++) {
                try (RawConnection c = new RawConnection(server.port())) {
                    c.raw(bytes(STARTUP, Terminate.INSTANCE));
                    List<BackendMessage> got = c.readUntilClosed();
                    assertThat(got).noneMatch(m -> m instanceof ErrorResponse);
                    assertThat(got.get(0)).isEqualTo(Authentication.Ok.INSTANCE);
                    assertThat(got).last().isEqualTo(ReadyForQuery.IDLE);
                }
            }
        }
    }

    @Test
    void over_a_socket_split_at_every_position_with_the_session_opening_on_a_worker() throws Exception {
        byte[] all = bytes(STARTUP, new Query("echo x"), Terminate.INSTANCE);
        try (PgServer server = PgServer.builder().port(0).sessionFactory(new TestHandler()).start()) {
            for (int split = 1; split < all.length; split++) {
                try (RawConnection c = new RawConnection(server.port())) {
                    c.socket.setTcpNoDelay(true);
                    c.raw(java.util.Arrays.copyOfRange(all, 0, split));
                    c.raw(java.util.Arrays.copyOfRange(all, split, all.length));
                    List<BackendMessage> got = c.readUntilClosed();
                    assertThat(got).as("split at " + split).noneMatch(m -> m instanceof ErrorResponse);
                    assertThat(kinds(got.subList(got.size() - 4, got.size()))).as("split at " + split)
                            .containsExactly("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
                }
            }
        }
    }

    @Test
    void startup_password_query_and_terminate_in_one_write_are_each_answered_in_their_phase() throws Exception {
        TestHandler h = new TestHandler();
        try (PgServer server = PgServer.builder().port(0).auth(AuthConfig.all(AuthMethod.PASSWORD))
                .credentials(new InMemoryCredentialStore().addPassword("alice", "secret"))
                .sessionFactory(h).start();
             RawConnection c = new RawConnection(server.port())) {
            c.raw(bytes(STARTUP, PasswordMessage.ofPassword("secret"), new Query("echo hi"), Terminate.INSTANCE));
            List<BackendMessage> got = c.readUntilClosed();
            assertThat(got.get(0)).isEqualTo(Authentication.CleartextPassword.INSTANCE);
            assertThat(got.get(1)).isEqualTo(Authentication.Ok.INSTANCE);
            assertThat(kinds(got.subList(got.size() - 4, got.size())))
                    .containsExactly("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
            assertThat(got).noneMatch(m -> m instanceof ErrorResponse);
        }
    }

    /** The same bytes fed to the server in two reads, split at every position. */
    @Test
    void every_split_of_the_startup_packets_and_what_follows_them_gives_the_same_answers() {
        TestHandler h = new TestHandler();
        PgServer.Builder trust = PgServer.builder().port(0).auth(AuthConfig.all(AuthMethod.TRUST)).sessionFactory(h);
        PgServer.Builder password = PgServer.builder().port(0).auth(AuthConfig.all(AuthMethod.PASSWORD))
                .credentials(new InMemoryCredentialStore().addPassword("alice", "secret")).sessionFactory(h);
        Query q = new Query("echo x");
        check(trust, bytes(STARTUP, Terminate.INSTANCE), List.of());
        check(trust, bytes(STARTUP, q, Terminate.INSTANCE), List.of("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery"));
        check(trust, bytes(SSLRequest.INSTANCE, STARTUP, q, Terminate.INSTANCE),
                List.of("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery"));
        check(trust, bytes(GSSENCRequest.INSTANCE, SSLRequest.INSTANCE, STARTUP, Terminate.INSTANCE), List.of());
        check(password, bytes(STARTUP, PasswordMessage.ofPassword("secret"), q, Terminate.INSTANCE),
                List.of("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery"));
    }

    /**
     * Feeds {@code all} in two reads split at each position and checks the session was greeted,
     * ran what followed the startup phase ({@code after}: the message kinds after the greeting's
     * ReadyForQuery) and ended at the Terminate, with no error anywhere.
     */
    private static void check(PgServer.Builder builder, byte[] all, List<String> after) {
        ServerState state = new ServerState(builder.config(), new TestHandler(), DIRECT);
        for (int split = 0; split <= all.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            state.initChannel(ch);
            ch.pipeline().fireChannelActive();
            ch.writeInbound(Unpooled.wrappedBuffer(all, 0, split));
            ch.runPendingTasks();
            if (ch.isOpen() && split < all.length) {
                ch.writeInbound(Unpooled.wrappedBuffer(all, split, all.length - split));
                ch.runPendingTasks();
            }
            List<BackendMessage> got = readAll(ch);
            String where = "split at " + split + " of " + all.length + ": " + got;
            assertThat(got).as(where).noneMatch(m -> m instanceof ErrorResponse);
            int ready = got.indexOf(ReadyForQuery.IDLE);
            assertThat(ready).as(where).isPositive();
            assertThat(kinds(got.subList(ready + 1, got.size()))).as(where).isEqualTo(after);
            assertThat(ch.isOpen()).as(where).isFalse();
            ch.finishAndReleaseAll();
        }
    }

    /** Backend messages written to the channel; single bytes are SSL/GSS answers and skipped. */
    private static List<BackendMessage> readAll(EmbeddedChannel ch) {
        ByteBuf all = Unpooled.buffer();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            if (b.readableBytes() == 1) {
                assertThat((char) b.getByte(0)).isEqualTo('N');
            } else {
                all.writeBytes(b);
            }
            b.release();
        }
        List<BackendMessage> got = new ArrayList<>();
        while (all.isReadable()) {
            byte type = all.readByte();
            int len = all.readInt();
            got.add(BackendMessages.decode(type, all.readSlice(len - 4)));
        }
        return got;
    }

    @Test
    void a_query_after_terminate_is_never_run() {
        // the Terminate ends the session: what follows it in the same read is not answered
        PgServer.Builder trust = PgServer.builder().port(0).sessionFactory(new TestHandler());
        check(trust, bytes(STARTUP, Terminate.INSTANCE, new Query("echo never")), List.of());
    }

    @Test
    void the_command_after_the_greeting_sees_the_bytes_that_came_with_the_startup_packet() throws Exception {
        TestHandler h = new TestHandler();
        try (PgServer server = PgServer.builder().port(0).sessionFactory(h).start();
             RawConnection c = new RawConnection(server.port())) {
            c.raw(bytes(STARTUP, new Query("insert")));
            c.readUntilReady();
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got).containsExactly(new CommandComplete("INSERT 0 1"), ReadyForQuery.IDLE);
        }
    }

    /** Work handed to "workers" runs at once on the calling thread: the test drives everything. */
    private static final ExecutorService DIRECT = new AbstractExecutorService() {
        @Override public void execute(Runnable r) { r.run(); }
        @Override public void shutdown() {}
        @Override public List<Runnable> shutdownNow() { return List.of(); }
        @Override public boolean isShutdown() { return false; }
        @Override public boolean isTerminated() { return false; }
        @Override public boolean awaitTermination(long t, TimeUnit u) { return true; }
    };
}
