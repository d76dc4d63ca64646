package dev.pgwire.server;

import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.GSSENCRequest;
import dev.pgwire.protocol.message.NegotiateProtocolVersion;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class StartupTest {
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

    @Test
    void startup_sends_AuthenticationOk_the_parameters_drivers_expect_a_key_and_ReadyForQuery() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "alice", "application_name", "t1")));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got.get(0)).isEqualTo(Authentication.Ok.INSTANCE);
            Map<String, String> params = got.stream().filter(m -> m instanceof ParameterStatus)
                    .map(m -> (ParameterStatus) m).collect(Collectors.toMap(ParameterStatus::name, ParameterStatus::value));
            assertThat(params).containsKeys("server_version", "server_encoding", "client_encoding", "DateStyle",
                    "TimeZone", "integer_datetimes", "standard_conforming_strings", "IntervalStyle", "application_name",
                    "is_superuser", "session_authorization", "default_transaction_read_only", "in_hot_standby");
            assertThat(params).containsEntry("application_name", "t1").containsEntry("session_authorization", "alice")
                    .containsEntry("integer_datetimes", "on").containsEntry("server_encoding", "UTF8");
            BackendKeyData key = (BackendKeyData) got.get(got.size() - 2);
            assertThat(key.secretKey()).hasSize(4);
            assertThat(got).last().isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void ssl_and_gss_requests_are_declined_with_N_when_no_certificate_is_configured() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(GSSENCRequest.INSTANCE);
            assertThat(c.readByte()).isEqualTo('N');
            c.send(SSLRequest.INSTANCE);
            assertThat(c.readByte()).isEqualTo('N');
            c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "alice")));
            assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void protocol_3_2_gets_a_long_cancel_key() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new StartupMessage(Wire.PROTOCOL_3_2, Map.of("user", "alice")));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got).noneMatch(m -> m instanceof NegotiateProtocolVersion);
            BackendKeyData key = (BackendKeyData) got.get(got.size() - 2);
            assertThat(key.secretKey()).hasSize(32);
        }
    }

    @Test
    void a_newer_minor_version_and_unknown_pq_options_are_negotiated_down() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("user", "alice");
            p.put("_pq_.compression", "on");
            c.send(new StartupMessage(3 << 16 | 7, p));
            List<BackendMessage> got = c.readUntilReady();
            assertThat(got.get(0)).isEqualTo(new NegotiateProtocolVersion(2, List.of("_pq_.compression")));
            assertThat(got.get(1)).isEqualTo(Authentication.Ok.INSTANCE);
            c.send(new Query("echo still fine"));
            assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void an_unsupported_major_version_is_refused_with_0A000() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new StartupMessage(2 << 16, Map.of("user", "alice")));
            List<BackendMessage> got = c.readUntilClosed();
            assertThat(got).hasSize(1);
            assertThat(((ErrorResponse) got.get(0)).fields()).containsEntry('C', "0A000").containsEntry('S', "FATAL");
        }
    }

    @Test
    void a_startup_without_user_is_refused_with_28000() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("database", "x")));
            List<BackendMessage> got = c.readUntilClosed();
            assertThat(((ErrorResponse) got.get(0)).fields()).containsEntry('C', "28000");
        }
    }

    @Test
    void a_handler_refusing_the_database_sends_FATAL_3D000_after_authentication() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "alice", "database", "nosuchdb")));
            List<BackendMessage> got = c.readUntilClosed();
            assertThat(got.get(0)).isEqualTo(Authentication.Ok.INSTANCE);
            assertThat(((ErrorResponse) got.get(1)).fields()).containsEntry('C', "3D000").containsEntry('S', "FATAL");
        }
    }
}
