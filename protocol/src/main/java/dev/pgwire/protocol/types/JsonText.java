package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
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
        Object v = value();
        skipSpace();
        if (pos != text.length()) throw error();
        return v;
    }

    /*
     * PostgreSQL's JSON parser recurses and stops with 54001 "stack depth limit exceeded" when the
     * stack passes max_stack_depth (2MB by default). This parser keeps open containers on the heap
     * instead, so no input reaches the Java stack, and charges each open container what it costs
     * PostgreSQL 15: measured through a Bind parameter at the default setting, json_in takes
     * arrays nested 14 555 deep and objects 13 100 deep, and mixes on the straight line between
     * (6 894 array-object pairs, 1 439 runs of nine arrays and an object). An array level costs 9,
     * an object level 10, and the budget is 131 000. (jsonb_in takes two array levels fewer.)
     */
    private static final int ARRAY_LEVEL_COST = 9;
    private static final int OBJECT_LEVEL_COST = 10;
    private static final int STACK_BUDGET = 131_000;

    /** A container being read: its members so far (when building) and the key awaiting a value. */
    private static final class Open {
        final boolean object;
        final List<Object> items;
        final Map<String, Object> members;
        String key;

        Open(boolean object, boolean build) {
            this.object = object;
            this.items = build && !object ? new ArrayList<>() : null;
            this.members = build && object ? new LinkedHashMap<>() : null;
        }

        void add(Object v) {
            if (items != null) {
                items.add(v);
            } else if (members != null) {
                members.remove(key);  // the last duplicate wins
                members.put(key, v);
            }
        }

        Object value() {
            return object ? members : items;
        }

        int cost() {
            return object ? OBJECT_LEVEL_COST : ARRAY_LEVEL_COST;
        }
    }

    /** One value starting at {@code pos}, which is past any whitespace. */
    private Object value() {
        ArrayDeque<Open> open = new ArrayDeque<>();
        int cost = 0;
        while (true) {
            Object v;
            char c = peek();
            if (c == '[' || c == '{') {
                Open container = new Open(c == '{', build);
                cost += container.cost();
                if (cost > STACK_BUDGET) throw stackDepthExceeded();
                pos++;
                skipSpace();
                if (peek() != (container.object ? '}' : ']')) {
                    open.push(container);
                    if (container.object) container.key = memberName();
                    continue;  // read its first value
                }
                pos++;
                cost -= container.cost();
                v = container.value();
            } else {
                v = scalar(c);
            }
            // v is complete: add it to the containers it ends, up to one that goes on with ','
            while (true) {
                Open container = open.peek();
                if (container == null) return v;
                container.add(v);
                skipSpace();
                char d = peek();
                pos++;
                if (d == ',') {
                    skipSpace();
                    if (container.object) container.key = memberName();
                    break;
                }
                if (d != (container.object ? '}' : ']')) throw error();
                open.pop();
                cost -= container.cost();
                v = container.value();
            }
        }
    }

    /** {@code "name" :} and the whitespace after it; {@code pos} is past any whitespace before it. */
    private String memberName() {
        if (peek() != '"') throw error();
        String key = string();
        skipSpace();
        if (peek() != ':') throw error();
        pos++;
        skipSpace();
        return key;
    }

    private Object scalar(char c) {
        switch (c) {
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", JsonNull.NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error();
        }
    }

    private static PgException stackDepthExceeded() {
        return new PgException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
    }

    private enum JsonNull { NULL }

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

    /** A container being written: the members or items still to come. */
    private static final class Writing {
        final Iterator<?> rest;
        final boolean object;
        boolean started;

        Writing(Iterator<?> rest, boolean object) {
            this.rest = rest;
            this.object = object;
        }
    }

    /** Writes the tree {@link #document} built, without recursion: its depth is the input's. */
    @SuppressWarnings("unchecked")
    private static void write(Object root, StringBuilder sb) {
        ArrayDeque<Writing> open = new ArrayDeque<>();
        Object v = root;
        while (true) {
            if (v instanceof Map<?, ?> m) {
                List<Map.Entry<String, Object>> entries = new ArrayList<>(((Map<String, Object>) m).entrySet());
                entries.sort(Comparator.comparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), KEY_ORDER));
                sb.append('{');
                open.push(new Writing(entries.iterator(), true));
            } else if (v instanceof List<?> l) {
                sb.append('[');
                open.push(new Writing(l.iterator(), false));
            } else if (v instanceof String s) {
                writeString(s, sb);
            } else if (v == JsonNull.NULL) {
                sb.append("null");
            } else {
                sb.append(v);  // Boolean or PgNumeric
            }
            // close the containers that are finished; the next value is in the innermost other one
            Writing w;
            while ((w = open.peek()) != null && !w.rest.hasNext()) {
                sb.append(w.object ? '}' : ']');
                open.pop();
            }
            if (w == null) return;
            if (w.started) sb.append(", ");
            w.started = true;
            if (w.object) {
                Map.Entry<String, Object> e = (Map.Entry<String, Object>) w.rest.next();
                writeString(e.getKey(), sb);
                sb.append(": ");
                v = e.getValue();
            } else {
                v = w.rest.next();
            }
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
