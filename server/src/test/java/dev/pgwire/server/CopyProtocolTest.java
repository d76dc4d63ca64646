package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.CopyResponse;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.NotificationResponse;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.server.spi.AsyncMessages;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.CopyIn;
import dev.pgwire.server.spi.CopyOut;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.TransactionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * COPY FROM STDIN and COPY TO STDOUT through the handler SPI, and messages a handler pushes to
 * its client (protocol sections 55.2.6 and 55.2.7), with a handler that keeps what it received.
 */
class CopyProtocolTest {
    /** What each session's COPY FROM STDIN received, and how its COPYs ended, by user name. */
    static final Map<String, ByteArrayOutputStream> received = new ConcurrentHashMap<>();
    static final List<String> endings = new CopyOnWriteArrayList<>();
    static final Map<String, AsyncMessages> clients = new ConcurrentHashMap<>();
    static PgServer server;

    /** "copy in", "copy in failing": COPY FROM STDIN; "copy out N": N lines; "begin", "commit"; "echo X". */
    static final class CopySession implements Session {
        final String user;
        boolean inBlock;

        CopySession(String user) {
            this.user = user;
        }

        @Override
        public void attach(AsyncMessages client) {
            clients.put(user, client);
        }

        @Override
        public TransactionStatus transactionStatus() {
            return inBlock ? TransactionStatus.IN_TRANSACTION : TransactionStatus.IDLE;
        }

        @Override
        public void execute(String sql, ResultSink sink) {
            if (sql.startsWith("copy in")) {
                boolean failing = sql.contains("failing");
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                received.put(user, got);
                sink.copyIn(false, 1, new CopyIn() {
                    @Override
                    public void data(byte[] data) {
                        got.writeBytes(data);
                        if (failing && got.size() > 10) throw new PgException("22P04", "bad copy data");
                    }

                    @Override
                    public String done() {
                        long lines = got.toString(StandardCharsets.UTF_8).lines().count();
                        endings.add(user + ": done");
                        return "COPY " + lines;
                    }

                    @Override
                    public void fail(Exception reason) {
                        endings.add(user + ": failed " + reason.getMessage());
                    }
                });
            } else if (sql.startsWith("copy out ")) {
                int n = Integer.parseInt(sql.substring(9).trim());
                CopyOut out = sink.copyOut(false, 2);
                for (int i = 0; i < n; i++) out.write(i + "\trow " + i + "\n");
                sink.complete("COPY " + n);
            } else if (sql.equals("begin")) {
                inBlock = true;
                sink.complete("BEGIN");
            } else if (sql.equals("commit")) {
                inBlock = false;
                sink.complete("COMMIT");
            } else if (sql.startsWith("notify self")) {
                clients.get(user).notification(7, "self", "during the call");
                sink.complete("NOTIFY");
            } else {
                sink.describeColumns(List.of(Column.text("echo")));
                sink.row().text(sql).end();
                sink.complete("SELECT 1");
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.builder().port(0).sessionFactory(info -> new CopySession(info.user())).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection jdbc(String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/db?user=" + user);
    }

    private static List<String> kinds(List<BackendMessage> ms) {
        return ms.stream().map(m -> m instanceof CopyResponse c ? "CopyResponse." + c.kind()
                : m.getClass().getSimpleName()).toList();
    }

    @Test
    void pgjdbc_CopyManager_copies_in_and_out() throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 100_000; i++) data.append(i).append("\tvalue ").append(i).append('\n');
        try (Connection c = jdbc("jdbc_in")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long n = copy.copyIn("copy in", new StringReader(data.toString()));
            assertThat(n).isEqualTo(100_000);
            assertThat(received.get("jdbc_in").toString(StandardCharsets.UTF_8)).isEqualTo(data.toString());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(copy.copyOut("copy out 50000", out)).isEqualTo(50_000);
            assertThat(out.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(50_000);
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("0\trow 0\n1\trow 1\n");
        }
    }

    @Test
    void a_failing_COPY_is_an_error_the_session_survives() throws Exception {
        try (Connection c = jdbc("jdbc_fail")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertThatThrownBy(() -> copy.copyIn("copy in failing", new StringReader("1\n2\n3\n4\n5\n6\n7\n8\n")))
                    .isInstanceOf(SQLException.class).hasMessageContaining("bad copy data");
            assertThat(endings).contains("jdbc_fail: failed bad copy data");
            try (var st = c.createStatement(); var rs = st.executeQuery("still here")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void CopyData_then_CopyDone_completes_the_COPY_and_the_Query_goes_on() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "raw_ok")) {
            c.send(new Query("copy in; echo after"));
            BackendMessage first = c.read();
            assertThat(first).isEqualTo(new CopyResponse(CopyResponse.Kind.IN, 0, new short[] {0}));
            c.send(new CopyData("a\n".getBytes()), new CopyData("b\nc".getBytes()), new CopyData("\n".getBytes()),
                    CopyDone.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(kinds(got)).containsExactly("CommandComplete", "RowDescription", "DataRow", "CommandComplete",
                    "ReadyForQuery");
            assertThat(got.get(0)).isEqualTo(new CommandComplete("COPY 3"));
            assertThat(received.get("raw_ok").toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\nc\n");
        }
    }

    @Test
    void CopyFail_ends_the_COPY_with_57014_and_what_follows_of_it_is_ignored() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "raw_fail")) {
            c.send(new Query("copy in"));
            assertThat(c.read()).isInstanceOf(CopyResponse.class);
            c.send(new CopyData("a\n".getBytes()), new CopyFail("client gave up"), new CopyData("late\n".getBytes()),
                    CopyDone.INSTANCE, new Query("echo next"));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got).hasSize(2);
            PgException e = ((ErrorResponse) got.get(0)).toException();
            assertThat(e.sqlState()).isEqualTo(SqlState.QUERY_CANCELED);
            assertThat(e.getMessage()).isEqualTo("COPY from stdin failed: client gave up");
            assertThat(kinds(c.readUntilReady())).containsExactly("RowDescription", "DataRow", "CommandComplete",
                    "ReadyForQuery");
            assertThat(endings).contains("raw_fail: failed COPY from stdin failed: client gave up");
        }
    }

    @Test
    void another_message_during_COPY_fails_it_with_08P01() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "raw_other")) {
            c.send(new Query("copy in"));
            assertThat(c.read()).isInstanceOf(CopyResponse.class);
            c.send(new CopyData("a\n".getBytes()), new Query("echo not now"));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(((ErrorResponse) got.get(0)).toException().sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
            assertThat(((ErrorResponse) got.get(0)).toException().getMessage()).isEqualTo("unexpected message type 0x51 during COPY from stdin");
            assertThat(got.get(1)).isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void extended_protocol_COPY_ignores_Sync_until_CopyDone_then_the_next_Sync_ends_the_batch() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "raw_ext")) {
            c.send(new Parse("", "copy in", new int[0]), new Bind("", "", new short[0], new byte[0][], new short[0]),
                    new Execute("", 0), Sync.INSTANCE);
            assertThat(kinds(List.of(c.read(), c.read(), c.read())))
                    .containsExactly("ParseComplete", "BindComplete", "CopyResponse.IN");
            c.send(new CopyData("x\ny\n".getBytes()), CopyDone.INSTANCE, Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got).containsExactly(new CommandComplete("COPY 2"), ReadyForQuery.IDLE);
        }
    }

    @Test
    void extended_protocol_COPY_that_fails_skips_to_the_Sync_after_it() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "raw_extfail")) {
            c.send(new Parse("", "copy in", new int[0]), new Bind("", "", new short[0], new byte[0][], new short[0]),
                    new Execute("", 0), Sync.INSTANCE);
            assertThat(kinds(List.of(c.read(), c.read(), c.read())))
                    .containsExactly("ParseComplete", "BindComplete", "CopyResponse.IN");
            c.send(new CopyFail("no"), new Execute("", 0), Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(kinds(got)).containsExactly("ErrorResponse", "ReadyForQuery");
        }
    }

    @Test
    void COPY_TO_STDOUT_sends_CopyOutResponse_data_CopyDone_then_the_tag() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "raw_out")) {
            c.send(new Query("copy out 2"));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got).containsExactly(new CopyResponse(CopyResponse.Kind.OUT, 0, new short[] {0, 0}),
                    new CopyData("0\trow 0\n".getBytes()), new CopyData("1\trow 1\n".getBytes()), CopyDone.INSTANCE,
                    new CommandComplete("COPY 2"), ReadyForQuery.IDLE);
        }
    }

    @Test
    void a_sink_that_cannot_take_COPY_refuses_it_before_any_data() {
        ResultSink plain = new ResultSink() {
            public void describeColumns(List<Column> columns) { }
            public dev.pgwire.server.spi.RowWriter row() { return null; }
            public void complete(String commandTag) { }
            public void emptyQuery() { }
            public void notice(String severity, String sqlState, String message) { }
            public void parameterStatus(String name, String value) { }
            public boolean isCancelled() { return false; }
        };
        assertThatThrownBy(() -> plain.copyIn(false, 1, null))
                .isInstanceOf(PgException.class).hasMessage("COPY FROM STDIN is not supported here");
        assertThatThrownBy(() -> plain.copyOut(false, 1))
                .isInstanceOf(PgException.class).hasMessage("COPY TO STDOUT is not supported here");
    }

    @Test
    void a_notification_reaches_an_idle_client_at_once() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "idle_listener")) {
            clients.get("idle_listener").notification(42, "jobs", "payload 1");
            assertThat(c.read()).isEqualTo(new NotificationResponse(42, "jobs", "payload 1"));
        }
    }

    @Test
    void a_notification_during_a_call_goes_out_before_its_ReadyForQuery() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "busy_listener")) {
            c.send(new Query("notify self"));
            assertThat(kinds(c.readUntilReady())).containsExactly("CommandComplete", "NotificationResponse",
                    "ReadyForQuery");
        }
    }

    @Test
    void notifications_wait_while_the_session_is_in_a_transaction_block() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "block_listener")) {
            c.send(new Query("begin"));
            c.readUntilReady();
            clients.get("block_listener").notification(1, "a", "1");
            clients.get("block_listener").notification(1, "a", "2");
            c.send(new Query("echo x"));
            assertThat(kinds(c.readUntilReady())).doesNotContain("NotificationResponse");
            c.send(new Query("commit"));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got).containsExactly(new CommandComplete("COMMIT"), new NotificationResponse(1, "a", "1"),
                    new NotificationResponse(1, "a", "2"), ReadyForQuery.IDLE);
        }
    }

    @Test
    void pgjdbc_sees_notifications() throws Exception {
        try (Connection c = jdbc("jdbc_listener")) {
            clients.get("jdbc_listener").notification(9, "chan", "hello");
            org.postgresql.PGNotification[] got = c.unwrap(PGConnection.class).getNotifications(5000);
            assertThat(got).hasSize(1);
            assertThat(got[0].getName()).isEqualTo("chan");
            assertThat(got[0].getParameter()).isEqualTo("hello");
            assertThat(got[0].getPID()).isEqualTo(9);
        }
    }
}
