package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.RegexTranslator.Compiled;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's POSIX regular expression functions (documentation section 9.7.3): regexp_match,
 * regexp_matches, regexp_replace, regexp_split_to_array, substring(text from pattern), and the
 * PostgreSQL 15 additions regexp_like, regexp_count, regexp_substr and regexp_instr.
 */
final class Regexp {
    private Regexp() {}

    /** The compile flags and the g flag of a flags argument (PostgreSQL's parse_re_flags). */
    record Flags(int cflags, boolean global) {
        static Flags parse(String opts) {
            int cflags = RegexInput.ADVANCED;
            boolean glob = false;
            if (opts != null) {
                for (int i = 0; i < opts.length(); ) {
                    int c = opts.codePointAt(i);
                    switch (c) {
                        case 'g' -> glob = true;
                        case 'b' -> cflags &= ~(RegexInput.ADVANCED | RegexInput.QUOTE);
                        case 'c' -> cflags &= ~RegexInput.ICASE;
                        // PostgreSQL clears REG_ADVANCED, which includes REG_EXTENDED: 'e' gives basic REs
                        case 'e' -> cflags = (cflags | RegexInput.EXTENDED)
                                & ~(RegexInput.ADVANCED | RegexInput.QUOTE);
                        case 'i' -> cflags |= RegexInput.ICASE;
                        case 'm', 'n' -> cflags |= RegexInput.NLSTOP | RegexInput.NLANCH;
                        case 'p' -> cflags = (cflags | RegexInput.NLSTOP) & ~RegexInput.NLANCH;
                        case 'q' -> cflags = (cflags | RegexInput.QUOTE) & ~RegexInput.ADVANCED;
                        case 's' -> cflags &= ~(RegexInput.NLSTOP | RegexInput.NLANCH);
                        case 't' -> cflags &= ~RegexInput.EXPANDED;
                        case 'w' -> cflags = (cflags & ~RegexInput.NLSTOP) | RegexInput.NLANCH;
                        case 'x' -> cflags |= RegexInput.EXPANDED;
                        default -> throw Errors.error(Errors.INVALID_PARAMETER_VALUE,
                                "invalid regular expression option: \"" + new String(Character.toChars(c)) + "\"");
                    }
                    i += Character.charCount(c);
                }
            }
            return new Flags(cflags, glob);
        }
    }

    private static RuntimeException noGlobal(String function, String hint) {
        return Errors.error(Errors.INVALID_PARAMETER_VALUE,
                function + " does not support the \"global\" option", null, hint);
    }

    private static RuntimeException badParameter(String name, int value) {
        return Errors.error(Errors.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name + "\": " + value);
    }

    /** The elements of a match: its groups, or the whole match when the pattern has none. */
    private static List<String> matchElements(String s, int[] m, int groups) {
        List<String> out = new ArrayList<>();
        if (groups == 0) {
            out.add(s.substring(m[0], m[1]));
        } else {
            for (int g = 1; g <= groups; g++) {
                out.add(m[2 * g] < 0 ? null : s.substring(m[2 * g], m[2 * g + 1]));
            }
        }
        return out;
    }

    /** regexp_match(string, pattern [, flags]): null when there is no match. */
    static List<String> match(String s, String pattern, String flags) {
        Flags f = Flags.parse(flags);
        if (f.global()) throw noGlobal("regexp_match()", "Use the regexp_matches function instead.");
        Compiled re = RegexTranslator.compile(pattern, f.cflags());
        int[] m = new RegexMatcher(re, s).find(0);
        return m == null ? null : matchElements(s, m, re.groups());
    }

    /** regexp_matches(string, pattern [, flags]): one element list per match, none when nothing matches. */
    static List<List<String>> matches(String s, String pattern, String flags) {
        Flags f = Flags.parse(flags);
        Compiled re = RegexTranslator.compile(pattern, f.cflags());
        List<List<String>> out = new ArrayList<>();
        for (int[] m : new RegexMatcher(re, s).findAll(0, f.global(), false)) out.add(matchElements(s, m, re.groups()));
        return out;
    }

    /** regexp_replace(source, pattern, replacement [, flags]). */
    static String replace(String s, String pattern, String replacement, String flags) {
        Flags f = Flags.parse(flags);
        return replace(s, RegexTranslator.compile(pattern, f.cflags()), replacement, 0, f.global() ? 0 : 1);
    }

    /** regexp_replace(source, pattern, replacement, start [, N [, flags]]); N 0 replaces all matches. */
    static String replace(String s, String pattern, String replacement, int start, Integer n, String flags) {
        if (start <= 0) throw badParameter("start", start);
        if (n != null && n < 0) throw badParameter("n", n);
        Flags f = Flags.parse(flags);
        int count = n != null ? n : f.global() ? 0 : 1;
        return replace(s, RegexTranslator.compile(pattern, f.cflags()), replacement, charIndex(s, start - 1), count);
    }

    private static String replace(String s, Compiled re, String replacement, int searchStart, int n) {
        StringBuilder out = new StringBuilder();
        int dataPos = 0;
        int search = searchStart;
        int seen = 0;
        RegexMatcher matcher = new RegexMatcher(re, s);
        int[] m;
        while (search <= s.length() && (m = matcher.find(search)) != null) {
            seen++;
            if (n > 0 && seen < n) {
                search = m[0] == m[1] ? RegexMatcher.nextIndex(s, m[1]) : m[1];
                continue;
            }
            out.append(s, dataPos, m[0]);
            substitute(out, replacement, s, m, re.groups());
            dataPos = m[1];
            if (n > 0) break;
            search = m[0] == m[1] ? RegexMatcher.nextIndex(s, m[1]) : m[1];
        }
        out.append(s, dataPos, s.length());
        return out.toString();
    }

    /** The replacement with \1..\9 and \& replaced, \\ giving one backslash, other backslashes kept. */
    private static void substitute(StringBuilder out, String r, String s, int[] m, int groups) {
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= r.length()) {
                out.append('\\');
                break;
            }
            char e = r.charAt(i + 1);
            int g;
            if (e >= '1' && e <= '9') g = e - '0';
            else if (e == '&') g = 0;
            else if (e == '\\') {
                out.append('\\');
                i++;
                continue;
            } else {
                out.append('\\');
                continue;
            }
            i++;
            if (g <= groups && m[2 * g] >= 0) out.append(s, m[2 * g], m[2 * g + 1]);
        }
    }

    /** regexp_split_to_array(string, pattern [, flags]). */
    static List<String> splitToArray(String s, String pattern, String flags) {
        Flags f = Flags.parse(flags);
        if (f.global()) throw noGlobal("regexp_split_to_array()", null);
        Compiled re = RegexTranslator.compile(pattern, f.cflags());
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int[] m : new RegexMatcher(re, s).findAll(0, true, true)) {
            out.add(s.substring(start, m[0]));
            start = m[1];
        }
        out.add(s.substring(start));
        return out;
    }

    /** substring(string from pattern): the first group's text if the pattern has groups, else the match. */
    static String substring(String s, String pattern) {
        Compiled re = RegexTranslator.compile(pattern, RegexInput.ADVANCED);
        int[] m = new RegexMatcher(re, s).find(0);
        if (m == null) return null;
        int g = re.groups() > 0 ? 1 : 0;
        return m[2 * g] < 0 ? null : s.substring(m[2 * g], m[2 * g + 1]);
    }

    /** regexp_like(string, pattern [, flags]). */
    static boolean like(String s, String pattern, String flags) {
        Flags f = Flags.parse(flags);
        if (f.global()) throw noGlobal("regexp_like()", null);
        return new RegexMatcher(RegexTranslator.compile(pattern, f.cflags()), s).find(0) != null;
    }

    /** regexp_count(string, pattern [, start [, flags]]). */
    static int count(String s, String pattern, int start, String flags) {
        if (start <= 0) throw badParameter("start", start);
        Flags f = Flags.parse(flags);
        if (f.global()) throw noGlobal("regexp_count()", null);
        Compiled re = RegexTranslator.compile(pattern, f.cflags());
        return new RegexMatcher(re, s).findAll(charIndex(s, start - 1), true, false).size();
    }

    /** regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]). */
    static String substr(String s, String pattern, int start, int n, String flags, int subexpr) {
        int[] m = nth(s, pattern, start, n, flags, subexpr, "regexp_substr()");
        if (m == null) return null;
        int so = m[2 * subexpr];
        return so < 0 ? null : s.substring(so, m[2 * subexpr + 1]);
    }

    /** regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]): a 1-based position or 0. */
    static int instr(String s, String pattern, int start, int n, int endOption, String flags, int subexpr) {
        if (endOption != 0 && endOption != 1) throw badParameter("endoption", endOption);
        int[] m = nth(s, pattern, start, n, flags, subexpr, "regexp_instr()");
        if (m == null) return 0;
        int pos = m[2 * subexpr + (endOption == 1 ? 1 : 0)];
        return pos < 0 ? 0 : s.codePointCount(0, pos) + 1;
    }

    private static int[] nth(String s, String pattern, int start, int n, String flags, int subexpr, String function) {
        if (start <= 0) throw badParameter("start", start);
        if (n <= 0) throw badParameter("n", n);
        if (subexpr < 0) throw badParameter("subexpr", subexpr);
        Flags f = Flags.parse(flags);
        if (f.global()) throw noGlobal(function, null);
        Compiled re = RegexTranslator.compile(pattern, f.cflags());
        if (subexpr > re.groups()) return null;
        List<int[]> all = new RegexMatcher(re, s).findAll(charIndex(s, start - 1), true, false);
        return n > all.size() ? null : all.get(n - 1);
    }

    /** The UTF-16 index of the {@code chars}-th code point (past the end for longer counts). */
    static int charIndex(String s, int chars) {
        try {
            return s.offsetByCodePoints(0, chars);
        } catch (IndexOutOfBoundsException e) {
            return s.length() + 1;
        }
    }
}
