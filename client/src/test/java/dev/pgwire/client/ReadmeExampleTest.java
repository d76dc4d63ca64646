package dev.pgwire.client;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The client example of the README compiles (here) and is what the README shows. */
class ReadmeExampleTest {

    @SuppressWarnings("unused")
    static void example() {
        // readme-example-begin
        try (PgConnection c = PgConnection.connect("postgresql://app:secret@127.0.0.1:5432/shop?sslmode=require")) {
            for (Row r : c.query("SELECT id, name FROM items WHERE price > $1", 10)) {
                System.out.println(r.get(0) + " " + r.getString(1));
            }
        }
        // readme-example-end
    }

    @Test
    void the_readme_shows_this_example() throws Exception {
        Path root = dev.pgwire.testkit.Clients.repoRoot();
        String source = Files.readString(root.resolve("client/src/test/java/dev/pgwire/client/ReadmeExampleTest.java"));
        String begin = "// readme-example-begin\n";
        int a = source.indexOf(begin) + begin.length();
        String example = source.substring(a, source.indexOf("        // readme-example-end", a)).stripTrailing().stripIndent().strip();
        assertThat(Files.readString(root.resolve("README.md"))).contains(example);
    }
}
