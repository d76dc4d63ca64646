package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.testkit.TlsCerts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every sslmode with libpq's semantics, against the shared cluster and its test CA. */
class TlsTest {
    private static final String NO_ROOT = " sslrootcert=/nonexistent/root.crt";

    private static boolean serverSeesTls(PgConnection c) {
        return c.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first().getBoolean(0);
    }

    private static String ca() {
        return " sslrootcert=" + TestCluster.certs().caCert();
    }

    private static String otherCa() {
        return " sslrootcert=" + TestCluster.otherCa().caCert();
    }

    @Test
    void disableNeverUsesTls() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=disable"))) {
            assertThat(c.async().isTls()).isFalse();
            assertThat(serverSeesTls(c)).isFalse();
        }
    }

    @Test
    void allowTriesPlainTextFirst() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=allow" + NO_ROOT))) {
            assertThat(serverSeesTls(c)).isFalse();
        }
    }

    @Test
    void allowRetriesWithTlsWhenPlainTextIsRejected() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("tlsonly", "sslmode=allow" + NO_ROOT))) {
            assertThat(c.async().isTls()).isTrue();
            assertThat(serverSeesTls(c)).isTrue();
        }
    }

    @Test
    void preferUsesTlsWhenOffered() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=prefer" + NO_ROOT))) {
            assertThat(serverSeesTls(c)).isTrue();
        }
    }

    @Test
    void preferRetriesInPlainTextWhenTlsIsRejected() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("plainonly", "sslmode=prefer" + NO_ROOT))) {
            assertThat(c.async().isTls()).isFalse();
            assertThat(serverSeesTls(c)).isFalse();
        }
    }

    @Test
    void requireWithoutRootCertificateDoesNotVerify() {
        // the test CA is unknown to the JDK: this works only because require does not verify
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=require" + NO_ROOT))) {
            assertThat(serverSeesTls(c)).isTrue();
        }
    }

    @Test
    void requireFailsWhenTheServerRefusesTls() {
        // plainonly is rejected over TLS by the server, and require never falls back to plain text
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.conninfo("plainonly", "sslmode=require" + NO_ROOT)))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("28000"));
    }

    @Test
    void requireWithARootCertificateVerifiesLikeVerifyCa() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=require" + ca()))) {
            assertThat(serverSeesTls(c)).isTrue();
        }
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.conninfo("scram", "sslmode=require" + otherCa())))
                .isInstanceOf(PgException.class).hasMessageContaining("SSL error");
    }

    @Test
    void verifyCaChecksTheIssuerButNotTheName() {
        String wrongName = "host=wrong.example.org hostaddr=127.0.0.1 port=" + TestCluster.get().port()
                + " dbname=postgres user=scram password='" + TestCluster.PASSWORD + "'";
        try (PgConnection c = PgConnection.connect(wrongName + " sslmode=verify-ca" + ca())) {
            assertThat(serverSeesTls(c)).isTrue();
        }
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.conninfo("scram", "sslmode=verify-ca" + otherCa())))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("SSL error");
                });
    }

    @Test
    void verifyFullChecksTheHostName() {
        int port = TestCluster.get().port();
        String user = " dbname=postgres user=scram password='" + TestCluster.PASSWORD + "' sslmode=verify-full" + ca();
        try (PgConnection c = PgConnection.connect("host=localhost port=" + port + user)) {
            assertThat(serverSeesTls(c)).isTrue();
        }
        try (PgConnection c = PgConnection.connect("host=127.0.0.1 port=" + port + user)) {
            assertThat(serverSeesTls(c)).as("the IP address is in the certificate's SAN").isTrue();
        }
        assertThatThrownBy(() -> PgConnection.connect("host=wrong.example.org hostaddr=127.0.0.1 port=" + port + user))
                .isInstanceOf(PgException.class).hasMessageContaining("SSL error");
    }

    @Test
    void verifyModesNeedARootCertificate() {
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.conninfo("scram", "sslmode=verify-ca" + NO_ROOT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslrootcert")
                .hasMessageContaining("does not exist");
    }

    @Test
    void tlsProtocolVersionLimits() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram",
                "sslmode=require ssl_min_protocol_version=TLSv1.3" + NO_ROOT))) {
            assertThat(c.query("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first().getString(0))
                    .isEqualTo("TLSv1.3");
        }
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram",
                "sslmode=require ssl_max_protocol_version=TLSv1.2" + NO_ROOT))) {
            assertThat(c.query("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first().getString(0))
                    .isEqualTo("TLSv1.2");
        }
    }

    @Test
    void sslmodeIsIgnoredOnUnixSockets() {
        String conninfo = "host=" + TestCluster.get().socketDir() + " port=" + TestCluster.get().port()
                + " user=postgres dbname=postgres sslmode=require";
        try (PgConnection c = PgConnection.connect(conninfo)) {
            assertThat(c.async().host().isUnixSocket()).isTrue();
            assertThat(c.async().isTls()).isFalse();
            assertThat(c.query("SELECT client_addr IS NULL FROM pg_stat_activity WHERE pid = pg_backend_pid()")
                    .first().getBoolean(0)).as("a Unix-socket session has no client address").isTrue();
        }
    }

    @Test
    void directTlsIsRefusedByPostgres15() {
        // PostgreSQL 15 predates sslnegotiation=direct and reads the ClientHello as a bad startup packet
        TlsCerts certs = TestCluster.certs();
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.conninfo("scram",
                "sslmode=verify-full sslnegotiation=direct sslrootcert=" + certs.caCert())))
                .isInstanceOf(PgException.class);
    }
}
