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
    void clientKeyAsPkcs1RsaPem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TlsCerts certs = TestCluster.certs();
        byte[] pkcs1 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(certs.clientPrivateKey().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded();
        java.nio.file.Path key = dir.resolve("client-rsa.key");
        java.nio.file.Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n");
        try (PgConnection c = PgConnection.connect(certConninfo(certs, key, ""))) {
            assertThat(whoAmI(c)).isEqualTo("certuser");
        }
    }

    @Test
    void encryptedClientKeyWithSslpassword(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TlsCerts certs = TestCluster.certs();
        java.nio.file.Path key = dir.resolve("client-enc.key");
        org.bouncycastle.operator.OutputEncryptor encryptor = new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(
                org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .setPassword("key secret".toCharArray()).build();
        java.io.StringWriter pem = new java.io.StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter w = new org.bouncycastle.util.io.pem.PemWriter(pem)) {
            w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(certs.clientPrivateKey(), encryptor).generate());
        }
        java.nio.file.Files.writeString(key, pem.toString());
        assertThat(pem.toString()).contains("BEGIN ENCRYPTED PRIVATE KEY");
        try (PgConnection c = PgConnection.connect(certConninfo(certs, key, " sslpassword='key secret'"))) {
            assertThat(whoAmI(c)).isEqualTo("certuser");
        }
        assertThatThrownBy(() -> PgConnection.connect(certConninfo(certs, key, " sslpassword=wrong")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslkey").hasMessageContaining("sslpassword");
    }

    private static String certConninfo(TlsCerts certs, java.nio.file.Path key, String extra) {
        return "host=127.0.0.1 port=" + TestCluster.get().port() + " dbname=postgres user=certuser"
                + " sslmode=verify-full sslrootcert=" + certs.caCert() + " sslcert=" + certs.clientCert()
                + " sslkey=" + key + extra;
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
