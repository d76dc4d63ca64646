package dev.pgwire.cli;

import dev.pgwire.cli.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refused combination of {@code pgwire serve} options: exit code 2 for usage errors, 1 for
 * files that cannot be used, and one line on stderr that names the problem. None may start a
 * server (Cli.run fails the test if one does).
 */
class ServeValidationTest {
    @TempDir
    Path dir;

    private static void assertUsageError(Result r, String... messageParts) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertOneLine(r, messageParts);
    }

    private static void assertFailure(Result r, String... messageParts) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertOneLine(r, messageParts);
    }

    private static void assertOneLine(Result r, String... messageParts) {
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("pgwire serve: ").contains(messageParts);
        assertThat(r.out()).as(r.toString()).isEmpty();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void dataDirAndInMemoryExcludeEachOther() {
        assertUsageError(Cli.run("serve", "--data-dir", dir.toString(), "--in-memory"),
                "--data-dir and --in-memory cannot be used together");
    }

    @Test
    void certificateWithoutKey() throws IOException {
        Path cert = file("server.crt", "x");
        assertUsageError(Cli.run("serve", "--in-memory", "--tls-cert", cert.toString()), "--tls-cert needs --tls-key");
    }

    @Test
    void keyWithoutCertificate() throws IOException {
        Path key = file("server.key", "x");
        assertUsageError(Cli.run("serve", "--in-memory", "--tls-key", key.toString()), "--tls-key needs --tls-cert");
    }

    @Test
    void tlsRequiredWithoutCertificate() {
        assertUsageError(Cli.run("serve", "--in-memory", "--tls-required"), "--tls-required needs a certificate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "md5", "scram-sha-256"})
    void passwordMethodWithoutCredentials(String method) {
        assertUsageError(Cli.run("serve", "--in-memory", "--auth", method),
                "--auth " + method + " needs passwords", "--password-file", "--credentials-file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "*", "::", "10.1.2.3", "192.168.0.7", "db.example.com"})
    void nonLoopbackAddressWithoutPasswordIsRefused(String host) {
        assertUsageError(Cli.run("serve", "--in-memory", "--host", host),
                "refusing to listen on " + host + " without a password", "--auth scram-sha-256", "--password-file");
    }

    @Test
    void nonLoopbackAddressWithTrustIsRefused() {
        assertUsageError(Cli.run("serve", "--in-memory", "--host", "0.0.0.0", "--auth", "trust"),
                "refusing to listen on 0.0.0.0 without a password");
    }

    @Test
    void nonLoopbackAddressWithPasswordsPassesTheAddressCheck() throws IOException {
        // The address is accepted; what stops this run is the missing certificate file, checked next.
        assertFailure(Cli.run("serve", "--in-memory", "--host", "0.0.0.0", "--auth", "scram-sha-256",
                        "--password-file", file("pw", "secret\n").toString(),
                        "--tls-cert", dir.resolve("absent.crt").toString(), "--tls-key", dir.resolve("absent.key").toString()),
                "cannot read --tls-cert", "absent.crt", "no such file");
    }

    @Test
    void hbaFileTrustingOtherMachinesIsRefusedOnAPublicAddress() throws IOException {
        Path hba = file("hba.conf", "host all all 0.0.0.0/0 trust\n");
        Path pw = file("pw", "secret\n");
        assertUsageError(Cli.run("serve", "--in-memory", "--host", "0.0.0.0", "--hba-file", hba.toString(),
                        "--password-file", pw.toString()),
                "refusing to listen on 0.0.0.0", "host all all 0.0.0.0/0 trust");
    }

    @Test
    void hbaFileWithPasswordRulesNeedsCredentials() throws IOException {
        Path hba = file("hba.conf", "local all all trust\nhost all all 127.0.0.1/32 md5\n");
        assertUsageError(Cli.run("serve", "--in-memory", "--hba-file", hba.toString()), "needs passwords", "md5");
    }

    @Test
    void malformedHbaFileNamesTheFileAndLine() throws IOException {
        Path hba = file("hba.conf", "# rules\nhost all all 127.0.0.1/32 kerberos\n");
        assertFailure(Cli.run("serve", "--in-memory", "--hba-file", hba.toString()), hba.toString(), "line 2");
    }

    @Test
    void userWithoutPasswordFile() {
        assertUsageError(Cli.run("serve", "--in-memory", "--user", "alice"), "--user", "add --password-file");
    }

    @Test
    void missingPasswordFileIsNamed() {
        Path missing = dir.resolve("no-such-password");
        assertFailure(Cli.run("serve", "--in-memory", "--auth", "scram-sha-256", "--password-file", missing.toString()),
                "cannot read --password-file " + missing, "no such file");
    }

    @Test
    void directoryAsPasswordFileIsNamed() {
        assertFailure(Cli.run("serve", "--in-memory", "--auth", "md5", "--password-file", dir.toString()),
                "cannot read --password-file " + dir, "directory");
    }

    @Test
    void missingCredentialsFileIsNamed() {
        Path missing = dir.resolve("users");
        assertFailure(Cli.run("serve", "--in-memory", "--auth", "md5", "--credentials-file", missing.toString()),
                "cannot read --credentials-file " + missing);
    }

    @Test
    void credentialsFileWithPlaintextIsRefused() throws IOException {
        Path users = file("users", "alice:secret\n");
        assertFailure(Cli.run("serve", "--in-memory", "--auth", "md5", "--credentials-file", users.toString()),
                users.toString(), "line 1", "plaintext");
    }

    @Test
    void missingHbaFileIsNamed() {
        Path missing = dir.resolve("pg_hba.conf");
        assertFailure(Cli.run("serve", "--in-memory", "--hba-file", missing.toString()), "cannot read --hba-file " + missing);
    }

    @Test
    void missingKeyFileIsNamed() throws IOException {
        Path cert = file("server.crt", "x");
        Path key = dir.resolve("server.key");
        assertFailure(Cli.run("serve", "--in-memory", "--tls-cert", cert.toString(), "--tls-key", key.toString()),
                "cannot read --tls-key " + key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\nsecond line"})
    void emptyPasswordFileIsRefused(String content) throws IOException {
        Path pw = file("pw", content);
        assertFailure(Cli.run("serve", "--in-memory", "--auth", "scram-sha-256", "--password-file", pw.toString()),
                "--password-file " + pw + " is empty");
    }

    @Test
    void invalidCertificateIsReportedWithoutStackTrace() throws IOException {
        Path cert = file("server.crt", "not a certificate");
        Path key = file("server.key", "not a key");
        Result r = Cli.run("serve", "--in-memory", "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertFailure(r, "server.crt");
    }

    @Test
    void unknownAuthMethodListsTheChoices() {
        Result r = Cli.run("serve", "--in-memory", "--auth", "kerberos");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--auth", "kerberos", "trust, password, md5 or scram-sha-256");
    }

    @Test
    void durationWithoutUnitIsRefused() {
        Result r = Cli.run("serve", "--in-memory", "--idle-session-timeout", "30");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--idle-session-timeout", "'30' is not a duration", "30s");
    }

    @Test
    void portOutOfRange() {
        assertUsageError(Cli.run("serve", "--in-memory", "--port", "70000"), "--port must be between 0 and 65535");
    }

    @Test
    void maxConnectionsMustBePositive() {
        assertUsageError(Cli.run("serve", "--in-memory", "--max-connections", "0"), "--max-connections must be at least 1");
    }

    @Test
    void invalidLogLevel() {
        Result r = Cli.run("serve", "--in-memory", "--log-level", "loud");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("invalid --log-level 'loud'");
    }

    @Test
    void unknownOptionSuggestsHelp() {
        Result r = Cli.run("serve", "--prot", "5432");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--prot", "pgwire serve --help");
    }
}
