package dev.pgwire.protocol.pg15;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.GSSENCRequest;
import dev.pgwire.protocol.message.NegotiateProtocolVersion;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.protocol.message.Wire;
import dev.pgwire.protocol.testing.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.pgwire.protocol.testing.Buffers.bytes;
import static dev.pgwire.protocol.testing.Buffers.concat;
import static dev.pgwire.protocol.testing.Buffers.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The startup phase as PostgreSQL 15 plays it, from the recorded conversations. */
@ExtendWith(LeakCheck.class)
class Pg15StartupTest {

    @Test
    void ourStartupMessageIsByteForByteTheOneSent() {
        Capture c = Capture.load("startup-trust");
        StartupMessage ours = new StartupMessage(Wire.PROTOCOL_3_0, params(
                "user", "postgres", "database", "postgres", "application_name", "pgwire-capture", "client_encoding", "UTF8"));
        assertThat(c.sent()).containsExactly(ours, Terminate.INSTANCE);
        assertThat(Capture.encoded(ours)).isEqualTo(c.sentFrame(StartupMessage.class, 0).bytes());
    }

    @Test
    void trustAuthenticationIsOkThenParameterStatusesThenBackendKeyDataThenReadyForQuery() {
        List<Object> got = Capture.load("startup-trust").received();
        assertThat(got.get(0)).isEqualTo(Authentication.Ok.INSTANCE);
        assertThat(got.subList(1, 14)).allMatch(m -> m instanceof ParameterStatus);
        assertThat(got.get(14)).isInstanceOfSatisfying(BackendKeyData.class, k -> assertThat(k.secretKey()).hasSize(4));
        assertThat(got.get(15)).isEqualTo(ReadyForQuery.IDLE);
        assertThat(got).hasSize(16);
    }

    @Test
    void postgres15ReportsTheseParametersInThisOrder() {
        Map<String, String> reported = new LinkedHashMap<>();
        for (ParameterStatus s : Capture.load("startup-trust").received(ParameterStatus.class)) reported.put(s.name(), s.value());
        assertThat(reported.keySet()).containsExactly("application_name", "client_encoding", "DateStyle",
                "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
                "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");
        assertThat(reported).containsEntry("application_name", "pgwire-capture").containsEntry("client_encoding", "UTF8")
                .containsEntry("DateStyle", "ISO, MDY").containsEntry("IntervalStyle", "postgres")
                .containsEntry("integer_datetimes", "on").containsEntry("standard_conforming_strings", "on")
                .containsEntry("session_authorization", "postgres").containsEntry("TimeZone", "Etc/UTC");
        assertThat(reported.get("server_version")).startsWith("15.");
    }

    @Test
    void protocol32RequestIsAnsweredWithNegotiateProtocolVersionFirst() {
        Capture c = Capture.load("startup-protocol-3.2");
        StartupMessage sent = (StartupMessage) c.sent().get(0);
        assertThat(sent.minorVersion()).isEqualTo(2);
        assertThat(Capture.encoded(new StartupMessage(Wire.PROTOCOL_3_2, params(
                "user", "postgres", "database", "postgres", "_pq_.pgwire_test_option", "on"))))
                .isEqualTo(c.sentFrame(StartupMessage.class, 0).bytes());

        NegotiateProtocolVersion npv = new NegotiateProtocolVersion(0, List.of("_pq_.pgwire_test_option"));
        assertThat(c.received().get(0)).isEqualTo(npv);
        // The version field is the whole version word 3.0, not a bare minor number.
        assertThat(c.receivedFrame(NegotiateProtocolVersion.class, 0).bytes()).isEqualTo(concat(
                bytes('v', 0, 0, 0, 36, 0, 3, 0, 0, 0, 0, 0, 1), utf8("_pq_.pgwire_test_option\0")));
        assertThat(c.received().get(1)).isEqualTo(Authentication.Ok.INSTANCE);
        assertThat(c.received(ParameterStatus.class)).contains(new ParameterStatus("application_name", ""));
    }

    @Test
    void unsupportedMajorVersionIsRejectedWith0A000LikePostgres() {
        Capture c = Capture.load("startup-unsupported-version");
        assertThat(c.sent()).singleElement().isInstanceOfSatisfying(PgException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
            assertThat(e.getMessage()).startsWith("unsupported frontend protocol 4.0: server supports 3.0 to ");
        });
        assertThat(c.received()).singleElement().isInstanceOfSatisfying(ErrorResponse.class, e -> {
            assertThat(e.fields().keySet()).containsExactly('S', 'V', 'C', 'M', 'F', 'L', 'R');
            assertThat(e.toException().isFatal()).isTrue();
            assertThat(e.toException().sqlState()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
            assertThat(e.toException().getMessage()).isEqualTo("unsupported frontend protocol 4.0: server supports 3.0 to 3.0");
        });
    }

    @Test
    void unknownDatabaseIsAFatalErrorAfterAuthenticationOk() {
        List<Object> got = Capture.load("startup-unknown-database").received();
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isEqualTo(Authentication.Ok.INSTANCE);
        assertThat(got.get(1)).isInstanceOfSatisfying(ErrorResponse.class, e -> {
            assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "3D000")
                    .containsEntry('M', "database \"no_such_database\" does not exist");
        });
    }

    @Test
    void psqlAsksForTlsFirstAndCarriesOnInTheClearAfterN() {
        Capture c = Capture.load("psql-select");
        assertThat(c.sent()).containsExactly(SSLRequest.INSTANCE,
                new StartupMessage(Wire.PROTOCOL_3_0, params("user", "postgres", "database", "postgres",
                        "application_name", "psql", "client_encoding", "UTF8")),
                new Query("SELECT 1 AS one, 'x'::text AS t, NULL::int AS n"), Terminate.INSTANCE);
        assertThat(c.sentFrame(SSLRequest.class, 0).bytes()).isEqualTo(bytes(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f));
        assertThat(c.received().get(0)).isEqualTo('N');
        assertThat(c.received().get(1)).isEqualTo(Authentication.Ok.INSTANCE);
    }

    @Test
    void gssEncRequestIsAnsweredWithASingleByte() {
        Capture c = Capture.load("startup-gssenc-request");
        assertThat(c.sent()).containsExactly(GSSENCRequest.INSTANCE);
        assertThat(c.sentFrame(GSSENCRequest.class, 0).bytes()).isEqualTo(bytes(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30));
        assertThat(c.received()).containsExactly('G');
    }

    @Test
    void cancelRequestCarriesTheKeyFromBackendKeyDataAndGetsNoAnswer() {
        BackendKeyData key = Capture.load("cancel-session").received(BackendKeyData.class).get(0);
        Capture cancel = Capture.load("cancel-request");
        CancelRequest ours = new CancelRequest(key.processId(), key.secretKey());
        assertThat(cancel.sent()).containsExactly(ours);
        assertThat(Capture.encoded(ours)).isEqualTo(cancel.frontendStream).hasSize(16);
        assertThat(cancel.backendStream).isEmpty();
    }

    static Map<String, String> params(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], nameValue[i + 1]);
        return m;
    }
}
