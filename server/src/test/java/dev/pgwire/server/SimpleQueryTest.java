package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimpleQueryTest {
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

    private static List<String> kinds(List<BackendMessage> ms) {
        return ms.stream().map(m -> m.getClass().getSimpleName()).toList();
    }

    @Test
    void a_query_with_three_statements_answers_each_and_one_ReadyForQuery() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "alice")) {
            c.send(new Query("echo a; echo b;echo c"));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(kinds(got)).containsExactly(
                    "RowDescription", "DataRow", "CommandComplete",
                    "RowDescription", "DataRow", "CommandComplete",
                    "RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
            assertThat(new String(((DataRow) got.get(4)).values()[0])).isEqualTo("b");
        }
    }

    @Test
    void an_error_ends_the_query_message_and_rolls_back_its_implicit_transaction() throws Exception {
        int before = handler.committed.get();
        try (RawConnection c = RawConnection.startup(server.port(), "alice")) {
            c.send(new Query("insert; error 22012; echo never"));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(kinds(got)).containsExactly("CommandComplete", "ErrorResponse", "ReadyForQuery");
            ErrorResponse e = (ErrorResponse) got.get(1);
            assertThat(e.fields()).containsEntry('C', "22012").containsEntry('S', "ERROR").containsEntry('D', "detail");
            assertThat(got.get(2)).isEqualTo(ReadyForQuery.IDLE);
            assertThat(handler.committed.get()).isEqualTo(before);

            c.send(new Query("insert; insert"));
            c.readUntilReady();
            assertThat(handler.committed.get()).isEqualTo(before + 2);
        }
    }

    @Test
    void transaction_status_follows_the_block_through_failure_and_rollback() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "alice")) {
            c.send(new Query("begin"));
            assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IN_TRANSACTION);
            c.send(new Query("error 42601"));
            assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.FAILED);
            c.send(new Query("echo x"));
            List<BackendMessage> refused = c.readUntilReady();
            assertThat(((ErrorResponse) refused.get(0)).fields()).containsEntry('C', "25P02");
            assertThat(refused).last().isEqualTo(ReadyForQuery.FAILED);
            c.send(new Query("rollback"));
            List<BackendMessage> done = c.readUntilReady();
            assertThat(done.get(0)).isEqualTo(new CommandComplete("ROLLBACK"));
            assertThat(done).last().isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void empty_and_comment_only_queries_answer_EmptyQueryResponse() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "alice")) {
            for (String q : new String[] {"", "  ;  ", "-- nothing\n", "/* a /* nested */ comment */;"}) {
                c.send(new Query(q));
                assertThat(c.readUntilReady()).containsExactly(EmptyQueryResponse.INSTANCE, ReadyForQuery.IDLE);
            }
        }
    }

    @Test
    void semicolons_inside_quotes_comments_and_dollar_quotes_do_not_split() {
        assertThat(SqlSplitter.split("echo 'a;b'; echo \"x;y\"; echo $$p;q$$; echo $t$ ; $t$; echo E'\\';' -- c;\n"))
                .containsExactly("echo 'a;b'", "echo \"x;y\"", "echo $$p;q$$", "echo $t$ ; $t$", "echo E'\\';' -- c;");
        assertThat(SqlSplitter.split("select $1; select 'it''s;'")).containsExactly("select $1", "select 'it''s;'");
    }

    @Test
    void a_handler_failure_becomes_XX000_without_internal_details() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "alice")) {
            c.send(new Query("boom"));
            List<BackendMessage> got = c.readUntilReady();
            ErrorResponse e = (ErrorResponse) got.get(0);
            assertThat(e.fields()).containsEntry('C', "XX000");
            assertThat(e.fields().get('M')).doesNotContain("secret");
        }
    }

    @Test
    void running_out_of_heap_in_a_statement_is_53200_and_the_session_goes_on() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "alice")) {
            c.send(new Query("oom"));
            List<BackendMessage> got = c.readUntilReady();
            ErrorResponse e = (ErrorResponse) got.get(0);
            assertThat(e.fields()).containsEntry('C', "53200").containsEntry('M', "out of memory");
            c.send(new Query("echo still here"));
            assertThat(c.readUntilReady()).hasSize(4);
        }
    }

    @Test
    void notices_reach_the_client_before_the_command_completes() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "alice")) {
            c.send(new Query("notice world"));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(((NoticeResponse) got.get(0)).fields()).containsEntry('M', "hello world").containsEntry('S', "NOTICE");
            assertThat(got.get(1)).isEqualTo(new CommandComplete("DO"));
        }
    }

    @Test
    void pgjdbc_in_simple_mode_reads_rows_errors_and_a_large_result() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/db?user=bob&preferQueryMode=simple";
        try (Connection conn = DriverManager.getConnection(url); Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("rows 3")) {
                assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("int8");
                int n = 0;
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(n++);
                    assertThat(rs.getString(2)).isEqualTo("row");
                    assertThat(rs.getObject(3)).isNull();
                }
                assertThat(n).isEqualTo(3);
            }
            assertThatThrownBy(() -> st.executeQuery("error 42P01"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            long total = 0;
            try (ResultSet rs = st.executeQuery("rows 200000")) {
                while (rs.next()) total += rs.getLong(1);
            }
            assertThat(total).isEqualTo(200000L * 199999 / 2);
            try (ResultSet rs = st.executeQuery("whoami")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("bob");
                assertThat(rs.getString(2)).isEqualTo("db");
            }
        }
    }

    @Test
    void row_descriptions_carry_type_oids() throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "alice")) {
            c.send(new Query("rows 1"));
            RowDescription rd = (RowDescription) c.readUntilReady().get(0);
            assertThat(rd.fields()).extracting(RowDescription.Field::typeOid).containsExactly(20, 25, 23);
            assertThat(rd.fields()).extracting(RowDescription.Field::typeSize).containsExactly((short) 8, (short) -1, (short) 4);
        }
    }
}
