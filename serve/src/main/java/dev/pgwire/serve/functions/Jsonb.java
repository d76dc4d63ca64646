package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.functions.JsonLexer.Token;
import dev.pgwire.serve.functions.JsonbValue.Arr;
import dev.pgwire.serve.functions.JsonbValue.Bool;
import dev.pgwire.serve.functions.JsonbValue.Num;
import dev.pgwire.serve.functions.JsonbValue.Obj;
import dev.pgwire.serve.functions.JsonbValue.ObjectBuilder;
import dev.pgwire.serve.functions.JsonbValue.Str;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * jsonb input and output as PostgreSQL's jsonb_in and jsonb_out: any JSON text becomes a
 * {@link JsonbValue} (numbers through numeric_in, so {@code 1e3} is {@code 1000} and {@code 1e400000}
 * overflows), and a value prints in PostgreSQL's normal form ({@code {"a": 1, "b": [1, 2]}}) or
 * jsonb_pretty's indented one.
 */
final class Jsonb {
    private Jsonb() {}

    /** jsonb_in. */
    static JsonbValue parse(String text) {
        Builder b = new Builder();
        JsonParser.parse(new JsonLexer(text, true), b);
        return b.result;
    }

    /** jsonb_out: the normal form. */
    static String out(JsonbValue v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, false);
        return sb.toString();
    }

    /** jsonb_pretty. */
    static String pretty(JsonbValue v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, true);
        return sb.toString();
    }

    /** JsonbValueAsText, as ->> returns a value: a string unquoted, null as SQL NULL, others as jsonb text. */
    static String asText(JsonbValue v) {
        if (v instanceof JsonbValue.Null) return null;
        if (v instanceof Str s) return s.value();
        if (v instanceof Num n) return n.text();
        if (v instanceof Bool b) return b.value() ? "true" : "false";
        return out(v);
    }

    /** jsonb_typeof. */
    static String typeName(JsonbValue v) {
        if (v instanceof Obj) return "object";
        if (v instanceof Arr) return "array";
        if (v instanceof Str) return "string";
        if (v instanceof Num) return "number";
        if (v instanceof Bool) return "boolean";
        return "null";
    }

    // ---- input ----

    /** The semantic actions of jsonb_in: containers as they close, numbers through numeric_in. */
    private static final class Builder implements JsonParser.Actions {
        final ArrayDeque<Object> open = new ArrayDeque<>();  // ObjectBuilder or List<JsonbValue>
        final ArrayDeque<String> keys = new ArrayDeque<>();
        JsonbValue result;

        @Override public void objectStart() { open.push(new ObjectBuilder()); }
        @Override public void arrayStart() { open.push(new ArrayList<JsonbValue>()); }
        @Override public void fieldStart(String name, boolean isNull) { keys.push(name); }

        @Override public void objectEnd() {
            add(((ObjectBuilder) open.pop()).build());
        }

        @SuppressWarnings("unchecked")
        @Override public void arrayEnd() {
            add(new Arr(List.copyOf((List<JsonbValue>) open.pop())));
        }

        @Override public void scalar(String token, Token type) {
            add(switch (type) {
                case STRING -> new Str(token);
                case NUMBER -> number(token);
                case TRUE -> JsonbValue.TRUE;
                case FALSE -> JsonbValue.FALSE;
                default -> JsonbValue.NULL;
            });
        }

        @SuppressWarnings("unchecked")
        private void add(JsonbValue v) {
            Object top = open.peek();
            if (top == null) result = v;
            else if (top instanceof ObjectBuilder o) o.put(keys.pop(), v);
            else ((List<JsonbValue>) top).add(v);
        }
    }

    /** numeric_in of a JSON number token, whose form the lexer has checked. */
    static Num number(String token) {
        int i = 0;
        boolean negative = token.charAt(0) == '-';
        if (negative) i++;
        int start = i;
        while (i < token.length() && isDigit(token.charAt(i))) i++;
        StringBuilder digits = new StringBuilder(token.substring(start, i));
        int fraction = 0;
        if (i < token.length() && token.charAt(i) == '.') {
            int f = ++i;
            while (i < token.length() && isDigit(token.charAt(i))) i++;
            digits.append(token, f, i);
            fraction = i - f;
        }
        long exponent = 0;
        if (i < token.length()) {  // e or E
            BigInteger e = new BigInteger(token.substring(i + 1));
            // PostgreSQL refuses exponents beyond INT_MAX / 2 before anything else
            if (e.abs().compareTo(BigInteger.valueOf(Integer.MAX_VALUE / 2)) >= 0) throw overflow();
            exponent = e.longValue();
        }
        long dscale = Math.max(0, fraction - exponent);
        BigInteger unscaled = new BigInteger(digits.toString());
        if (negative) unscaled = unscaled.negate();
        BigDecimal value = new BigDecimal(unscaled, Math.toIntExact(fraction - exponent));
        if (unscaled.signum() != 0) {
            // the value must fit numeric's storage: a weight of 4-digit groups in int16, 14 bits of scale
            long leading = value.precision() - 1 - (long) value.scale();  // decimal exponent of the first digit
            long weight = Math.floorDiv(leading, 4);
            if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE) throw overflow();
        }
        if (dscale > 0x3FFF) throw overflow();
        BigDecimal shown = value.setScale((int) dscale);
        return new Num(shown, shown.toPlainString());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static PgException overflow() {
        return new PgException(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }

    // ---- output ----

    /** JsonbIteratorNext's tokens. */
    enum Step { BEGIN_ARRAY, BEGIN_OBJECT, KEY, VALUE, ELEM, END_ARRAY, END_OBJECT }

    /**
     * Walks a value as JsonbIterator does: containers open and close, scalars are VALUEs in objects
     * and ELEMs in arrays, and a top-level scalar is an ELEM of a "raw scalar" pseudo array.
     */
    static final class Iterator {
        private static final class Frame {
            final JsonbValue container;
            int index;
            boolean keyDone;

            Frame(JsonbValue container) {
                this.container = container;
            }
        }

        private final ArrayDeque<Frame> open = new ArrayDeque<>();
        private JsonbValue pending;
        /** The pseudo array holding a top-level scalar, or null. */
        final Arr rawScalar;
        /** The value of the last step: the key, the scalar, or the container opened or closed. */
        JsonbValue value;

        Iterator(JsonbValue root) {
            rawScalar = root.isScalar() ? new Arr(List.of(root)) : null;
            pending = rawScalar != null ? rawScalar : root;
        }

        /** The next step, or null at the end. */
        Step next() {
            if (pending != null) {
                JsonbValue c = pending;
                pending = null;
                open.push(new Frame(c));
                value = c;
                return c instanceof Obj ? Step.BEGIN_OBJECT : Step.BEGIN_ARRAY;
            }
            Frame f = open.peek();
            if (f == null) return null;
            if (f.container instanceof Arr a) {
                if (f.index == a.size()) {
                    open.pop();
                    value = a;
                    return Step.END_ARRAY;
                }
                return member(a.elements().get(f.index++), Step.ELEM);
            }
            Obj o = (Obj) f.container;
            if (f.index == o.size()) {
                open.pop();
                value = o;
                return Step.END_OBJECT;
            }
            if (!f.keyDone) {
                f.keyDone = true;
                value = new Str(o.keys().get(f.index));
                return Step.KEY;
            }
            f.keyDone = false;
            return member(o.values().get(f.index++), Step.VALUE);
        }

        private Step member(JsonbValue v, Step scalarStep) {
            value = v;
            if (v.isScalar()) return scalarStep;
            open.push(new Frame(v));
            return v instanceof Obj ? Step.BEGIN_OBJECT : Step.BEGIN_ARRAY;
        }
    }

    /** JsonbToCStringWorker, with and without indentation. */
    private static void write(StringBuilder out, JsonbValue root, boolean indent) {
        Iterator it = new Iterator(root);
        boolean rawScalar = root.isScalar();
        boolean first = true;
        boolean useIndent = false;
        boolean lastWasKey = false;
        boolean redo = false;
        int level = 0;
        String comma = indent ? "," : ", ";
        Step step = null;
        while (redo || (step = it.next()) != null) {
            redo = false;
            switch (step) {
                case BEGIN_ARRAY -> {
                    if (!first) out.append(comma);
                    if (!rawScalar) {
                        addIndent(out, useIndent && !lastWasKey, level);
                        out.append('[');
                    }
                    first = true;
                    level++;
                }
                case BEGIN_OBJECT -> {
                    if (!first) out.append(comma);
                    addIndent(out, useIndent && !lastWasKey, level);
                    out.append('{');
                    first = true;
                    level++;
                }
                case KEY -> {
                    if (!first) out.append(comma);
                    first = true;
                    addIndent(out, useIndent, level);
                    escape(out, ((Str) it.value).value());
                    out.append(": ");
                    step = it.next();
                    if (step == Step.VALUE) {
                        first = false;
                        scalar(out, it.value);
                    } else {
                        redo = true;
                    }
                }
                case ELEM -> {
                    if (!first) out.append(comma);
                    first = false;
                    if (!rawScalar) addIndent(out, useIndent, level);
                    scalar(out, it.value);
                }
                case END_ARRAY -> {
                    level--;
                    if (!rawScalar) {
                        addIndent(out, useIndent, level);
                        out.append(']');
                    }
                    first = false;
                }
                case END_OBJECT -> {
                    level--;
                    addIndent(out, useIndent, level);
                    out.append('}');
                    first = false;
                }
                default -> throw new IllegalStateException(step.name());
            }
            useIndent = indent;
            lastWasKey = redo;
        }
    }

    private static void addIndent(StringBuilder out, boolean indent, int level) {
        if (!indent) return;
        out.append('\n');
        for (int i = 0; i < level; i++) out.append("    ");
    }

    /** jsonb_put_escaped_value. */
    static void scalar(StringBuilder out, JsonbValue v) {
        if (v instanceof Str s) escape(out, s.value());
        else if (v instanceof Num n) out.append(n.text());
        else if (v instanceof Bool b) out.append(b.value() ? "true" : "false");
        else out.append("null");
    }

    /** escape_json. */
    static void escape(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < ' ') out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        escape(out, s);
        return out.toString();
    }
}
