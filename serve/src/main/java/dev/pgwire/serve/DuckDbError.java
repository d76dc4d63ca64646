package dev.pgwire.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DuckDB error taken apart. Databases opened by serve set {@code errors_as_json}, so DuckDB
 * reports {@code {"exception_type":"Catalog","exception_message":"…","position":"14",…}}, sometimes
 * behind a {@code "Catalog Error: "} prefix; messages from the JDBC driver itself stay plain text
 * ({@code "Invalid Input Error: …"}). Both shapes end up here.
 *
 * @param type      DuckDB's exception type without " Error" ("Parser", "Catalog", "Invalid Input"…)
 * @param message   the message, all lines
 * @param fields    further JSON fields (name, position, error_subtype, candidates…)
 */
record DuckDbError(String type, String message, Map<String, String> fields) {

    static DuckDbError parse(String raw) {
        String text = raw == null ? "" : raw.trim();
        // the appender (COPY FROM STDIN) wraps the engine's error object
        if (text.startsWith("Failed to append: {")) text = text.substring("Failed to append: ".length());
        String prefixType = null;
        int colon = text.indexOf(" Error: ");
        if (colon > 0 && !text.startsWith("{") && text.substring(0, colon).chars().allMatch(c -> c == ' ' || Character.isLetter(c))) {
            prefixType = text.substring(0, colon);
            text = text.substring(colon + " Error: ".length());
        }
        if (text.startsWith("{")) {
            Map<String, String> json = parseFlatJson(text);
            if (json != null && json.containsKey("exception_message")) {
                String type = json.getOrDefault("exception_type", prefixType == null ? "" : prefixType);
                String message = json.get("exception_message");
                json.remove("exception_type");
                json.remove("exception_message");
                return new DuckDbError(type, message, json);
            }
        }
        return new DuckDbError(prefixType == null ? "" : prefixType, text, Map.of());
    }

    /** Normalised type for matching: lower case, no spaces ("invalidinput", "outofrange"). */
    String kind() {
        return type.toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace("_", "");
    }

    String field(String name) {
        return fields.get(name);
    }

    /** The first line of the message, without a trailing '!' or "LINE n:" context. */
    String firstLine() {
        String m = message;
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        m = m.strip();
        while (m.endsWith("!")) m = m.substring(0, m.length() - 1);
        return m;
    }

    /**
     * A JSON object whose values are strings (nested values are kept as their JSON text). Returns
     * null when the text is not such an object.
     */
    static Map<String, String> parseFlatJson(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] pos = {0};
        try {
            skipWs(s, pos);
            expect(s, pos, '{');
            skipWs(s, pos);
            if (peek(s, pos) == '}') return out;
            while (true) {
                skipWs(s, pos);
                String key = readString(s, pos);
                skipWs(s, pos);
                expect(s, pos, ':');
                skipWs(s, pos);
                out.put(key, readValue(s, pos));
                skipWs(s, pos);
                char c = s.charAt(pos[0]++);
                if (c == '}') return out;
                if (c != ',') return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String readValue(String s, int[] pos) {
        char c = peek(s, pos);
        if (c == '"') return readString(s, pos);
        int start = pos[0];
        int depth = 0;
        boolean inString = false;
        while (pos[0] < s.length()) {
            char ch = s.charAt(pos[0]);
            if (inString) {
                if (ch == '\\') pos[0]++;
                else if (ch == '"') inString = false;
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                if (depth == 0) break;
                depth--;
            } else if (ch == ',' && depth == 0) {
                break;
            }
            pos[0]++;
        }
        return s.substring(start, pos[0]).trim();
    }

    private static String readString(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(pos[0]++);
            if (c == '"') return sb.toString();
            if (c != '\\') { sb.append(c); continue; }
            char e = s.charAt(pos[0]++);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'u':
                    sb.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                    pos[0] += 4;
                    break;
                default: sb.append(e);
            }
        }
    }

    private static void skipWs(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) pos[0]++;
    }

    private static char peek(String s, int[] pos) {
        return s.charAt(pos[0]);
    }

    private static void expect(String s, int[] pos, char c) {
        if (s.charAt(pos[0]++) != c) throw new IllegalArgumentException("expected " + c);
    }
}
