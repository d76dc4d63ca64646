package dev.pgwire.serve.sql;

import dev.pgwire.serve.NumericMath;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * sqrt, exp, ln, log, log10 and power (and {@code ^}) of numeric as PostgreSQL computes them, and
 * round and trunc to a number of decimals that is not a constant: calls
 * of serve's function (EngineFunctions' pgwire_numeric_math, NumericMath) with PostgreSQL's result
 * scale and digits, where DuckDB's would compute in double precision. As a quotient
 * ({@link ExactDivision}): PostgreSQL's text as a result column, DECIMAL(38,20) where it feeds
 * further arithmetic.
 */
final class NumericMathCalls {
    private NumericMathCalls() {}

    /**
     * The call for function {@code name} of {@code args} (their types {@code argTypes}) where it is
     * numeric's form — an argument numeric, the others numeric or integers — else null.
     */
    static Node call(String name, List<Node> args, List<SqlType> argTypes) {
        String fn = switch (name) {
            case "sqrt", "exp", "ln", "log10" -> name;
            case "log" -> args.size() == 1 ? "log10" : "log";
            case "power", "pow" -> "power";
            // to a number of decimals from a column or parameter, which DuckDB takes only as a constant
            case "round", "trunc" -> args.size() == 2 && ExactDivision.constant(args.get(1)) == null && isInt4(argTypes.get(1)) ? name : null;
            default -> null;
        };
        int arity = fn == null ? 0 : NumericMath.isBinary(fn) ? 2 : 1;
        if (fn == null || args.size() != arity || argTypes.size() != arity) return null;
        // round(integer, k) is round(numeric, k)
        boolean numeric = fn.equals("round") || fn.equals("trunc");
        int strip = 0;
        List<Node> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            SqlType t = argTypes.get(i);
            Node arg = args.get(i);
            if (t == null || t.isArray() || !(t.name().equals("numeric") || t.isInteger())) return null;
            numeric |= t.name().equals("numeric");
            BigDecimal constant = ExactDivision.constant(arg);
            if (constant != null) {
                // a constant's digits are its display scale (2.50 has two decimals)
                texts.add("'" + constant.toPlainString() + "'");
                continue;
            }
            // a numeric without modifier is held with ten decimals: its trailing zeros are not its display scale;
            // a quotient's text has exactly PostgreSQL's
            if (t.name().equals("numeric") && t.typmod() < 0 && !arg.has("topLevelSql")) strip |= 1 << i;
            texts.add("CAST({" + values.size() + "} AS VARCHAR)");
            values.add(ExactDivision.asText(arg));
        }
        if (!numeric) return null;
        String call = "('" + fn + "', " + texts.get(0) + ", " + (arity == 2 ? texts.get(1) : "NULL") + ", " + strip + ")";
        Node n = Expressions.duckDb("pgwire_numeric_math" + call, values.toArray(new Node[0]));
        n.set("exactDivision", true);
        n.set("topLevelSql", "pgwire_numeric_math_text" + call);
        return n;
    }

    private static boolean isInt4(SqlType t) {
        return t != null && !t.isArray() && (t.name().equals("int4") || t.name().equals("int2"));
    }
}
