package dev.pgwire.serve.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads PostgreSQL's COPY text format: tab-separated fields, {@code \N} for NULL, backslash escapes. */
final class CopyText {
    private CopyText() {}

    /** The rows of a resource next to this class (fields as text, null for NULL). */
    static List<String[]> resource(String name) {
        InputStream in = CopyText.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("missing catalog resource " + name);
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) rows.add(line(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static String[] line(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : '\t';
            if (c == '\t') {
                fields.add(isNull ? null : sb.toString());
                sb.setLength(0);
                isNull = false;
            } else if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                switch (n) {
                    case 'N' -> isNull = true;
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'v' -> sb.append('\u000b');
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return fields.toArray(new String[0]);
    }
}
