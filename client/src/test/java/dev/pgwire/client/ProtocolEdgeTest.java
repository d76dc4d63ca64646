package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.types.PgType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Misbehaving servers, scripted: the client must fail cleanly, never hang or accept a forgery. */
class ProtocolEdgeTest {

    private static String at(FakeServer s, String extra) {
        return "host=127.0.0.1 port=" + s.port() + " user=u dbname=d password=pw " + extra;
    }

    @Test
    void bytesAfterTheSslAnswerAreRefused() throws Exception {
        // CVE-2021-23222: data sent before the handshake could be taken as coming from inside TLS
        try (FakeServer s = new FakeServer(conn -> {
            conn.readStartupPacket();
            conn.sendRaw(new byte[] {'S', 'R', 0, 0, 0, 8, 0, 0, 0, 0});
            conn.readMessage();
        })) {
            assertThatThrownBy(() -> PgConnection.connect(at(s, "sslmode=require")))
                    .isInstanceOf(PgException.class).hasMessageContaining("received unencrypted data after SSL response");
        }
    }

    @Test
    void requireRefusesAServerWithoutTls() throws Exception {
        try (FakeServer s = new FakeServer(conn -> {
            conn.readStartupPacket();
            conn.sendRaw(new byte[] {'N'});
            conn.readMessage();
        })) {
            assertThatThrownBy(() -> PgConnection.connect(at(s, "sslmode=require")))
                    .isInstanceOf(PgException.class).hasMessageContaining("server does not support SSL, but SSL was required");
        }
    }

    @Test
    void authenticationOkBeforeTheScramExchangeEndsIsRefused() throws Exception {
        // a server that skips proving it knows the password must not be trusted
        try (FakeServer s = new FakeServer(conn -> {
            conn.readStartupPacket();
            conn.send(new Authentication.SASL(List.of("SCRAM-SHA-256")));
            conn.readMessage();
            conn.acceptLogin();
            conn.readMessage();
        })) {
            assertThatThrownBy(() -> PgConnection.connect(at(s, "sslmode=disable")))
                    .isInstanceOf(PgException.class).hasMessageContaining("before the SCRAM exchange was complete");
        }
    }

    @Test
    void aServerThatDiesMidResultFailsEveryPendingRequest() throws Exception {
        try (FakeServer s = new FakeServer(conn -> {
            conn.readStartupPacket();
            conn.acceptLogin();
            conn.readQuery();
            conn.send(new RowDescription(List.of(new RowDescription.Field("x", PgType.TEXT.oid(), (short) -1))),
                    new DataRow(new byte[][] {"partial".getBytes(StandardCharsets.UTF_8)}));
            // and the socket closes
        })) {
            PgAsyncConnection conn = PgAsyncConnection.connect(at(s, "sslmode=disable")).get(5, TimeUnit.SECONDS);
            List<CompletableFuture<RowSet>> pending = new ArrayList<>();
            for (int i = 0; i < 5; i++) pending.add(conn.query("SELECT " + i));
            for (CompletableFuture<RowSet> f : pending) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("08006"));
            }
            conn.closeFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void garbageFromTheServerIsAProtocolViolation() throws Exception {
        try (FakeServer s = new FakeServer(conn -> {
            conn.readStartupPacket();
            conn.acceptLogin();
            conn.readQuery();
            conn.sendRaw(new byte[] {'?', 0, 0, 0, 4});
            conn.readMessage();
        })) {
            PgAsyncConnection conn = PgAsyncConnection.connect(at(s, "sslmode=disable")).get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> conn.query("SELECT 1").get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("08P01"));
        }
    }

    @Test
    void connectTimeoutBoundsAServerThatNeverAnswers() throws Exception {
        try (FakeServer s = new FakeServer(conn -> conn.readMessage())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> PgConnection.connect(at(s, "sslmode=disable connect_timeout=1")))
                    .isInstanceOf(PgException.class).hasMessageContaining("timeout expired");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        }
    }

    @Test
    void unsupportedAuthenticationIsReported() throws Exception {
        try (FakeServer s = new FakeServer(conn -> {
            conn.readStartupPacket();
            conn.send(new Authentication.GSS());
            conn.readMessage();
        })) {
            assertThatThrownBy(() -> PgConnection.connect(at(s, "sslmode=disable")))
                    .isInstanceOfSatisfying(PgException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("0A000");
                        assertThat(e.getMessage()).contains("not supported");
                    });
        }
    }
}
