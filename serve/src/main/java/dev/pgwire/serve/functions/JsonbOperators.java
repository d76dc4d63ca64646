package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.JsonbValue.Arr;
import dev.pgwire.serve.functions.JsonbValue.Obj;
import dev.pgwire.serve.functions.JsonbValue.ObjectBuilder;
import dev.pgwire.serve.functions.JsonbValue.Str;

import java.util.ArrayList;
import java.util.List;

/**
 * The jsonb operators that combine or test values: {@code ||}, {@code -}, {@code @>}, {@code <@},
 * {@code ?}, {@code ?|}, {@code ?&}, as jsonfuncs.c and jsonb_op.c define them.
 */
final class JsonbOperators {
    private JsonbOperators() {}

    /**
     * jsonb || jsonb: two objects merge (the right one's keys win), two arrays concatenate, and
     * anything else concatenates as arrays, a scalar standing for a one-element array and an object
     * being an element.
     */
    static JsonbValue concat(JsonbValue a, JsonbValue b) {
        if (a instanceof Obj x && b instanceof Obj y) return new ObjectBuilder().putAll(x).putAll(y).build();
        List<JsonbValue> out = new ArrayList<>();
        addAsElements(out, a);
        addAsElements(out, b);
        return new Arr(List.copyOf(out));
    }

    private static void addAsElements(List<JsonbValue> out, JsonbValue v) {
        if (v instanceof Arr a) out.addAll(a.elements());
        else out.add(v);
    }

    /** jsonb - text: without the key, or without the array's string elements equal to it. */
    static JsonbValue delete(JsonbValue in, String key) {
        return deleteKeys(in, List.of(key));
    }

    /** jsonb - text[]. */
    static JsonbValue deleteArray(JsonbValue in, String keysJson) {
        return deleteKeys(in, JsonbPaths.pathArgument(keysJson));
    }

    private static JsonbValue deleteKeys(JsonbValue in, List<String> keys) {
        if (in.isScalar()) throw JsonbPaths.error("cannot delete from scalar");
        if (in instanceof Obj o) {
            if (o.size() == 0 || keys.isEmpty()) return in;
            List<String> outKeys = new ArrayList<>();
            List<JsonbValue> outValues = new ArrayList<>();
            for (int i = 0; i < o.size(); i++) {
                if (keys.contains(o.keys().get(i))) continue;
                outKeys.add(o.keys().get(i));
                outValues.add(o.values().get(i));
            }
            return new Obj(List.copyOf(outKeys), List.copyOf(outValues));
        }
        Arr a = (Arr) in;
        if (a.size() == 0 || keys.isEmpty()) return in;
        List<JsonbValue> out = new ArrayList<>();
        for (JsonbValue e : a.elements()) {
            if (e instanceof Str s && keys.contains(s.value())) continue;
            out.add(e);
        }
        return new Arr(List.copyOf(out));
    }

    /** jsonb - integer: without the array element at {@code index} (negative from the end). */
    static JsonbValue deleteIndex(JsonbValue in, int index) {
        if (in.isScalar()) throw JsonbPaths.error("cannot delete from scalar");
        if (in instanceof Obj) throw JsonbPaths.error("cannot delete from object using integer index");
        Arr a = (Arr) in;
        int n = a.size();
        if (n == 0) return in;
        long idx = index;
        if (idx < 0) idx = -idx > n ? n : n + idx;
        if (idx >= n) return in;
        List<JsonbValue> out = new ArrayList<>(a.elements());
        out.remove((int) idx);
        return new Arr(List.copyOf(out));
    }

    /** jsonb ? text: a top-level key, a string element of a top-level array, or the string scalar itself. */
    static boolean exists(JsonbValue jb, String key) {
        if (jb instanceof Obj o) return o.get(key) != null;
        List<JsonbValue> elements = jb instanceof Arr a ? a.elements() : List.of(jb);
        for (JsonbValue e : elements) {
            if (e instanceof Str s && s.value().equals(key)) return true;
        }
        return false;
    }

    /** jsonb ?| text[]: any of the keys (NULL elements are skipped). */
    static boolean existsAny(JsonbValue jb, String keysJson) {
        for (String k : JsonbPaths.textArray(keysJson)) {
            if (k != null && exists(jb, k)) return true;
        }
        return false;
    }

    /** jsonb ?& text[]: all of the keys (NULL elements are skipped). */
    static boolean existsAll(JsonbValue jb, String keysJson) {
        for (String k : JsonbPaths.textArray(keysJson)) {
            if (k != null && !exists(jb, k)) return false;
        }
        return true;
    }

    /**
     * jsonb @> jsonb (JsonbDeepContains): every pair of an object on the right is in the object on
     * the left with a containing value; every element of an array on the right is in the array on
     * the left, whatever the order and repetitions; a scalar stands for a one-element array, though
     * a scalar contains no array.
     */
    static boolean contains(JsonbValue val, JsonbValue tmpl) {
        if ((val instanceof Obj) != (tmpl instanceof Obj)) return false;
        return deepContains(val, tmpl);
    }

    private static boolean deepContains(JsonbValue val, JsonbValue tmpl) {
        if (val instanceof Obj v) {
            if (!(tmpl instanceof Obj t)) return false;
            if (v.size() < t.size()) return false;
            for (int i = 0; i < t.size(); i++) {
                JsonbValue lhs = v.get(t.keys().get(i));
                JsonbValue rhs = t.values().get(i);
                if (lhs == null) return false;
                if (lhs.isScalar() || rhs.isScalar()) {
                    if (!JsonbValue.scalarEquals(lhs, rhs)) return false;
                } else if (!deepContains(lhs, rhs)) {
                    return false;
                }
            }
            return true;
        }
        if (tmpl instanceof Obj) return false;
        // arrays; a top-level scalar is a raw scalar, a one-element array that contains no real array
        if (val.isScalar() && !tmpl.isScalar()) return false;
        List<JsonbValue> lhs = val instanceof Arr a ? a.elements() : List.of(val);
        List<JsonbValue> rhs = tmpl instanceof Arr a ? a.elements() : List.of(tmpl);
        List<JsonbValue> containers = null;
        for (JsonbValue r : rhs) {
            if (r.isScalar()) {
                boolean found = false;
                for (JsonbValue l : lhs) {
                    if (l.isScalar() && JsonbValue.scalarEquals(l, r)) {
                        found = true;
                        break;
                    }
                }
                if (!found) return false;
            } else {
                if (containers == null) {
                    containers = new ArrayList<>();
                    for (JsonbValue l : lhs) if (!l.isScalar()) containers.add(l);
                    if (containers.isEmpty()) return false;
                }
                boolean found = false;
                for (JsonbValue l : containers) {
                    if (deepContains(l, r)) {
                        found = true;
                        break;
                    }
                }
                if (!found) return false;
            }
        }
        return true;
    }

    /**
     * jsonb_cmp, the order of jsonb's comparison operators: values compared as they are walked in
     * jsonb order; of two containers of one kind the one with more members is greater; types rank
     * null, string, number, boolean, array, object; a top-level scalar is a one-element array that
     * is less than any other array of one element; strings compare in the C collation.
     */
    static int compare(JsonbValue a, JsonbValue b) {
        Jsonb.Iterator ita = new Jsonb.Iterator(a);
        Jsonb.Iterator itb = new Jsonb.Iterator(b);
        while (true) {
            Jsonb.Step ra = ita.next();
            Jsonb.Step rb = itb.next();
            int res;
            if (ra == rb) {
                if (ra == null) return 0;
                if (ra == Jsonb.Step.END_ARRAY || ra == Jsonb.Step.END_OBJECT) continue;
                JsonbValue va = ita.value;
                JsonbValue vb = itb.value;
                if (rank(va) != rank(vb)) {
                    res = rank(va) > rank(vb) ? 1 : -1;
                } else if (va instanceof Arr x) {
                    Arr y = (Arr) vb;
                    boolean rawA = x == ita.rawScalar;
                    boolean rawB = y == itb.rawScalar;
                    res = rawA != rawB ? (rawA ? -1 : 1) : 0;
                    if (x.size() != y.size()) res = x.size() > y.size() ? 1 : -1;
                } else if (va instanceof Obj x) {
                    int ny = ((Obj) vb).size();
                    res = x.size() != ny ? (x.size() > ny ? 1 : -1) : 0;
                } else {
                    res = compareScalars(va, vb);
                }
            } else {
                res = rank(ita.value) > rank(itb.value) ? 1 : -1;
            }
            if (res != 0) return res;
        }
    }

    private static int rank(JsonbValue v) {
        if (v instanceof JsonbValue.Null) return 0;
        if (v instanceof Str) return 1;
        if (v instanceof JsonbValue.Num) return 2;
        if (v instanceof JsonbValue.Bool) return 3;
        return v instanceof Arr ? 4 : 5;
    }

    private static int compareScalars(JsonbValue a, JsonbValue b) {
        if (a instanceof Str x) return Integer.signum(JsonbValue.compareCodePoints(x.value(), ((Str) b).value()));
        if (a instanceof JsonbValue.Num x) return x.value().compareTo(((JsonbValue.Num) b).value());
        if (a instanceof JsonbValue.Bool x) return Boolean.compare(x.value(), ((JsonbValue.Bool) b).value());
        return 0;
    }
}
