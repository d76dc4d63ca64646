package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.RegexEscapes.Escape;

import java.util.HashMap;
import java.util.Map;

import static dev.pgwire.serve.functions.RegexInput.EBRACK;
import static dev.pgwire.serve.functions.RegexInput.ECOLLATE;
import static dev.pgwire.serve.functions.RegexInput.ECTYPE;
import static dev.pgwire.serve.functions.RegexInput.EESCAPE;
import static dev.pgwire.serve.functions.RegexInput.ERANGE;
import static dev.pgwire.serve.functions.RegexInput.ICASE;
import static dev.pgwire.serve.functions.RegexInput.NLSTOP;
import static dev.pgwire.serve.functions.RegexInput.invalid;

/**
 * Bracket expressions ({@code [a-z[:digit:]\s]}, Spencer's brackpart): ranges, POSIX classes in the C
 * locale, collating elements ({@code [.space.]}), equivalence classes, escapes in advanced REs; a
 * negated bracket does not match a newline in newline-sensitive mode.
 */
final class RegexBrackets {
    private RegexBrackets() {}

    private enum Kind { CHAR, RANGE, END, COLLATING, EQUIVALENCE, CLASS, CLASS_COMPLEMENT }

    /** A token inside brackets: a character, '-' as range operator, ']', or a class (Java class body). */
    private record Token(Kind kind, int value, String text) {}

    /** Translates the bracket expression after its '['. */
    static void translate(RegexInput in, int groups, StringBuilder out) {
        boolean negated = false;
        if (!in.atEnd() && in.charAt() == '^') {
            in.pos++;
            negated = true;
        }
        StringBuilder positive = new StringBuilder();
        boolean nested = false;
        boolean first = true;
        while (true) {
            Token t = token(in, groups, first);
            first = false;
            int from;
            switch (t.kind) {
                case END -> {
                    if (!negated) {
                        out.append('[').append(positive).append(']');
                    } else if (!nested) {
                        out.append("[^").append(positive).append(in.on(NLSTOP) ? "\\n" : "").append(']');
                    } else {
                        out.append("(?:(?![").append(positive).append("])")
                                .append(in.on(NLSTOP) ? "[^\\n]" : "[\\s\\S]").append(')');
                    }
                    return;
                }
                case RANGE -> throw invalid(ERANGE);
                case CLASS -> {
                    positive.append(t.text);
                    continue;
                }
                case CLASS_COMPLEMENT -> {
                    positive.append("[^").append(t.text).append(']');
                    nested = true;
                    continue;
                }
                case EQUIVALENCE -> {
                    RegexEscapes.literal(positive, t.value);
                    continue;
                }
                default -> from = t.value; // CHAR or COLLATING
            }
            if (!rangeFollows(in)) {
                RegexEscapes.literal(positive, from);
                continue;
            }
            in.pos++;
            Token e = token(in, groups, false);
            if (e.kind != Kind.CHAR && e.kind != Kind.RANGE && e.kind != Kind.COLLATING) throw invalid(ERANGE);
            if (from > e.value) throw invalid(ERANGE);
            RegexEscapes.literal(positive, from);
            positive.append('-');
            RegexEscapes.literal(positive, e.value);
        }
    }

    /** Whether a '-' that makes a range comes next (a '-' before ']' is an ordinary character). */
    private static boolean rangeFollows(RegexInput in) {
        return !in.atEnd() && in.charAt() == '-' && !(in.pos + 1 < in.src.length() && in.src.charAt(in.pos + 1) == ']');
    }

    private static Token token(RegexInput in, int groups, boolean first) {
        if (in.atEnd()) throw invalid(EBRACK);
        int c = in.next();
        switch (c) {
            case ']':
                return first ? new Token(Kind.CHAR, c, null) : new Token(Kind.END, 0, null);
            case '-':
                if (first || (!in.atEnd() && in.charAt() == ']')) return new Token(Kind.CHAR, c, null);
                return new Token(Kind.RANGE, c, null);
            case '[':
                if (in.atEnd()) throw invalid(EBRACK);
                int k = in.peek();
                if (k == '.' || k == '=' || k == ':') {
                    in.pos++;
                    String name = name(in, (char) k);
                    if (k == ':') return new Token(Kind.CLASS, 0, namedClass(name, in.on(ICASE)));
                    return new Token(k == '.' ? Kind.COLLATING : Kind.EQUIVALENCE, element(name), null);
                }
                return new Token(Kind.CHAR, c, null);
            case '\\':
                if (!in.advanced()) return new Token(Kind.CHAR, c, null);
                if (in.atEnd()) throw invalid(EESCAPE);
                Escape e = RegexEscapes.lex(in, groups);
                return switch (e.kind()) {
                    case PLAIN -> new Token(Kind.CHAR, e.value(), null);
                    case CLASS -> new Token(Kind.CLASS, 0, e.text());
                    case CLASS_COMPLEMENT -> new Token(Kind.CLASS_COMPLEMENT, 0, e.text());
                    default -> throw invalid(EESCAPE);
                };
            default:
                return new Token(Kind.CHAR, c, null);
        }
    }

    /** The text of [.x.], [=x=] or [:x:] after its opening; the terminator is consumed. */
    private static String name(RegexInput in, char delimiter) {
        int start = in.pos;
        while (true) {
            if (in.atEnd()) throw invalid(EBRACK);
            if (in.charAt() == delimiter && in.pos + 1 < in.src.length() && in.src.charAt(in.pos + 1) == ']') break;
            in.pos++;
        }
        String name = in.src.substring(start, in.pos);
        in.pos += 2;
        if (name.isEmpty()) throw invalid(delimiter == ':' ? ECTYPE : ECOLLATE);
        return name;
    }

    /** A POSIX class as a Java class body, ASCII only as in the C locale; case-insensitively upper and lower mean alpha. */
    private static String namedClass(String name, boolean icase) {
        String n = icase && (name.equals("upper") || name.equals("lower")) ? "alpha" : name;
        return switch (n) {
            case "alnum" -> "A-Za-z0-9";
            case "alpha" -> "A-Za-z";
            case "ascii" -> "\\x00-\\x7F";
            case "blank" -> " \\t";
            case "cntrl" -> "\\x00-\\x1F\\x7F";
            case "digit" -> RegexEscapes.DIGIT;
            case "graph" -> "\\x21-\\x7E";
            case "lower" -> "a-z";
            case "print" -> "\\x20-\\x7E";
            case "punct" -> "!-/:-@\\[-`{-~";
            case "space" -> RegexEscapes.SPACE;
            case "upper" -> "A-Z";
            case "xdigit" -> "0-9A-Fa-f";
            case "word" -> RegexEscapes.WORDCHARS;
            default -> throw invalid(ECTYPE);
        };
    }

    /** A collating element: one character, or one of the POSIX character names. */
    private static int element(String name) {
        if (name.codePointCount(0, name.length()) == 1) return name.codePointAt(0);
        Integer c = CHARACTER_NAMES.get(name);
        if (c == null) throw invalid(ECOLLATE);
        return c;
    }

    private static final Map<String, Integer> CHARACTER_NAMES = characterNames();

    private static Map<String, Integer> characterNames() {
        String[] byCode = {
                "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
                "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "IS4", "IS3", "IS2",
                "IS1", "space", "exclamation-mark", "quotation-mark", "number-sign", "dollar-sign", "percent-sign",
                "ampersand", "apostrophe", "left-parenthesis", "right-parenthesis", "asterisk", "plus-sign", "comma",
                "hyphen", "period", "slash", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "colon", "semicolon", "less-than-sign", "equals-sign", "greater-than-sign", "question-mark",
                "commercial-at"};
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < byCode.length; i++) m.put(byCode[i], i);
        Object[][] more = {
                {"alert", 7}, {"backspace", 8}, {"tab", 9}, {"newline", 10}, {"vertical-tab", 11}, {"form-feed", 12},
                {"carriage-return", 13}, {"FS", 28}, {"GS", 29}, {"RS", 30}, {"US", 31}, {"hyphen-minus", 45},
                {"full-stop", 46}, {"solidus", 47}, {"left-square-bracket", 91}, {"backslash", 92},
                {"reverse-solidus", 92}, {"right-square-bracket", 93}, {"circumflex", 94}, {"circumflex-accent", 94},
                {"underscore", 95}, {"low-line", 95}, {"grave-accent", 96}, {"left-brace", 123},
                {"left-curly-bracket", 123}, {"vertical-line", 124}, {"right-brace", 125},
                {"right-curly-bracket", 125}, {"tilde", 126}, {"DEL", 127}};
        for (Object[] e : more) m.put((String) e[0], (Integer) e[1]);
        return Map.copyOf(m);
    }
}
