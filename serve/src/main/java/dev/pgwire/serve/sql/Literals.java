package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.math.BigDecimal;
import java.util.List;

/**
 * Constants written so that DuckDB reads the value PostgreSQL reads. A PostgreSQL numeric
 * constant ({@code 1.5}, {@code 1e30}) is exact: DuckDB reads a decimal constant as an exact
 * DECIMAL but one with an exponent as a DOUBLE, so constants are written out in plain digits, and a
 * constant DuckDB cannot hold exactly (more than 38 digits) is an error rather than a rounded
 * double.
 */
final class Literals {
    private Literals() {}

    /** DuckDB's widest DECIMAL. */
    static final int MAX_PRECISION = 38;

    /**
     * A PostgreSQL constant the parser kept as text (a decimal, one with an exponent, or an integer
     * too wide for int4) as DuckDB SQL of the same exact value and type: integers that fit int8 are
     * bigint, as PostgreSQL types them, everything else numeric.
     */
    static String numeric(String text) {
        if (isInteger(text)) {
            try {
                long l = Long.parseLong(text);
                return l < 0 ? "(" + l + ")" : Long.toString(l);
            } catch (NumberFormatException wider) {
                // numeric in PostgreSQL
            }
        }
        BigDecimal v = exact(text);
        String plain = v.toPlainString();
        if (v.scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            // an integral value written with a point or exponent stays numeric in PostgreSQL
            return "CAST(" + plain + " AS DECIMAL(" + Math.max(1, v.precision() - Math.min(0, v.scale())) + ",0))";
        }
        return plain.startsWith("-") ? "(" + plain + ")" : plain;
    }

    private static boolean isInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (start == text.length()) return false;
        for (int i = start; i < text.length(); i++) if (!Character.isDigit(text.charAt(i))) return false;
        return true;
    }

    /** The largest integer DuckDB holds exactly (HUGEINT's maximum). */
    private static final BigDecimal HUGEINT_MAX = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(127).subtract(java.math.BigInteger.ONE));

    /**
     * A numeric constant ({@code 1e300}, {@code 1.5e-39}) that DuckDB cannot hold exactly, given
     * where PostgreSQL converts it to double precision (stored into a float column, or beside a
     * float operand): cast to {@code type} (float4 or float8) — the nearest double, as
     * PostgreSQL's numeric to float8 conversion gives it. Other constants and expressions: null.
     */
    static Node asFloat(Node value, SqlType type) {
        if (type == null || type.isArray() || !type.isFloat() || value == null || !value.is("A_Const") || !value.has("fval")) return null;
        try {
            exact(value.node("fval").str("fval"));
            return null; // held exactly: the ordinary conversion applies
        } catch (PgException e) {
            // beyond the float's range, or so small that it would be 0, is 22003 as float4in / float8in report it
            String text = value.node("fval").str("fval");
            boolean real = type.name().equals("float4");
            double d = real ? Float.parseFloat(text) : Double.parseDouble(text);
            if (Double.isInfinite(d) || d == 0 && new BigDecimal(text).signum() != 0) {
                throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"" + new BigDecimal(text).toPlainString()
                        + "\" is out of range for type " + (real ? "real" : "double precision"));
            }
            return type.withoutTypmod().cast(value, value.location());
        }
    }

    /** The exact value of a numeric constant; 22003 when DuckDB could not hold it exactly. */
    static BigDecimal exact(String text) {
        BigDecimal v = new BigDecimal(text);
        if (v.signum() != 0) v = v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v;
        if (v.scale() <= 0 && v.abs().compareTo(HUGEINT_MAX) <= 0) return v;
        int integerDigits = Math.max(v.precision() - v.scale(), 0);
        int digits = integerDigits + Math.max(v.scale(), 0);
        if (digits > MAX_PRECISION) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric value out of range: " + text)
                    .withDetail("Numbers are held exactly in at most " + MAX_PRECISION + " digits.");
        }
        return v;
    }

    /** A bit-string constant ({@code b'0101'}, {@code x'1F'}) as DuckDB's BIT. */
    static String bitString(String bsval) {
        char kind = bsval.charAt(0);
        String digits = bsval.substring(1);
        StringBuilder bits = new StringBuilder();
        if (kind == 'x' || kind == 'X') {
            for (char c : digits.toCharArray()) {
                String b = Integer.toBinaryString(Character.digit(c, 16));
                bits.append("0".repeat(4 - b.length())).append(b);
            }
        } else {
            bits.append(digits);
        }
        return "CAST(" + SqlWriter.quoteLiteral(bits.toString()) + " AS BIT)";
    }
}
