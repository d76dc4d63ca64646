package dev.pgwire.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PgClusterStartFailureTest {

    @Test
    void aServerThatCannotStartReportsItsLogAndLeavesNothingBehind() {
        Throwable failure = catchThrowable(
                () -> PgCluster.builder().setting("shared_buffers", "not a size").start());

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL did not start")
                .hasMessageContaining("invalid value for parameter \"shared_buffers\"");
        Matcher log = Pattern.compile("--- server log (\\S+) ---").matcher(failure.getMessage());
        assertThat(log.find()).isTrue();
        assertThat(Path.of(log.group(1)).getParent()).doesNotExist();
    }

    @Test
    void requiringTlsWithoutACertificateIsRejectedBeforeAnythingStarts() {
        assertThatThrownBy(() -> PgCluster.builder().requireTls(true).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no certificate");
        assertThatThrownBy(() -> PgCluster.builder().auth(PgCluster.AuthMethod.CERT).start())
                .isInstanceOf(IllegalStateException.class);
    }
}
