package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.RegexTranslator.Compiled;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Finds matches the way PostgreSQL's engine does: the leftmost match, and among the matches starting
 * there the longest (or, for an RE that prefers shortest matches, the shortest). Java's engine finds
 * the leftmost start; where its backtracking order may end elsewhere than PostgreSQL's rule (after
 * alternation, non-greedy quantifiers or quantified groups) the end is searched for explicitly, each
 * candidate checked with the match region fixed and lookaround seeing the whole string.
 *
 * <p>Inside the chosen match, capture groups are assigned by Java's backtracking order. This agrees
 * with PostgreSQL except where a greedy group is an alternation whose alternatives overlap:
 * PostgreSQL gives {@code (a|ab)(c|bcd)} on {@code abcd} the groups {@code ab, c}, Java {@code a, bcd}.
 */
final class RegexMatcher {
    private RegexMatcher() {}

    /**
     * The match at or after {@code from}: {start, end} of the whole match and of each group (-1 for a
     * group that did not take part), in UTF-16 indexes; null when there is none.
     */
    static int[] find(Compiled re, String s, int from) {
        if (from > s.length()) return null;
        Matcher m = re.pattern().matcher(s);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        m.region(from, s.length());
        if (!m.find()) return null;
        int start = m.start();
        int end = m.end();
        if (re.perlSafe()) return spans(m, re.groups(), start, end);
        if (re.greedy()) {
            for (int e = s.length(); e > end; e = previous(s, e)) {
                m.region(start, e);
                if (m.matches()) return spans(m, re.groups(), start, e);
            }
        } else {
            for (int e = start; e < end; e = nextIndex(s, e)) {
                m.region(start, e);
                if (m.matches()) return spans(m, re.groups(), start, e);
            }
        }
        m.region(start, end);
        if (!m.matches()) throw new IllegalStateException("match vanished at " + start + ".." + end);
        return spans(m, re.groups(), start, end);
    }

    /** All matches from {@code from}: PostgreSQL's setup_regexp_matches with or without the g flag. */
    static List<int[]> findAll(Compiled re, String s, int from, boolean global, boolean ignoreDegenerate) {
        List<int[]> found = new ArrayList<>();
        int prevMatchEnd = 0;
        int search = from;
        int[] m;
        while ((m = find(re, s, search)) != null) {
            if (!ignoreDegenerate || (m[0] < s.length() && m[1] > prevMatchEnd)) found.add(m);
            prevMatchEnd = m[1];
            if (!global) break;
            search = m[1];
            if (m[0] == m[1]) {
                if (search >= s.length()) break;
                search = nextIndex(s, search);
            }
        }
        return found;
    }

    /** The spans of a match known to be {@code start..end} (Java may misreport the start after a lookbehind). */
    private static int[] spans(Matcher m, int groups, int start, int end) {
        int[] r = new int[2 * (groups + 1)];
        r[0] = start;
        r[1] = end;
        for (int g = 1; g <= groups; g++) {
            r[2 * g] = m.start(g);
            r[2 * g + 1] = m.end(g);
        }
        return r;
    }

    static int nextIndex(String s, int i) {
        return i < s.length() ? i + Character.charCount(s.codePointAt(i)) : i + 1;
    }

    private static int previous(String s, int i) {
        return i > 0 && i < s.length() + 1 && i >= 2 && Character.isLowSurrogate(s.charAt(i - 1))
                && Character.isHighSurrogate(s.charAt(i - 2)) ? i - 2 : i - 1;
    }
}
