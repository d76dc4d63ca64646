package dev.pgwire.serve.sql;

import java.util.Locale;

/**
 * Just enough of PostgreSQL's lexer to classify a statement: walks tokens lazily, skipping white
 * space and comments ({@code --}, nested {@code /* *}{@code /}), and keeps string literals ('…',
 * E'…', $tag$…$tag$) and quoted identifiers whole so that keywords inside them are not seen.
 */
public final class SqlLexer {

    public enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, PARAM, OP, END }

    /**
     * @param text  the token's value: a word upper-cased, a string or quoted identifier unquoted,
     *              anything else as written
     * @param raw   the token as written
     * @param depth parenthesis depth before the token
     */
    public record Token(Kind kind, String text, String raw, int start, int end, int depth) {
        public boolean isWord(String upper) {
            return kind == Kind.WORD && text.equals(upper);
        }

        public boolean isOp(char c) {
            return kind == Kind.OP && raw.length() == 1 && raw.charAt(0) == c;
        }

        /** Whether the token names the identifier {@code name}: quoted as it is, or unquoted when it is lower case. */
        public boolean names(String name) {
            return kind == Kind.QUOTED_IDENT && text.equals(name)
                    || kind == Kind.WORD && name.equals(name.toLowerCase(java.util.Locale.ROOT))
                    && text.equals(name.toUpperCase(java.util.Locale.ROOT));
        }

        /**
         * Whether this token names identifier {@code name} in DuckDB's SQL, whose identifiers are
         * case-insensitive (DuckDB writes {@code "Email"} unquoted in the texts it keeps).
         */
        public boolean namesInDuckDb(String name) {
            return (kind == Kind.QUOTED_IDENT || kind == Kind.WORD) && text.equalsIgnoreCase(name);
        }
    }

    /** Whether any token of {@code sql} names the identifier {@code name} (not inside a string). */
    public static boolean mentions(String sql, String name) {
        SqlLexer lexer = new SqlLexer(sql);
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
            if (t.names(name)) return true;
        }
        return false;
    }

    private final String sql;
    private int pos;
    private int depth;
    private Token peeked;

    public SqlLexer(String sql) {
        this.sql = sql;
    }

    /** The next token, or a token of kind END. */
    public Token next() {
        if (peeked != null) {
            Token t = peeked;
            peeked = null;
            return t;
        }
        return lex();
    }

    /** The token {@link #next} will return, without consuming it. */
    public Token peek() {
        if (peeked == null) peeked = lex();
        return peeked;
    }

    private Token lex() {
        skipSpaceAndComments();
        int start = pos;
        if (pos >= sql.length()) return new Token(Kind.END, "", "", start, start, depth);
        char c = sql.charAt(pos);
        int d = depth;
        if (c == '\'') return string(start, false);
        if ((c == 'E' || c == 'e') && peek(1) == '\'') { pos++; return string(start, true); }
        if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && peek(1) == '\'') {
            pos++;
            return string(start, false);
        }
        if (c == '"') return quotedIdent(start);
        if (c == '$') {
            Token dollar = dollar(start);
            if (dollar != null) return dollar;
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) return number(start);
        if (isIdentStart(c)) {
            while (pos < sql.length() && isIdentPart(sql.charAt(pos))) pos++;
            String raw = sql.substring(start, pos);
            return new Token(Kind.WORD, raw.toUpperCase(Locale.ROOT), raw, start, pos, d);
        }
        pos++;
        if (c == '(') depth++;
        if (c == ')') depth = Math.max(0, depth - 1);
        String raw = String.valueOf(c);
        return new Token(Kind.OP, raw, raw, start, pos, d);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < sql.length() && sql.charAt(pos) != '\n') pos++;
            } else if (c == '/' && peek(1) == '*') {
                int nesting = 0;
                do {
                    if (sql.startsWith("/*", pos)) { nesting++; pos += 2; }
                    else if (sql.startsWith("*/", pos)) { nesting--; pos += 2; }
                    else pos++;
                } while (nesting > 0 && pos < sql.length());
            } else {
                return;
            }
        }
    }

    private Token string(int start, boolean backslashEscapes) {
        int d = depth;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == '\\' && backslashEscapes && pos < sql.length()) {
                char e = sql.charAt(pos++);
                sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
            } else if (c == '\'') {
                if (pos < sql.length() && sql.charAt(pos) == '\'') { sb.append('\''); pos++; }
                else break;
            } else {
                sb.append(c);
            }
        }
        return new Token(Kind.STRING, sb.toString(), sql.substring(start, pos), start, pos, d);
    }

    private Token quotedIdent(int start) {
        int d = depth;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == '"') {
                if (pos < sql.length() && sql.charAt(pos) == '"') { sb.append('"'); pos++; }
                else break;
            } else {
                sb.append(c);
            }
        }
        return new Token(Kind.QUOTED_IDENT, sb.toString(), sql.substring(start, pos), start, pos, d);
    }

    private Token dollar(int start) {
        int d = depth;
        int i = pos + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) i++;
            pos = i;
            return new Token(Kind.PARAM, sql.substring(start, i), sql.substring(start, i), start, i, d);
        }
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) i++;
        if (i >= sql.length() || sql.charAt(i) != '$') return null;
        String tag = sql.substring(pos, i + 1);
        int close = sql.indexOf(tag, i + 1);
        int end = close < 0 ? sql.length() : close + tag.length();
        String body = sql.substring(i + 1, close < 0 ? sql.length() : close);
        pos = end;
        return new Token(Kind.STRING, body, sql.substring(start, end), start, end, d);
    }

    private Token number(int start) {
        int d = depth;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isDigit(c) || c == '.' || c == '_') {
                pos++;
            } else if ((c == 'e' || c == 'E') && (Character.isDigit(peek(1))
                    || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
                pos += 2;
            } else {
                break;
            }
        }
        String raw = sql.substring(start, pos);
        return new Token(Kind.NUMBER, raw, raw, start, pos, d);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
