package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.RegexEscapes.Escape;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static dev.pgwire.serve.functions.RegexEscapes.literal;
import static dev.pgwire.serve.functions.RegexEscapes.wordEnd;
import static dev.pgwire.serve.functions.RegexEscapes.wordStart;
import static dev.pgwire.serve.functions.RegexInput.ADVANCED;
import static dev.pgwire.serve.functions.RegexInput.ADVF;
import static dev.pgwire.serve.functions.RegexInput.BADBR;
import static dev.pgwire.serve.functions.RegexInput.BADOPT;
import static dev.pgwire.serve.functions.RegexInput.BADRPT;
import static dev.pgwire.serve.functions.RegexInput.EBRACE;
import static dev.pgwire.serve.functions.RegexInput.EESCAPE;
import static dev.pgwire.serve.functions.RegexInput.EPAREN;
import static dev.pgwire.serve.functions.RegexInput.ESUBREG;
import static dev.pgwire.serve.functions.RegexInput.EXPANDED;
import static dev.pgwire.serve.functions.RegexInput.EXTENDED;
import static dev.pgwire.serve.functions.RegexInput.ICASE;
import static dev.pgwire.serve.functions.RegexInput.NLANCH;
import static dev.pgwire.serve.functions.RegexInput.NLSTOP;
import static dev.pgwire.serve.functions.RegexInput.QUOTE;
import static dev.pgwire.serve.functions.RegexInput.invalid;

/**
 * Translates PostgreSQL regular expressions (Henry Spencer's engine: advanced REs by default, extended
 * or basic REs on request, documentation section 9.7.3) into {@link java.util.regex} patterns.
 *
 * <p>The parser follows Spencer's lexer and grammar, so a pattern PostgreSQL rejects is rejected here
 * with the same message ({@code invalid regular expression: quantifier operand invalid}, SQLSTATE
 * 2201B). The translation takes care of: escapes ({@link RegexEscapes}: {@code \b} is a backspace,
 * {@code \m \M \y \Y} are word constraints, {@code \Z} the very end), bracket expressions
 * ({@link RegexBrackets}), the C locale (classes and case folding are ASCII only), newline
 * sensitivity (flags {@code n p w s}), expanded syntax ({@code x}), embedded options at the start
 * ({@code (?i)}), the {@code ***:} and {@code ***=} directors, back references (PostgreSQL allows them
 * only to completed groups outside lookaround constraints), and capturing parentheses inside
 * lookarounds, which do not capture.
 *
 * <p>{@link Compiled#greedy()} records whether the RE as a whole prefers the longest or the shortest
 * match (the preference of its first quantified atom; alternation at the top is always greedy), and
 * {@link Compiled#perlSafe()} whether Java's backtracking order is bound to find the same end;
 * {@link RegexMatcher} uses both. Java needs lookbehinds of bounded length: inside one, {@code *} and
 * {@code +} match at most {@value #LOOKBEHIND_MAX} characters.
 */
final class RegexTranslator {

    /** Upper bound for unbounded repetition inside a lookbehind. */
    static final int LOOKBEHIND_MAX = 100_000;

    /**
     * A translated pattern: the Java pattern, PostgreSQL's group count, the matching preference, and
     * the longest text (in UTF-16 units) the RE can match, {@link Long#MAX_VALUE} when unbounded.
     */
    record Compiled(Pattern pattern, int groups, boolean greedy, boolean perlSafe, long maxLength) {}

    /** What parsing a part of the RE found out: its preference (1 longest, -1 shortest, 0 none) and maximum length. */
    private record Shape(int preference, long max) {
        static final long UNBOUNDED = Long.MAX_VALUE;
        static final Shape CONSTRAINT = new Shape(0, 0);
        /** One character (a code point may take two UTF-16 units). */
        static final Shape CHAR = new Shape(0, 2);

        static long plus(long a, long b) {
            return a == UNBOUNDED || b == UNBOUNDED || a + b < 0 ? UNBOUNDED : a + b;
        }

        static long times(long a, long n) {
            if (a == 0 || n == 0) return 0;
            return a == UNBOUNDED || n == UNBOUNDED || a > UNBOUNDED / n ? UNBOUNDED : a * n;
        }
    }

    private static final TemplateCache<String, Compiled> CACHE = new TemplateCache<>(256);

    private final RegexInput in;
    private final StringBuilder out = new StringBuilder();
    private int groups;
    private final Map<Integer, Long> completed = new HashMap<>();
    private int groupDepth;
    private int lookaround;
    private int lookbehind;
    private boolean complex;

    private RegexTranslator(String src, int flags) {
        this.in = new RegexInput(src, flags);
    }

    /** The translation of {@code pattern} under {@code flags} ({@link RegexInput} bits), cached. */
    static Compiled compile(String pattern, int flags) {
        return CACHE.get(flags + ":" + pattern, k -> new RegexTranslator(pattern, flags).translate());
    }

    private Compiled translate() {
        prefixes();
        Shape shape;
        if (in.on(QUOTE)) {
            shape = new Shape(0, in.src.length() - in.pos);
            while (!in.atEnd()) literal(out, in.next());
        } else {
            shape = regex();
        }
        try {
            Pattern p = Pattern.compile(out.toString(), in.on(ICASE) ? Pattern.CASE_INSENSITIVE : 0);
            return new Compiled(p, groups, shape.preference() >= 0, !complex, shape.max());
        } catch (PatternSyntaxException e) {
            throw Errors.error(Errors.FEATURE_NOT_SUPPORTED, "regular expression not supported: " + e.getDescription());
        }
    }

    /** The {@code ***} directors and the embedded options an advanced RE may start with. */
    private void prefixes() {
        if (in.on(QUOTE)) return;
        String src = in.src;
        if (src.startsWith("***") && src.length() >= 4) {
            switch (src.charAt(3)) {
                case '?' -> throw invalid("invalid regexp (reg version 0.8)");
                case '=' -> {
                    in.flags = (in.flags | QUOTE) & ~(ADVANCED | EXPANDED | NLSTOP | NLANCH);
                    in.pos = 4;
                    return;
                }
                case ':' -> {
                    in.flags |= ADVANCED;
                    in.pos = 4;
                }
                default -> throw invalid(BADRPT);
            }
        }
        if (!in.advanced()) return;
        if (in.startsWith("(?") && in.pos + 2 < src.length() && Character.isLetter(src.charAt(in.pos + 2))) {
            in.pos += 2;
            while (!in.atEnd() && Character.isLetter(in.charAt())) {
                int f = in.flags;
                in.flags = switch (src.charAt(in.pos++)) {
                    case 'b' -> f & ~(ADVANCED | QUOTE);
                    case 'c' -> f & ~ICASE;
                    case 'e' -> (f | EXTENDED) & ~(ADVF | QUOTE);
                    case 'i' -> f | ICASE;
                    case 'm', 'n' -> f | NLSTOP | NLANCH;
                    case 'p' -> (f | NLSTOP) & ~NLANCH;
                    case 'q' -> (f | QUOTE) & ~ADVANCED;
                    case 's' -> f & ~(NLSTOP | NLANCH);
                    case 't' -> f & ~EXPANDED;
                    case 'w' -> (f & ~NLSTOP) | NLANCH;
                    case 'x' -> f | EXPANDED;
                    default -> throw invalid(BADOPT);
                };
            }
            if (in.atEnd() || in.charAt() != ')') throw invalid(BADOPT);
            in.pos++;
            if (in.on(QUOTE)) in.flags &= ~(EXPANDED | NLSTOP | NLANCH);
        }
    }

    private boolean atGroupClose() {
        return in.basic() ? in.startsWith("\\)") : !in.atEnd() && in.charAt() == ')';
    }

    /** regex := branch ('|' branch)*. */
    private Shape regex() {
        Shape first = branch();
        long max = first.max();
        int branches = 1;
        while (true) {
            in.skip();
            if (in.atEnd()) break;
            if (atGroupClose()) {
                if (groupDepth > 0) break;
                throw invalid(EPAREN); // in an ERE an unbalanced ')' is ordinary and never gets here
            }
            if (!in.basic() && in.charAt() == '|') {
                in.pos++;
                out.append('|');
                complex = true;
                max = Math.max(max, branch().max());
                branches++;
                continue;
            }
            break;
        }
        return new Shape(branches > 1 ? 1 : first.preference(), max);
    }

    /** branch := qatom*; its preference is that of its first atom that has one. */
    private Shape branch() {
        int preference = 0;
        long max = 0;
        boolean first = true;
        while (true) {
            in.skip();
            if (in.atEnd()) break;
            if (!in.basic() && in.charAt() == '|') break;
            if (atGroupClose() && (in.advanced() || in.basic() || groupDepth > 0)) break;
            Shape a = in.basic() ? basicAtom(first) : atom();
            first = false;
            if (preference == 0) preference = a.preference();
            max = Shape.plus(max, a.max());
        }
        return new Shape(preference, max);
    }

    /** An atom of an extended or advanced RE with its quantifier. */
    private Shape atom() {
        int atomStart = out.length();
        int c = in.next();
        Shape shape = Shape.CHAR;
        boolean singleChar = true;
        switch (c) {
            case '*', '+', '?' -> throw invalid(BADRPT);
            case '{' -> {
                if (in.digitAt(in.pos)) throw invalid(BADRPT);
                literal(out, c);
            }
            case '(' -> {
                singleChar = false;
                if (in.advanced() && !in.atEnd() && in.charAt() == '?') {
                    in.pos++;
                    if (in.atEnd()) throw invalid(BADRPT);
                    int k = in.next();
                    switch (k) {
                        case ':' -> shape = group("(?:", false);
                        case '#' -> {
                            while (!in.atEnd() && in.charAt() != ')') in.pos++;
                            if (!in.atEnd()) in.pos++;
                            return Shape.CONSTRAINT;
                        }
                        case '=', '!' -> {
                            lookaround(k == '=' ? "(?=" : "(?!", false);
                            return Shape.CONSTRAINT;
                        }
                        case '<' -> {
                            if (in.atEnd()) throw invalid(BADRPT);
                            int k2 = in.next();
                            if (k2 != '=' && k2 != '!') throw invalid(BADRPT);
                            lookaround(k2 == '=' ? "(?<=" : "(?<!", true);
                            return Shape.CONSTRAINT;
                        }
                        default -> throw invalid(BADRPT);
                    }
                } else {
                    shape = group(null, true);
                }
            }
            case ')' -> literal(out, c); // only an ERE gets here: an unbalanced ')' is ordinary
            case '[' -> {
                if (wordBracket()) return Shape.CONSTRAINT;
                RegexBrackets.translate(in, groups, out);
            }
            case '.' -> out.append(in.on(NLSTOP) ? "[^\\n]" : "[\\s\\S]");
            case '^' -> {
                out.append(in.on(NLANCH) ? RegexEscapes.LINE_START : RegexEscapes.START);
                return Shape.CONSTRAINT;
            }
            case '$' -> {
                out.append(in.on(NLANCH) ? RegexEscapes.LINE_END : RegexEscapes.END);
                return Shape.CONSTRAINT;
            }
            case '\\' -> {
                if (in.atEnd()) throw invalid(EESCAPE);
                if (!in.advanced()) {
                    literal(out, in.next());
                    break;
                }
                Escape e = RegexEscapes.lex(in, groups);
                switch (e.kind()) {
                    case PLAIN -> literal(out, e.value());
                    case CLASS -> out.append('[').append(e.text()).append(']');
                    case CLASS_COMPLEMENT -> out.append("[^").append(e.text()).append(']');
                    case CONSTRAINT -> {
                        out.append(e.text());
                        return Shape.CONSTRAINT;
                    }
                    case BACKREF -> {
                        shape = backReference(e.value());
                        singleChar = false;
                    }
                }
            }
            default -> literal(out, c);
        }
        return quantifier(atomStart, shape, singleChar);
    }

    /** {@code [[:<:]]} and {@code [[:>:]]}, the word constraints, after the first '['. */
    private boolean wordBracket() {
        if (!in.startsWith("[:<:]]") && !in.startsWith("[:>:]]")) return false;
        boolean start = in.src.charAt(in.pos + 2) == '<';
        in.pos += 6;
        out.append(start ? wordStart() : wordEnd());
        return true;
    }

    private Shape backReference(int n) {
        if (lookaround > 0 || !completed.containsKey(n)) throw invalid(ESUBREG);
        out.append("(?:\\").append(n).append(')');
        complex = true;
        return new Shape(0, completed.get(n));
    }

    /** An optional quantifier after the atom at {@code atomStart}. */
    private Shape quantifier(int atomStart, Shape atom, boolean singleChar) {
        in.skip();
        if (in.atEnd()) return atom;
        char c = in.charAt();
        String q;
        boolean fixed = false;
        long max;
        if (c == '*' || c == '+' || c == '?') {
            in.pos++;
            q = lookbehind > 0 && c != '?' ? "{" + (c == '*' ? 0 : 1) + "," + LOOKBEHIND_MAX + "}" : String.valueOf(c);
            max = c == '?' ? atom.max() : Shape.times(atom.max(), Shape.UNBOUNDED);
        } else if (c == '{' && in.digitAt(in.pos + 1)) {
            in.pos++;
            int[] b = bound();
            fixed = b[1] == -2;
            q = boundText(b);
            max = Shape.times(atom.max(), b[1] == -2 ? b[0] : b[1] == -1 ? Shape.UNBOUNDED : b[1]);
        } else {
            return atom;
        }
        boolean greedy = true;
        if (in.advanced() && !in.atEnd() && in.charAt() == '?') {
            in.pos++;
            greedy = false;
        }
        wrap(atomStart);
        out.append(q);
        if (!greedy) out.append('?');
        if (!singleChar || !greedy) complex = true;
        if (fixed) return new Shape(atom.preference(), max);
        return new Shape(greedy ? 1 : -1, max);
    }

    /**
     * Makes the Java text of the atom from {@code atomStart} one quantifiable unit. A character or a
     * character class already is one, and stays unwrapped: Java repeats those in a loop, where a
     * repeated group recurses once per repetition.
     */
    private void wrap(int atomStart) {
        String atom = out.substring(atomStart);
        boolean simple = atom.length() == 1
                || (atom.startsWith("\\x{") && atom.indexOf('}') == atom.length() - 1)
                || (atom.startsWith("[") && closes(atom));
        if (!simple) out.insert(atomStart, "(?:").append(')');
    }

    /** Whether a class text starting with '[' ends at its last character (no nested class follows it). */
    private static boolean closes(String atom) {
        int depth = 0;
        for (int i = 0; i < atom.length(); i++) {
            char c = atom.charAt(i);
            if (c == '\\') {
                i++;
                if (atom.startsWith("x{", i)) i = atom.indexOf('}', i);
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i == atom.length() - 1;
            }
        }
        return false;
    }

    private String boundText(int[] b) {
        if (b[1] == -2) return "{" + b[0] + "}";
        if (b[1] == -1) return lookbehind > 0 ? "{" + b[0] + "," + LOOKBEHIND_MAX + "}" : "{" + b[0] + ",}";
        return "{" + b[0] + "," + b[1] + "}";
    }

    /** {m}, {m,} or {m,n} after the '{' (basic REs: \{ \}): {m, n}, n -1 for no upper bound, -2 for {m}. */
    private int[] bound() {
        int m = boundNumber();
        in.skip();
        int n = -2;
        if (!in.atEnd() && in.charAt() == ',') {
            in.pos++;
            in.skip();
            n = !in.atEnd() && in.charAt() >= '0' && in.charAt() <= '9' ? boundNumber() : -1;
            if (n != -1 && m > n) throw invalid(BADBR);
        }
        in.skip();
        if (in.atEnd()) throw invalid(EBRACE);
        String close = in.basic() ? "\\}" : "}";
        if (!in.startsWith(close)) throw invalid(BADBR);
        in.pos += close.length();
        return new int[] {m, n};
    }

    private int boundNumber() {
        in.skip();
        if (in.atEnd()) throw invalid(EBRACE);
        if (in.charAt() < '0' || in.charAt() > '9') throw invalid(BADBR);
        int n = 0;
        while (!in.atEnd() && in.charAt() >= '0' && in.charAt() <= '9') {
            n = n * 10 + (in.src.charAt(in.pos++) - '0');
            if (n > 255) throw invalid(BADBR);
            in.skip();
        }
        return n;
    }

    /** A parenthesized subexpression; capturing unless inside a lookaround. */
    private Shape group(String open, boolean capturing) {
        int number = 0;
        if (capturing && lookaround == 0) {
            number = ++groups;
            out.append('(');
        } else {
            out.append(open == null ? "(?:" : open);
        }
        Shape shape = inside();
        if (number > 0) completed.put(number, shape.max());
        return shape;
    }

    private void lookaround(String open, boolean behind) {
        lookaround++;
        if (behind) lookbehind++;
        complex = true;
        out.append(open);
        inside();
        lookaround--;
        if (behind) lookbehind--;
    }

    /** The content of a group up to and including its closing parenthesis. */
    private Shape inside() {
        groupDepth++;
        Shape shape = regex();
        groupDepth--;
        if (!atGroupClose()) throw invalid(EPAREN);
        in.pos += in.basic() ? 2 : 1;
        out.append(')');
        return shape;
    }

    /**
     * An atom of a basic RE (flag b) with its quantifier: {@code \( \) \{ \}} are the operators,
     * {@code + ? | { }} ordinary, {@code *} ordinary at the start, {@code ^} and {@code $} anchors only at
     * the ends.
     */
    private Shape basicAtom(boolean atStart) {
        int atomStart = out.length();
        int c = in.next();
        boolean singleChar = true;
        Shape shape = Shape.CHAR;
        switch (c) {
            case '*' -> {
                if (!atStart && !afterAnchor) throw invalid(BADRPT);
                literal(out, c);
            }
            case '[' -> {
                if (wordBracket()) return Shape.CONSTRAINT;
                RegexBrackets.translate(in, groups, out);
            }
            case '.' -> out.append(in.on(NLSTOP) ? "[^\\n]" : "[\\s\\S]");
            case '^' -> {
                if (atStart) {
                    out.append(in.on(NLANCH) ? RegexEscapes.LINE_START : RegexEscapes.START);
                    afterAnchor = true;
                    return Shape.CONSTRAINT;
                }
                literal(out, c);
            }
            case '$' -> {
                if (in.atEnd() || in.startsWith("\\)")) {
                    out.append(in.on(NLANCH) ? RegexEscapes.LINE_END : RegexEscapes.END);
                    return Shape.CONSTRAINT;
                }
                literal(out, c);
            }
            case '\\' -> {
                if (in.atEnd()) throw invalid(EESCAPE);
                int e = in.next();
                if (e == '{') throw invalid(BADRPT);
                if (e == '(') {
                    singleChar = false;
                    shape = group(null, true);
                } else if (e == '<' || e == '>') {
                    out.append(e == '<' ? wordStart() : wordEnd());
                    afterAnchor = false;
                    return Shape.CONSTRAINT;
                } else if (e >= '1' && e <= '9') {
                    shape = backReference(e - '0');
                    singleChar = false;
                } else {
                    literal(out, e);
                }
            }
            default -> literal(out, c);
        }
        afterAnchor = false;
        if (!in.atEnd() && in.charAt() == '*') {
            in.pos++;
            wrap(atomStart);
            out.append('*');
            if (!singleChar) complex = true;
            return new Shape(1, Shape.times(shape.max(), Shape.UNBOUNDED));
        }
        if (in.startsWith("\\{")) {
            in.pos += 2;
            int[] b = bound();
            wrap(atomStart);
            out.append(boundText(b));
            if (!singleChar) complex = true;
            long max = Shape.times(shape.max(), b[1] == -2 ? b[0] : b[1] == -1 ? Shape.UNBOUNDED : b[1]);
            return new Shape(b[1] == -2 ? shape.preference() : 1, max);
        }
        return shape;
    }

    /** In a basic RE, a '*' right after '^' or '\(' is an ordinary character. */
    private boolean afterAnchor;
}
