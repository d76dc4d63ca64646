package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;

/**
 * SQL's SIMILAR TO pattern as the regular expression PostgreSQL's {@code similar_to_escape}
 * makes of it: {@code %} is {@code .*}, {@code _} is {@code .}, the regular-expression
 * metacharacters SIMILAR TO shares keep their meaning ({@code | * + ? {m,n} ( ) [ ]}), every other
 * character is literal, and the escape character quotes the next one. The whole string must
 * match.
 */
public final class SimilarTo {
    private SimilarTo() {}

    static String toRegex(String pattern, String escape) {
        return "(?s:" + body(pattern, escapeChar(escape), false, true) + ")";
    }

    /**
     * PostgreSQL's similar_to_escape: the pattern as a regular expression of its ARE engine,
     * {@code ^(?:…)$} — an escaped character passed on escaped (so {@code \\d} is a digit), {@code (}
     * non-capturing, {@code . ^ $ \\} quoted, bracket expressions as written. For the engine of
     * regexp_like, where DuckDB's RE2 would read the pattern otherwise.
     */
    public static String similarToEscape(String pattern, String escape) {
        char esc = escapeChar(escape);
        StringBuilder re = new StringBuilder("^(?:");
        boolean afterEscape = false;
        int depth = 0; // bracket expressions open
        int start = 0; // 1 right after '[', 2 after its first '^', 3 past them
        int quotes = 0;
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (afterEscape) {
                if (c == '"' && depth < 1) {
                    if (quotes == 0) re.append("){1,1}?(");
                    else if (quotes == 1) re.append("){1,1}(?:");
                    else throw new PgException("2200C", "SQL regular expression may not contain more than two escape-double-quote separators");
                    quotes++;
                } else {
                    re.append('\\').appendCodePoint(c);
                }
                afterEscape = false;
            } else if (esc != 0 && c == esc) {
                afterEscape = true;
            } else if (depth > 0) {
                if (c == '\\') re.append('\\');
                re.appendCodePoint(c);
                if (c == ']' && start > 2) depth--;
                else if (c == '[') depth++;
                if (c == '^') start++;
                else start = 3;
            } else if (c == '[') {
                re.append('[');
                depth++;
                start = 1;
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else if (c == '(') {
                re.append("(?:");
            } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
                re.append('\\').appendCodePoint(c);
            } else {
                re.appendCodePoint(c);
            }
        }
        return re.append(")$").toString();
    }

    private static char escapeChar(String escape) {
        if (escape.length() > 1) throw invalidEscape();
        return escape.isEmpty() ? 0 : escape.charAt(0);
    }

    private static PgException invalidEscape() {
        return new PgException("22025", "invalid escape string").withHint("Escape string must be empty or one character.");
    }

    /**
     * The regular expression of a pattern (or of one part of it); {@code lazy} makes its
     * repetitions match as little as they can, {@code capturing} keeps its parentheses groups.
     */
    private static String body(String pattern, char esc, boolean lazy, boolean capturing) {
        StringBuilder re = new StringBuilder();
        boolean inBracket = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc) {
                if (i + 1 >= pattern.length()) throw invalidEscape();
                char next = pattern.charAt(++i);
                re.append(quote(next));
            } else if (inBracket) {
                int close = c == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ':' ? pattern.indexOf(":]", i + 2) : -1;
                if (close > 0) {
                    // a character class ([:alpha:]) inside the brackets, as it is
                    re.append(pattern, i, close + 2);
                    i = close + 1;
                    continue;
                }
                if (c == ']') inBracket = false;
                re.append(c == '\\' ? "\\\\" : String.valueOf(c));
            } else if (c == '[') {
                inBracket = true;
                re.append(c);
                // a ']' first in the brackets (after any '^') is one of its characters
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') re.append(pattern.charAt(++i));
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    re.append("\\]");
                    i++;
                }
            } else if (c == '%') {
                re.append(lazy ? ".*?" : ".*");
            } else if (c == '_') {
                re.append('.');
            } else if (c == '{' && bound(pattern, i) != null) {
                // a bound {m}, {m,} or {m,n}: its comma is part of it
                String bound = bound(pattern, i);
                re.append('{').append(bound).append('}');
                if (lazy) re.append('?');
                i += bound.length() + 1;
            } else if (c == '(' && !capturing) {
                re.append("(?:");
            } else if ("|*+?{}()".indexOf(c) >= 0) {
                re.append(c);
                if (lazy && "*+?}".indexOf(c) >= 0) re.append('?');
            } else {
                re.append(quote(c));
            }
        }
        return re.toString();
    }

    /**
     * substring(string FROM pattern FOR escape), also written substring(string SIMILAR pattern
     * ESCAPE escape): the part of a whole-string match between the two escape-double-quote
     * separators (the part before them as short as it can be, the part between as long as it
     * can be), the whole match where there are none, NULL where the string does not match.
     * PostgreSQL's 2200C for more than two separators; null (no rewrite) for a pattern or escape
     * that is not a constant, or arguments that make it the substring(text, int, int) form.
     */
    static Node substring(Node f, java.util.List<SqlType> types) {
        java.util.List<Node> args = f.list("args");
        if (args.size() != 3) return null;
        for (int i = 1; i < 3; i++) {
            SqlType t = types.get(i);
            if (t == null || t.isArray() || !t.isText()) return null;
        }
        Node escapeArg = args.get(2);
        if (escapeArg.is("A_Const") && escapeArg.bool("isnull") || args.get(1).is("A_Const") && args.get(1).bool("isnull")) {
            return Expressions.duckDb("CAST(NULL AS VARCHAR)").set("pgType", "text");
        }
        String pattern = Operators.stringConstant(args.get(1));
        String escape = Operators.stringConstant(escapeArg);
        if (pattern == null || escape == null) return null;
        char esc = escapeChar(escape);
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc && i + 1 < pattern.length() && pattern.charAt(i + 1) == '"') {
                parts.add(part.toString());
                part.setLength(0);
                i++;
            } else {
                part.append(c);
                if (esc != 0 && c == esc && i + 1 < pattern.length()) part.append(pattern.charAt(++i));
            }
        }
        parts.add(part.toString());
        if (parts.size() > 3) {
            throw new PgException("2200C", "SQL regular expression may not contain more than two escape-double-quote separators");
        }
        String re;
        int group;
        if (parts.size() == 1) {
            re = "^(?s:" + body(parts.get(0), esc, false, false) + ")$";
            group = 0;
        } else {
            re = "^(?s:(?:" + body(parts.get(0), esc, true, false) + ")(" + body(parts.get(1), esc, false, false) + ")(?:"
                    + (parts.size() == 3 ? body(parts.get(2), esc, false, false) : "") + "))$";
            group = 1;
        }
        String literal = SqlWriter.quoteLiteral(re);
        return Expressions.duckDb("CASE WHEN regexp_matches(CAST({0} AS VARCHAR), " + literal + ") THEN regexp_extract(CAST({0} AS VARCHAR), "
                + literal + ", " + group + ") END", args.get(0)).set("pgType", "text");
    }

    /** The bound of a repetition at {@code open} (a '{'): its digits and comma up to the '}', or null where there is none. */
    private static String bound(String pattern, int open) {
        int close = pattern.indexOf('}', open);
        if (close < 0) return null;
        String bound = pattern.substring(open + 1, close);
        int comma = bound.indexOf(',');
        String low = comma < 0 ? bound : bound.substring(0, comma);
        String high = comma < 0 ? "" : bound.substring(comma + 1);
        return !low.isEmpty() && low.chars().allMatch(Character::isDigit) && high.chars().allMatch(Character::isDigit) ? bound : null;
    }

    private static String quote(char c) {
        return Character.isLetterOrDigit(c) || c == ' ' || c > 127 ? String.valueOf(c) : "\\" + c;
    }
}
