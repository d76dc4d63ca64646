package dev.pgwire.serve.differential;

import java.util.List;
import java.util.stream.Collectors;

/** How values, names and rows are spelled in reports: quoted, on one line. */
final class Texts {
    private Texts() {
    }

    static String quoteValue(String v) {
        return v == null ? "NULL" : "'" + oneLine(v) + "'";
    }

    static String quoteName(String name) {
        return "\"" + name + "\"";
    }

    static String row(List<String> values) {
        return "(" + values.stream().map(Texts::quoteValue).collect(Collectors.joining(", ")) + ")";
    }

    /** Line breaks and tabs spelled as escapes, so a value never breaks a report line or a TSV field. */
    static String oneLine(String s) {
        if (s == null) return "";
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
