package dev.pgwire.serve.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accepted-differences file: one {@code id<TAB>reason} per line, {@code #} comments and blank
 * lines ignored. Every statement whose outcome on serve differs from PostgreSQL's must be listed
 * here with the reason it is accepted; nothing else may be.
 */
final class AcceptedDifferences {
    static final String FILE_NAME = "accepted-differences.txt";

    static final String HEADER = """
            # Accepted differences between serve and PostgreSQL 15 on the differential corpus
            # (serve/src/test/resources/differential/*.sql): one line per statement, <id><TAB><reason>.
            # DifferentialTest fails on a difference that is not listed here, on a listed statement
            # that no longer differs, and on an id the corpus does not have.
            # A candidate file from the current serve: mvn -pl serve test -Dtest=DifferentialTest
            # -Ddifferential.report=true, written to serve/target/differential-accepted-candidate.txt.
            """;

    private AcceptedDifferences() {
    }

    /** The entries in file order; a missing file is an empty list. */
    static Map<String, String> read(Path file) {
        if (!Files.exists(file)) return new LinkedHashMap<>();
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            String where = FILE_NAME + ":" + (i + 1) + ": ";
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new IllegalArgumentException(where + "expected <id><TAB><reason>, got: " + line);
            }
            String id = line.substring(0, tab).strip();
            if (entries.put(id, line.substring(tab + 1).strip()) != null) {
                throw new IllegalArgumentException(where + "duplicate id " + id);
            }
        }
        return entries;
    }

    static String format(Map<String, String> entries) {
        StringBuilder b = new StringBuilder(HEADER);
        entries.forEach((id, reason) -> b.append(id).append('\t').append(Texts.oneLine(reason)).append('\n'));
        return b.toString();
    }
}
