package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.server.frame.FrameHandler;
import dev.pgwire.server.frame.FrameSession;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame layer: after authentication a FrameHandler gets undecoded frames and answers itself. */
class FrameLayerTest {

    /** Answers every Query with CommandComplete "ECHO <n bytes>" and ReadyForQuery; counts cancels. */
    static final class Echo implements FrameHandler {
        final FrameSession session;
        final AtomicInteger cancels;
        final CountDownLatch closed;

        Echo(FrameSession session, AtomicInteger cancels, CountDownLatch closed) {
            this.session = session;
            this.cancels = cancels;
            this.closed = closed;
        }

        @Override
        public Map<String, String> parameterStatus() {
            return Map.of("server_version", "15.0", "client_encoding", "UTF8");
        }

        @Override
        public void frame(byte type, ByteBuf frame) {
            int length = frame.getInt(frame.readerIndex() + 1);
            frame.release();
            if (type == 'X') {
                session.channel().close();
                return;
            }
            if (type != 'Q') return;
            ByteBuf out = session.channel().alloc().ioBuffer();
            new CommandComplete("ECHO " + (length - 4)).encode(out);
            new ReadyForQuery('I').encode(out);
            session.channel().write(out);
        }

        @Override
        public void readComplete() {
            session.channel().flush();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }

        @Override
        public void shutdown() {
            session.channel().close();
        }

        @Override
        public void closed() {
            closed.countDown();
        }
    }

    @Test
    void frames_reach_the_handler_undecoded_and_its_answers_reach_the_client() throws Exception {
        AtomicInteger cancels = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        try (PgServer server = PgServer.builder().port(0)
                .frameHandlerFactory(s -> CompletableFuture.completedFuture(new Echo(s, cancels, closed)))
                .start();
             RawConnection c = new RawConnection(server.port())) {
            c.send(new dev.pgwire.protocol.message.StartupMessage(dev.pgwire.protocol.message.Wire.PROTOCOL_3_0,
                    Map.of("user", "me", "database", "db")));
            List<BackendMessage> greeting = c.readUntilReady();
            assertThat(greeting).anyMatch(m -> m instanceof ParameterStatus p && p.name().equals("server_version"));
            BackendKeyData key = (BackendKeyData) greeting.stream().filter(m -> m instanceof BackendKeyData).findFirst().orElseThrow();
            // Two queries in one write: two frames, answered in order.
            c.send(new Query("SELECT 1"), new Query("SELECT 22"));
            assertThat(c.readUntilReady()).first().isEqualTo(new CommandComplete("ECHO 9"));
            assertThat(c.readUntilReady()).first().isEqualTo(new CommandComplete("ECHO 10"));
            try (RawConnection cancel = new RawConnection(server.port())) {
                cancel.send(new CancelRequest(key.processId(), key.secretKey()));
                assertThat(cancel.readByte()).isEqualTo(-1);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cancels.get() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertThat(cancels.get()).isEqualTo(1);
            c.send(new Terminate());
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.activeSessions()).isZero();
        }
    }

    @Test
    void a_bad_header_is_a_fatal_protocol_violation() throws Exception {
        try (PgServer server = PgServer.builder().port(0)
                .frameHandlerFactory(s -> CompletableFuture.completedFuture(new Echo(s, new AtomicInteger(), new CountDownLatch(1))))
                .start();
             RawConnection c = RawConnection.startup(server.port(), "me")) {
            c.raw(new byte[] {'S', 0, 0, 0, 8, 1, 2, 3, 4});
            BackendMessage m = c.read();
            assertThat(m).isInstanceOf(ErrorResponse.class);
            assertThat(((ErrorResponse) m).toException().sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
            assertThat(c.readByte()).isEqualTo(-1);
        }
    }

    @Test
    void a_failed_open_rejects_the_connection_with_its_error() throws Exception {
        try (PgServer server = PgServer.builder().port(0)
                .frameHandlerFactory(s -> CompletableFuture.failedFuture(
                        new PgException(SqlState.INVALID_CATALOG_NAME, "no such database: " + s.info().database())))
                .start()) {
            Properties p = new Properties();
            p.setProperty("user", "me");
            try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/nope", p)) {
                throw new AssertionError("connected");
            } catch (java.sql.SQLException e) {
                assertThat(e.getSQLState()).isEqualTo(SqlState.INVALID_CATALOG_NAME);
                assertThat(e.getMessage()).contains("no such database: nope");
            }
        }
    }

    @Test
    void credentials_looked_up_asynchronously_check_a_scram_password() throws Exception {
        InMemoryCredentialStore store = new InMemoryCredentialStore().addPassword("alice", "s3cret");
        CompletableFuture<dev.pgwire.server.auth.CredentialStore> later = new CompletableFuture<>();
        AtomicInteger lookups = new AtomicInteger();
        try (PgServer server = PgServer.builder().port(0)
                .auth(AuthConfig.all(AuthMethod.SCRAM_SHA_256))
                .credentialSource((user, db) -> {
                    lookups.incrementAndGet();
                    // complete from another thread, a moment later, as an upstream lookup would
                    CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> later.complete(store));
                    return later;
                })
                .frameHandlerFactory(s -> CompletableFuture.completedFuture(new Echo(s, new AtomicInteger(), new CountDownLatch(1))))
                .start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/db?preferQueryMode=simple";
            try (Connection conn = DriverManager.getConnection(url, "alice", "s3cret");
                 Statement st = conn.createStatement()) {
                assertThat(st.execute("anything")).as("no result set: a CommandComplete only").isFalse();
            }
            try (Connection ignored = DriverManager.getConnection(url, "alice", "wrong")) {
                throw new AssertionError("connected with a wrong password");
            } catch (java.sql.SQLException e) {
                assertThat(e.getSQLState()).isEqualTo(SqlState.INVALID_PASSWORD);
            }
            assertThat(lookups.get()).isEqualTo(2);
        }
    }

    @Test
    void the_factory_sees_the_client_key_of_a_scram_login_and_only_while_it_opens() throws Exception {
        dev.pgwire.server.auth.ScramVerifier verifier = dev.pgwire.server.auth.ScramVerifier.derive("s3cret");
        InMemoryCredentialStore store = new InMemoryCredentialStore().addScramVerifier("alice", verifier);
        List<java.util.Optional<dev.pgwire.server.auth.ScramClientKey>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<FrameSession> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PgServer server = PgServer.builder().port(0)
                .auth(AuthConfig.all(AuthMethod.SCRAM_SHA_256)).credentials(store)
                .frameHandlerFactory(s -> {
                    seen.add(s.scramClientKey());
                    sessions.add(s);
                    return CompletableFuture.completedFuture(new Echo(s, new AtomicInteger(), new CountDownLatch(1)));
                })
                .start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/db?preferQueryMode=simple";
            try (Connection conn = DriverManager.getConnection(url, "alice", "s3cret")) {
                assertThat(conn.isClosed()).isFalse();
                dev.pgwire.server.auth.ScramClientKey key = seen.get(0).orElseThrow();
                // H(ClientKey) = StoredKey: the key the password derives, checked against this verifier
                assertThat(java.security.MessageDigest.getInstance("SHA-256").digest(key.clientKey()))
                        .isEqualTo(verifier.storedKey());
                assertThat(key.verifier()).isEqualTo(verifier);
                assertThat(sessions.get(0).scramClientKey()).as("forgotten once the factory has returned").isEmpty();
            }
        }
    }

    @Test
    void the_factory_sees_the_md5_hash_an_md5_or_cleartext_login_was_checked_against_and_only_while_it_opens() throws Exception {
        String hash = dev.pgwire.server.auth.Md5Password.hash("alice", "s3cret");
        InMemoryCredentialStore store = new InMemoryCredentialStore().addMd5Hash("alice", hash);
        for (AuthMethod method : new AuthMethod[] {AuthMethod.MD5, AuthMethod.PASSWORD, AuthMethod.TRUST}) {
            List<java.util.Optional<String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<FrameSession> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (PgServer server = PgServer.builder().port(0)
                    .auth(AuthConfig.all(method)).credentials(store)
                    .frameHandlerFactory(s -> {
                        seen.add(s.md5PasswordHash());
                        sessions.add(s);
                        return CompletableFuture.completedFuture(new Echo(s, new AtomicInteger(), new CountDownLatch(1)));
                    })
                    .start()) {
                String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/db?preferQueryMode=simple";
                try (Connection conn = DriverManager.getConnection(url, "alice", "s3cret")) {
                    assertThat(conn.isClosed()).isFalse();
                    // a trust login proved nothing: no hash is handed on
                    if (method == AuthMethod.TRUST) assertThat(seen.get(0)).as(method.name()).isEmpty();
                    else assertThat(seen.get(0)).as(method.name()).contains(hash);
                    assertThat(sessions.get(0).md5PasswordHash()).as("forgotten once the factory has returned").isEmpty();
                }
            }
        }
    }

    @Test
    void shutdown_asks_the_handler_to_finish_and_closes_what_is_left() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        PgServer server = PgServer.builder().port(0)
                .frameHandlerFactory(s -> CompletableFuture.completedFuture(new Echo(s, new AtomicInteger(), closed)))
                .start();
        try (RawConnection c = RawConnection.startup(server.port(), "me")) {
            server.shutdown(Duration.ofSeconds(5));
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(c.readByte()).isEqualTo(-1);
        }
    }
}
