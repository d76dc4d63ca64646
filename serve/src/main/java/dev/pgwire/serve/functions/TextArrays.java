package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgArray;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Text arrays as JSON text, the form in which they cross into and out of DuckDB's Java functions
 * (which take and return no LIST values): a text[] result is {@code ["a",null,"b"]}, which
 * {@code CAST(CAST(x AS JSON) AS VARCHAR[])} turns into a DuckDB list; an array argument is
 * {@code to_json(list)}. Nested arrays read as their elements in order, as PostgreSQL walks a
 * multidimensional array; JSON booleans read as PostgreSQL prints booleans ({@code t}, {@code f}) and
 * numbers as written.
 */
final class TextArrays {
    private TextArrays() {}

    static String toJson(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(',');
            String s = items.get(i);
            if (s == null) out.append("null");
            else quote(out, s);
        }
        return out.append(']').toString();
    }

    static String toJsonNested(List<List<String>> rows) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) out.append(',');
            out.append(toJson(rows.get(i)));
        }
        return out.append(']').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /**
     * array_in for a value read at run time ({@code x::int[]} of a text column): the elements of
     * PostgreSQL's array text as a JSON array of strings, which DuckDB casts to the element type.
     * A DuckDB list has one dimension per type, so a text of several dimensions is refused.
     * With {@code exactScale} ≥ 0 (an array of numeric without modifier), an element with more
     * fraction digits than that, or too many before the point, is 22003 rather than rounded.
     */
    static String fromArrayText(String text, int exactScale) {
        PgArray a = (PgArray) TypeRegistry.standard().decodeText(PgType.TEXT_ARRAY.oid(), text, CodecContext.DEFAULT);
        if (a.ndim() == 1 && a.lowerBounds()[0] != 1) {
            // DuckDB's lists start at 1: '[0:1]={7,8}' would have its subscripts moved
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "array lower bounds other than 1 are not supported: \"" + text + "\"");
        }
        if (a.ndim() > 1) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "a multidimensional array cannot be read from text while a statement runs: \"" + text + "\"")
                    .withHint("Write the array as a constant, or as ARRAY[[…], […]].");
        }
        List<String> items = new ArrayList<>();
        for (Object o : a.elements()) {
            String item = (String) o;
            if (item != null && exactScale >= 0) exactNumeric(item, exactScale);
            items.add(item);
        }
        return toJson(items);
    }

    private static void exactNumeric(String item, int scale) {
        java.math.BigDecimal d;
        try {
            d = new java.math.BigDecimal(item.strip());
        } catch (NumberFormatException e) {
            return; // DuckDB's cast refuses it (22P02)
        }
        d = d.stripTrailingZeros();
        if (d.scale() > scale || d.precision() - d.scale() > 38 - scale) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow: " + item.strip()
                    + " cannot be held exactly in a numeric without precision (" + (38 - scale) + " digits before and "
                    + scale + " after the point)");
        }
    }

    /** The elements of a JSON array (flattened); null for JSON null. */
    static List<String> fromJson(String json) {
        Reader r = new Reader(json);
        r.ws();
        List<String> out = new ArrayList<>();
        r.array(out);
        r.ws();
        if (r.i != json.length()) throw r.bad();
        return out;
    }

    private static final class Reader {
        final String s;
        int i;

        Reader(String s) { this.s = s; }

        IllegalArgumentException bad() {
            return new IllegalArgumentException("not a JSON array: " + s);
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        void array(List<String> out) {
            if (i >= s.length() || s.charAt(i) != '[') throw bad();
            i++;
            ws();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return;
            }
            while (true) {
                ws();
                if (i >= s.length()) throw bad();
                char c = s.charAt(i);
                if (c == '[') array(out);
                else if (c == '"') out.add(string());
                else out.add(scalar());
                ws();
                if (i >= s.length()) throw bad();
                c = s.charAt(i++);
                if (c == ']') return;
                if (c != ',') throw bad();
            }
        }

        String scalar() {
            int start = i;
            while (i < s.length() && ",]} \t\r\n".indexOf(s.charAt(i)) < 0) i++;
            String t = s.substring(start, i);
            return switch (t) {
                case "null" -> null;
                case "true" -> "t";
                case "false" -> "f";
                default -> {
                    if (t.isEmpty()) throw bad();
                    yield t;
                }
            };
        }

        String string() {
            i++;
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') return out.toString();
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (i >= s.length()) throw bad();
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw bad();
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            throw bad();
        }
    }
}
