package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.functions.JsonbValue.Arr;
import dev.pgwire.serve.functions.JsonbValue.Obj;
import dev.pgwire.serve.functions.JsonbValue.ObjectBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * jsonb paths: {@code ->}, {@code ->>}, {@code #>}, {@code #>>} (jsonb_get_element), and the
 * rewriting walk behind jsonb_set, jsonb_set_lax, jsonb_insert and {@code #-} (setPath). A path
 * element reads as a key in an object and as an integer subscript in an array, negative counting
 * from the end; a path is a text[] given as a JSON array.
 */
final class JsonbPaths {
    private JsonbPaths() {}

    // ---- extraction ----

    /** jsonb -> text: the value of a key of a top-level object, or null. */
    static JsonbValue objectField(JsonbValue jb, String key) {
        return jb instanceof Obj o ? o.get(key) : null;
    }

    /**
     * jsonb -> integer. A raw scalar answers index 0 and -1 with itself: PostgreSQL stores it as a
     * one-element array and this operator does not tell the two apart.
     */
    static JsonbValue arrayElement(JsonbValue jb, int index) {
        if (jb instanceof Obj) return null;
        List<JsonbValue> elements = jb instanceof Arr a ? a.elements() : List.of(jb);
        if (index < 0) {
            if (-(long) index > elements.size()) return null;
            index += elements.size();
        }
        return index < elements.size() ? elements.get(index) : null;
    }

    /** jsonb #> text[] (jsonb_get_element); null when the path leads nowhere or holds a NULL. */
    static JsonbValue extractPath(JsonbValue jb, List<String> path) {
        if (path.contains(null)) return null;
        JsonbValue v = jb;
        for (String step : path) {
            if (v instanceof Obj o) {
                v = o.get(step);
            } else if (v instanceof Arr a) {
                Integer index = strtoint(step);
                if (index == null) return null;
                if (index < 0) {
                    if (index == Integer.MIN_VALUE || -index > a.size()) return null;
                    index += a.size();
                }
                v = index < a.size() ? a.elements().get(index) : null;
            } else {
                return null;
            }
            if (v == null) return null;
        }
        return v;
    }

    // ---- setPath ----

    /** What setPath does at the end of the path. */
    enum Op {
        CREATE, REPLACE, DELETE, INSERT_BEFORE, INSERT_AFTER;

        boolean createsOrInserts() {
            return this == CREATE || this == INSERT_BEFORE || this == INSERT_AFTER;
        }

        boolean inserts() {
            return this == INSERT_BEFORE || this == INSERT_AFTER;
        }
    }

    /** jsonb_set(target, path, new_value, create_missing). */
    static JsonbValue set(JsonbValue in, String pathJson, JsonbValue newValue, boolean create) {
        List<String> path = pathArgument(pathJson);
        if (in.isScalar()) throw error("cannot set path in scalar");
        if (isEmpty(in) && !create) return in;
        if (path.isEmpty()) return in;
        return setPath(in, path, 0, newValue, create ? Op.CREATE : Op.REPLACE);
    }

    /** jsonb_insert(target, path, new_value, insert_after). */
    static JsonbValue insert(JsonbValue in, String pathJson, JsonbValue newValue, boolean after) {
        List<String> path = pathArgument(pathJson);
        if (in.isScalar()) throw error("cannot set path in scalar");
        if (path.isEmpty()) return in;
        return setPath(in, path, 0, newValue, after ? Op.INSERT_AFTER : Op.INSERT_BEFORE);
    }

    /** jsonb #- text[] (jsonb_delete_path). */
    static JsonbValue deletePath(JsonbValue in, String pathJson) {
        List<String> path = pathArgument(pathJson);
        if (in.isScalar()) throw error("cannot delete path in scalar");
        if (isEmpty(in) || path.isEmpty()) return in;
        return setPath(in, path, 0, null, Op.DELETE);
    }

    /**
     * jsonb_set_lax: as jsonb_set, except that an SQL NULL new value is handled as
     * {@code nullTreatment} says; null when the target, path or create_missing is NULL.
     */
    static JsonbValue setLax(JsonbValue in, String pathJson, JsonbValue newValue, Boolean create, String nullTreatment) {
        if (in == null || pathJson == null || create == null) return null;
        if (nullTreatment == null) throw nullTreatmentError();
        if (newValue != null) return set(in, pathJson, newValue, create);
        return switch (nullTreatment) {
            case "raise_exception" -> throw Errors.error(Errors.NULL_VALUE_NOT_ALLOWED, "JSON value must not be null",
                    "Exception was raised because null_value_treatment is \"raise_exception\".",
                    "To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not passed.");
            case "use_json_null" -> set(in, pathJson, JsonbValue.NULL, create);
            case "delete_key" -> deletePath(in, pathJson);
            case "return_target" -> in;
            default -> throw nullTreatmentError();
        };
    }

    private static PgException nullTreatmentError() {
        return error("null_value_treatment must be \"delete_key\", \"return_target\", \"use_json_null\", or \"raise_exception\"");
    }

    private static boolean isEmpty(JsonbValue v) {
        return v instanceof Obj o ? o.size() == 0 : v instanceof Arr a && a.size() == 0;
    }

    /** setPath: {@code v} rewritten along {@code path} from {@code level}. */
    private static JsonbValue setPath(JsonbValue v, List<String> path, int level, JsonbValue newValue, Op op) {
        if (path.get(level) == null) {
            throw Errors.error(Errors.NULL_VALUE_NOT_ALLOWED, "path element at position " + (level + 1) + " is null");
        }
        if (v instanceof Arr a) return setPathArray(a, path, level, newValue, op);
        if (v instanceof Obj o) return setPathObject(o, path, level, newValue, op);
        return v;
    }

    private static JsonbValue setPathObject(Obj o, List<String> path, int level, JsonbValue newValue, Op op) {
        String key = path.get(level);
        boolean last = level == path.size() - 1;
        ObjectBuilder out = new ObjectBuilder();
        boolean done = false;
        for (int i = 0; i < o.size(); i++) {
            String k = o.keys().get(i);
            JsonbValue value = o.values().get(i);
            if (!done && k.equals(key)) {
                done = true;
                if (last) {
                    if (op.inserts()) {
                        throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "cannot replace existing key", null,
                                "Try using the function jsonb_set to replace key value.");
                    }
                    if (op != Op.DELETE) out.put(k, newValue);
                } else {
                    out.put(k, setPath(value, path, level + 1, newValue, op));
                }
            } else {
                out.put(k, value);
            }
        }
        if (!done && last && op.createsOrInserts()) out.put(key, newValue);
        return out.build();
    }

    private static JsonbValue setPathArray(Arr a, List<String> path, int level, JsonbValue newValue, Op op) {
        String step = path.get(level);
        Integer parsed = strtoint(step);
        if (parsed == null) {
            throw Errors.error(Errors.INVALID_TEXT_REPRESENTATION,
                    "path element at position " + (level + 1) + " is not an integer: \"" + step + "\"");
        }
        int n = a.size();
        long idx = parsed;
        boolean prepend = false;
        if (idx < 0) {
            if (-idx > n) prepend = true;
            else idx += n;
        }
        if (idx > n) idx = n;
        boolean last = level == path.size() - 1;
        List<JsonbValue> out = new ArrayList<>(n + 1);
        boolean done = false;
        if ((prepend || n == 0) && last && op.createsOrInserts()) {
            out.add(newValue);
            done = true;
        }
        for (int i = 0; i < n; i++) {
            JsonbValue e = a.elements().get(i);
            if (!prepend && i == idx) {
                done = true;
                if (last) {
                    if (op == Op.INSERT_BEFORE || op == Op.CREATE) out.add(newValue);
                    if (op.inserts()) out.add(e);
                    if (op == Op.INSERT_AFTER || op == Op.REPLACE) out.add(newValue);
                } else {
                    out.add(setPath(e, path, level + 1, newValue, op));
                }
            } else {
                out.add(e);
            }
        }
        if (op.createsOrInserts() && !done && last) out.add(newValue);
        return new Arr(List.copyOf(out));
    }

    // ---- arguments ----

    /**
     * A text[] argument given as a JSON array (DuckDB's {@code to_json(list)}), for the functions
     * that refuse arrays of more than one dimension (2202E "wrong number of array subscripts").
     */
    static List<String> pathArgument(String json) {
        if (isMultidimensional(json)) throw Errors.error(Errors.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        return textArray(json);
    }

    /** A text[] argument given as a JSON array, its elements in order (several dimensions flattened). */
    static List<String> textArray(String json) {
        return TextArrays.fromJson(json);
    }

    private static boolean isMultidimensional(String json) {
        int i = json.indexOf('[');
        if (i < 0) return false;
        for (i++; i < json.length() && Character.isWhitespace(json.charAt(i)); i++) {
            // skip
        }
        return i < json.length() && json.charAt(i) == '[';
    }

    /** PostgreSQL's strtoint: C's strtol in base 10 within int range, the whole text; null otherwise. */
    static Integer strtoint(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) i++;
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        if (i == digits || i != s.length()) return null;
        try {
            return Integer.parseInt(s.substring(start, i));
        } catch (NumberFormatException e) {
            return null;  // out of int range
        }
    }

    static PgException error(String message) {
        return Errors.error(Errors.INVALID_PARAMETER_VALUE, message);
    }
}
