package dev.pgwire.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalProcessTest {

    @Test
    void passesEnvWorkDirAndStdinAndCapturesBothStreamsAndTheExitCode(@TempDir Path dir) throws IOException {
        ExternalProcess.Result r = ExternalProcess.run(
                List.of("sh", "-c", "cat; echo \"FOO=$FOO\"; pwd; echo oops >&2; exit 3"),
                Map.of("FOO", "bär"), dir, "from stdin\n", Duration.ofSeconds(20));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stdout()).isEqualTo("from stdin\nFOO=bär\n" + dir.toRealPath() + "\n");
        assertThat(r.stderr()).isEqualTo("oops\n");
    }

    @Test
    void withoutStdinTheCommandReadsEndOfInputInsteadOfBlocking() {
        ExternalProcess.Result r = ExternalProcess.run(List.of("sh", "-c", "cat; echo done"), Duration.ofSeconds(20));

        assertThat(r.stdout()).isEqualTo("done\n");
    }

    @Test
    void requireSuccessThrowsWithTheOutputOnNonZeroExit() {
        ExternalProcess.Result r = ExternalProcess.run(List.of("sh", "-c", "echo why >&2; exit 1"), Duration.ofSeconds(20));

        assertThatThrownBy(() -> r.requireSuccess("the command"))
                .isInstanceOf(ExternalProcess.Failed.class)
                .hasMessageContaining("the command exited with 1")
                .hasMessageContaining("why");
        assertThat(ExternalProcess.run(List.of("true"), Duration.ofSeconds(20)).requireSuccess("true").exitCode())
                .isZero();
    }

    @Test
    void onTimeoutTheWholeProcessTreeIsKilledAndTheOutputSoFarReported() throws IOException {
        // The child prints the pid of a grandchild that would outlive a naive destroy().
        List<String> command = List.of("sh", "-c", "echo started; sleep 600 & echo $!; wait");

        ExternalProcess.TimedOut timedOut = assertThrows(ExternalProcess.TimedOut.class,
                () -> ExternalProcess.run(command, Duration.ofMillis(1000)));

        assertThat(timedOut.getMessage()).contains("did not finish within").contains("started");
        String[] lines = timedOut.stdout().split("\n");
        assertThat(lines[0]).isEqualTo("started");
        long grandchild = Long.parseLong(lines[1].trim());
        assertThat(processState(grandchild)).isIn("gone", "Z");
    }

    /** "gone", or the /proc state letter (Z: killed, awaiting its reaper). */
    private static String processState(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return "gone";
        }
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
    }

    @Test
    void aCommandThatCannotStartFailsFast() {
        assertThatThrownBy(() -> ExternalProcess.run(List.of("/nonexistent/program"), Duration.ofSeconds(5)))
                .hasMessageContaining("cannot start");
    }

    @Test
    void freePortCanBeBoundOnLoopback() throws IOException {
        int port = FreePort.find();

        assertThat(port).isBetween(1, 65535);
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
