package dev.pgwire.serve.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the corpus files ({@code differential/<category>.sql}). Each statement is introduced by
 * directive lines, then its SQL, which runs to the next {@code -- name:} or the end of the file:
 *
 * <pre>
 * -- name: cast_overflow
 * -- expect-error: 22003
 * SELECT 1000::numeric(5,2);
 * </pre>
 *
 * {@code -- name:} is required and unique within the file; {@code -- expect-error: SQLSTATE} says
 * PostgreSQL fails with that code; {@code -- match: REGEX} compares values by pattern, for values
 * that legitimately differ (a version string). Other lines starting with {@code --} are comments,
 * also inside a statement, so corpus SQL never uses line comments of its own. A trailing semicolon
 * is dropped.
 */
final class Corpus {
    private static final Pattern DIRECTIVE = Pattern.compile("--\\s*(name|expect-error|match):\\s*(.*?)\\s*");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
    private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

    private Corpus() {
    }

    /** The corpus files in a directory, by category name. */
    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String category(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.length() - ".sql".length());
    }

    static List<CorpusStatement> read(Path file) {
        try {
            return parse(category(file), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CorpusStatement> parse(String category, List<String> lines) {
        List<CorpusStatement> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Builder current = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) {
                Matcher m = DIRECTIVE.matcher(trimmed);
                if (!m.matches()) continue;
                String key = m.group(1);
                String value = m.group(2);
                if (key.equals("name")) {
                    if (current != null) out.add(current.build());
                    if (!NAME.matcher(value).matches()) throw problem(category, lineNo, "name must match " + NAME);
                    if (!names.add(value)) throw problem(category, lineNo, "duplicate name " + value);
                    current = new Builder(category, value, lineNo);
                    continue;
                }
                if (current == null || current.sql.length() > 0) {
                    throw problem(category, lineNo, "-- " + key + ": belongs right after a -- name: line");
                }
                if (key.equals("expect-error")) {
                    if (!SQLSTATE.matcher(value).matches()) throw problem(category, lineNo, "not a SQLSTATE: " + value);
                    current.expectedError = value;
                } else {
                    current.valuePattern = Pattern.compile(value);
                }
                continue;
            }
            if (trimmed.isEmpty() && (current == null || current.sql.length() == 0)) continue;
            if (current == null) throw problem(category, lineNo, "SQL before the first -- name: line");
            if (current.sql.length() > 0) current.sql.append('\n');
            current.sql.append(line);
        }
        if (current != null) out.add(current.build());
        return out;
    }

    private static IllegalArgumentException problem(String category, int line, String message) {
        return new IllegalArgumentException(category + ".sql:" + line + ": " + message);
    }

    private static final class Builder {
        final String category;
        final String name;
        final int line;
        final StringBuilder sql = new StringBuilder();
        String expectedError;
        Pattern valuePattern;

        Builder(String category, String name, int line) {
            this.category = category;
            this.name = name;
            this.line = line;
        }

        CorpusStatement build() {
            String text = sql.toString().strip();
            if (text.endsWith(";")) text = text.substring(0, text.length() - 1).strip();
            if (text.isEmpty()) throw problem(category, line, "statement " + name + " has no SQL");
            return new CorpusStatement(category, name, line, text, expectedError, valuePattern);
        }
    }
}
