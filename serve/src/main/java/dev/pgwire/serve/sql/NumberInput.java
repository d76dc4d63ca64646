package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.math.BigInteger;

/**
 * Text read as an integer or floating-point number by PostgreSQL's input functions (int2in,
 * int4in, int8in, float4in, float8in), where DuckDB's casts are more lenient: DuckDB rounds
 * {@code '1.5'} to 2, reads {@code '0x1F'} as 31 and {@code '1e-400'} as 0, values PostgreSQL
 * refuses (22P02, 22003). A constant is checked while translating; other text when it is cast.
 */
final class NumberInput {
    private NumberInput() {}

    /** The cast of text {@code arg} to {@code target} as PostgreSQL reads it, or null when target is not such a type. */
    static Node cast(Node arg, SqlType target, TypeResolver types) {
        if (target == null || target.isArray()) return null;
        String duckDb = switch (target.name()) {
            case "int2" -> "SMALLINT";
            case "int4" -> "INTEGER";
            case "int8" -> "BIGINT";
            case "float4" -> "FLOAT";
            case "float8" -> "DOUBLE";
            default -> null;
        };
        if (duckDb == null) return null;
        boolean integer = target.isInteger();
        String constant = arg.is("A_Const") && arg.has("sval") ? arg.node("sval").str("sval") : null;
        Node out;
        if (constant != null) {
            String checked;
            try {
                checked = integer ? integer(constant, target.name()) : floating(constant, target.name());
            } catch (PgException e) {
                throw arg.has("location") ? e.withPosition(arg.location() + 1) : e;
            }
            out = Expressions.duckDb("CAST(" + SqlWriter.quoteLiteral(checked) + " AS " + duckDb + ")");
        } else if (integer) {
            String typeName = FormatType.displayName(target);
            out = Expressions.duckDb("list_transform([CAST({0} AS VARCHAR)], lambda pg_s: CASE WHEN regexp_full_match(pg_s, '\\s*[+-]?[0-9]+\\s*') "
                    + "THEN CAST(trim(pg_s) AS " + duckDb + ") ELSE error('[pgwire:22P02] invalid input syntax for type " + typeName
                    + ": \"' || pg_s || '\"') END)[1]", arg);
        } else {
            // DuckDB's float input agrees with PostgreSQL's but for range: beyond it is 22003, not Infinity or 0
            String typeName = FormatType.displayName(target);
            out = Expressions.duckDb("list_transform([CAST({0} AS VARCHAR)], lambda pg_s: list_transform([CAST(pg_s AS " + duckDb + ")],"
                    + " lambda pg_v: CASE WHEN isinf(pg_v) AND NOT regexp_full_match(lower(trim(pg_s)), '[+-]?inf(inity)?')"
                    + " OR pg_v = 0 AND NOT regexp_full_match(trim(pg_s), '[+-]?0*\\.?0*([eE][+-]?[0-9]+)?')"
                    + " THEN error('[pgwire:22003] \"' || pg_s || '\" is out of range for type " + typeName + "') ELSE pg_v END)[1])[1]", arg);
        }
        if (arg.has("location")) out.set("location", arg.location());
        types.assume(out, target.withoutTypmod());
        return out;
    }

    /**
     * A list of text cast to a list of int2, int4 or int8 ({@code string_to_array(s, ',')::int[]},
     * {@code ARRAY['1', '2']::int[]}, text cast to {@code int[]} while the statement runs): each
     * element read by PostgreSQL's integer input, as the scalar cast reads it; null for other types.
     */
    static Node integerList(Node textList, SqlType target) {
        if (target == null || target.dims() != 1 || !target.element().isInteger()) return null;
        String duckDb = switch (target.name()) {
            case "int2" -> "SMALLINT";
            case "int4" -> "INTEGER";
            default -> "BIGINT";
        };
        String typeName = FormatType.displayName(target.element());
        return Expressions.duckDb("list_transform(CAST({0} AS VARCHAR[]), lambda pg_s: CASE WHEN pg_s IS NULL THEN NULL "
                + "WHEN regexp_full_match(pg_s, '\\s*[+-]?[0-9]+\\s*') THEN CAST(trim(pg_s) AS " + duckDb + ") "
                + "ELSE error('[pgwire:22P02] invalid input syntax for type " + typeName + ": \"' || pg_s || '\"') END)", textList);
    }

    /** An element of an integer array constant as int2in, int4in or int8in read it; null for other element types. */
    static String integerElement(String text, String pgElementName) {
        String type = switch (pgElementName) {
            case "int2", "smallint" -> "int2";
            case "int4", "integer", "int" -> "int4";
            case "int8", "bigint" -> "int8";
            default -> null;
        };
        return type == null ? null : integer(text, type);
    }

    private static String integer(String text, String type) {
        String t = text.strip();
        boolean ok = !t.isEmpty();
        for (int i = 0; ok && i < t.length(); i++) {
            char c = t.charAt(i);
            ok = c >= '0' && c <= '9' || i == 0 && (c == '+' || c == '-') && t.length() > 1;
        }
        String name = type.equals("int2") ? "smallint" : type.equals("int4") ? "integer" : "bigint";
        if (!ok) throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + name + ": \"" + text + "\"");
        BigInteger v = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
        int bits = type.equals("int2") ? 15 : type.equals("int4") ? 31 : 63;
        if (v.bitLength() > bits) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + text + "\" is out of range for type " + name);
        }
        return v.toString();
    }

    private static String floating(String text, String type) {
        String t = text.strip();
        String name = type.equals("float4") ? "real" : "double precision";
        String word = t.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
        if (word.equals("infinity") || word.equals("inf") || word.equals("nan")) return t;
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return text; // NaN, Infinity and their spellings: DuckDB's input reads them as PostgreSQL does
        }
        if (t.endsWith("f") || t.endsWith("F") || t.endsWith("d") || t.endsWith("D") || t.toLowerCase(java.util.Locale.ROOT).startsWith("0x")) {
            throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + name + ": \"" + text + "\"");
        }
        boolean nonZeroDigits = t.chars().takeWhile(c -> c != 'e' && c != 'E').anyMatch(c -> c >= '1' && c <= '9');
        double magnitude = Math.abs(v);
        boolean outOfRange = Double.isInfinite(v) || v == 0 && nonZeroDigits
                || type.equals("float4") && (magnitude > Float.MAX_VALUE || magnitude != 0 && magnitude < Float.MIN_VALUE);
        if (outOfRange) throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"" + text + "\" is out of range for type " + name);
        return t;
    }
}
