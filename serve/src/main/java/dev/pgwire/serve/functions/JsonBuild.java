package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.JsonLexer.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The json values PostgreSQL builds as text: json_build_object ({@code {"a" : 1, "b" : 2}}),
 * json_build_array ({@code [1, 2]}), and the text of the aggregates json_agg ({@code [1, 2]}, rows
 * and arrays on lines of their own) and json_object_agg ({@code { "a" : 1, "b" : 2 }}) from the
 * JSON array or object DuckDB aggregated. Each value is a JSON text, kept as written.
 */
final class JsonBuild {
    private JsonBuild() {}

    /** json_build_object: keys as text, values as JSON texts (null for SQL NULL). */
    static String buildObject(String[] args) {
        checkEven(args, "json_build_object()");
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < args.length; i += 2) {
            if (i > 0) out.append(", ");
            if (args[i] == null) {
                throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "argument " + (i + 1) + " cannot be null", null,
                        "Object keys should be text.");
            }
            Jsonb.escape(out, args[i]);
            out.append(" : ");
            value(out, args[i + 1]);
        }
        return out.append('}').toString();
    }

    /** json_build_array: values as JSON texts (null for SQL NULL). */
    static String buildArray(String[] args) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) out.append(", ");
            value(out, args[i]);
        }
        return out.append(']').toString();
    }

    static void checkEven(String[] args, String function) {
        if (args.length % 2 != 0) {
            throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "argument list must have even number of elements", null,
                    "The arguments of " + function + " must consist of alternating keys and values.");
        }
    }

    private static void value(StringBuilder out, String json) {
        if (json == null) {
            out.append("null");
            return;
        }
        JsonParser.validate(json);
        out.append(json);
    }

    /**
     * json_agg's text of the aggregated values, given as a JSON array of them; null for no values, as
     * the aggregate of no rows. With {@code rowsOrArrays} (values of a composite or array type)
     * PostgreSQL starts every value after the first on a new line, except nulls.
     */
    static String aggFormat(String arrayJson, boolean rowsOrArrays) {
        List<String> values = new ArrayList<>();
        List<Boolean> nulls = new ArrayList<>();
        JsonLexer lex = new JsonLexer(arrayJson, false);
        int[] start = {-1};
        JsonParser.parse(lex, new JsonParser.Actions() {
            @Override public void objectStart() {
                if (lex.lexLevel == 0) throw new IllegalArgumentException("json_agg values must be a JSON array");
            }
            @Override public void scalar(String token, Token type) {
                if (lex.lexLevel == 0) throw new IllegalArgumentException("json_agg values must be a JSON array");
            }
            @Override public void elementStart(boolean isNull) {
                if (lex.lexLevel == 1) start[0] = lex.tokenStart;
            }
            @Override public void elementEnd(boolean isNull) {
                if (lex.lexLevel != 1) return;
                values.add(lex.input.substring(start[0], lex.prevTokenTerminator));
                nulls.add(isNull);
            }
        });
        if (values.isEmpty()) return null;
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
                if (rowsOrArrays && !nulls.get(i)) out.append("\n ");
            }
            out.append(values.get(i));
        }
        return out.append(']').toString();
    }

    /**
     * json_object_agg's text of the aggregated pairs, given as a JSON object (repeated keys kept in
     * order); null for no pairs.
     */
    static String objectAggFormat(String objectJson) {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        JsonLexer lex = new JsonLexer(objectJson, true);
        int[] start = {-1};
        JsonParser.parse(lex, new JsonParser.Actions() {
            @Override public void arrayStart() {
                if (lex.lexLevel == 0) throw new IllegalArgumentException("json_object_agg pairs must be a JSON object");
            }
            @Override public void scalar(String token, Token type) {
                if (lex.lexLevel == 0) throw new IllegalArgumentException("json_object_agg pairs must be a JSON object");
            }
            @Override public void fieldStart(String name, boolean isNull) {
                if (lex.lexLevel == 1) start[0] = lex.tokenStart;
            }
            @Override public void fieldEnd(String name, boolean isNull) {
                if (lex.lexLevel != 1) return;
                keys.add(name);
                values.add(lex.input.substring(start[0], lex.prevTokenTerminator));
            }
        });
        if (keys.isEmpty()) return null;
        StringBuilder out = new StringBuilder("{ ");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) out.append(", ");
            Jsonb.escape(out, keys.get(i));
            out.append(" : ").append(values.get(i));
        }
        return out.append(" }").toString();
    }
}
