package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.testkit.TlsCerts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each authentication method PostgreSQL 15 asks for, and channel binding, against the shared cluster. */
class AuthTest {

    private static String whoAmI(PgConnection c) {
        return c.query("SELECT current_user").first().getString(0);
    }

    @Test
    void trust() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("trusted", "sslmode=disable password=''"))) {
            assertThat(whoAmI(c)).isEqualTo("trusted");
        }
    }

    @Test
    void cleartextPassword() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("clear", "sslmode=disable"))) {
            assertThat(whoAmI(c)).isEqualTo("clear");
        }
    }

    @Test
    void md5Password() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("md5user", "sslmode=disable"))) {
            assertThat(whoAmI(c)).isEqualTo("md5user");
        }
    }

    @Test
    void scramSha256WithoutTls() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=disable"))) {
            assertThat(whoAmI(c)).isEqualTo("scram");
            assertThat(c.async().isTls()).isFalse();
        }
    }

    @Test
    void scramSha256PlusBindsToTheServerCertificate() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=require channel_binding=require"))) {
            assertThat(whoAmI(c)).isEqualTo("scram");
            assertThat(c.async().isTls()).isTrue();
            assertThat(c.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first().getBoolean(0)).isTrue();
        }
    }

    @Test
    void channelBindingDisableUsesPlainScramOverTls() {
        try (PgConnection c = PgConnection.connect(TestCluster.conninfo("scram", "sslmode=require channel_binding=disable"))) {
            assertThat(whoAmI(c)).isEqualTo("scram");
        }
    }

    @Test
    void wrongPasswordIsTheServersError() {
        String conninfo = TestCluster.conninfo("scram", "sslmode=disable").replace(TestCluster.PASSWORD.replace("'", "\\'"), "nope");
        assertThatThrownBy(() -> PgConnection.connect(conninfo))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("password authentication failed for user \"scram\"");
                    assertThat(e.severity()).isEqualTo("FATAL");
                });
    }

    @Test
    void missingPasswordIsReportedByTheClient() {
        String conninfo = "host=127.0.0.1 port=" + TestCluster.get().port()
                + " user=scram dbname=postgres sslmode=disable passfile=/nonexistent";
        assertThatThrownBy(() -> PgConnection.connect(conninfo)).isInstanceOf(PgException.class)
                .hasMessageContaining("no password supplied");
    }

    @Test
    void channelBindingRequiredFailsWithoutTls() {
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.conninfo("scram", "sslmode=disable channel_binding=require")))
                .isInstanceOf(PgException.class).hasMessageContaining("channel binding is required, but SSL is not in use");
    }

    @Test
    void channelBindingRequiredFailsWhenTheServerAsksForMd5() {
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.conninfo("md5user", "sslmode=require channel_binding=require")))
                .isInstanceOf(PgException.class)
                .hasMessageContaining("channel binding required, but server requested md5 authentication");
    }

    @Test
    void channelBindingRequiredFailsWhenTheServerTrustsUs() {
        assertThatThrownBy(() -> PgConnection.connect(TestCluster.conninfo("trusted", "sslmode=require channel_binding=require")))
                .isInstanceOf(PgException.class)
                .hasMessageContaining("server authenticated client without channel binding");
    }

    @Test
    void clientCertificateWithCertAuthentication() {
        TlsCerts certs = TestCluster.certs();
        String conninfo = "host=127.0.0.1 port=" + TestCluster.get().port() + " dbname=postgres user=certuser"
                + " sslmode=verify-full sslrootcert=" + certs.caCert() + " sslcert=" + certs.clientCert()
                + " sslkey=" + certs.clientKey();
        try (PgConnection c = PgConnection.connect(conninfo)) {
            assertThat(whoAmI(c)).isEqualTo("certuser");
            assertThat(c.query("SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first().getString(0))
                    .isEqualTo("/CN=certuser");
        }
    }

    @Test
    void certAuthenticationWithoutAClientCertificateFails() {
        TlsCerts certs = TestCluster.certs();
        String conninfo = "host=127.0.0.1 port=" + TestCluster.get().port() + " dbname=postgres user=certuser"
                + " sslmode=verify-ca sslrootcert=" + certs.caCert() + " sslcert=/nonexistent.crt";
        assertThatThrownBy(() -> PgConnection.connect(conninfo)).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).isEqualTo("28000"));
    }

    @Test
    void passwordFromThePasswordFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pgpass = dir.resolve("pgpass");
        java.nio.file.Files.writeString(pgpass, "127.0.0.1:" + TestCluster.get().port() + ":postgres:scram:"
                + TestCluster.PASSWORD + "\n");
        java.nio.file.Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String conninfo = "host=127.0.0.1 port=" + TestCluster.get().port() + " dbname=postgres user=scram sslmode=disable"
                + " passfile=" + pgpass;
        try (PgConnection c = PgConnection.connect(conninfo)) {
            assertThat(whoAmI(c)).isEqualTo("scram");
        }
    }
}
