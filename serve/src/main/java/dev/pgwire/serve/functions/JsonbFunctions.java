package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.JsonbValue.Arr;
import dev.pgwire.serve.functions.JsonbValue.Obj;
import dev.pgwire.serve.functions.JsonbValue.ObjectBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The jsonb functions that take a value apart or build one: jsonb_array_length, jsonb_strip_nulls,
 * jsonb_object_keys, jsonb_each(_text), jsonb_array_elements(_text), jsonb_build_object,
 * jsonb_build_array. Set-returning functions answer as {@link JsonFunctions} describes.
 */
final class JsonbFunctions {
    private JsonbFunctions() {}

    static int arrayLength(JsonbValue jb) {
        if (jb.isScalar()) throw JsonbPaths.error("cannot get array length of a scalar");
        if (!(jb instanceof Arr a)) throw JsonbPaths.error("cannot get array length of a non-array");
        return a.size();
    }

    /** jsonb_strip_nulls: without object members whose value is null, at every depth; array nulls stay. */
    static JsonbValue stripNulls(JsonbValue v) {
        if (v instanceof Obj o) {
            ObjectBuilder out = new ObjectBuilder();
            for (int i = 0; i < o.size(); i++) {
                JsonbValue value = o.values().get(i);
                if (!(value instanceof JsonbValue.Null)) out.put(o.keys().get(i), stripNulls(value));
            }
            return out.build();
        }
        if (v instanceof Arr a) {
            List<JsonbValue> out = new ArrayList<>(a.size());
            for (JsonbValue e : a.elements()) out.add(stripNulls(e));
            return new Arr(List.copyOf(out));
        }
        return v;
    }

    /** jsonb_object_keys, as a JSON array of the keys in jsonb order. */
    static String objectKeys(JsonbValue jb) {
        if (jb.isScalar()) throw JsonbPaths.error("cannot call jsonb_object_keys on a scalar");
        if (!(jb instanceof Obj o)) throw JsonbPaths.error("cannot call jsonb_object_keys on an array");
        return TextArrays.toJson(o.keys());
    }

    /** jsonb_each, or jsonb_each_text with {@code asText}. */
    static String each(JsonbValue jb, boolean asText) {
        if (!(jb instanceof Obj o)) {
            throw JsonbPaths.error("cannot call " + (asText ? "jsonb_each_text" : "jsonb_each") + " on a non-object");
        }
        List<String> values = new ArrayList<>(o.size());
        for (JsonbValue v : o.values()) values.add(asText ? Jsonb.asText(v) : Jsonb.out(v));
        return JsonFunctions.pairs(o.keys(), values);
    }

    /** jsonb_array_elements, or jsonb_array_elements_text with {@code asText}. */
    static String arrayElements(JsonbValue jb, boolean asText) {
        if (jb.isScalar()) throw JsonbPaths.error("cannot extract elements from a scalar");
        if (!(jb instanceof Arr a)) throw JsonbPaths.error("cannot extract elements from an object");
        List<String> values = new ArrayList<>(a.size());
        for (JsonbValue v : a.elements()) values.add(asText ? Jsonb.asText(v) : Jsonb.out(v));
        return TextArrays.toJson(values);
    }

    /** jsonb_build_object: keys as text, values as JSON texts (null for SQL NULL). */
    static JsonbValue buildObject(String[] args) {
        JsonBuild.checkEven(args, "jsonb_build_object()");
        ObjectBuilder out = new ObjectBuilder();
        for (int i = 0; i < args.length; i += 2) {
            if (args[i] == null) {
                throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "argument " + (i + 1) + ": key must not be null");
            }
            out.put(args[i], args[i + 1] == null ? JsonbValue.NULL : Jsonb.parse(args[i + 1]));
        }
        return out.build();
    }

    /** jsonb_build_array: values as JSON texts (null for SQL NULL). */
    static JsonbValue buildArray(String[] args) {
        List<JsonbValue> out = new ArrayList<>(args.length);
        for (String a : args) out.add(a == null ? JsonbValue.NULL : Jsonb.parse(a));
        return new Arr(List.copyOf(out));
    }
}
