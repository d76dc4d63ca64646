package dev.pgwire.compat.values;

import dev.pgwire.compat.Scripts;
import dev.pgwire.testkit.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The cases of {@code silent-values.json} and how one step's outcome is judged against what the
 * case expects. An outcome is what a driver reported for a step, already in the common form:
 * success with column names, type names and values in PostgreSQL's text form, or an SQLSTATE.
 */
final class SilentValueCases {
    static final Path FILE = Scripts.resources().resolve("silent-values.json");

    record Step(String sql, List<Map<String, Object>> params, boolean binary, Object expect) {
    }

    record Case(String name, List<Step> steps) {
    }

    record Outcome(boolean ok, List<List<String>> columns, List<List<String>> rows, String sqlState, String message) {
        static Outcome error(String sqlState, String message) {
            return new Outcome(false, List.of(), List.of(), sqlState, message);
        }

        @Override
        public String toString() {
            return ok ? "columns " + columns + " rows " + rows : "error " + sqlState + " (" + message + ")";
        }
    }

    private SilentValueCases() {
    }

    @SuppressWarnings("unchecked")
    static List<Case> load() {
        try {
            Map<String, Object> root = Json.parseObject(Files.readString(FILE, StandardCharsets.UTF_8));
            List<Case> cases = new ArrayList<>();
            for (Object c : (List<Object>) root.get("cases")) {
                Map<String, Object> cm = (Map<String, Object>) c;
                List<Step> steps = new ArrayList<>();
                for (Object s : (List<Object>) cm.get("steps")) {
                    Map<String, Object> sm = (Map<String, Object>) s;
                    steps.add(new Step((String) sm.get("sql"),
                            (List<Map<String, Object>>) sm.getOrDefault("params", List.of()),
                            Boolean.TRUE.equals(sm.get("binary")), sm.get("expect")));
                }
                cases.add(new Case((String) cm.get("name"), steps));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why {@code actual} does not meet {@code expect}, or null when it does. With
     * {@code firstOnly} an {@code anyOf} expectation accepts only its first alternative
     * (PostgreSQL's answer); otherwise any alternative.
     */
    @SuppressWarnings("unchecked")
    static String mismatch(Object expect, Outcome actual, String database, boolean firstOnly) {
        if (expect == null) {
            return actual.ok() ? null : "expected success, got " + actual;
        }
        Map<String, Object> e = (Map<String, Object>) expect;
        if (e.containsKey("anyOf")) {
            List<Object> alternatives = (List<Object>) e.get("anyOf");
            List<String> why = new ArrayList<>();
            for (Object alt : firstOnly ? alternatives.subList(0, 1) : alternatives) {
                String m = mismatch(alt, actual, database, firstOnly);
                if (m == null) return null;
                why.add(m);
            }
            return String.join("; or ", why);
        }
        if (e.containsKey("error")) {
            if (!actual.ok() && Objects.equals(actual.sqlState(), e.get("error"))) return null;
            return "expected error " + e.get("error") + ", got " + actual;
        }
        if (!actual.ok()) return "expected " + expect + ", got " + actual;
        if (e.containsKey("columns")) {
            List<List<String>> columns = (List<List<String>>) e.get("columns");
            boolean same = columns.size() == actual.columns().size();
            for (int i = 0; same && i < columns.size(); i++) {
                same = columns.get(i).get(0).equals(actual.columns().get(i).get(0))
                        && (columns.get(i).get(1).equals("?") || columns.get(i).get(1).equals(actual.columns().get(i).get(1)));
            }
            if (!same) return "expected columns " + columns + ", got " + actual.columns() + " (rows " + actual.rows() + ")";
        }
        if (e.containsKey("rows")) {
            List<List<Object>> rows = (List<List<Object>>) e.get("rows");
            boolean same = rows.size() == actual.rows().size();
            for (int r = 0; same && r < rows.size(); r++) {
                List<Object> want = rows.get(r);
                List<String> got = actual.rows().get(r);
                same = want.size() == got.size();
                for (int c = 0; same && c < want.size(); c++) same = valueMatches(want.get(c), got.get(c), database);
            }
            if (!same) return "expected rows " + rows + ", got " + actual.rows();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static boolean valueMatches(Object want, String got, String database) {
        if (want == null) return got == null;
        if (got == null) return false;
        if (want instanceof Map<?, ?> m) return Pattern.compile((String) ((Map<String, Object>) m).get("re")).matcher(got).matches();
        return ((String) want).replace("${database}", database).equals(got);
    }

    /** PostgreSQL's name of a built-in type OID, as drivers that report OIDs are compared by name. */
    static String typeName(Object type) {
        if (type instanceof String s) return s;
        long oid = ((Number) type).longValue();
        return switch ((int) oid) {
            case 16 -> "bool";
            case 17 -> "bytea";
            case 18 -> "char";
            case 19 -> "name";
            case 20 -> "int8";
            case 21 -> "int2";
            case 23 -> "int4";
            case 25 -> "text";
            case 26 -> "oid";
            case 700 -> "float4";
            case 701 -> "float8";
            case 1042 -> "bpchar";
            case 1043 -> "varchar";
            case 1082 -> "date";
            case 1114 -> "timestamp";
            case 1184 -> "timestamptz";
            case 1700 -> "numeric";
            case 2950 -> "uuid";
            case 3802 -> "jsonb";
            default -> "oid " + oid;
        };
    }
}
