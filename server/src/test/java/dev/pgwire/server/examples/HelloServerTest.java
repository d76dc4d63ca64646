package dev.pgwire.server.examples;

import dev.pgwire.server.PgServer;
import dev.pgwire.testkit.Clients;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedding example of the README compiles, answers psql, and is the code the README shows. */
class HelloServerTest {

    @Test
    void the_readme_example_answers_psql() throws Exception {
        try (PgServer server = HelloServer.start(0)) {
            var r = Clients.psql(List.of("-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "me",
                    "-At", "-c", "select 42"), null, Map.of(), Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout().trim()).isEqualTo("hello me, you said: select 42|9");
        }
    }

    @Test
    void the_readme_shows_this_example_verbatim() throws Exception {
        Path root = Clients.repoRoot();
        String source = Files.readString(root.resolve(
                "server/src/test/java/dev/pgwire/server/examples/HelloServer.java"));
        String example = between(source, "// readme-example-begin\n", "// readme-example-end");
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).contains(example.strip());
    }

    private static String between(String s, String begin, String end) {
        int a = s.indexOf(begin) + begin.length();
        return s.substring(a, s.indexOf(end, a));
    }
}
