package dev.pgwire.serve.functions;

import java.util.Locale;

import static dev.pgwire.serve.functions.RegexInput.EESCAPE;
import static dev.pgwire.serve.functions.RegexInput.invalid;

/**
 * Backslash escapes of advanced REs (Spencer's lexescape) and the Java text they become: characters
 * written as {@code \x{..}}, classes as ASCII ranges (the C locale), word constraints as lookarounds.
 */
final class RegexEscapes {
    private RegexEscapes() {}

    static final String WORD = "[A-Za-z0-9_]";
    static final String DIGIT = "0-9";
    static final String SPACE = " \\t\\n\\x0B\\f\\r";
    static final String WORDCHARS = "A-Za-z0-9_";
    /*
     * The ends of the string as lookarounds rather than \A and \z: Java's \A sets the start of the
     * match it appears in, even inside a lookbehind.
     */
    static final String START = "(?<![\\s\\S])";
    static final String END = "(?![\\s\\S])";
    static final String LINE_START = "(?<![^\\n])";
    static final String LINE_END = "(?![^\\n])";

    enum Kind { PLAIN, CLASS, CLASS_COMPLEMENT, CONSTRAINT, BACKREF }

    /** A character, a class (a Java class body), a constraint (Java text) or a back reference. */
    record Escape(Kind kind, int value, String text) {
        static Escape plain(int c) {
            return new Escape(Kind.PLAIN, c, null);
        }
    }

    static String wordStart() {
        return "(?<!" + WORD + ")(?=" + WORD + ")";
    }

    static String wordEnd() {
        return "(?<=" + WORD + ")(?!" + WORD + ")";
    }

    /** The escape after a consumed backslash; {@code groups} capturing groups have been opened so far. */
    static Escape lex(RegexInput in, int groups) {
        int c = in.next();
        boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) return Escape.plain(c);
        switch (c) {
            case 'a': return Escape.plain(7);
            case 'A': return new Escape(Kind.CONSTRAINT, 0, START);
            case 'b': return Escape.plain('\b');
            case 'B': return Escape.plain('\\');
            case 'c':
                if (in.atEnd()) throw invalid(EESCAPE);
                return Escape.plain(in.next() & 037);
            case 'd': return new Escape(Kind.CLASS, 0, DIGIT);
            case 'D': return new Escape(Kind.CLASS_COMPLEMENT, 0, DIGIT);
            case 'e': return Escape.plain(033);
            case 'f': return Escape.plain('\f');
            case 'm': return new Escape(Kind.CONSTRAINT, 0, wordStart());
            case 'M': return new Escape(Kind.CONSTRAINT, 0, wordEnd());
            case 'n': return Escape.plain('\n');
            case 'r': return Escape.plain('\r');
            case 's': return new Escape(Kind.CLASS, 0, SPACE);
            case 'S': return new Escape(Kind.CLASS_COMPLEMENT, 0, SPACE);
            case 't': return Escape.plain('\t');
            case 'u': return Escape.plain(checkedChar(digits(in, 16, 4, 4)));
            case 'U': return Escape.plain(checkedChar(digits(in, 16, 8, 8)));
            case 'v': return Escape.plain(0x0B);
            case 'w': return new Escape(Kind.CLASS, 0, WORDCHARS);
            case 'W': return new Escape(Kind.CLASS_COMPLEMENT, 0, WORDCHARS);
            case 'x': return Escape.plain(checkedChar(digits(in, 16, 1, 255)));
            case 'y': return new Escape(Kind.CONSTRAINT, 0, "(?:" + wordStart() + "|" + wordEnd() + ")");
            case 'Y': return new Escape(Kind.CONSTRAINT, 0,
                    "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))");
            case 'Z': return new Escape(Kind.CONSTRAINT, 0, END);
            default: break;
        }
        if (c >= '1' && c <= '9') {
            // one digit is always a back reference; more digits only while they name an opened group
            int save = in.pos;
            in.pos--;
            long n = digits(in, 10, 1, 255);
            if (in.pos == save || (n > 0 && n <= groups)) return new Escape(Kind.BACKREF, (int) n, null);
            in.pos = save;
        }
        if (c >= '0' && c <= '9') {
            in.pos--;
            long n = digits(in, 8, 1, 3);
            if (n > 0xff) {
                in.pos--;
                n >>= 3;
            }
            return Escape.plain((int) n);
        }
        throw invalid(EESCAPE);
    }

    private static int checkedChar(long c) {
        if (c < 0 || c > Character.MAX_CODE_POINT) throw invalid(EESCAPE);
        return (int) c;
    }

    /** Spencer's lexdigits: at least {@code min}, at most {@code max} ASCII digits of {@code base}. */
    private static long digits(RegexInput in, int base, int min, int max) {
        long n = 0;
        int len = 0;
        for (; len < max && !in.atEnd(); len++) {
            char ch = in.charAt();
            int d = ch < 128 ? Character.digit(ch, base) : -1;
            if (d < 0) break;
            in.pos++;
            n = (n * base + d) & 0xFFFFFFFFL;
        }
        if (len < min) throw invalid(EESCAPE);
        return n;
    }

    /** A code point as a Java pattern atom (also valid inside a character class). */
    static void literal(StringBuilder out, int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            out.append((char) c);
        } else {
            out.append("\\x{").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append('}');
        }
    }
}
