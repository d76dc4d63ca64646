package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.JsonbValue.Arr;
import dev.pgwire.serve.functions.JsonbValue.Str;

import java.util.ArrayList;
import java.util.List;

/**
 * json_object and jsonb_object of text arrays (PostgreSQL's json_object and json_object_two_arg):
 * a one-dimensional array of alternating keys and values, a two-dimensional array of key-value
 * pairs, or an array of keys and an array of values. The arrays arrive as the JSON arrays DuckDB
 * writes for them ({@code ["a","1"]}, {@code [["a","1"],["b","2"]]}). The json form is written as
 * PostgreSQL writes it ({@code {"a" : "1", "b" : "2"}}); the jsonb form is that text read as jsonb.
 */
final class JsonObjects {
    private JsonObjects() {}

    /** json_object(text[]). */
    static String object(String arrayJson) {
        List<JsonbValue> elements = elements(arrayJson);
        List<JsonbValue> pairs = new ArrayList<>();
        if (!elements.isEmpty() && elements.get(0) instanceof Arr) {
            for (JsonbValue row : elements) {
                if (!(row instanceof Arr r) || r.elements().stream().anyMatch(e -> e instanceof Arr)) throw subscripts();
                if (r.size() != 2) throw Errors.error(Errors.ARRAY_SUBSCRIPT_ERROR, "array must have two columns");
                pairs.addAll(r.elements());
            }
        } else {
            if (elements.size() % 2 != 0) throw Errors.error(Errors.ARRAY_SUBSCRIPT_ERROR, "array must have even number of elements");
            pairs.addAll(elements);
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < pairs.size(); i += 2) member(out, i / 2, pairs.get(i), pairs.get(i + 1));
        return out.append('}').toString();
    }

    /** json_object(keys text[], values text[]). */
    static String object(String keysJson, String valuesJson) {
        List<JsonbValue> keys = elements(keysJson);
        List<JsonbValue> values = elements(valuesJson);
        if (keys.stream().anyMatch(e -> e instanceof Arr) || values.stream().anyMatch(e -> e instanceof Arr)
                || keys.isEmpty() != values.isEmpty()) {
            throw subscripts();
        }
        if (keys.size() != values.size()) throw Errors.error(Errors.ARRAY_SUBSCRIPT_ERROR, "mismatched array dimensions");
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) member(out, i, keys.get(i), values.get(i));
        return out.append('}').toString();
    }

    private static void member(StringBuilder out, int index, JsonbValue key, JsonbValue value) {
        if (!(key instanceof Str k)) throw Errors.error(Errors.NULL_VALUE_NOT_ALLOWED, "null value not allowed for object key");
        if (index > 0) out.append(", ");
        Jsonb.escape(out, k.value());
        out.append(" : ");
        if (value instanceof Str v) Jsonb.escape(out, v.value()); else out.append("null");
    }

    private static List<JsonbValue> elements(String arrayJson) {
        JsonbValue v = Jsonb.parse(arrayJson);
        return v instanceof Arr a ? a.elements() : List.of();
    }

    private static RuntimeException subscripts() {
        return Errors.error(Errors.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
    }
}
