package dev.pgwire.serve.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON form of a parse tree into {@link Node}s without recursion, so no statement can
 * drive it deeper than the heap: an object whose only key starts with an upper-case letter and
 * holds an object is a typed node ({@code {"ColumnRef": {...}}}); any other object is a plain
 * struct (PostgreSQL's field names all start in lower case). Nesting deeper than {@code maxDepth}
 * stops the read with {@link TooDeep}.
 */
final class ParseTreeJson {
    private ParseTreeJson() {}

    /** The tree nests deeper than allowed. */
    static final class TooDeep extends RuntimeException {
        TooDeep() {
            super("parse tree too deep", null, false, false);
        }
    }

    /** A container being filled: an object (with the key awaiting its value) or an array. */
    private static final class Frame {
        final Map<String, Object> object;
        final List<Object> array;
        String key;

        Frame(Map<String, Object> object, List<Object> array) {
            this.object = object;
            this.array = array;
        }
    }

    static Object read(byte[] json, int maxDepth) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Object result = null;
        int i = 0;
        int n = json.length;
        while (i < n) {
            byte c = json[i];
            Object value;
            boolean hasValue = false;
            switch (c) {
                case ' ', '\n', '\r', '\t', ',', ':' -> {
                    i++;
                    continue;
                }
                case '{' -> {
                    if (stack.size() >= maxDepth) throw new TooDeep();
                    stack.push(new Frame(new LinkedHashMap<>(), null));
                    i++;
                    continue;
                }
                case '[' -> {
                    if (stack.size() >= maxDepth) throw new TooDeep();
                    stack.push(new Frame(null, new ArrayList<>()));
                    i++;
                    continue;
                }
                case '}' -> {
                    Frame f = stack.pop();
                    value = toNode(f.object);
                    hasValue = true;
                    i++;
                }
                case ']' -> {
                    Frame f = stack.pop();
                    value = f.array;
                    hasValue = true;
                    i++;
                }
                case '"' -> {
                    StringBuilder sb = new StringBuilder();
                    i = string(json, i + 1, sb);
                    Frame top = stack.peek();
                    if (top != null && top.object != null && top.key == null) {
                        top.key = sb.toString();
                        continue;
                    }
                    value = sb.toString();
                    hasValue = true;
                }
                case 't' -> {
                    value = Boolean.TRUE;
                    hasValue = true;
                    i += 4;
                }
                case 'f' -> {
                    value = Boolean.FALSE;
                    hasValue = true;
                    i += 5;
                }
                case 'n' -> {
                    value = null;
                    hasValue = true;
                    i += 4;
                }
                default -> {
                    int start = i;
                    while (i < n && (json[i] == '-' || json[i] == '+' || json[i] == '.' || json[i] == 'e' || json[i] == 'E'
                            || (json[i] >= '0' && json[i] <= '9'))) i++;
                    String num = new String(json, start, i - start, StandardCharsets.US_ASCII);
                    value = num.contains(".") || num.contains("e") || num.contains("E") ? (Object) Double.valueOf(num) : Long.valueOf(num);
                    hasValue = true;
                }
            }
            if (!hasValue) continue;
            Frame top = stack.peek();
            if (top == null) {
                result = value;
            } else if (top.object != null) {
                if (value != null) top.object.put(top.key, value);
                top.key = null;
            } else {
                top.array.add(value);
            }
        }
        return result;
    }

    /** A typed node for {@code {"Type": {...}}}, else a plain struct. */
    private static Node toNode(Map<String, Object> object) {
        if (object.size() == 1) {
            Map.Entry<String, Object> only = object.entrySet().iterator().next();
            String key = only.getKey();
            if (!key.isEmpty() && Character.isUpperCase(key.charAt(0)) && only.getValue() instanceof Node inner && inner.type() == null) {
                return new Node(key, new LinkedHashMap<>(inner.fields()));
            }
        }
        return new Node(null, object);
    }

    /** Reads a JSON string body from {@code i} (after the opening quote); returns the index after the closing quote. */
    private static int string(byte[] json, int i, StringBuilder sb) {
        int start = i;
        while (true) {
            byte b = json[i];
            if (b == '"') {
                sb.append(new String(json, start, i - start, StandardCharsets.UTF_8));
                return i + 1;
            }
            if (b == '\\') {
                sb.append(new String(json, start, i - start, StandardCharsets.UTF_8));
                char e = (char) json[i + 1];
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(new String(json, i + 2, 4, StandardCharsets.US_ASCII), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
                i += 2;
                start = i;
                continue;
            }
            i++;
        }
    }
}
