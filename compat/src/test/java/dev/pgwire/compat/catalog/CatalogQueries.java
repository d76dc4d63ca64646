package dev.pgwire.compat.catalog;

import dev.pgwire.compat.Scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code src/test/resources/catalog-queries/*.sql}: statements end with a line ending in
 * {@code ;}; the {@code -- source:} and {@code -- sample params:} comments before a statement
 * belong to it. Sample parameters ($n values, or pyformat {@code %(name)s} dictionaries) are written
 * into the SQL as literals, as the client-side-interpolating drivers send them.
 */
final class CatalogQueries {
    static final Path DIR = Scripts.resources().resolve("catalog-queries");

    /** One statement: its tool, number in the file, purpose, SQL as replayed, or why it is not replayed. */
    record Query(String tool, int number, String purpose, String sql, String skipReason) {
    }

    private static final Pattern DOLLAR_ALL = Pattern.compile("\\$1\\.\\.\\$(?:n|\\d+) = ('(?:[^']|'')*'|[^\\s,(]+)");
    private static final Pattern DOLLAR = Pattern.compile("\\$(\\d+) = ('(?:[^']|'')*'|[^\\s,(]+)");
    private static final Pattern PYFORMAT = Pattern.compile("'(\\w+)': ('(?:[^'\\\\]|\\\\.)*'|\\[[^\\]]*]|[^,}]+)");
    private static final Pattern READ_ONLY = Pattern.compile("(?is)^(/\\*.*?\\*/\\s*)*(select|with|show)\\b.*");

    private CatalogQueries() {
    }

    static List<String> tools() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> read(String tool) {
        List<String> lines;
        try {
            lines = Files.readAllLines(DIR.resolve(tool + ".sql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Query> out = new ArrayList<>();
        String purpose = "";
        String params = null;
        StringBuilder sql = new StringBuilder();
        for (String line : lines) {
            boolean inStatement = sql.length() > 0;
            if (!inStatement && line.startsWith("--")) {
                if (line.startsWith("-- source:")) {
                    purpose = line.contains(" — ") ? line.substring(line.indexOf(" — ") + 3) : line.substring(10).strip();
                    params = null;
                } else if (line.startsWith("-- sample params:")) {
                    params = line.substring("-- sample params:".length()).strip();
                }
                continue;
            }
            if (!inStatement && line.isBlank()) continue;
            sql.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                out.add(query(tool, out.size() + 1, purpose, sql.toString().strip(), params));
                sql.setLength(0);
                params = null;
            }
        }
        return out;
    }

    private static Query query(String tool, int number, String purpose, String raw, String params) {
        String sql = raw.endsWith(";") ? raw.substring(0, raw.length() - 1).strip() : raw;
        if (!READ_ONLY.matcher(sql).matches()) return new Query(tool, number, purpose, sql, "not read-only");
        if (sql.contains("%(") || sql.contains("%s")) {
            Map<String, String> values = new LinkedHashMap<>();
            if (params != null) {
                Matcher m = PYFORMAT.matcher(params);
                while (m.find()) values.put(m.group(1), literal(m.group(2).strip()));
            }
            Matcher m = Pattern.compile("%\\((\\w+)\\)s").matcher(sql);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = values.get(m.group(1));
                if (v == null) return new Query(tool, number, purpose, sql, "no sample value for %(" + m.group(1) + ")s");
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            sql = sb.toString().replace("%%", "%");
            if (sql.contains("%s")) return new Query(tool, number, purpose, sql, "positional %s without values");
        }
        if (sql.matches("(?s).*\\$[0-9]+.*")) {
            Map<Integer, String> values = new LinkedHashMap<>();
            String all = null;
            if (params != null) {
                Matcher a = DOLLAR_ALL.matcher(params);
                if (a.find()) all = a.group(1);
                Matcher m = DOLLAR.matcher(params);
                while (m.find()) values.put(Integer.parseInt(m.group(1)), m.group(2));
            }
            Matcher m = Pattern.compile("\\$([0-9]+)").matcher(sql);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = values.getOrDefault(Integer.parseInt(m.group(1)), all);
                if (v == null) return new Query(tool, number, purpose, sql, "no sample value for $" + m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            sql = sb.toString();
        }
        return new Query(tool, number, purpose, sql, null);
    }

    /** A Python literal from a sample-params dictionary as SQL: strings quoted, lists as ARRAY[...]. */
    private static String literal(String py) {
        if (py.startsWith("'")) return "'" + py.substring(1, py.length() - 1).replace("\\'", "'").replace("'", "''") + "'";
        if (py.startsWith("[")) {
            String inner = py.substring(1, py.length() - 1).strip();
            if (inner.isEmpty()) return "ARRAY[]::text[]";
            List<String> items = new ArrayList<>();
            for (String item : inner.split(",\\s*")) items.add(literal(item.strip()));
            return "ARRAY[" + String.join(", ", items) + "]";
        }
        if (py.equals("None")) return "NULL";
        if (py.equals("True") || py.equals("False")) return py.toLowerCase();
        return py;
    }
}
