package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Session;
import dev.pgwire.testkit.TlsCerts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What PostgreSQL 15 cannot show: direct TLS with ALPN (PostgreSQL 17), protocol 3.2 with its long
 * cancel keys (PostgreSQL 18), and channel binding to an ECDSA certificate, against this project's
 * own server.
 */
class PgwireServerTest {
    private static final String PASSWORD = "pgwire pw";
    @TempDir
    static Path dir;
    private static TlsCerts certs;
    private static PgServer server;
    /** Released by the session's cancel(): a handler blocked until a CancelRequest arrives. */
    private static volatile CountDownLatch running;
    private static volatile CountDownLatch cancelled;

    @BeforeAll
    static void start() throws Exception {
        certs = TlsCerts.generate(dir.resolve("tls"), "alice", TlsCerts.ServerKey.ECDSA_P256);
        server = PgServer.builder().host("127.0.0.1").port(0)
                .tls(certs.serverCert(), certs.serverKey())
                .auth(AuthConfig.all(AuthMethod.SCRAM_SHA_256))
                .credentials(new InMemoryCredentialStore().addPassword("alice", PASSWORD))
                .sessionFactory(info -> new Session() {
                    @Override
                    public void execute(String sql, dev.pgwire.server.spi.ResultSink sink) throws Exception {
                        if (sql.startsWith("wait")) {
                            running.countDown();
                            if (!cancelled.await(30, TimeUnit.SECONDS)) throw new PgException("XX000", "not cancelled");
                            throw new PgException("57014", "canceling statement due to user request");
                        }
                        sink.describeColumns(List.of(Column.text("echo")));
                        sink.row().text(sql).end();
                        sink.complete("SELECT 1");
                    }

                    @Override
                    public void cancel() {
                        cancelled.countDown();
                    }
                })
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String conninfo(String extra) {
        return "host=localhost port=" + server.port() + " user=alice dbname=db password='" + PASSWORD + "'"
                + " sslrootcert=" + certs.caCert() + " " + extra;
    }

    @Test
    void directTlsWithAlpnAndChannelBindingToAnEcdsaCertificate() {
        try (PgConnection c = PgConnection.connect(conninfo("sslmode=verify-full sslnegotiation=direct channel_binding=require"))) {
            assertThat(c.async().isTls()).isTrue();
            assertThat(c.query("hello").first().getString(0)).isEqualTo("hello");
        }
    }

    @Test
    void channelBindingHashOfAnEcdsaSha256CertificateIsSha256() throws Exception {
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(certs.serverCertificate().getEncoded());
        assertThat(certs.serverCertificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(TlsSetup.tlsServerEndPoint(certs.serverCertificate())).isEqualTo(expected);
    }

    @Test
    void protocol32WithALongCancelKey() throws Exception {
        running = new CountDownLatch(1);
        cancelled = new CountDownLatch(1);
        try (PgConnection c = PgConnection.connect(conninfo("sslmode=verify-full max_protocol_version=3.2"))) {
            assertThat(c.async().protocolVersion()).isEqualTo("3.2");
            assertThat(c.async().handler().session.secretKey).hasSize(32);
            CompletableFuture<RowSet> waiting = c.async().query("wait");
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            c.cancel();
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aWrongPasswordOverDirectTls() {
        assertThatThrownBy(() -> PgConnection.connect(conninfo("sslmode=require sslnegotiation=direct password=wrong")))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("28P01"));
    }
}
