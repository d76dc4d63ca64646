package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgArray;
import dev.pgwire.protocol.types.PgInterval;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.serve.PgColumnType.Literal;

import java.util.Arrays;
import java.util.Locale;

/**
 * DuckDB values that need more than a cast to become PostgreSQL values: intervals, which the JDBC
 * driver hands out only as DuckDB's text, and lists, which become PostgreSQL arrays — except
 * lists of lists of different lengths, which PostgreSQL arrays cannot hold and which are written
 * as text in array_out's notation.
 */
final class DuckDbText {
    private DuckDbText() {}

    private static final long MICROS_PER_MINUTE = 60 * IsoDateTime.MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

    // ---------------------------------------------------------------- interval

    /** DuckDB's interval text ({@code 1 year 2 months 3 days 04:05:06.5}, {@code -00:00:01}). */
    static PgInterval interval(String text) {
        long[] parts = parseInterval(text);
        return new PgInterval(Math.toIntExact(parts[0]), Math.toIntExact(parts[1]), parts[2]);
    }

    /** Months, days and microseconds of DuckDB's interval text. */
    static long[] parseInterval(String text) {
        long months = 0, days = 0, micros = 0;
        String[] parts = text.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.indexOf(':') >= 0) {
                micros = parseClock(p);
            } else if (i + 1 < parts.length) {
                long n = Long.parseLong(p);
                String unit = parts[++i].toLowerCase(Locale.ROOT);
                if (unit.startsWith("year")) months += n * 12;
                else if (unit.startsWith("mon")) months += n;
                else if (unit.startsWith("day")) days += n;
                else throw new IllegalArgumentException("unexpected interval unit in " + text);
            } else {
                throw new IllegalArgumentException("unexpected interval text " + text);
            }
        }
        return new long[] {months, days, micros};
    }

    private static long parseClock(String clock) {
        boolean negative = clock.startsWith("-");
        String[] hms = (negative || clock.startsWith("+") ? clock.substring(1) : clock).split(":");
        long micros = Long.parseLong(hms[0]) * MICROS_PER_HOUR + Long.parseLong(hms[1]) * MICROS_PER_MINUTE;
        String sec = hms[2];
        int dot = sec.indexOf('.');
        if (dot < 0) {
            micros += Long.parseLong(sec) * IsoDateTime.MICROS_PER_SECOND;
        } else {
            micros += Long.parseLong(sec.substring(0, dot)) * IsoDateTime.MICROS_PER_SECOND;
            String frac = (sec.substring(dot + 1) + "000000").substring(0, 6);
            micros += Long.parseLong(frac);
        }
        return negative ? -micros : micros;
    }

    /** An interval as DuckDB reads it back exactly: {@code 14 months 3 days 14706000000 microseconds}. */
    static String intervalInput(PgInterval i) {
        long micros = i.microseconds();
        // DuckDB reads "-9223372036854775808" as minus a number one past the largest long
        String us = micros == Long.MIN_VALUE ? (Long.MIN_VALUE + 1) + " microseconds -1 microseconds" : micros + " microseconds";
        return i.months() + " months " + i.days() + " days " + us;
    }

    // ---------------------------------------------------------------- arrays

    /**
     * A DuckDB list as a PgArray of the leaf type: nested lists of equal lengths become one
     * multidimensional array. Anything PostgreSQL cannot hold (NULL or ragged sub-lists, a leaf
     * type without codec) becomes a {@link Literal}.
     */
    static Object array(Object[] items, PgColumnType element, boolean nested, PgType leaf, boolean hasCodec,
                        CodecContext ctx) {
        Object[] values = new Object[items.length];
        for (int i = 0; i < items.length; i++) {
            Object item = items[i];
            if (item == null) continue;
            values[i] = element.pgValue(item, ctx);
        }
        if (!hasCodec) return new Literal(literal(values, element, ctx));
        if (!nested) return PgArray.of(leaf.oid(), values);
        PgArray merged = merge(values, leaf.oid());
        return merged != null ? merged : new Literal(literal(values, element, ctx));
    }

    /** Sub-arrays of the same shape as one array with a leading dimension; null if they differ. */
    private static PgArray merge(Object[] subArrays, int leafOid) {
        if (subArrays.length == 0) return PgArray.empty(leafOid);
        int[] shape = null;
        int size = 0;
        for (Object o : subArrays) {
            if (!(o instanceof PgArray a) || a.ndim() == 0) return null;
            if (shape == null) {
                shape = a.dimensions();
                size = a.size();
            } else if (!Arrays.equals(shape, a.dimensions())) {
                return null;
            }
        }
        if (shape.length + 1 > PgArray.MAX_DIMENSIONS) return null;
        int[] dims = new int[shape.length + 1];
        int[] lower = new int[dims.length];
        dims[0] = subArrays.length;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        Arrays.fill(lower, 1);
        Object[] elements = new Object[subArrays.length * size];
        for (int i = 0; i < subArrays.length; i++) {
            System.arraycopy(((PgArray) subArrays[i]).elements(), 0, elements, i * size, size);
        }
        return new PgArray(leafOid, dims, lower, elements);
    }

    /** array_out's notation for values the registry cannot write as one array. */
    private static String literal(Object[] values, PgColumnType element, CodecContext ctx) {
        StringBuilder sb = new StringBuilder().append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(',');
            Object v = values[i];
            if (v == null) {
                sb.append("NULL");
            } else if (v instanceof Literal l) {
                sb.append(l.text());
            } else if (v instanceof PgArray a) {
                sb.append(PgTypes.REGISTRY.encodeText(PgTypes.REGISTRY.oidFor(a), a, ctx));
            } else {
                appendArrayElement(sb, PgTypes.REGISTRY.encodeText(element.pgType.oid(), v, ctx));
            }
        }
        return sb.append('}').toString();
    }

    /**
     * One array element as array_out writes it: quoted when empty, "NULL" in any case, or holding
     * braces, the delimiter, quotes, backslashes or white space; quotes and backslashes escaped.
     */
    static void appendArrayElement(StringBuilder sb, String value) {
        appendQuoted(sb, value, value.equalsIgnoreCase("NULL"), '{', '}', '\\');
    }

    /**
     * One attribute as record_out writes it: quoted when empty or holding parentheses, the
     * delimiter, quotes, backslashes or white space; quotes and backslashes doubled.
     */
    static void appendRecordAttribute(StringBuilder sb, String value) {
        appendQuoted(sb, value, false, '(', ')', '\0');
    }

    /**
     * {@code value} as array_out and record_out write an element: in double quotes when it is
     * empty, {@code alwaysQuote}, or holds {@code open}, {@code close}, a comma, a quote, a
     * backslash or white space; inside the quotes each quote and backslash is preceded by
     * {@code escape} ({@code '\0'}: by itself, doubled).
     */
    private static void appendQuoted(StringBuilder sb, String value, boolean alwaysQuote, char open, char close, char escape) {
        boolean quote = alwaysQuote || value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == '"' || c == '\\' || c == open || c == close || c == ',' || c == ' ' || c == '\t' || c == '\n'
                    || c == '\r' || c == 0x0b || c == '\f';
        }
        if (!quote) {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') sb.append(escape == '\0' ? c : escape);
            sb.append(c);
        }
        sb.append('"');
    }
}
