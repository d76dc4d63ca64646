package dev.pgwire.serve;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.Sync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression tests for holes found by probing serve as an attacker would (issue 11): deeply nested
 * statements are refused before DuckDB sees them, idle_in_transaction_session_timeout ends the
 * session with FATAL 25P03, and values DuckDB cannot hold are errors with a PostgreSQL SQLSTATE,
 * never XX000 with Java's or DuckDB's text. (The database-name, engine-lifetime, memory, json-depth,
 * phase-boundary and pipeline-depth holes have theirs in SessionFactoryTest, server's
 * MemoryLimitsTest, JsonDepthTest/DeepJsonParameterTest, PhaseBoundaryTest and PipelineDepthTest.)
 */
class HostileInputTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    private static ErrorResponse error(List<BackendMessage> got) {
        for (BackendMessage m : got) if (m instanceof ErrorResponse e) return e;
        throw new AssertionError("no error in " + got);
    }

    private static String code(List<BackendMessage> got) {
        return error(got).fields().get('C');
    }

    @Test
    void four_195_KB_nested_parenthesis_queries_are_refused_by_the_parser_as_by_PostgreSQL() throws IOException {
        String deep = "SELECT " + "(".repeat(97_500) + "1" + ")".repeat(97_500);
        try (WireClient c = WireClient.connect(server.port(), "postgres", "postgres")) {
            for (int i = 0; i < 4; i++) {
                List<BackendMessage> got = c.exchange(new Query(deep));
                // PostgreSQL 15: ERROR 42601 memory exhausted at or near "(" (the grammar's stack)
                assertThat(code(got)).isEqualTo("42601");
                assertThat(error(got).fields().get('M')).isEqualTo("memory exhausted at or near \"(\"");
            }
            assertThat(c.exchange(new Query("SELECT 1"))).last().isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void expressions_nested_past_the_limit_are_54001_before_the_engine_in_simple_and_extended_query() throws IOException {
        String sum = "SELECT " + "1+".repeat(50_000) + "1";
        String calls = "SELECT " + "abs(".repeat(20_000) + "1" + ")".repeat(20_000);
        String arrays = "SELECT " + "ARRAY[".repeat(20_000) + "1" + "]".repeat(20_000);
        try (WireClient c = WireClient.connect(server.port(), "postgres", "postgres")) {
            for (String sql : List.of(sum, calls, arrays)) {
                List<BackendMessage> simple = c.exchange(new Query(sql));
                assertThat(code(simple)).as(sql.substring(0, 20)).isIn("54001", "42601");
                assertThat(error(simple).fields().get('M')).matches("stack depth limit exceeded|memory exhausted at or near \".*\"");
                List<BackendMessage> extended = c.exchange(new Parse("", sql, new int[0]), Sync.INSTANCE);
                assertThat(code(extended)).isEqualTo(code(simple));
            }
            assertThat(code(c.exchange(new Query(sum)))).isEqualTo("54001"); // as PostgreSQL 15
        }
    }

    @Test
    void idle_in_transaction_session_timeout_ends_the_session_with_FATAL_25P03() throws IOException {
        try (WireClient c = WireClient.connect(server.port(), "postgres", "postgres")) {
            assertThat(c.exchange(new Query("SET idle_in_transaction_session_timeout = '200ms'"))).last().isEqualTo(ReadyForQuery.IDLE);
            assertThat(c.exchange(new Query("SELECT 1"))).as("idle outside a transaction: no timeout").last().isEqualTo(ReadyForQuery.IDLE);
            assertThat(c.exchange(new Query("BEGIN"))).last().isEqualTo(ReadyForQuery.IN_TRANSACTION);
            // nothing more is sent: the server speaks first
            BackendMessage m = c.read();
            assertThat(m).isInstanceOf(ErrorResponse.class);
            ErrorResponse e = (ErrorResponse) m;
            assertThat(e.fields().get('S')).isEqualTo("FATAL");
            assertThat(e.fields().get('C')).isEqualTo("25P03");
            assertThat(e.fields().get('M')).isEqualTo("terminating connection due to idle-in-transaction timeout");
            List<BackendMessage> rest = new ArrayList<>();
            try {
                while (true) rest.add(c.read());
            } catch (EOFException | java.net.SocketException closed) {
                // the server closed the connection
            }
            assertThat(rest).isEmpty();
        }
    }

    private static byte[] interval(long micros, int days, int months) {
        return ByteBuffer.allocate(16).putLong(micros).putInt(days).putInt(months).array();
    }

    private static List<BackendMessage> bind(WireClient c, String sql, int oid, byte[] value, short format) throws IOException {
        return c.exchange(new Parse("", sql, new int[] {oid}),
                new Bind("", "", new short[] {format}, new byte[][] {value}, new short[0]), new Execute("", 0), Sync.INSTANCE);
    }

    @Test
    void parameters_beyond_what_duckdb_holds_are_errors_with_a_sqlstate_not_XX000_with_engine_text() throws IOException {
        try (WireClient c = WireClient.connect(server.port(), "postgres", "postgres")) {
            // PostgreSQL's timestamps reach 294276, DuckDB's 294247: the driver's long overflowed ("long overflow", XX000)
            List<BackendMessage> ts = bind(c, "SELECT $1::timestamp", 1114,
                    "294270-01-01 00:00:00".getBytes(StandardCharsets.UTF_8), (short) 0);
            assertThat(code(ts)).as("%s", error(ts).fields()).isEqualTo("22008");
            assertThat(error(ts).fields().get('M')).doesNotContain("overflow").contains("out of range");
            // the smallest interval PostgreSQL holds: DuckDB read its text as minus 2^63 and failed ("Could not convert string", XX000)
            List<BackendMessage> iv = bind(c, "SELECT $1::interval", 1186,
                    interval(Long.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE), (short) 1);
            assertThat(iv.stream().filter(m -> m instanceof ErrorResponse).toList()).isEmpty();
            DataRow row = (DataRow) iv.stream().filter(m -> m instanceof DataRow).findFirst().orElseThrow();
            assertThat(new String(row.values()[0], StandardCharsets.UTF_8))
                    .isEqualTo("-178956970 years -8 mons -2147483648 days -2562047788:00:54.775808");
            // an unsupported type is refused, nothing is downloaded to support it
            List<BackendMessage> inet = c.exchange(new Query("SELECT '10.0.0.1'::inet"));
            assertThat(code(inet)).isEqualTo("0A000");
        }
    }
}
