package dev.pgwire.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple-protocol query string into statements at top-level semicolons, as PostgreSQL's
 * lexer would: semicolons inside quoted strings ('…', E'…' with backslash escapes), quoted
 * identifiers, dollar-quoted bodies ($tag$…$tag$), line comments and nested block comments do not
 * split. Statements that hold only whitespace and comments are dropped.
 */
public final class SqlSplitter {
    private SqlSplitter() {}

    /** The statements of {@code sql}, each stripped, without the semicolons between them. */
    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>(2);
        int n = sql.length();
        int start = 0;
        boolean meaningful = false; // seen anything besides whitespace/comments since start
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ';') {
                if (meaningful) out.add(sql.substring(start, i).strip());
                start = ++i;
                meaningful = false;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = skipLineComment(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                meaningful = true;
                if (c == '\'' || c == '"') {
                    i = skipQuoted(sql, i);
                } else if (c == '$' && (i == 0 || !isIdentChar(sql.charAt(i - 1)))) {
                    i = skipDollarQuoted(sql, i);
                } else {
                    i++;
                }
            }
        }
        if (meaningful) out.add(sql.substring(start).strip());
        return out;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipLineComment(String s, int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl + 1;
    }

    /** The index after the (nested) block comment that starts at {@code i}. */
    public static int skipBlockComment(String s, int i) {
        int depth = 0;
        int n = s.length();
        while (i < n) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) return i;
            } else {
                i++;
            }
        }
        return n;
    }

    /**
     * The index after the string constant or quoted identifier whose opening quote is at {@code i}
     * (an {@code E'…'} string takes backslash escapes).
     */
    public static int skipQuoted(String s, int i) {
        char q = s.charAt(i);
        boolean escapes = q == '\'' && i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                && (i < 2 || !isIdentChar(s.charAt(i - 2)));
        return skipQuoted(s, i, q, escapes);
    }

    private static int skipQuoted(String s, int i, char q, boolean backslashEscapes) {
        int n = s.length();
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == q) {
                if (i + 1 < n && s.charAt(i + 1) == q) {
                    i += 2; // doubled quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipDollarQuoted(String s, int i) {
        int n = s.length();
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
        if (j >= n || s.charAt(j) != '$' || (j > i + 1 && Character.isDigit(s.charAt(i + 1)))) {
            return i + 1; // a positional parameter like $1, or a lone $
        }
        String tag = s.substring(i, j + 1);
        int end = s.indexOf(tag, j + 1);
        return end < 0 ? n : end + tag.length();
    }
}
