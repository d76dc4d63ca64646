package dev.pgwire.serve.functions;

/**
 * The pattern being translated: its text, the position reached, and the flags in force (embedded
 * options at the start may change them). Flag bits and error texts are Spencer's.
 */
final class RegexInput {
    /** ADVANCED is EXTENDED plus the advanced features (REG_ADVF). */
    static final int EXTENDED = 1;
    static final int ADVF = 2;
    static final int ADVANCED = 3;
    static final int QUOTE = 4;
    static final int ICASE = 8;
    static final int NLSTOP = 16;
    static final int NLANCH = 32;
    static final int EXPANDED = 64;

    static final String EPAREN = "parentheses () not balanced";
    static final String EBRACK = "brackets [] not balanced";
    static final String EBRACE = "braces {} not balanced";
    static final String BADBR = "invalid repetition count(s)";
    static final String BADRPT = "quantifier operand invalid";
    static final String EESCAPE = "invalid escape \\ sequence";
    static final String ESUBREG = "invalid backreference number";
    static final String ERANGE = "invalid character range";
    static final String ECTYPE = "invalid character class";
    static final String ECOLLATE = "invalid collating element";
    static final String BADOPT = "invalid embedded option";

    final String src;
    int pos;
    int flags;

    RegexInput(String src, int flags) {
        this.src = src;
        this.flags = flags;
    }

    static RuntimeException invalid(String reason) {
        return Errors.error(Errors.INVALID_REGULAR_EXPRESSION, "invalid regular expression: " + reason);
    }

    boolean advanced() { return (flags & ADVANCED) == ADVANCED; }
    boolean basic() { return (flags & (EXTENDED | QUOTE)) == 0; }
    boolean on(int f) { return (flags & f) != 0; }
    boolean atEnd() { return pos >= src.length(); }
    char charAt() { return src.charAt(pos); }
    boolean startsWith(String s) { return src.startsWith(s, pos); }

    int peek() {
        return src.codePointAt(pos);
    }

    int next() {
        int c = src.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    /** Skips the white space and comments of expanded syntax (flag x). */
    void skip() {
        if (!on(EXPANDED) || on(QUOTE)) return;
        while (true) {
            while (!atEnd() && isSpace(peek())) pos++;
            if (atEnd() || charAt() != '#') return;
            while (!atEnd() && charAt() != '\n') pos++;
        }
    }

    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Whether {@code at} starts a bound: a digit, after expanded-syntax space. */
    boolean digitAt(int at) {
        int save = pos;
        pos = at;
        skip();
        boolean digit = !atEnd() && charAt() >= '0' && charAt() <= '9';
        pos = save;
        return digit;
    }
}
