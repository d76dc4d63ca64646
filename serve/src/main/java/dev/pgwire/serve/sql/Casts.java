package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Casts with PostgreSQL's meaning. Constants are converted by PostgreSQL's input rules while
 * translating — an array literal {@code '{1,2}'} becomes a DuckDB list, a bytea literal
 * {@code '\xdeadbeef'} its bytes, a numeric constant a DECIMAL just wide enough to hold it — and
 * casts that PostgreSQL defines to shorten a value ({@code varchar(n)}, {@code char(n)}) shorten it.
 */
final class Casts {
    private Casts() {}

    static void write(Emitter em, Node arg, Node typeName) {
        String base = TypeMapper.isBuiltin(typeName) ? TypeMapper.baseName(typeName).toLowerCase(Locale.ROOT) : "";
        List<Long> mods = TypeMapper.typmods(typeName);
        boolean textual = base.equals("varchar") || base.equals("character varying") || base.equals("bpchar") || base.equals("char")
                || base.equals("character");
        if (!textual || mods.isEmpty() || typeName.list("arrayBounds").size() != 1) {
            cast(em, arg, typeName);
            return;
        }
        // varchar(n)[] and char(n)[]: each element shortened as a cast of it would be (char(n) kept without trailing spaces)
        int n = mods.get(0).intValue();
        boolean bpchar = !base.contains("var");
        String constant = arg.is("A_Const") ? Operators.stringConstant(arg) : null;
        List<String> elements = constant == null ? null : ArrayLiteral.parseOneDimension(constant);
        if (elements != null) {
            StringBuilder text = new StringBuilder("{");
            for (String e : elements) {
                if (text.length() > 1) text.append(',');
                if (e == null) {
                    text.append("NULL");
                    continue;
                }
                String cut = e.codePointCount(0, e.length()) > n ? e.substring(0, e.offsetByCodePoints(0, n)) : e;
                if (bpchar) cut = cut.replaceAll(" +$", "");
                text.append('"').append(cut.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            cast(em, JsonText.constant(text.append('}').toString()), typeName);
            return;
        }
        em.w.append("list_transform(");
        cast(em, arg, typeName);
        em.w.append(", lambda pg_e: ").append(bpchar ? "rtrim(left(pg_e, " + n + "), ' ')" : "left(pg_e, " + n + ")").append(')');
    }

    private static void cast(Emitter em, Node arg, Node typeName) {
        SqlWriter w = em.w;
        String base = TypeMapper.isBuiltin(typeName) ? TypeMapper.baseName(typeName).toLowerCase(Locale.ROOT) : "";
        String constant = Operators.stringConstant(arg);
        boolean stringConstant = constant != null && arg.is("A_Const");
        if (TypeMapper.isArray(typeName)) {
            if (stringConstant) {
                ArrayLiteral.write(em, constant, em.types.elementType(typeName), base);
                return;
            }
        } else {
            switch (base) {
                case "numeric", "decimal" -> {
                    if (TypeMapper.typmods(typeName).isEmpty() && numericConstant(em, arg, constant)) return;
                }
                case "bytea" -> {
                    if (stringConstant) {
                        w.append(Bytea.literal(constant));
                        return;
                    }
                }
                case "varchar", "character varying", "bpchar", "char", "character" -> {
                    List<Long> mods = TypeMapper.typmods(typeName);
                    if (base.equals("char") && mods.isEmpty()) {
                        // "char" (the one-byte type the grammar's CHAR is not: that is bpchar) keeps the first character
                        w.append("left(CAST(");
                        em.expr(arg);
                        w.append(" AS VARCHAR), 1)");
                        return;
                    }
                    if (!mods.isEmpty()) {
                        long n = mods.get(0);
                        boolean bpchar = !base.contains("var");
                        // an explicit cast shortens silently in PostgreSQL; char(n) is kept without its
                        // trailing spaces (its output pads them back, comparisons ignore them)
                        w.append(bpchar ? "rtrim(left(CAST(" : "left(CAST(");
                        em.expr(arg);
                        w.append(" AS VARCHAR), ").append(n).append(')');
                        if (bpchar) w.append(", ' ')");
                        return;
                    }
                }
                case "float8", "float4", "double precision", "real", "float", "double" -> {
                    if (arg.is("A_Const") && arg.has("fval")) {
                        // a constant too wide for numeric still converts to float as PostgreSQL converts it;
                        // a numeric has no negative zero, so -0.0 is 0
                        String digits = arg.node("fval").str("fval");
                        if (digits.startsWith("-") && new java.math.BigDecimal(digits).signum() == 0) digits = digits.substring(1);
                        w.append("CAST(").literal(digits).append(" AS ")
                                .append(em.types.duckDbType(typeName)).append(')');
                        return;
                    }
                }
                case "int2", "int4", "int8", "smallint", "integer", "bigint", "int" -> {
                    // a string constant read by int4in and its kin ('1.5' is 22P02; DuckDB's cast would round it):
                    // the casts the typed rewrites did not see, a domain's base cast say
                    String checked = stringConstant ? NumberInput.integerElement(constant, base) : null;
                    if (checked != null) {
                        w.append("CAST(").literal(checked).append(" AS ").append(em.types.duckDbType(typeName)).append(')');
                        return;
                    }
                }
                case "bool", "boolean" -> {
                    if (stringConstant) {
                        w.append(Booleans.parse(constant) ? "true" : "false");
                        return;
                    }
                }
                default -> { }
            }
        }
        if (!TypeMapper.isArray(typeName) && !TypeMapper.knownBuiltin(base) && !arg.is("RowExpr") && composite(em, typeName) != null) {
            // text read as PostgreSQL's record_in reads it, then DuckDB's cast of each quoted attribute
            CompositeMeta c = composite(em, typeName);
            w.append("CAST(pg_record_in(CAST(");
            em.expr(arg);
            w.append(" AS VARCHAR), ").append(c.attributes().size()).append(") AS ").append(em.types.duckDbType(typeName)).append(')');
            return;
        }
        w.append("CAST(");
        em.expr(arg);
        w.append(" AS ").append(em.types.castType(typeName)).append(')');
    }

    /** The composite type a type name names, or null. */
    static CompositeMeta composite(Emitter em, Node typeName) {
        List<String> names = typeName.names("names");
        if (names.isEmpty()) return null;
        return em.types.catalog().composite(names.size() > 1 ? names.get(names.size() - 2) : null, names.get(names.size() - 1));
    }

    /**
     * {@code <constant>::numeric}: the constant's exact value in a DECIMAL just wide enough, so
     * {@code 1e30::numeric} and {@code '12345.6789'::numeric} keep every digit.
     */
    private static boolean numericConstant(Emitter em, Node arg, String text) {
        BigDecimal v;
        if (arg.is("A_Const") && arg.has("ival")) {
            v = BigDecimal.valueOf(arg.node("ival").num("ival"));
        } else if (arg.is("A_Const") && arg.has("fval")) {
            v = Literals.exact(arg.node("fval").str("fval"));
        } else if (text != null && arg.is("A_Const")) {
            String t = text.trim();
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("nan") || lower.endsWith("infinity") || lower.equals("inf") || lower.equals("-inf")) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "numeric value " + t + " cannot be stored")
                        .withDetail("serve holds numeric values as exact decimals, which have no NaN or infinity.");
            }
            try {
                v = Literals.exact(t);
            } catch (NumberFormatException e) {
                throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type numeric: \"" + text + "\"");
            }
        } else {
            return false;
        }
        int scale = Math.max(v.scale(), 0);
        int digits = Math.max(v.precision() - v.scale(), 0) + scale;
        if (digits > Literals.MAX_PRECISION) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric value out of range: " + v.toPlainString())
                    .withDetail("Numbers are held exactly in at most " + Literals.MAX_PRECISION + " digits.");
        }
        // at least one digit before the point: DuckDB writes DECIMAL(2,2)'s 0.10 as ".10"
        int precision = Math.min(Math.max(v.precision() - v.scale(), 1) + scale, Literals.MAX_PRECISION);
        em.w.append("CAST(").literal(v.toPlainString()).append(" AS DECIMAL(").append(Math.max(precision, 1))
                .append(',').append(scale).append("))");
        return true;
    }
}
