package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.BindComplete;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CloseComplete;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.Flush;
import dev.pgwire.protocol.message.NoData;
import dev.pgwire.protocol.message.ParameterDescription;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.ParseComplete;
import dev.pgwire.protocol.message.PortalSuspended;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.Sync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtendedQueryTest {
    static TestHandler handler = new TestHandler();
    static PgServer server;
    static final short[] NONE = new short[0];

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.builder().port(0).sessionFactory(handler).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> kinds(List<BackendMessage> ms) {
        return ms.stream().map(m -> m.getClass().getSimpleName()).toList();
    }

    private static Bind bind(String portal, String statement, byte[]... params) {
        return new Bind(portal, statement, NONE, params, NONE);
    }

    @Test
    void execute_with_maxRows_2_on_a_5_row_portal_sends_two_rows_then_PortalSuspended_and_resumes() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("", "rows 5", new int[0]), bind("", ""), new Describe('P', ""),
                    new Execute("", 2), new Execute("", 2), new Execute("", 2), Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(kinds(got)).containsExactly("ParseComplete", "BindComplete", "RowDescription",
                    "DataRow", "DataRow", "PortalSuspended",
                    "DataRow", "DataRow", "PortalSuspended",
                    "DataRow", "CommandComplete", "ReadyForQuery");
            assertThat(new String(((DataRow) got.get(9)).values()[0])).isEqualTo("4");
        }
    }

    @Test
    void an_error_mid_batch_skips_to_Sync_and_answers_one_ReadyForQuery() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("", "echo one", new int[0]), bind("", ""), new Execute("", 0),
                    new Parse("", "error 22012", new int[0]), bind("", ""), new Execute("", 0),
                    new Parse("", "echo three", new int[0]), bind("", ""), new Execute("", 0),
                    Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(kinds(got)).containsExactly("ParseComplete", "BindComplete", "DataRow", "CommandComplete",
                    "ParseComplete", "BindComplete", "ErrorResponse", "ReadyForQuery");
            assertThat(((ErrorResponse) got.get(6)).fields()).containsEntry('C', "22012");
            // the connection is usable afterwards
            c.send(new Query("echo next"));
            assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void statements_and_portals_follow_postgresql_naming_rules() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("s1", "rows 1", new int[0]), new Parse("s1", "rows 2", new int[0]), Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got.get(0)).isEqualTo(ParseComplete.INSTANCE);
            assertThat(((ErrorResponse) got.get(1)).fields()).containsEntry('C', "42P05");

            c.send(bind("", "nope"), Sync.INSTANCE);
            assertThat(((ErrorResponse) c.readUntilReady().get(0)).fields()).containsEntry('C', "26000");
            c.send(new Execute("nope", 0), Sync.INSTANCE);
            assertThat(((ErrorResponse) c.readUntilReady().get(0)).fields()).containsEntry('C', "34000");
            c.send(new Describe('S', "nope"), Sync.INSTANCE);
            assertThat(((ErrorResponse) c.readUntilReady().get(0)).fields()).containsEntry('C', "26000");

            // a named statement outlives the batch; Close removes it; closing a missing one is fine
            c.send(new Describe('S', "s1"), bind("p1", "s1"), new Execute("p1", 0), new Close('S', "s1"),
                    new Close('S', "never-existed"), Sync.INSTANCE);
            assertThat(kinds(c.readUntilReady())).containsExactly("ParameterDescription", "RowDescription",
                    "BindComplete", "DataRow", "CommandComplete", "CloseComplete", "CloseComplete", "ReadyForQuery");
            // the portal ended with its (implicit) transaction at Sync
            c.send(new Execute("p1", 0), Sync.INSTANCE);
            assertThat(((ErrorResponse) c.readUntilReady().get(0)).fields()).containsEntry('C', "34000");
        }
    }

    @Test
    void named_portals_live_until_the_transaction_block_ends() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Query("begin"));
            c.readUntilReady();
            c.send(new Parse("", "rows 3", new int[0]), bind("cur", ""), new Execute("cur", 1), Sync.INSTANCE);
            assertThat(kinds(c.readUntilReady())).containsExactly("ParseComplete", "BindComplete", "DataRow",
                    "PortalSuspended", "ReadyForQuery");
            c.send(new Execute("cur", 5), Sync.INSTANCE);
            List<BackendMessage> rest = c.readUntilReady();
            assertThat(kinds(rest)).containsExactly("DataRow", "DataRow", "CommandComplete", "ReadyForQuery");
            assertThat(rest).last().isEqualTo(ReadyForQuery.IN_TRANSACTION);
            c.send(new Query("commit"));
            c.readUntilReady();
        }
    }

    @Test
    void values_written_as_ranges_of_a_reused_array_arrive_in_the_format_chosen_at_bind() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("s", "ranges", new int[0]),
                    new Bind("", "s", NONE, new byte[0][], new short[] {0}), new Execute("", 0),
                    new Bind("", "s", NONE, new byte[0][], new short[] {1}), new Execute("", 0), Sync.INSTANCE);
            List<DataRow> rows = c.readUntilReady().stream().filter(DataRow.class::isInstance).map(DataRow.class::cast).toList();
            assertThat(rows).hasSize(2);
            byte[][] text = rows.get(0).values();
            assertThat(new String(text[0], StandardCharsets.UTF_8)).isEqualTo("-5");
            assertThat(new String(text[1], StandardCharsets.UTF_8)).isEqualTo("row");
            assertThat(new String(text[2], StandardCharsets.UTF_8)).isEqualTo("42");
            byte[][] binary = rows.get(1).values();
            assertThat(java.nio.ByteBuffer.wrap(binary[0]).getLong()).isEqualTo(-5L);
            assertThat(new String(binary[1], StandardCharsets.UTF_8)).isEqualTo("row");
            assertThat(binary[2]).containsExactly(0, 0, 0, 42);
        }
    }

    @Test
    void describe_reports_declared_parameter_types_and_the_formats_chosen_at_bind() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("s", "param $1", new int[] {1043}), new Describe('S', "s"),
                    new Bind("", "s", NONE, new byte[][] {"hi".getBytes(StandardCharsets.UTF_8)}, new short[] {0}),
                    new Describe('P', ""), new Execute("", 0), Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got.get(1)).isEqualTo(new ParameterDescription(new int[] {1043}));
            RowDescription rd = (RowDescription) got.get(4);
            assertThat(rd.fields().get(0).format()).isZero();
            assertThat(new String(((DataRow) got.get(5)).values()[0], StandardCharsets.UTF_8)).isEqualTo("hi");
        }
    }

    @Test
    void execute_again_on_a_finished_portal_answers_zero_rows_or_the_empty_query_again() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("", "", new int[0]), bind("", ""), new Execute("", 0), new Execute("", 0), Sync.INSTANCE);
            assertThat(kinds(c.readUntilReady())).containsExactly("ParseComplete", "BindComplete",
                    "EmptyQueryResponse", "EmptyQueryResponse", "ReadyForQuery");
            c.send(new Parse("", "rows 2", new int[0]), bind("", ""), new Execute("", 0), new Execute("", 0), Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(kinds(got)).containsExactly("ParseComplete", "BindComplete", "DataRow", "DataRow",
                    "CommandComplete", "CommandComplete", "ReadyForQuery");
            assertThat(got.get(5)).isEqualTo(new CommandComplete("SELECT 0"));
        }
    }

    @Test
    void a_query_inside_an_unfinished_batch_joins_and_ends_its_implicit_transaction() throws Exception {
        int before = handler.committed.get();
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("", "insert", new int[0]), bind("", ""), new Execute("", 0), new Query("insert; insert"),
                    Sync.INSTANCE);
            assertThat(kinds(c.readUntilReady())).containsExactly("ParseComplete", "BindComplete", "CommandComplete",
                    "CommandComplete", "CommandComplete", "ReadyForQuery");
            assertThat(kinds(c.readUntilReady())).containsExactly("ReadyForQuery");
            assertThat(handler.committed.get()).isEqualTo(before + 3); // committed once, by the Query
        }
    }

    @Test
    void bind_with_the_wrong_number_of_parameters_is_08P01() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("", "param $1", new int[0]), bind("", ""), Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(((ErrorResponse) got.get(1)).fields()).containsEntry('C', "08P01");
        }
    }

    @Test
    void flush_sends_pending_output_without_ending_the_batch() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("", "echo x", new int[0]), Flush.INSTANCE);
            assertThat(c.read()).isEqualTo(ParseComplete.INSTANCE);
            c.send(bind("", ""), new Execute("", 0), Flush.INSTANCE);
            assertThat(c.read()).isEqualTo(BindComplete.INSTANCE);
            assertThat(c.read()).isInstanceOf(DataRow.class);
            assertThat(c.read()).isEqualTo(new CommandComplete("SELECT 1"));
            c.send(Sync.INSTANCE);
            assertThat(c.read()).isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void a_simple_only_handler_serves_extended_clients_without_parameters_and_refuses_parameters_clearly() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "a")) {
            c.send(new Parse("", "echo deferred", new int[0]), new Describe('S', ""), bind("", ""),
                    new Describe('P', ""), new Execute("", 0), Sync.INSTANCE);
            List<BackendMessage> got = c.readUntilReady();
            assertThat(kinds(got)).containsExactly("ParseComplete", "ParameterDescription", "NoData", "BindComplete",
                    "RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
            assertThat(got.get(2)).isEqualTo(NoData.INSTANCE);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/db?user=bob";
        try (Connection conn = DriverManager.getConnection(url)) {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("echo via pgjdbc")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("via pgjdbc");
            }
            try (PreparedStatement ps = conn.prepareStatement("echo ?")) {
                ps.setInt(1, 5);
                assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
            }
        }
    }

    @Test
    void pgjdbc_fetch_size_10_inside_a_transaction_reads_all_1000_rows_through_portal_suspension() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/db?user=bob&prepareThreshold=1";
        try (Connection conn = DriverManager.getConnection(url)) {
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement("rows 1000")) {
                ps.setFetchSize(10);
                for (int round = 0; round < 2; round++) {
                    long sum = 0;
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sum += rs.getLong(1);
                            n++;
                        }
                    }
                    assertThat(n).isEqualTo(1000);
                    assertThat(sum).isEqualTo(999L * 1000 / 2);
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("param ?")) {
                ps.setString(1, "bound");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("bound");
                }
            }
            conn.commit();
        }
    }
}
