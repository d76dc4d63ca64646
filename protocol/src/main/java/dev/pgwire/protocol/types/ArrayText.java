package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Array text as array_out writes it ({@code {1,2,NULL}}, {@code {{1,2},{3,4}}},
 * {@code [0:1]={a,"b c"}}) and array_in reads it.
 */
final class ArrayText {
    private ArrayText() {}

    /** array_out: elements as their type prints them, quoted when they could be misread. */
    static String format(PgArray a, Function<Object, String> elementText) {
        int ndim = a.ndim();
        if (ndim == 0) return "{}";
        StringBuilder sb = new StringBuilder();
        boolean defaultBounds = true;
        for (int i = 0; i < ndim; i++) if (a.lowerBound(i) != 1) defaultBounds = false;
        if (!defaultBounds) {
            for (int i = 0; i < ndim; i++) {
                sb.append('[').append(a.lowerBound(i)).append(':').append(a.lowerBound(i) + a.dimension(i) - 1).append(']');
            }
            sb.append('=');
        }
        int[] index = new int[ndim];
        int flat = 0;
        for (int i = 0; i < ndim; i++) sb.append('{');
        while (true) {
            Object e = a.element(flat++);
            if (e == null) sb.append("NULL"); else appendElement(sb, elementText.apply(e));
            // advance the odometer, closing and opening braces as dimensions roll over
            int d = ndim - 1;
            while (d >= 0 && ++index[d] == a.dimension(d)) {
                index[d] = 0;
                sb.append('}');
                d--;
            }
            if (d < 0) break;
            sb.append(',');
            for (int k = d + 1; k < ndim; k++) sb.append('{');
        }
        return sb.toString();
    }

    private static void appendElement(StringBuilder sb, String s) {
        boolean quote = s.isEmpty() || s.equalsIgnoreCase("NULL");
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || isSpace(c);
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        sb.append('"');
    }

    /** array_isspace. */
    static boolean isSpace(char c) {
        return ScalarCodecs.isSpace(c);
    }

    static PgException malformed(String text, String detail) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"")
                .withDetail(detail);
    }

    /** array_in; each element's text goes through {@code elementValue}. */
    static PgArray parse(String text, int elementOid, Function<String, Object> elementValue) {
        Parser p = new Parser(text);
        p.skipSpace();
        int[] givenDims = null;
        int[] givenLower = null;
        if (p.peek() == '[') {
            List<int[]> bounds = new ArrayList<>();
            while (p.peek() == '[') {
                p.pos++;
                long a = p.readInt();
                long lb = 1;
                long ub = a;
                if (p.peek() == ':') {
                    p.pos++;
                    lb = a;
                    ub = p.readInt();
                }
                if (p.peek() != ']') throw malformed(text, "Missing \"]\" after array dimensions.");
                p.pos++;
                if (ub < lb) {
                    throw new PgException("2202E", "upper bound cannot be less than lower bound");
                }
                if (ub - lb + 1 > Integer.MAX_VALUE) {
                    throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed");
                }
                bounds.add(new int[] {(int) lb, (int) (ub - lb + 1)});
                if (bounds.size() > PgArray.MAX_DIMENSIONS) throw tooManyDims(bounds.size());
                p.skipSpace();
            }
            if (p.peek() != '=') throw malformed(text, "Missing \"=\" after array dimensions.");
            p.pos++;
            p.skipSpace();
            givenDims = bounds.stream().mapToInt(b -> b[1]).toArray();
            givenLower = bounds.stream().mapToInt(b -> b[0]).toArray();
        }
        if (p.peek() != '{') throw malformed(text, "Array value must start with \"{\" or dimension information.");
        List<Object> root = p.readLevel(1);
        p.skipSpace();
        if (p.pos != text.length()) throw malformed(text, "Junk after closing right brace.");
        if (root.isEmpty()) {
            if (givenDims != null) throw malformed(text, "Specified array dimensions do not match array contents.");
            return PgArray.empty(elementOid);
        }
        List<Integer> dimList = new ArrayList<>();
        for (Object level = root; level instanceof List<?> l; level = l.get(0)) {
            if (l.isEmpty()) throw malformed(text, "Unexpected \"}\" character.");
            dimList.add(l.size());
        }
        int[] d = dimList.stream().mapToInt(Integer::intValue).toArray();
        List<Object> flat = new ArrayList<>();
        flatten(root, 0, d, flat, text);
        int[] lower;
        if (givenDims != null) {
            if (!java.util.Arrays.equals(givenDims, d)) {
                throw malformed(text, "Specified array dimensions do not match array contents.");
            }
            lower = givenLower;
            for (int i = 0; i < d.length; i++) {
                if ((long) lower[i] + d[i] - 1 > Integer.MAX_VALUE) {
                    throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array upper bound is too large");
                }
            }
        } else {
            lower = new int[d.length];
            java.util.Arrays.fill(lower, 1);
        }
        Object[] values = new Object[flat.size()];
        for (int i = 0; i < values.length; i++) {
            Object e = flat.get(i);
            values[i] = e == NULL ? null : elementValue.apply((String) e);
        }
        return new PgArray(elementOid, d, lower, values);
    }

    /** Marks an unquoted NULL while the structure is read. */
    private static final Object NULL = new Object();

    /** Checks that every level at depth k has d[k] items, all sub-arrays or all elements. */
    private static void flatten(List<?> level, int depth, int[] d, List<Object> out, String text) {
        if (level.size() != d[depth]) {
            throw malformed(text, "Multidimensional arrays must have sub-arrays with matching dimensions.");
        }
        boolean leafLevel = depth == d.length - 1;
        for (Object item : level) {
            if ((item instanceof List<?>) == leafLevel) {
                throw malformed(text, "Multidimensional arrays must have sub-arrays with matching dimensions.");
            }
            if (leafLevel) out.add(item); else flatten((List<?>) item, depth + 1, d, out, text);
        }
    }

    static PgException tooManyDims(int n) {
        return new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                "number of array dimensions (" + n + ") exceeds the maximum allowed (" + PgArray.MAX_DIMENSIONS + ")");
    }

    private static final class Parser {
        final String text;
        int pos;

        Parser(String text) {
            this.text = text;
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < text.length() && isSpace(text.charAt(pos))) pos++;
        }

        long readInt() {
            skipSpace();
            int start = pos;
            if (peek() == '-' || peek() == '+') pos++;
            int digits = pos;
            while (peek() >= '0' && peek() <= '9') pos++;
            if (pos == digits || pos - digits > 10) throw malformed(text, "Missing array dimension value.");
            long v = Long.parseLong(text.substring(start, pos));
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw malformed(text, "Array dimension value out of range.");
            skipSpace();
            return v;
        }

        /** Reads one brace level: its items are nested levels (lists) or element texts / NULL. */
        List<Object> readLevel(int depth) {
            if (depth > PgArray.MAX_DIMENSIONS) throw tooManyDims(depth);
            pos++;  // '{'
            skipSpace();
            List<Object> items = new ArrayList<>();
            if (peek() == '}') {
                pos++;
                return items;
            }
            while (true) {
                skipSpace();
                items.add(peek() == '{' ? readLevel(depth + 1) : readElement());
                skipSpace();
                char c = peek();
                pos++;
                if (c == ',') continue;
                if (c == '}') return items;
                throw malformed(text, c == '\0' ? "Unexpected end of input." : "Unexpected \"" + c + "\" character.");
            }
        }

        /** One scalar: quoted and unquoted parts, backslash escapes, unquoted NULL is null. */
        Object readElement() {
            StringBuilder sb = new StringBuilder();
            boolean quotedOrEscaped = false;
            boolean inQuotes = false;
            int trailingSpace = 0;  // unquoted whitespace at the end, dropped
            while (true) {
                if (pos >= text.length()) throw malformed(text, "Unexpected end of input.");
                char c = text.charAt(pos);
                if (c == '\\') {
                    if (pos + 1 >= text.length()) throw malformed(text, "Unexpected end of input.");
                    sb.append(text.charAt(pos + 1));
                    pos += 2;
                    quotedOrEscaped = true;
                    trailingSpace = 0;
                } else if (c == '"') {
                    if (!inQuotes && !sb.isEmpty() && !quotedOrEscaped) {
                        throw malformed(text, "Unexpected array element.");
                    }
                    inQuotes = !inQuotes;
                    quotedOrEscaped = true;
                    trailingSpace = 0;
                    pos++;
                } else if (inQuotes) {
                    sb.append(c);
                    pos++;
                } else if (c == ',' || c == '}') {
                    break;
                } else if (c == '{') {
                    throw malformed(text, "Unexpected \"{\" character.");
                } else {
                    if (isSpace(c)) trailingSpace++; else trailingSpace = 0;
                    sb.append(c);
                    pos++;
                }
            }
            String s = sb.substring(0, sb.length() - trailingSpace);
            if (!quotedOrEscaped && s.isEmpty()) throw malformed(text, "Unexpected \"" + peek() + "\" character.");
            if (!quotedOrEscaped && s.equalsIgnoreCase("NULL")) return NULL;
            return s;
        }
    }
}
