package dev.pgwire.serve.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Numeric division and {@code avg} of exact numbers as PostgreSQL computes them (numeric.c:
 * select_div_scale): the quotient rounded at a display scale that depends on both operands'
 * scales <em>and magnitudes</em>, so in general it is known only row by row. Three forms, cheapest
 * first:
 *
 * <ul>
 *   <li><b>DuckDB's decimal arithmetic</b>, where the translation can prove the value without
 *       knowing the row: a quotient that feeds further arithmetic (the nested form, DECIMAL(38,20))
 *       of a column by a constant whose inverse is a finite decimal ({@code / 100.0}, {@code / 4},
 *       {@code / 0.5}) is {@code a × (1/c)} exactly, as long as PostgreSQL's scale for it is at
 *       least the digits of that product — which holds below a magnitude bound computed here;
 *       rows above the bound take the function below.</li>
 *   <li><b>The scaled function</b> ({@code pgwire_numeric_div_scaled}), where both operands' DuckDB
 *       scales are known (integers, numeric(p,s), constants, {@code avg}'s sum and count): their
 *       unscaled values and scales, no text.</li>
 *   <li><b>The text function</b> ({@code pgwire_numeric_div}), for operands whose scale only their
 *       value knows (numeric without modifier).</li>
 * </ul>
 * At top level a quotient is PostgreSQL's text (its display scale is per row); nested it is
 * DECIMAL(38,20), rounded from PostgreSQL's value where that has more than 20 decimals.
 */
final class ExactDivision {
    private ExactDivision() {}

    /** PostgreSQL's NUMERIC_MIN_SIG_DIGITS. */
    private static final int MIN_SIG_DIGITS = 16;
    /** The scale of the nested form (EngineFunctions.NESTED_DIVISION_SCALE). */
    private static final int NESTED_SCALE = 20;
    /** Digits before the point DECIMAL(38,20) holds. */
    private static final int NESTED_WHOLE_DIGITS = 38 - NESTED_SCALE;
    private static final int MAX_DIGITS = 38;

    /**
     * Numeric division with PostgreSQL's result scale (at top level its exact text, nested 20
     * decimals), typed numeric. An integer cast to numeric has no decimals (DuckDB's cast gives it
     * ten): its scale is 0 in the quotient's.
     */
    static Node divide(Node a, SqlType ta, Node b, SqlType tb, TypeResolver types, TypeResolver.Scope scope) {
        SqlType integerA = integerBeneath(a, ta, types, scope);
        SqlType integerB = integerBeneath(b, tb, types, scope);
        if (integerA != null) {
            a = a.node("arg");
            ta = integerA;
        }
        if (integerB != null) {
            b = b.node("arg");
            tb = integerB;
        }
        Node n = divide(a, ta, b, tb);
        types.assume(n, SqlType.NUMERIC);
        return n;
    }

    /** The integer type of {@code x} in {@code x::numeric} (numeric without modifier), else null. */
    static SqlType integerBeneath(Node e, SqlType t, TypeResolver types, TypeResolver.Scope scope) {
        if (t == null || t.isArray() || !t.name().equals("numeric") || t.typmod() >= 0 || !e.is("TypeCast")) return null;
        SqlType inner = types.type(e.node("arg"), scope);
        return inner != null && !inner.isArray() && inner.isInteger() ? inner : null;
    }

    /** {@code a / b}, both exact numbers and at least one numeric (arguments already rewritten). */
    static Node divide(Node a, SqlType ta, Node b, SqlType tb) {
        // a quotient (or avg, stddev, …) divided again is divided as PostgreSQL's text of it: its
        // display scale (16 digits for 10.00 / 3) sets the next quotient's, where the nested
        // form's 20 decimals would give 10.00 / 3 / 2 four more digits than PostgreSQL does
        boolean quotient = a.has("topLevelSql") || b.has("topLevelSql");
        if (quotient) {
            a = asText(a);
            b = asText(b);
        }
        Scaled x = quotient ? null : scaled(a, ta, 0);
        Scaled y = quotient ? null : scaled(b, tb, 1);
        String nested;
        String top;
        if (x != null && y != null) {
            nested = x.call("pgwire_numeric_div_scaled", y);
            top = x.call("pgwire_numeric_div_scaled_text", y);
        } else {
            nested = "pgwire_numeric_div(CAST({0} AS VARCHAR), CAST({1} AS VARCHAR))";
            top = "pgwire_numeric_div_text(CAST({0} AS VARCHAR), CAST({1} AS VARCHAR))";
        }
        String[] exact = quotient || ta == null ? null : byConstant(a, ta, b);
        if (exact != null) nested = exact[0].replace("%fallback%", nested);
        Node n = Expressions.duckDb(nested, a, b);
        n.set("exactDivision", true);
        n.set("topLevelSql", top);
        if (exact != null) n.set("narrowSql", exact[1].replace("%fallback%", top));
        if (x != null && y != null) n.set("roundSql", x.call("pgwire_numeric_div_scaled_round", y));
        return n;
    }

    /** A quotient's text form (PostgreSQL's text, at its display scale); anything else as it is. */
    static Node asText(Node e) {
        if (!e.is("DuckDbSql") || !e.has("topLevelSql")) return e;
        return Expressions.duckDb(e.str("topLevelSql"), e.list("args").toArray(new Node[0]));
    }

    /**
     * GROUP BY items that are quotients shown as result columns: grouped by the text the result
     * column shows, which DuckDB then finds among the groups (grouped by the number, the column's
     * text would be of an ungrouped expression).
     */
    static void groupByShownText(List<Node> groups, List<Node> targets) {
        for (int i = 0; i < groups.size(); i++) {
            Node g = groups.get(i);
            if (!g.is("DuckDbSql") || !g.bool("exactDivision")) continue;
            Node text = asText(g);
            for (Node t : targets) {
                if (Checks.sameExpression(t.node("val"), text)) {
                    groups.set(i, text);
                    break;
                }
            }
        }
    }

    /**
     * The quotient as the argument of a cast to numeric(p,{@code scale}): where it has a form of its
     * own exact value's scale (see {@link #byConstant}), that form, so DuckDB rounds once from a
     * narrow decimal instead of from DECIMAL(38,20); where its operands' scales are known, the
     * function's quotient already rounded to {@code scale} (PostgreSQL's cast rounds its quotient
     * half away from zero, and so does the function); else the quotient itself.
     */
    static Node castArgument(Node quotient, int scale) {
        if (!quotient.is("DuckDbSql")) return quotient;
        Node[] args = quotient.list("args").toArray(new Node[0]);
        if (quotient.has("narrowSql")) return Expressions.duckDb(quotient.str("narrowSql"), args);
        if (!quotient.has("roundSql") || scale < 0 || scale > MAX_DIGITS) return quotient;
        // the function rounds PostgreSQL's quotient to the cast's scale itself: an unscaled value of that scale
        String call = quotient.str("roundSql");
        String rounded = "CAST(" + call.substring(0, call.length() - 1) + ", " + scale + ") AS DECIMAL(38,0))";
        if (scale == 0) return Expressions.duckDb(rounded, args);
        return Expressions.duckDb(rounded + " * CAST('0." + "0".repeat(scale - 1) + "1' AS DECIMAL(" + scale + "," + scale + "))", args);
    }

    /** {@code avg(x)} of an exact number: sum / count with PostgreSQL's scale, null over no rows. */
    static Node average(Node sum, Node count, SqlType argument) {
        Scaled s = null;
        if (isInteger(argument)) {
            s = new Scaled("CAST({0} AS HUGEINT)", 0);
        } else if (argument != null && argument.numericPrecisionAndScale() != null) {
            // DuckDB's sum of DECIMAL(p,s) is DECIMAL(38,s): its digits without the point are the unscaled value
            s = new Scaled("CAST(replace(CAST({0} AS VARCHAR), '.', '') AS HUGEINT)", argument.numericPrecisionAndScale()[1]);
        }
        Scaled n = new Scaled("CAST(nullif({1}, 0) AS HUGEINT)", 0);
        String nested = s != null ? s.call("pgwire_numeric_div_scaled", n)
                : "pgwire_numeric_div(CAST({0} AS VARCHAR), CAST(nullif({1}, 0) AS VARCHAR))";
        String top = s != null ? s.call("pgwire_numeric_div_scaled_text", n)
                : "pgwire_numeric_div_text(CAST({0} AS VARCHAR), CAST(nullif({1}, 0) AS VARCHAR))";
        Node q = Expressions.duckDb(nested, sum, count);
        q.set("exactDivision", true);
        q.set("topLevelSql", top);
        if (s != null) q.set("roundSql", s.call("pgwire_numeric_div_scaled_round", n));
        return q;
    }

    /** An operand as DuckDB SQL for its unscaled value (a HUGEINT) and the scale it has. */
    private record Scaled(String unscaled, int scale) {
        String call(String function, Scaled divisor) {
            return function + "(" + unscaled + ", " + scale + ", " + divisor.unscaled + ", " + divisor.scale + ")";
        }
    }

    /** The operand {@code {index}} as an unscaled value and a scale, or null where its DuckDB scale is not known. */
    private static Scaled scaled(Node e, SqlType t, int index) {
        BigDecimal c = constant(e);
        if (c != null) {
            if (c.scale() < 0) c = c.setScale(0);
            if (c.precision() > MAX_DIGITS) return null;
            return new Scaled("CAST('" + c.unscaledValue() + "' AS HUGEINT)", c.scale());
        }
        if (isInteger(t)) return new Scaled("CAST({" + index + "} AS HUGEINT)", 0);
        int[] ps = t == null ? null : t.numericPrecisionAndScale();
        if (ps == null) return null;
        int p = ps[0];
        int s = ps[1];
        if (p + s <= MAX_DIGITS) {
            // the value times 10^s is an integer of at most p + s digits
            return new Scaled("CAST({" + index + "} * CAST('1" + "0".repeat(s) + "' AS DECIMAL(" + (s + 1) + ",0)) AS HUGEINT)", s);
        }
        return new Scaled("CAST(replace(CAST({" + index + "} AS VARCHAR), '.', '') AS HUGEINT)", s);
    }

    /**
     * The nested quotient of {@code a} by a constant {@code b} as DuckDB decimal arithmetic, with
     * {@code %fallback%} standing for the function call rows beyond the proven range take; null
     * where this form does not apply.
     *
     * <p>Why it is exact: with {@code 1/c} a finite decimal of {@code si} digits after the point,
     * {@code a / c = a × (1/c)} has at most {@code t = sa + si} of them. PostgreSQL rounds the
     * quotient at {@code max(16 − 4·qweight, sa, sb)} digits, where {@code qweight ≤ weight(a) −
     * weight(c)}; when |a| &lt; 10000^(weight(c) + ⌊(16 − t)/4⌋ + 1) that is at least {@code t},
     * so PostgreSQL's quotient is the exact product, and so is its DECIMAL(38,20) form (t ≤ 20).
     */
    private static String[] byConstant(Node a, SqlType ta, Node b) {
        BigDecimal c = constant(b);
        if (c == null || c.signum() == 0 || constant(a) != null) return null;
        int sa;
        int wholeDigits; // |a| < 10^wholeDigits for every value of a's type
        if (isInteger(ta)) {
            sa = 0;
            wholeDigits = switch (ta.name()) {
                case "int2" -> 5;
                case "int4" -> 10;
                default -> 19;
            };
        } else {
            int[] ps = ta == null ? null : ta.numericPrecisionAndScale();
            if (ps == null) return null;
            sa = ps[1];
            wholeDigits = ps[0] - ps[1];
        }
        BigDecimal inverse;
        try {
            inverse = BigDecimal.ONE.divide(c);
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
        if (inverse.scale() < 0) inverse = inverse.setScale(0);
        int t = sa + inverse.scale();
        if (t > NESTED_SCALE || inverse.precision() > MAX_DIGITS) return null;
        // the weight of c: the base-10000 group of its first digit
        int weightC = Math.floorDiv(c.precision() - c.scale() - 1, 4);
        int bound = 4 * (weightC + Math.floorDiv(MIN_SIG_DIGITS - t, 4) + 1);
        // and the product must fit DECIMAL(38,20): |a| × |1/c| < 10^18
        int inverseWhole = inverse.precision() - inverse.scale();
        bound = Math.min(bound, NESTED_WHOLE_DIGITS - Math.max(inverseWhole, 0));
        if (bound <= 0) return null;
        int digits = Math.max(inverse.precision(), inverse.scale());
        String product = "{0} * CAST('" + inverse.toPlainString() + "' AS DECIMAL(" + digits + "," + inverse.scale() + "))";
        String nested = "CAST(" + product + " AS DECIMAL(38," + NESTED_SCALE + "))";
        // the narrow form: the quotient's own digits, for every value of a's type (PostgreSQL's
        // quotient has at most t decimals also beyond the bound, rounded at a scale below t there)
        int wholeQuotient = Math.max(wholeDigits + inverseWhole, 1);
        String narrowType = wholeQuotient + t <= MAX_DIGITS ? "DECIMAL(" + (wholeQuotient + t) + "," + t + ")" : null;
        String narrow = narrowType == null ? "%fallback%" : "CAST(" + product + " AS " + narrowType + ")";
        if (wholeDigits <= bound) return new String[] {nested, narrow};
        // rows beyond the bound: |a| < 10^bound, compared in a type that holds the bound (abs of the
        // smallest bigint would not fit a bigint)
        String limit = BigInteger.TEN.pow(bound).toString();
        String test = isInteger(ta) ? "abs(CAST({0} AS HUGEINT)) < CAST('" + limit + "' AS HUGEINT)"
                : "abs({0}) < CAST('" + limit + "' AS DECIMAL(" + (bound + 1 + sa) + "," + sa + "))";
        return new String[] {"CASE WHEN " + test + " THEN " + nested + " ELSE %fallback% END",
                narrowType == null ? "%fallback%" : "CASE WHEN " + test + " THEN " + narrow + " ELSE CAST(%fallback% AS " + narrowType + ") END"};
    }

    /** The value of a numeric or integer constant, or null. */
    static BigDecimal constant(Node e) {
        if (e == null || !e.is("A_Const")) return null;
        try {
            if (e.has("fval")) return new BigDecimal(e.node("fval").str("fval"));
            if (e.has("ival")) return BigDecimal.valueOf(e.node("ival").num("ival"));
        } catch (NumberFormatException notANumber) {
            return null;
        }
        return null;
    }

    private static boolean isInteger(SqlType t) {
        return t != null && !t.isArray() && (t.name().equals("int2") || t.name().equals("int4") || t.name().equals("int8"));
    }

}
