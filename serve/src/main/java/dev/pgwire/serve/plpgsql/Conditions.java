package dev.pgwire.serve.plpgsql;

import dev.pgwire.protocol.PgException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** PL/pgSQL's exception conditions: names (unique_violation) and SQLSTATEs, and which errors a handler catches. */
final class Conditions {
    private Conditions() {}

    private static final Map<String, List<String>> CODES = load();

    private static Map<String, List<String>> load() {
        Map<String, List<String>> codes = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Conditions.class.getResourceAsStream("conditions.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.trim().split(" ");
                codes.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    /** Whether {@code name} is a SQLSTATE written out (SQLSTATE '22012'). */
    static boolean isCode(String name) {
        if (name.length() != 5) return false;
        for (int i = 0; i < 5; i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) return false;
        }
        return true;
    }

    /** The SQLSTATE of condition {@code name} (RAISE name, USING ERRCODE = 'name'); 42704 when there is none. */
    static String code(String name) {
        if (isCode(name)) return name;
        List<String> codes = CODES.get(name);
        if (codes == null) throw unknown(name);
        return codes.get(codes.size() - 1); // the error, where a warning shares the name
    }

    /** Whether a handler for condition {@code name} catches an error of {@code sqlState}. */
    static boolean catches(String name, String sqlState) {
        if (name.equals("others")) return !sqlState.equals("57014") && !sqlState.equals("P0004");
        List<String> codes = isCode(name) ? List.of(name) : CODES.get(name);
        if (codes == null) throw unknown(name);
        for (String code : codes) {
            if (code.equals(sqlState)) return true;
            if (code.endsWith("000") && sqlState.startsWith(code.substring(0, 2))) return true; // a whole class
        }
        return false;
    }

    private static PgException unknown(String name) {
        return new PgException("42704", "unrecognized exception condition \"" + name + "\"");
    }
}
