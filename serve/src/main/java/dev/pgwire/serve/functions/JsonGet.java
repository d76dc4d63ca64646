package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.JsonLexer.Token;

import java.util.List;

/**
 * json's {@code ->}, {@code ->>}, {@code #>}, {@code #>>} (get_worker in jsonfuncs.c), which read
 * the text as it is written: the answer is the matching value's own text, whitespace inside
 * included, and when a key repeats the last match wins. Like PostgreSQL this decodes every string
 * of the document on the way, so a {@code \u0000} anywhere is an error.
 */
final class JsonGet {
    private JsonGet() {}

    /** json -> text, or ->> with {@code asText}. */
    static String objectField(String json, String key, boolean asText) {
        return get(json, new String[] {key}, null, asText);
    }

    /** json -> integer, or ->> with {@code asText}; negative counts from the end. */
    static String arrayElement(String json, int index, boolean asText) {
        return get(json, null, new int[] {index}, asText);
    }

    /** json #> text[], or #>> with {@code asText} (get_path_all). */
    static String extractPath(String json, String pathJson, boolean asText) {
        JsonParser.validate(json);
        List<String> path = JsonbPaths.textArray(pathJson);
        if (path.contains(null)) return null;
        String[] names = path.toArray(new String[0]);
        int[] indexes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            // an element that is no integer matches no array element
            Integer index = names[i].isEmpty() ? null : JsonbPaths.strtoint(names[i]);
            indexes[i] = index == null ? Integer.MIN_VALUE : index;
        }
        return worker(json, names, indexes, asText);
    }

    private static String get(String json, String[] names, int[] indexes, boolean asText) {
        JsonParser.validate(json);
        return worker(json, names, indexes, asText);
    }

    private static String worker(String json, String[] names, int[] indexes, boolean asText) {
        JsonLexer lex = new JsonLexer(json, true);
        State state = new State(lex, names, indexes, asText);
        JsonParser.parse(lex, state);
        return state.result;
    }

    /** GetState with the get_* semantic actions; a NULL path array is null here. */
    private static final class State implements JsonParser.Actions {
        final JsonLexer lex;
        final String[] names;
        final int[] indexes;
        final boolean asText;
        final int npath;
        final boolean[] pathOk;
        final int[] arrayCurIndex;
        String result;
        int resultStart = -1;
        boolean nextScalar;

        State(JsonLexer lex, String[] names, int[] indexes, boolean asText) {
            this.lex = lex;
            this.names = names;
            this.indexes = indexes == null ? null : indexes.clone();  // negative ones are resolved in place
            this.asText = asText;
            this.npath = names != null ? names.length : indexes.length;
            this.pathOk = new boolean[npath];
            this.arrayCurIndex = new int[npath];
            if (npath > 0) pathOk[0] = true;
        }

        @Override
        public void objectStart() {
            if (lex.lexLevel == 0 && npath == 0) resultStart = lex.tokenStart;
        }

        @Override
        public void objectEnd() {
            if (lex.lexLevel == 0 && npath == 0) result = lex.input.substring(resultStart, lex.prevTokenTerminator);
        }

        @Override
        public void arrayStart() {
            if (npath > 0 && indexes == null) return;  // PostgreSQL has no action here then
            int level = lex.lexLevel;
            if (level < npath) {
                arrayCurIndex[level] = -1;
                if (indexes[level] < 0 && indexes[level] != Integer.MIN_VALUE) {
                    int n = JsonParser.countArrayElements(lex);
                    if (-indexes[level] <= n) indexes[level] += n;
                }
            } else if (level == 0 && npath == 0) {
                resultStart = lex.tokenStart;
            }
        }

        @Override
        public void arrayEnd() {
            if (lex.lexLevel == 0 && npath == 0) result = lex.input.substring(resultStart, lex.prevTokenTerminator);
        }

        @Override
        public void fieldStart(String name, boolean isNull) {
            if (names == null) return;
            int level = lex.lexLevel;
            if (level <= npath && pathOk[level - 1] && names[level - 1] != null && name.equals(names[level - 1])) {
                if (level < npath) pathOk[level] = true;
                else startResult();
            }
        }

        @Override
        public void fieldEnd(String name, boolean isNull) {
            if (names == null) return;
            int level = lex.lexLevel;
            if (level <= npath && pathOk[level - 1] && names[level - 1] != null && name.equals(names[level - 1])) {
                if (level < npath) pathOk[level] = false;
                else endResult(isNull);
            }
        }

        @Override
        public void elementStart(boolean isNull) {
            if (indexes == null) return;
            int level = lex.lexLevel;
            if (level <= npath) arrayCurIndex[level - 1]++;
            if (level <= npath && pathOk[level - 1] && arrayCurIndex[level - 1] == indexes[level - 1]) {
                if (level < npath) pathOk[level] = true;
                else startResult();
            }
        }

        @Override
        public void elementEnd(boolean isNull) {
            if (indexes == null) return;
            int level = lex.lexLevel;
            if (level <= npath && pathOk[level - 1] && arrayCurIndex[level - 1] == indexes[level - 1]) {
                if (level < npath) pathOk[level] = false;
                else endResult(isNull);
            }
        }

        /** The value at the current token is the one wanted; a later match replaces an earlier one. */
        private void startResult() {
            result = null;
            resultStart = -1;
            if (asText && lex.tokenType == Token.STRING) nextScalar = true;
            else resultStart = lex.tokenStart;
        }

        private void endResult(boolean isNull) {
            if (resultStart < 0) return;  // a string for ->>, supplied by scalar()
            result = isNull && asText ? null : lex.input.substring(resultStart, lex.prevTokenTerminator);
            resultStart = -1;
        }

        @Override
        public void scalar(String token, Token type) {
            if (lex.lexLevel == 0 && npath == 0) {
                if (asText && type == Token.STRING) {
                    nextScalar = true;
                } else if (asText && type == Token.NULL) {
                    result = null;
                } else {
                    // PostgreSQL keeps whitespace before a lone scalar, not after it
                    result = lex.input.substring(0, lex.prevTokenTerminator);
                }
            }
            if (nextScalar) {
                result = token;
                nextScalar = false;
            }
        }
    }
}
