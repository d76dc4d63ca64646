package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CancelTest {
    static TestHandler handler = new TestHandler();
    static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.builder().port(0).sessionFactory(handler).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BackendKeyData connect(RawConnection c, int version) throws Exception {
        c.send(new StartupMessage(version, Map.of("user", "alice")));
        List<BackendMessage> got = c.readUntilReady();
        return (BackendKeyData) got.get(got.size() - 2);
    }

    private static void sendCancel(int pid, byte[] key) throws Exception {
        try (RawConnection cancel = new RawConnection(server.port())) {
            cancel.send(new CancelRequest(pid, key));
            assertThat(cancel.readUntilClosed()).isEmpty(); // closed with no reply, as PostgreSQL
        }
    }

    @Test
    void a_cancel_request_with_the_right_key_stops_the_running_call_with_57014() throws Exception {
        for (int version : new int[] {Wire.PROTOCOL_3_0, Wire.PROTOCOL_3_2}) {
            handler.running = new CountDownLatch(1);
            try (RawConnection c = new RawConnection(server.port())) {
                BackendKeyData key = connect(c, version);
                c.send(new Query("wait"));
                assertThat(handler.running.await(10, TimeUnit.SECONDS)).isTrue();
                sendCancel(key.processId(), key.secretKey());
                List<BackendMessage> got = c.readUntilReady();
                assertThat(((ErrorResponse) got.get(0)).fields()).containsEntry('C', "57014");
            }
        }
    }

    @Test
    void a_cancel_taken_during_a_batchs_bind_stops_its_execute_and_ends_with_the_batch() throws Exception {
        handler.running = new CountDownLatch(1);
        try (RawConnection c = new RawConnection(server.port())) {
            BackendKeyData key = connect(c, Wire.PROTOCOL_3_0);
            c.send(new Parse("", "slowbind", new int[0]), new Bind("", "", new short[0], new byte[0][], new short[0]),
                    new Execute("", 0), Sync.INSTANCE);
            assertThat(handler.running.await(10, TimeUnit.SECONDS)).isTrue();
            sendCancel(key.processId(), key.secretKey()); // the session ignores it: nothing of its own runs
            handler.holdRelease.release();
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got.stream().filter(m -> m instanceof ErrorResponse).map(m -> ((ErrorResponse) m).fields().get('C')))
                    .containsExactly("57014");
            assertThat(got.stream().noneMatch(m -> m instanceof DataRow)).isTrue();
            // the cancel ended with its batch: the next one runs
            c.send(new Parse("", "param $1", new int[0]),
                    new Bind("", "", new short[0], new byte[][] {"after".getBytes(java.nio.charset.StandardCharsets.UTF_8)}, new short[0]),
                    new Execute("", 0), Sync.INSTANCE);
            assertThat(c.readUntilReady().stream().filter(m -> m instanceof DataRow).count()).isEqualTo(1);
        }
    }

    @Test
    void a_wrong_key_or_unknown_pid_cancels_nothing_and_a_late_cancel_does_nothing() throws Exception {
        handler.running = new CountDownLatch(1);
        try (RawConnection c = new RawConnection(server.port())) {
            BackendKeyData key = connect(c, Wire.PROTOCOL_3_0);
            // late: nothing runs now; the next statement must not be affected by it
            sendCancel(key.processId(), key.secretKey());
            c.send(new Query("hold"));
            assertThat(handler.running.await(10, TimeUnit.SECONDS)).isTrue();
            byte[] wrong = key.secretKey().clone();
            wrong[0] ^= 1;
            sendCancel(key.processId(), wrong);
            sendCancel(key.processId() + 100_000, key.secretKey());
            handler.holdRelease.release();
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got.get(0)).isEqualTo(new CommandComplete("HOLD"));
        }
    }

    @Test
    void pgjdbc_statement_cancel_interrupts_a_running_query() throws Exception {
        handler.running = new CountDownLatch(1);
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/db?user=bob&preferQueryMode=simple";
        try (Connection conn = DriverManager.getConnection(url); Statement st = conn.createStatement()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    handler.running.await(10, TimeUnit.SECONDS);
                    st.cancel();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThatThrownBy(() -> st.execute("wait"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            canceller.get(10, TimeUnit.SECONDS);
            try (var rs = st.executeQuery("echo after")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
