package dev.pgwire.serve.functions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A jsonb value as PostgreSQL holds it: objects with unique keys in jsonb order (shorter keys first,
 * then byte order; when a key repeats the last value wins), numbers as numeric values, strings
 * decoded. A top-level scalar is what PostgreSQL calls a raw scalar.
 */
sealed interface JsonbValue {

    /** An object; {@code keys} are unique and in {@link #KEY_ORDER}, {@code values} match them. */
    record Obj(List<String> keys, List<JsonbValue> values) implements JsonbValue {
        int size() {
            return keys.size();
        }

        /** The value of {@code key}, or null. */
        JsonbValue get(String key) {
            int i = Collections.binarySearch(keys, key, KEY_ORDER);
            return i >= 0 ? values.get(i) : null;
        }
    }

    record Arr(List<JsonbValue> elements) implements JsonbValue {
        int size() {
            return elements.size();
        }
    }

    record Str(String value) implements JsonbValue {}

    /** A number: its numeric value and numeric_out's text of it ({@code 1e3} is {@code 1000}). */
    record Num(BigDecimal value, String text) implements JsonbValue {}

    record Bool(boolean value) implements JsonbValue {}

    record Null() implements JsonbValue {}

    JsonbValue NULL = new Null();
    JsonbValue TRUE = new Bool(true);
    JsonbValue FALSE = new Bool(false);
    Obj EMPTY_OBJECT = new Obj(List.of(), List.of());

    default boolean isScalar() {
        return !(this instanceof Obj) && !(this instanceof Arr);
    }

    /** jsonb's key order: length in UTF-8 bytes, then bytes (code points). */
    Comparator<String> KEY_ORDER = (a, b) -> {
        int la = utf8Length(a);
        int lb = utf8Length(b);
        if (la != lb) return Integer.compare(la, lb);
        return compareCodePoints(a, b);
    };

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Collects the pairs of an object as pushJsonbValue does: a repeated key keeps its last value. */
    final class ObjectBuilder {
        private final TreeMap<String, JsonbValue> pairs = new TreeMap<>(KEY_ORDER);

        ObjectBuilder put(String key, JsonbValue value) {
            pairs.put(key, value);
            return this;
        }

        ObjectBuilder putAll(Obj o) {
            for (int i = 0; i < o.size(); i++) pairs.put(o.keys().get(i), o.values().get(i));
            return this;
        }

        Obj build() {
            return new Obj(List.copyOf(pairs.keySet()), List.copyOf(pairs.values()));
        }
    }

    static Arr array(List<JsonbValue> elements) {
        return new Arr(Collections.unmodifiableList(new ArrayList<>(elements)));
    }

    /** equalsJsonbScalarValue: same type, and equal (numbers by value). */
    static boolean scalarEquals(JsonbValue a, JsonbValue b) {
        if (a instanceof Num x && b instanceof Num y) return x.value().compareTo(y.value()) == 0;
        return a.getClass() == b.getClass() && a.equals(b);
    }
}
