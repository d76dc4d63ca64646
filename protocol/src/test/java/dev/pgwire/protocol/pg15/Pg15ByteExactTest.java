package dev.pgwire.protocol.pg15;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.testing.Buffers;
import dev.pgwire.protocol.testing.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message of every recorded PostgreSQL 15 conversation decodes, and our encoder writes it
 * back byte for byte: the server's messages and the clients' (psql, pgbench, hand-built).
 */
@ExtendWith(LeakCheck.class)
class Pg15ByteExactTest {

    static List<String> captures() {
        return Capture.names();
    }

    @Test
    void allConversationsArePresent() {
        assertThat(captures()).contains("startup-trust", "psql-select", "psql-missing-table", "psql-multi-statement",
                "pgbench-extended", "extended-query", "psql-md5", "psql-scram", "copy", "copy-both", "function-call",
                "notice-notify", "cancel-session", "cancel-request", "startup-protocol-3.2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void serverMessagesReEncodeToTheCapturedBytes(String name) {
        Capture c = Capture.load(name);
        assertThat(c.comments).anyMatch(line -> line.contains("PostgreSQL 15."));
        List<byte[]> again = new ArrayList<>();
        for (Capture.Frame f : c.backend) {
            if (f.decoded() instanceof Character answer) {
                assertThat(answer).as("answer to an encryption request").isIn('N', 'S', 'G');
                again.add(f.bytes());
                continue;
            }
            assertThat(Buffers.hex(Capture.encoded(f.decoded()))).as("%s", f.decoded()).isEqualTo(Buffers.hex(f.bytes()));
            again.add(Capture.encoded(f.decoded()));
        }
        assertThat(Buffers.concat(again.toArray(byte[][]::new))).isEqualTo(c.backendStream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void clientMessagesReEncodeToTheCapturedBytes(String name) {
        Capture c = Capture.load(name);
        assertThat(c.frontend).isNotEmpty();
        for (Capture.Frame f : c.frontend) {
            if (f.decoded() instanceof PgException) continue; // a packet we reject like PostgreSQL; see Pg15StartupTest
            assertThat(Buffers.hex(Capture.encoded(f.decoded()))).as("%s", f.decoded()).isEqualTo(Buffers.hex(f.bytes()));
        }
    }
}
