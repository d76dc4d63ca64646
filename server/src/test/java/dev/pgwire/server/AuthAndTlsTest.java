package dev.pgwire.server;

import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Wire;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.TlsCerts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authentication methods and TLS modes, proven with psql, pgjdbc and raw TLS sockets. */
class AuthAndTlsTest {
    @TempDir
    static Path dir;
    static TlsCerts rsa;
    static TlsCerts ecdsa;
    static InMemoryCredentialStore users = new InMemoryCredentialStore()
            .addPassword("alice", "wonderland").addPassword("bob", "builder");
    static TestHandler handler = new TestHandler();

    @BeforeAll
    static void certs() throws Exception {
        rsa = TlsCerts.generate(dir.resolve("rsa"), "alice");
        ecdsa = TlsCerts.generate(dir.resolve("ec"), "alice", TlsCerts.ServerKey.ECDSA_P256);
    }

    static PgServer server(AuthMethod method, TlsCerts certs, boolean required) throws Exception {
        PgServer.Builder b = PgServer.builder().port(0).auth(AuthConfig.all(method)).credentials(users)
                .sessionFactory(handler).tlsRequired(required);
        if (certs != null) b.tls(certs.serverCert(), certs.serverKey());
        return b.start();
    }

    static String jdbc(PgServer s, String user, String password, String extra) {
        return "jdbc:postgresql://127.0.0.1:" + s.port() + "/db?preferQueryMode=simple&user=" + user
                + "&password=" + password + (extra.isEmpty() ? "" : "&" + extra);
    }

    static String whoami(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("whoami")) {
            rs.next();
            return rs.getString(1) + "/" + rs.getString(3);
        }
    }

    static ExternalProcess.Result psql(String conninfo, String sql) throws Exception {
        return Clients.psql(List.of("-d", conninfo, "-At", "-c", sql), null, Map.of(), Duration.ofSeconds(30));
    }

    @Test
    void scram_over_tls_with_psql_verify_full_against_the_test_ca() throws Exception {
        try (PgServer s = server(AuthMethod.SCRAM_SHA_256, rsa, false)) {
            var r = psql("host=localhost port=" + s.port() + " user=alice password=wonderland dbname=db"
                    + " sslmode=verify-full sslrootcert=" + rsa.caCert(), "whoami");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout().trim()).isEqualTo("alice|db|true");
        }
    }

    @Test
    void scram_sha_256_plus_channel_binding_with_pgjdbc_on_rsa_and_ecdsa_certificates() throws Exception {
        for (TlsCerts certs : List.of(rsa, ecdsa)) {
            try (PgServer s = server(AuthMethod.SCRAM_SHA_256, certs, false);
                 Connection c = DriverManager.getConnection(jdbc(s, "alice", "wonderland",
                         "sslmode=verify-full&sslrootcert=" + certs.caCert() + "&channelBinding=require"))) {
                assertThat(whoami(c)).isEqualTo("alice/true");
            }
        }
    }

    @Test
    void scram_without_tls_and_md5_and_cleartext_with_pgjdbc() throws Exception {
        for (AuthMethod m : List.of(AuthMethod.SCRAM_SHA_256, AuthMethod.MD5, AuthMethod.PASSWORD)) {
            try (PgServer s = server(m, null, false);
                 Connection c = DriverManager.getConnection(jdbc(s, "bob", "builder", ""))) {
                assertThat(whoami(c)).isEqualTo("bob/false");
            }
        }
    }

    @Test
    void md5_with_psql_over_tls() throws Exception {
        try (PgServer s = server(AuthMethod.MD5, rsa, false)) {
            var r = psql("host=127.0.0.1 port=" + s.port() + " user=bob password=builder dbname=db sslmode=require", "whoami");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout().trim()).isEqualTo("bob|db|true");
        }
    }

    @Test
    void wrong_password_and_unknown_user_fail_alike_with_28P01() throws Exception {
        for (AuthMethod m : List.of(AuthMethod.SCRAM_SHA_256, AuthMethod.MD5, AuthMethod.PASSWORD)) {
            try (PgServer s = server(m, null, false)) {
                SQLException wrong = catchSql(() -> DriverManager.getConnection(jdbc(s, "alice", "nope", "")));
                SQLException unknown = catchSql(() -> DriverManager.getConnection(jdbc(s, "mallory", "nope", "")));
                assertThat(wrong.getSQLState()).isEqualTo("28P01");
                assertThat(unknown.getSQLState()).isEqualTo("28P01");
                assertThat(wrong.getMessage().replace("alice", "X")).isEqualTo(unknown.getMessage().replace("mallory", "X"));
            }
        }
    }

    @Test
    void tls_required_refuses_plaintext_and_accepts_tls() throws Exception {
        try (PgServer s = server(AuthMethod.SCRAM_SHA_256, rsa, true)) {
            SQLException e = catchSql(() -> DriverManager.getConnection(jdbc(s, "alice", "wonderland", "sslmode=disable")));
            assertThat(e.getSQLState()).isEqualTo("28000");
            try (Connection c = DriverManager.getConnection(jdbc(s, "alice", "wonderland", "sslmode=require"))) {
                assertThat(whoami(c)).isEqualTo("alice/true");
            }
        }
    }

    @Test
    void psql_over_the_unix_socket() throws Exception {
        Path sockets = Files.createDirectories(dir.resolve("sock"));
        try (PgServer s = PgServer.builder().port(0).unixSocketDirectory(sockets).sessionFactory(handler).start()) {
            assertThat(s.unixSocket()).exists();
            var r = Clients.psql(List.of("-h", sockets.toString(), "-p", Integer.toString(s.port()), "-U", "carol",
                    "-d", "db", "-At", "-c", "whoami"), null, Map.of(), Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout().trim()).isEqualTo("carol|db|false");
        }
    }

    @Test
    void direct_tls_with_alpn_postgresql_is_accepted_and_without_alpn_refused() throws Exception {
        try (PgServer s = server(AuthMethod.TRUST, rsa, true)) {
            try (SSLSocket tls = directTls(s.port(), true); RawConnection c = new RawConnection(tls)) {
                c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "alice")));
                List<BackendMessage> got = c.readUntilReady();
                assertThat(got.get(0)).isEqualTo(Authentication.Ok.INSTANCE);
                assertThat(got).last().isEqualTo(ReadyForQuery.IDLE);
            }
            try (SSLSocket tls = directTls(s.port(), false)) {
                // Closed without a word: the peer did not say it speaks PostgreSQL.
                int first;
                try {
                    first = tls.getInputStream().read();
                } catch (java.io.IOException closed) {
                    first = -1;
                }
                assertThat(first).isEqualTo(-1);
            }
        }
    }

    @Test
    void plaintext_bytes_pipelined_after_SSLRequest_are_refused() throws Exception {
        try (PgServer s = server(AuthMethod.TRUST, rsa, false); RawConnection c = new RawConnection(s.port())) {
            ByteBuf b = Unpooled.buffer();
            SSLRequest.INSTANCE.encode(b);
            new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "alice")).encode(b);
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            c.raw(a);
            List<BackendMessage> got = c.readUntilClosed();
            assertThat(((ErrorResponse) got.get(0)).fields()).containsEntry('C', "08P01");
        }
    }

    private static SSLSocket directTls(int port, boolean alpn) throws Exception {
        KeyStore ts = KeyStore.getInstance(KeyStore.getDefaultType());
        ts.load(null, null);
        try (InputStream in = Files.newInputStream(rsa.caCert())) {
            ts.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket sock = (SSLSocket) ctx.getSocketFactory().createSocket(new Socket("127.0.0.1", port), "localhost", port, true);
        if (alpn) {
            SSLParameters p = sock.getSSLParameters();
            p.setApplicationProtocols(new String[] {"postgresql"});
            sock.setSSLParameters(p);
        }
        sock.startHandshake();
        return sock;
    }

    interface SqlCall {
        void run() throws Exception;
    }

    private static SQLException catchSql(SqlCall call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call::run);
        assertThat(t).isInstanceOf(SQLException.class);
        return (SQLException) t;
    }
}
