package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON syntax checking (json) and PostgreSQL's jsonb normal form: object keys without duplicates
 * (the last wins), ordered by length and then bytes; numbers as numeric prints them; strings with
 * escapes resolved and re-escaped; {@code ", "} and {@code ": "} as separators.
 */
final class JsonText {
    private final String text;
    private final String typeName;
    private final boolean build;
    private int pos;

    private JsonText(String text, String typeName, boolean build) {
        this.text = text;
        this.typeName = typeName;
        this.build = build;
    }

    /** Throws 22P02 unless {@code text} is one JSON value with optional surrounding whitespace. */
    static void validate(String text, String typeName) {
        new JsonText(text, typeName, false).document();
    }

    /** The jsonb text output for {@code text}. */
    static String canonical(String text) {
        Object v = new JsonText(text, "json", true).document();
        StringBuilder sb = new StringBuilder(text.length());
        write(v, sb);
        return sb.toString();
    }

    private Object document() {
        skipSpace();
        Object v = value(0);
        skipSpace();
        if (pos != text.length()) throw error();
        return v;
    }

    /** PostgreSQL limits nesting by stack depth; this keeps recursion bounded. */
    private static final int MAX_DEPTH = 6400;

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new PgException("54001", "stack depth limit exceeded");
        }
        if (pos >= text.length()) throw error();
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", JsonNull.NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error();
        }
    }

    private enum JsonNull { NULL }

    private Object object(int depth) {
        pos++;
        Map<String, Object> members = build ? new LinkedHashMap<>() : null;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw error();
            String key = string();
            skipSpace();
            if (peek() != ':') throw error();
            pos++;
            skipSpace();
            Object v = value(depth + 1);
            if (build) {
                members.remove(key);  // the last duplicate wins
                members.put(key, v);
            }
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') return members;
            if (c != ',') throw error();
        }
    }

    private Object array(int depth) {
        pos++;
        List<Object> items = build ? new ArrayList<>() : null;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            skipSpace();
            Object v = value(depth + 1);
            if (build) items.add(v);
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') return items;
            if (c != ',') throw error();
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = build ? new StringBuilder() : null;
        while (true) {
            if (pos >= text.length()) throw error();
            char c = text.charAt(pos++);
            if (c == '"') return build ? sb.toString() : null;
            if (c < 0x20) throw error();
            if (c != '\\') {
                if (build) sb.append(c);
                continue;
            }
            if (pos >= text.length()) throw error();
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> { if (build) sb.append(e); }
                case 'b' -> { if (build) sb.append('\b'); }
                case 'f' -> { if (build) sb.append('\f'); }
                case 'n' -> { if (build) sb.append('\n'); }
                case 'r' -> { if (build) sb.append('\r'); }
                case 't' -> { if (build) sb.append('\t'); }
                case 'u' -> {
                    int cp = hex4();
                    if (build) appendEscapedCodePoint(sb, cp);
                }
                default -> throw error();
            }
        }
    }

    private int hex4() {
        if (pos + 4 > text.length()) throw error();
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0 || text.charAt(pos + i) > 'f') throw error();
            v = v << 4 | d;
        }
        pos += 4;
        return v;
    }

    /** jsonb resolves \\u escapes: surrogate pairs must pair up, and \\u0000 cannot be stored. */
    private void appendEscapedCodePoint(StringBuilder sb, int cp) {
        if (cp == 0) {
            throw new PgException("22P05", "unsupported Unicode escape sequence")
                    .withDetail("\\u0000 cannot be converted to text.");
        }
        if (Character.isHighSurrogate((char) cp)) {
            if (pos + 6 <= text.length() && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
                pos += 2;
                int low = hex4();
                if (!Character.isLowSurrogate((char) low)) throw surrogateError();
                sb.append((char) cp).append((char) low);
                return;
            }
            throw surrogateError();
        }
        if (Character.isLowSurrogate((char) cp)) throw surrogateError();
        sb.append((char) cp);
    }

    private PgException surrogateError() {
        return new PgException("22P02", "invalid input syntax for type json: \"" + text + "\"")
                .withDetail("Unicode low surrogate must follow a high surrogate.");
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9') pos++;
        } else {
            throw error();
        }
        if (peek() == '.') {
            pos++;
            if (!(peek() >= '0' && peek() <= '9')) throw error();
            while (peek() >= '0' && peek() <= '9') pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!(peek() >= '0' && peek() <= '9')) throw error();
            while (peek() >= '0' && peek() <= '9') pos++;
        }
        return build ? NumericCodec.parse(text.substring(start, pos)) : null;
    }

    private Object literal(String word, Object v) {
        if (!text.startsWith(word, pos)) throw error();
        pos += word.length();
        return v;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private PgException error() {
        return Errors.invalidText(typeName, text);
    }

    /** jsonb orders keys by length in bytes, then byte by byte. */
    private static final Comparator<byte[]> KEY_ORDER = Comparator.<byte[]>comparingInt(b -> b.length)
            .thenComparing(Arrays::compareUnsigned);

    @SuppressWarnings("unchecked")
    private static void write(Object v, StringBuilder sb) {
        if (v instanceof Map<?, ?> m) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(((Map<String, Object>) m).entrySet());
            entries.sort(Comparator.comparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), KEY_ORDER));
            sb.append('{');
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) sb.append(", ");
                writeString(entries.get(i).getKey(), sb);
                sb.append(": ");
                write(entries.get(i).getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                write(l.get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof String s) {
            writeString(s, sb);
        } else if (v == JsonNull.NULL) {
            sb.append("null");
        } else {
            sb.append(v);  // Boolean or PgNumeric
        }
    }

    /** escape_json. */
    static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
