package dev.pgwire.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One cluster for the class: scram-sha-256 over TLS only, with the kit's generated certificates. */
class PgClusterTlsScramTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;
    static TlsCerts certs;
    static PgCluster pg;

    @BeforeAll
    static void startCluster() {
        certs = TlsCerts.generate(tmp.resolve("tls"), "alice");
        pg = PgCluster.builder()
                .superuser("admin", "s3cret pass'word")
                .auth(PgCluster.AuthMethod.SCRAM_SHA_256)
                .tls(certs)
                .requireTls(true)
                .setting("work_mem", "7MB")
                .start();
    }

    @AfterAll
    static void stopCluster() {
        if (pg != null) {
            pg.close();
        }
    }

    private static String verifyFullUrl(String database) {
        return pg.jdbcUrl(database) + "?sslmode=verify-full&sslrootcert=" + certs.caCert();
    }

    private static Connection connect(String user, String password, String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(url, props);
    }

    @Test
    void pgjdbcConnectsWithVerifyFullAgainstTheGeneratedCaAndUsesTls() throws SQLException {
        try (Connection c = connect(pg.superuser(), pg.password(), verifyFullUrl("postgres"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT s.ssl, current_user, current_setting('password_encryption') "
                        + "FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getString(2)).isEqualTo("admin");
            assertThat(rs.getString(3)).isEqualTo("scram-sha-256");
        }
    }

    @Test
    void pgjdbcCompletesScramWithChannelBindingOverTheGeneratedCertificate() throws SQLException {
        try (Connection c = connect(pg.superuser(), pg.password(), verifyFullUrl("postgres") + "&channelBinding=require");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void theSuperuserPasswordIsStoredAsAScramVerifier() {
        assertThat(pg.psql("SELECT rolpassword FROM pg_authid WHERE rolname = 'admin'"))
                .startsWith("SCRAM-SHA-256$");
    }

    @Test
    void extraSettingsAreApplied() {
        assertThat(pg.psql("SHOW work_mem").strip()).isEqualTo("7MB");
        assertThat(pg.psql("SHOW listen_addresses").strip()).isEqualTo("127.0.0.1");
        assertThat(pg.psql("SHOW server_version_num").strip()).startsWith("15");
    }

    @Test
    void aConnectionWithoutTlsIsRejectedByPgHba() {
        assertThatThrownBy(() -> connect(pg.superuser(), pg.password(), pg.jdbcUrl("postgres") + "?sslmode=disable"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("no encryption");
    }

    @Test
    void aWrongPasswordFailsScramAuthentication() {
        assertThatThrownBy(() -> connect(pg.superuser(), "wrong", verifyFullUrl("postgres")))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void createdUsersLogInWithTheirPassword() throws SQLException {
        pg.createUser("carol", "carol's pw");
        pg.createDatabase("carols_db", "carol");

        try (Connection c = connect("carol", "carol's pw", verifyFullUrl("carols_db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_user, current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("carol");
            assertThat(rs.getString(2)).isEqualTo("carols_db");
        }
    }

    @Test
    void psqlHelperReportsErrorsWithPsqlsMessage() {
        assertThatThrownBy(() -> pg.psql("SELECT * FROM no_such_table"))
                .isInstanceOf(ExternalProcess.Failed.class)
                .hasMessageContaining("relation \"no_such_table\" does not exist");
    }

    @Test
    void psqlFromClientsConnectsOverTcpWithVerifyFull() {
        String conninfo = pg.conninfo("postgres") + " sslmode=verify-full sslrootcert=" + certs.caCert();

        ExternalProcess.Result r = Clients.psql(List.of("-At", "-d", conninfo, "-c",
                "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"), null, Map.of(), TIMEOUT);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("t|TLSv1.3");
    }

    @Test
    void psycopgConnectsWithVerifyFullAndRejectsAnUntrustedCa() {
        String conninfo = pg.conninfo("postgres") + " sslmode=verify-full sslrootcert=";
        TlsCerts otherCa = TlsCerts.generate(tmp.resolve("other"), "mallory");

        ExternalProcess.Result trusted = Clients.python("run_psycopg.py",
                List.of(conninfo + certs.caCert(), "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"),
                Map.of(), TIMEOUT);
        ExternalProcess.Result untrusted = Clients.python("run_psycopg.py",
                List.of(conninfo + otherCa.caCert(), "SELECT 1"), Map.of(), TIMEOUT);

        assertThat(trusted.stdout()).isEqualTo(
                "{\"ok\":true,\"status\":\"SELECT 1\",\"columns\":[\"ssl\"],\"rows\":[[\"t\"]]}\n");
        assertThat(untrusted.exitCode()).isEqualTo(2);
        assertThat(Clients.jsonLines(untrusted)).singleElement()
                .satisfies(line -> assertThat(line).containsEntry("connect_error", true))
                .satisfies(line -> assertThat((String) line.get("message")).contains("certificate verify failed"));
    }

    @Test
    void serverLogAndDirectoriesAreInTheClustersOwnTempDir() {
        assertThat(pg.serverLog()).contains("database system is ready to accept connections");
        assertThat(pg.socketDir().resolve(".s.PGSQL." + pg.port())).exists();
        assertThat(Files.isDirectory(pg.dataDir())).isTrue();
        assertThat(pg.host()).isEqualTo("127.0.0.1");
    }
}
