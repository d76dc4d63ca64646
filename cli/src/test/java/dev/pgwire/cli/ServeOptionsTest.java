package dev.pgwire.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.pgwire.server.ServerConfig;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.CredentialFile;
import dev.pgwire.server.auth.CredentialStore;
import dev.pgwire.testkit.TlsCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code pgwire serve}'s options become the server's configuration (nothing is started). */
class ServeOptionsTest {
    @TempDir
    Path dir;

    private static ServeCommand parse(String... serveArgs) {
        CommandLine cl = Main.commandLine(InputStream.nullInputStream());
        String[] args = new String[serveArgs.length + 1];
        args[0] = "serve";
        System.arraycopy(serveArgs, 0, args, 1, serveArgs.length);
        cl.parseArgs(args);
        return cl.getSubcommands().get("serve").getCommand();
    }

    private static ServerConfig config(String... serveArgs) {
        return ServeSetup.prepare(parse(serveArgs)).builder().config();
    }

    @Test
    void defaultsTrustLoopbackOn127001Port5432WithDataInPgwireData() {
        ServeCommand cmd = parse();
        assertThat(cmd.dataDirectory()).isEqualTo(Path.of("pgwire-data"));
        assertThat(cmd.inMemory).isFalse();

        ServerConfig c = ServeSetup.prepare(cmd).builder().config();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.auth()).isEqualTo(AuthConfig.trustLoopback());
        assertThat(c.unixSocketDirectory()).isNull();
        assertThat(c.tls()).isNull();
        assertThat(c.tlsRequired()).isFalse();
        assertThat(c.maxConnections()).isEqualTo(100);
        assertThat(c.idleSessionTimeout()).isNull();
        assertThat(c.authTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everyOptionReachesTheServerConfig() throws IOException {
        Path pw = Files.writeString(dir.resolve("pw"), "s3cret\nignored second line\n");
        Path sockets = dir.resolve("sockets");
        ServeCommand cmd = parse("--host", "::1", "--port", "6543", "--socket-dir", sockets.toString(),
                "--data-dir", dir.resolve("data").toString(), "--max-connections", "7", "--idle-session-timeout", "5m",
                "--auth-timeout", "10s", "--auth", "scram-sha-256", "--user", "alice", "--password-file", pw.toString());
        assertThat(cmd.dataDirectory()).isEqualTo(dir.resolve("data"));

        ServerConfig c = ServeSetup.prepare(cmd).builder().config();
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(6543);
        assertThat(c.unixSocketDirectory()).isEqualTo(sockets);
        assertThat(c.maxConnections()).isEqualTo(7);
        assertThat(c.idleSessionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.authTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.auth()).isEqualTo(AuthConfig.all(AuthMethod.SCRAM_SHA_256));
        CredentialStore credentials = c.credentials();
        assertThat(credentials.verifyPassword("alice", "s3cret")).isTrue();
        assertThat(credentials.verifyPassword("alice", "ignored second line")).isFalse();
        assertThat(credentials.hasUser("postgres")).isFalse();
    }

    @Test
    void passwordFileWithoutUserIsForPostgres() throws IOException {
        Path pw = Files.writeString(dir.resolve("pw"), "hunter2\r\n");
        ServerConfig c = config("--auth", "md5", "--password-file", pw.toString());
        assertThat(c.auth()).isEqualTo(AuthConfig.all(AuthMethod.MD5));
        assertThat(c.credentials().verifyPassword("postgres", "hunter2")).isTrue();
        assertThat(c.credentials().md5Hash("postgres")).isPresent();
    }

    @Test
    void passwordFileAndCredentialsFileAddUp() throws IOException {
        Path pw = Files.writeString(dir.resolve("pw"), "first\n");
        Path users = dir.resolve("users");
        CredentialFile.addUser(users, "bob", "second");
        CredentialFile.addUser(users, "postgres", "from-the-file");
        ServerConfig c = config("--auth", "scram-sha-256", "--password-file", pw.toString(),
                "--credentials-file", users.toString());
        assertThat(c.credentials().verifyPassword("postgres", "first")).isTrue();
        assertThat(c.credentials().verifyPassword("postgres", "from-the-file")).as("--password-file wins").isFalse();
        assertThat(c.credentials().verifyPassword("bob", "second")).isTrue();
    }

    @Test
    void hbaFileOverridesAuth() throws IOException {
        String rules = "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n";
        Path hba = Files.writeString(dir.resolve("hba.conf"), rules);
        Path pw = Files.writeString(dir.resolve("pw"), "pw\n");
        ServerConfig c = config("--auth", "md5", "--hba-file", hba.toString(), "--password-file", pw.toString());
        assertThat(c.auth()).isEqualTo(AuthConfig.parse(rules));
    }

    @Test
    void starMeansEveryIpv4Interface() throws IOException {
        Path pw = Files.writeString(dir.resolve("pw"), "pw\n");
        ServerConfig c = config("--host", "*", "--auth", "scram-sha-256", "--password-file", pw.toString());
        assertThat(c.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void tlsOptions() {
        TlsCerts certs = TlsCerts.generate(dir, "alice");
        ServerConfig c = config("--tls-cert", certs.serverCert().toString(), "--tls-key", certs.serverKey().toString(),
                "--tls-required");
        assertThat(c.tls()).isEqualTo(new ServerConfig.TlsConfig(certs.serverCert(), certs.serverKey()));
        assertThat(c.tlsRequired()).isTrue();
    }

    @Test
    void logLevelChangesPgwireLoggersOnly() {
        Logger pgwire = (Logger) LoggerFactory.getLogger("dev.pgwire");
        Logger netty = (Logger) LoggerFactory.getLogger("io.netty");
        Level before = pgwire.getLevel();
        try {
            assertThat(pgwire.isDebugEnabled()).isFalse();
            parse("--log-level", "debug").logging.apply();
            assertThat(pgwire.isDebugEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger(ServeCommand.class).isDebugEnabled()).isTrue();
            assertThat(netty.isInfoEnabled()).as("others stay at WARN").isFalse();
        } finally {
            pgwire.setLevel(before);
        }
    }
}
