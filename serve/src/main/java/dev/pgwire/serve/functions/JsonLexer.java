package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;

/**
 * PostgreSQL's JSON lexer ({@code src/common/jsonapi.c}): the tokens, the positions the parser and
 * the functions read ({@code token_start}, {@code token_terminator}, the terminator of the token
 * before), and the errors with PostgreSQL's detail text, which quotes the offending token.
 *
 * <p>With {@code needEscapes} the lexer decodes every string as PostgreSQL does when a function asks
 * for de-escaped values (jsonb input, {@code ->>}, json_each_text, ...): {@code \u0000} and unpaired
 * surrogates are then errors. Without it (json input) only the form of each escape is checked.
 * Positions are char indexes; PostgreSQL counts bytes, which changes no text it reports.
 */
final class JsonLexer {

    enum Token { OBJECT_START, OBJECT_END, ARRAY_START, ARRAY_END, COMMA, COLON, STRING, NUMBER, TRUE, FALSE, NULL, END }

    /** Where the parser was when it met an unexpected token, naming the detail PostgreSQL gives. */
    enum Context { END, VALUE, STRING, ARRAY_NEXT, OBJECT_START, OBJECT_LABEL, OBJECT_NEXT }

    final String input;
    final boolean needEscapes;
    /** Start of the current token; -1 at the end of the input. */
    int tokenStart;
    int tokenTerminator;
    int prevTokenTerminator;
    Token tokenType;
    /** The decoded value of the current string token, when decoding. */
    String strval;
    /** Nesting depth as the parser maintains it: inside the outermost container it is 1. */
    int lexLevel;

    JsonLexer(String input, boolean needEscapes) {
        this.input = input;
        this.needEscapes = needEscapes;
    }

    /** A copy at the same position that decodes nothing, for looking ahead (json_count_array_elements). */
    JsonLexer lookahead() {
        JsonLexer copy = new JsonLexer(input, false);
        copy.tokenStart = tokenStart;
        copy.tokenTerminator = tokenTerminator;
        copy.prevTokenTerminator = prevTokenTerminator;
        copy.tokenType = tokenType;
        copy.lexLevel = lexLevel;
        return copy;
    }

    /** The text of the current token. */
    String token() {
        return input.substring(tokenStart, tokenTerminator);
    }

    /** Lexes the next token (json_lex). */
    void lex() {
        int s = tokenTerminator;
        int n = input.length();
        while (s < n) {
            char c = input.charAt(s);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            s++;
        }
        tokenStart = s;
        if (s >= n) {
            tokenStart = -1;
            prevTokenTerminator = tokenTerminator;
            tokenTerminator = s;
            tokenType = Token.END;
            return;
        }
        char c = input.charAt(s);
        Token single = switch (c) {
            case '{' -> Token.OBJECT_START;
            case '}' -> Token.OBJECT_END;
            case '[' -> Token.ARRAY_START;
            case ']' -> Token.ARRAY_END;
            case ',' -> Token.COMMA;
            case ':' -> Token.COLON;
            default -> null;
        };
        if (single != null) {
            prevTokenTerminator = tokenTerminator;
            tokenTerminator = s + 1;
            tokenType = single;
            return;
        }
        if (c == '"') {
            lexString();
            tokenType = Token.STRING;
            return;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            lexNumber(c == '-' ? s + 1 : s);
            tokenType = Token.NUMBER;
            return;
        }
        // true, false, null, or a word reported whole
        int p = s;
        while (p < n && alphanumeric(input.charAt(p))) p++;
        prevTokenTerminator = tokenTerminator;
        if (p == s) {
            tokenTerminator = s + 1;
            throw syntax("Token \"" + token() + "\" is invalid.");
        }
        tokenTerminator = p;
        String word = input.substring(s, p);
        tokenType = switch (word) {
            case "true" -> Token.TRUE;
            case "false" -> Token.FALSE;
            case "null" -> Token.NULL;
            default -> throw syntax("Token \"" + word + "\" is invalid.");
        };
    }

    /** JSON_ALPHANUMERIC_CHAR: bytes with the high bit set count too, so every non-ASCII char does. */
    private static boolean alphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
    }

    private void lexNumber(int s) {
        int n = input.length();
        boolean error = false;
        if (s < n && input.charAt(s) == '0') {
            s++;
        } else if (s < n && input.charAt(s) >= '1' && input.charAt(s) <= '9') {
            do s++; while (s < n && isDigit(input.charAt(s)));
        } else {
            error = true;
        }
        if (s < n && input.charAt(s) == '.') {
            s++;
            if (s == n || !isDigit(input.charAt(s))) error = true;
            else do s++; while (s < n && isDigit(input.charAt(s)));
        }
        if (s < n && (input.charAt(s) == 'e' || input.charAt(s) == 'E')) {
            s++;
            if (s < n && (input.charAt(s) == '+' || input.charAt(s) == '-')) s++;
            if (s == n || !isDigit(input.charAt(s))) error = true;
            else do s++; while (s < n && isDigit(input.charAt(s)));
        }
        for (; s < n && alphanumeric(input.charAt(s)); s++) error = true;
        prevTokenTerminator = tokenTerminator;
        tokenTerminator = s;
        if (error) throw syntax("Token \"" + token() + "\" is invalid.");
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void lexString() {
        int n = input.length();
        StringBuilder out = needEscapes ? new StringBuilder() : null;
        int hiSurrogate = -1;
        int s = tokenStart;
        while (true) {
            s++;
            if (s >= n) throw failAtCharStart(s, "Token \"%s\" is invalid.");
            char c = input.charAt(s);
            if (c == '"') break;
            if (c < 0x20) {
                tokenTerminator = s;
                throw syntax(String.format("Character with value 0x%02x must be escaped.", (int) c));
            }
            if (c != '\\') {
                if (out != null) {
                    if (hiSurrogate != -1) throw failAtCharEnd(s, LOW_SURROGATE);
                    out.append(c);
                }
                continue;
            }
            s++;
            if (s >= n) throw failAtCharStart(s, "Token \"%s\" is invalid.");
            char e = input.charAt(s);
            if (e == 'u') {
                int ch = 0;
                for (int i = 1; i <= 4; i++) {
                    s++;
                    if (s >= n) throw failAtCharStart(s, "Token \"%s\" is invalid.");
                    int d = hexDigit(input.charAt(s));
                    if (d < 0) {
                        throw failAtCharEnd(s, "\"\\u\" must be followed by four hexadecimal digits.");
                    }
                    ch = ch * 16 + d;
                }
                if (out == null) continue;
                if (Character.isHighSurrogate((char) ch)) {
                    if (hiSurrogate != -1) {
                        throw failAtCharEnd(s, "Unicode high surrogate must not follow a high surrogate.");
                    }
                    hiSurrogate = ch;
                    continue;
                }
                if (Character.isLowSurrogate((char) ch)) {
                    if (hiSurrogate == -1) throw failAtCharEnd(s, LOW_SURROGATE);
                    out.append((char) hiSurrogate).append((char) ch);
                    hiSurrogate = -1;
                    continue;
                }
                if (hiSurrogate != -1) throw failAtCharEnd(s, LOW_SURROGATE);
                if (ch == 0) {
                    tokenTerminator = s + 1;
                    throw new PgException(Errors.UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence")
                            .withDetail("\\u0000 cannot be converted to text.");
                }
                out.append((char) ch);
            } else if (out != null) {
                if (hiSurrogate != -1) throw failAtCharEnd(s, LOW_SURROGATE);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    default -> throw invalidEscape(s);
                }
            } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                throw invalidEscape(s);
            }
        }
        if (hiSurrogate != -1) {
            tokenTerminator = s + 1;
            throw syntax(LOW_SURROGATE);
        }
        prevTokenTerminator = tokenTerminator;
        tokenTerminator = s + 1;
        strval = out == null ? null : out.toString();
    }

    private static final String LOW_SURROGATE = "Unicode low surrogate must follow a high surrogate.";

    private PgException invalidEscape(int s) {
        tokenStart = s;
        tokenTerminator = s + Character.charCount(input.codePointAt(s));
        return syntax("Escape sequence \"\\" + token() + "\" is invalid.");
    }

    private PgException failAtCharStart(int s, String detailFormat) {
        tokenTerminator = s;
        return syntax(detailFormat.contains("%s") ? String.format(detailFormat, token()) : detailFormat);
    }

    private PgException failAtCharEnd(int s, String detail) {
        tokenTerminator = s + Character.charCount(input.codePointAt(s));
        return syntax(detail);
    }

    /** report_parse_error: the token at hand is not what {@code context} allows. */
    PgException unexpected(Context context) {
        if (tokenStart < 0 || tokenType == Token.END) return syntax("The input string ended unexpectedly.");
        String t = token();
        return syntax(switch (context) {
            case END -> "Expected end of input, but found \"" + t + "\".";
            case VALUE -> "Expected JSON value, but found \"" + t + "\".";
            case STRING -> "Expected string, but found \"" + t + "\".";
            case ARRAY_NEXT -> "Expected \",\" or \"]\", but found \"" + t + "\".";
            case OBJECT_START -> "Expected string or \"}\", but found \"" + t + "\".";
            case OBJECT_LABEL -> "Expected \":\", but found \"" + t + "\".";
            case OBJECT_NEXT -> "Expected \",\" or \"}\", but found \"" + t + "\".";
        });
    }

    static PgException syntax(String detail) {
        return new PgException(Errors.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json")
                .withDetail(detail);
    }
}
