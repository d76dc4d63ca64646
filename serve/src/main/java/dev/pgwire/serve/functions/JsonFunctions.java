package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.JsonLexer.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The json functions that read a document as written (jsonfuncs.c's semantic actions): keys,
 * members and elements keep the text of their values, repeated keys stay, and errors about the
 * document's shape come at the point of the text where PostgreSQL raises them.
 *
 * <p>Set-returning functions return their rows as one JSON text for the caller to unnest: a set
 * of text as a JSON array of strings ({@code ["a","b"]}), a set of (key, value) as a JSON array of
 * objects ({@code [{"key":"a","value":"1"}]}) in which each value is the text of the output
 * column, or null.
 */
final class JsonFunctions {
    private JsonFunctions() {}

    /** json_typeof: the type of the first token. */
    static String typeOf(String json) {
        JsonParser.validate(json);
        JsonLexer lex = new JsonLexer(json, false);
        lex.lex();
        return switch (lex.tokenType) {
            case OBJECT_START -> "object";
            case ARRAY_START -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE, FALSE -> "boolean";
            default -> "null";
        };
    }

    /** json_array_length. */
    static int arrayLength(String json) {
        JsonParser.validate(json);
        JsonLexer lex = new JsonLexer(json, false);
        int[] count = {0};
        JsonParser.parse(lex, new JsonParser.Actions() {
            @Override public void objectStart() {
                if (lex.lexLevel == 0) throw JsonbPaths.error("cannot get array length of a non-array");
            }
            @Override public void scalar(String token, Token type) {
                if (lex.lexLevel == 0) throw JsonbPaths.error("cannot get array length of a scalar");
            }
            @Override public void elementStart(boolean isNull) {
                if (lex.lexLevel == 1) count[0]++;
            }
        });
        return count[0];
    }

    /** json_object_keys, as a JSON array of the keys in document order, repeats included. */
    static String objectKeys(String json) {
        JsonParser.validate(json);
        JsonLexer lex = new JsonLexer(json, true);
        List<String> keys = new ArrayList<>();
        JsonParser.parse(lex, new JsonParser.Actions() {
            @Override public void fieldStart(String name, boolean isNull) {
                if (lex.lexLevel == 1) keys.add(name);
            }
            @Override public void arrayStart() {
                if (lex.lexLevel == 0) throw JsonbPaths.error("cannot call json_object_keys on an array");
            }
            @Override public void scalar(String token, Token type) {
                if (lex.lexLevel == 0) throw JsonbPaths.error("cannot call json_object_keys on a scalar");
            }
        });
        return TextArrays.toJson(keys);
    }

    /** json_each, or json_each_text with {@code asText}: the members of the top-level object. */
    static String each(String json, boolean asText) {
        JsonParser.validate(json);
        JsonLexer lex = new JsonLexer(json, true);
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        JsonParser.parse(lex, new Members(lex, asText) {
            @Override public void fieldStart(String name, boolean isNull) {
                if (lex.lexLevel == 1) start();
            }
            @Override public void fieldEnd(String name, boolean isNull) {
                if (lex.lexLevel != 1) return;
                keys.add(name);
                values.add(end(isNull));
            }
            @Override public void arrayStart() {
                if (lex.lexLevel == 0) throw JsonbPaths.error("cannot deconstruct an array as an object");
            }
            @Override public void scalar(String token, Token type) {
                if (lex.lexLevel == 0) throw JsonbPaths.error("cannot deconstruct a scalar");
                super.scalar(token, type);
            }
        });
        return pairs(keys, values);
    }

    /** json_array_elements, or json_array_elements_text with {@code asText}. */
    static String arrayElements(String json, boolean asText) {
        JsonParser.validate(json);
        String function = asText ? "json_array_elements_text" : "json_array_elements";
        JsonLexer lex = new JsonLexer(json, asText);  // PostgreSQL decodes strings only for the text variant
        List<String> values = new ArrayList<>();
        JsonParser.parse(lex, new Members(lex, asText) {
            @Override public void elementStart(boolean isNull) {
                if (lex.lexLevel == 1) start();
            }
            @Override public void elementEnd(boolean isNull) {
                if (lex.lexLevel == 1) values.add(end(isNull));
            }
            @Override public void objectStart() {
                if (lex.lexLevel == 0) throw JsonbPaths.error("cannot call " + function + " on a non-array");
            }
            @Override public void scalar(String token, Token type) {
                if (lex.lexLevel == 0) throw JsonbPaths.error("cannot call " + function + " on a scalar");
                super.scalar(token, type);
            }
        });
        return TextArrays.toJson(values);
    }

    /**
     * The values of the members of a top-level container, as each_worker and elements_worker take
     * them: the value's text, or for the text variants a string decoded and a null as SQL NULL.
     */
    private abstract static class Members implements JsonParser.Actions {
        final JsonLexer lex;
        final boolean asText;
        int start = -1;
        boolean nextScalar;
        String normalized;

        Members(JsonLexer lex, boolean asText) {
            this.lex = lex;
            this.asText = asText;
        }

        void start() {
            if (asText && lex.tokenType == Token.STRING) nextScalar = true;
            else start = lex.tokenStart;
        }

        String end(boolean isNull) {
            if (isNull && asText) return null;
            if (nextScalar) {
                nextScalar = false;
                return normalized;
            }
            return lex.input.substring(start, lex.prevTokenTerminator);
        }

        @Override
        public void scalar(String token, Token type) {
            if (nextScalar) normalized = token;
        }
    }

    /** json_strip_nulls: the document rewritten without spaces and without object members whose value is null. */
    static String stripNulls(String json) {
        JsonParser.validate(json);
        JsonLexer lex = new JsonLexer(json, true);
        StringBuilder out = new StringBuilder(json.length());
        boolean[] skipNextNull = {false};
        JsonParser.parse(lex, new JsonParser.Actions() {
            @Override public void objectStart() { out.append('{'); }
            @Override public void objectEnd() { out.append('}'); }
            @Override public void arrayStart() { out.append('['); }
            @Override public void arrayEnd() { out.append(']'); }
            @Override public void fieldStart(String name, boolean isNull) {
                if (isNull) {
                    skipNextNull[0] = true;
                    return;
                }
                if (out.charAt(out.length() - 1) != '{') out.append(',');
                Jsonb.escape(out, name);
                out.append(':');
            }
            @Override public void elementStart(boolean isNull) {
                if (out.charAt(out.length() - 1) != '[') out.append(',');
            }
            @Override public void scalar(String token, Token type) {
                if (skipNextNull[0]) {
                    skipNextNull[0] = false;
                    return;
                }
                if (type == Token.STRING) Jsonb.escape(out, token);
                else out.append(token);
            }
        });
        return out.toString();
    }

    /** Rows of (key, value) as {@code [{"key":"a","value":"1"}, ...]}, a null value as JSON null. */
    static String pairs(List<String> keys, List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) out.append(',');
            out.append("{\"key\":");
            Jsonb.escape(out, keys.get(i));
            out.append(",\"value\":");
            if (values.get(i) == null) out.append("null");
            else Jsonb.escape(out, values.get(i));
            out.append('}');
        }
        return out.append(']').toString();
    }
}
