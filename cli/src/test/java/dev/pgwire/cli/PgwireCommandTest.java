package dev.pgwire.cli;

import dev.pgwire.cli.Cli.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PgwireCommandTest {

    @Test
    void versionNamesTheBuiltVersion() {
        Result r = Cli.run("--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // version.properties is filtered by Maven; an unfiltered ${project.version} would fail this.
        assertThat(r.out()).as(r.toString()).containsPattern("^pgwire \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void helpListsTheCommands() {
        Result r = Cli.run("--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: pgwire", "serve", "user");
    }

    @Test
    void serveHelpListsEveryOption() {
        Result r = Cli.run("serve", "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: pgwire serve", "--host", "--port", "--data-dir", "--in-memory",
                "--tls-cert", "--tls-key", "--tls-required", "--auth", "--user", "--password-file", "--socket-dir",
                "--max-connections", "--idle-session-timeout", "--hba-file", "--credentials-file", "--log-level",
                "default: 127.0.0.1", "default: 5432", "./pgwire-data");
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = Cli.run();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("missing command", "serve", "pgwire --help");
    }
}
