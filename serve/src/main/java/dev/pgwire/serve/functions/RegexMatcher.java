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
 * candidate checked with the match region fixed and lookarounds seeing the whole string, and no
 * further than the longest text the RE can match.
 *
 * <p>Inside the chosen match, capture groups are assigned by Java's backtracking order, which agrees
 * with PostgreSQL except in two cases: a greedy group that is an alternation whose alternatives
 * overlap (PostgreSQL gives {@code (a|ab)(c|bcd)} on {@code abcd} the groups {@code ab, c}, Java
 * {@code a, bcd}), and a group inside a repetition whose last iteration did not take part (PostgreSQL
 * reports it as null, Java keeps an earlier iteration's text).
 *
 * <p>Java's engine backtracks where PostgreSQL's does not, so some patterns take exponential time;
 * a search that reads the string more than {@value #STEP_LIMIT} times fails with SQLSTATE 54000
 * instead of running on. Java also recurses once per repetition of a group, so a repeated group over
 * a long string can exhaust the stack; that fails with SQLSTATE 54001.
 */
final class RegexMatcher {
    static final long STEP_LIMIT = 200_000_000L;

    private final Compiled re;
    private final String s;
    private final Matcher m;

    RegexMatcher(Compiled re, String s) {
        this.re = re;
        this.s = s;
        this.m = re.pattern().matcher(new Budgeted(s));
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
    }

    /**
     * The match at or after {@code from}: {start, end} of the whole match and of each group (-1 for a
     * group that did not take part), in UTF-16 indexes; null when there is none.
     */
    int[] find(int from) {
        try {
            return search(from);
        } catch (StackOverflowError e) {
            // Java recurses once per repetition of a group; PostgreSQL's engine has no such limit
            throw Errors.error(Errors.STATEMENT_TOO_COMPLEX,
                    "regular expression matching ran out of stack on a string of " + s.length() + " characters");
        }
    }

    private int[] search(int from) {
        if (from > s.length()) return null;
        m.region(from, s.length());
        if (!m.find()) return null;
        int start = m.start();
        int end = m.end();
        if (re.perlSafe()) return spans(start, end);
        if (re.greedy()) {
            long limit = Math.min(s.length(), (long) start + Math.min(re.maxLength(), s.length()));
            for (int e = (int) limit; e > end; e = previous(e)) {
                m.region(start, e);
                if (m.matches()) return spans(start, e);
            }
        } else {
            for (int e = start; e < end; e = nextIndex(s, e)) {
                m.region(start, e);
                if (m.matches()) return spans(start, e);
            }
        }
        m.region(start, end);
        if (!m.matches()) throw new IllegalStateException("match vanished at " + start + ".." + end);
        return spans(start, end);
    }

    /** All matches from {@code from}: PostgreSQL's setup_regexp_matches with or without the g flag. */
    List<int[]> findAll(int from, boolean global, boolean ignoreDegenerate) {
        List<int[]> found = new ArrayList<>();
        int prevMatchEnd = 0;
        int search = from;
        int[] match;
        while ((match = find(search)) != null) {
            if (!ignoreDegenerate || (match[0] < s.length() && match[1] > prevMatchEnd)) found.add(match);
            prevMatchEnd = match[1];
            if (!global) break;
            search = match[1];
            if (match[0] == match[1]) {
                if (search >= s.length()) break;
                search = nextIndex(s, search);
            }
        }
        return found;
    }

    /** The spans of a match known to be {@code start..end} (Java may misreport the start after a lookbehind). */
    private int[] spans(int start, int end) {
        int[] r = new int[2 * (re.groups() + 1)];
        r[0] = start;
        r[1] = end;
        for (int g = 1; g <= re.groups(); g++) {
            r[2 * g] = m.start(g);
            r[2 * g + 1] = m.end(g);
        }
        return r;
    }

    static int nextIndex(String s, int i) {
        return i < s.length() ? i + Character.charCount(s.codePointAt(i)) : i + 1;
    }

    private int previous(int i) {
        return i >= 2 && Character.isLowSurrogate(s.charAt(i - 1)) && Character.isHighSurrogate(s.charAt(i - 2)) ? i - 2 : i - 1;
    }

    /** The subject string, counting how often the engine reads it. */
    private static final class Budgeted implements CharSequence {
        private final String s;
        private long steps;

        Budgeted(String s) {
            this.s = s;
        }

        @Override
        public char charAt(int index) {
            if (++steps > STEP_LIMIT) {
                throw Errors.error(Errors.PROGRAM_LIMIT_EXCEEDED,
                        "regular expression matching exceeded " + STEP_LIMIT + " steps");
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
