package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * Operators rewritten by their operands' types, as part of {@link TypedRewrites}: untyped
 * constants read as the other operand's type (for comparisons, arithmetic, IN and ANY), real with
 * an exact number computed in double precision, float arithmetic checked for overflow and
 * underflow, numeric division with PostgreSQL's scale, {@code ||} on arrays, and json's operators.
 */
final class OperatorRewrites {
    private final TypeResolver types;
    private final JsonOperators json;

    OperatorRewrites(TypeResolver types, JsonOperators json) {
        this.types = types;
        this.json = json;
    }

    /** real and double precision +, -, *, /: checked for overflow and underflow (pgwire.float_* macros), else null. */
    private Node floatArithmetic(Node e, String op, SqlType l, SqlType r, Scope scope) {
        if (l == null || r == null || l.isArray() || r.isArray() || !l.isNumber() || !r.isNumber() || !(l.isFloat() || r.isFloat())) return null;
        String macro = switch (op) {
            case "+" -> "float_add";
            case "-" -> "float_sub";
            case "*" -> "float_mul";
            case "/" -> "float_div";
            default -> null;
        };
        if (macro == null) return null;
        SqlType result = types.type(e, scope);
        Node n = Expressions.duckDb("pgwire." + macro + "({0}, {1})", e.node("lexpr"), e.node("rexpr"));
        types.assume(n, result != null ? result : (l.is(SqlType.FLOAT4) && r.is(SqlType.FLOAT4) ? SqlType.FLOAT4 : SqlType.FLOAT8));
        return n;
    }

    private static final java.util.Set<String> COMPARISONS = java.util.Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final java.util.Set<String> PATTERN_OPERATORS = java.util.Set.of("~", "~*", "!~", "!~*", "~~", "~~*", "!~~", "!~~*");
    private static final java.util.Set<String> ARITHMETIC = java.util.Set.of("+", "-", "*", "/", "%");

    private Node numberConstant(Node constant, SqlType as) {
        if (!constant.is("A_Const") || !constant.has("sval")) return constant;
        // integers and floats by PostgreSQL's input ('0.6' is no integer: 22P02, where DuckDB's cast rounds it)
        Node input = NumberInput.cast(constant, as.withoutTypmod(), types);
        if (input != null) {
            types.assume(input, as.withoutTypmod());
            return input;
        }
        String duckDb = switch (as.name()) {
            case "int2" -> "SMALLINT";
            case "int4" -> "INTEGER";
            case "int8" -> "BIGINT";
            case "float4" -> "REAL";
            case "float8" -> "DOUBLE";
            default -> null;
        };
        if (duckDb == null && as.name().equals("numeric")) {
            // numeric input keeps the text's digits and scale ('2' is 2, '2.50' is 2.50): the constant as written
            String text = constant.node("sval").str("sval").trim();
            if (!text.matches("[+-]?[0-9]+(\\.[0-9]*)?|[+-]?\\.[0-9]+")) return constant;
            Node number = text.matches("[+-]?[0-9]{1,9}") ? Node.of("A_Const").set("ival", Node.of("Integer").set("ival", Long.parseLong(text)))
                    : Node.of("A_Const").set("fval", Node.of("Float").set("fval", text));
            number.set("location", constant.location());
            types.assume(number, text.matches("[+-]?[0-9]{1,9}") ? SqlType.INT4 : SqlType.NUMERIC);
            return number;
        }
        if (duckDb == null) return constant;
        Node cast = Expressions.duckDb("CAST({0} AS " + duckDb + ")", constant);
        types.assume(cast, as);
        return cast;
    }

    Node rewrite(Node e, Scope scope) {
        String kind = e.str("kind");
        if (kind.equals("AEXPR_IN") && e.node("lexpr") != null) {
            SqlType l = types.type(e.node("lexpr"), scope);
            List<Node> items = e.node("rexpr").list("items");
            List<SqlType> itemTypes = new ArrayList<>();
            for (Node item : items) itemTypes.add(types.type(item, scope));
            List<String> in = e.names("name");
            Node jsonb = json.in(e.node("lexpr"), items, in.get(in.size() - 1).equals("<>"), l, itemTypes);
            if (jsonb != null) return jsonb;
            String itemOp = in.get(in.size() - 1);
            for (int i = 0; i < items.size(); i++) requireComparable(itemOp, e.node("lexpr"), l, items.get(i), itemTypes.get(i), e.location());
            for (int i = 0; i < items.size(); i++) items.set(i, typedConstant(items.get(i), l));
            if (l != null && l.isNumber() && !l.isArray()) {
                // an untyped constant in the list is a number of x's type, read by its input (22P02 for '1.5' beside an integer)
                for (int i = 0; i < items.size(); i++) if (isUntypedString(items.get(i))) items.set(i, numberConstant(items.get(i), l));
            }
            if (items.size() == 1 && l != null && !l.isArray() && l.is(SqlType.FLOAT4) && itemTypes.get(0) != null && !itemTypes.get(0).isArray()
                    && (itemTypes.get(0).isExactNumeric() || itemTypes.get(0).is(SqlType.FLOAT8))) {
                // x IN (y) is x = y: a real against an exact number compares as double precision (float48eq); a longer
                // list is of the items' common type with x, real
                e.set("lexpr", asDouble(e.node("lexpr")));
            }
            return e;
        }
        if (kind.equals("AEXPR_NULLIF")) {
            SqlType l = types.type(e.node("lexpr"), scope);
            SqlType r = types.type(e.node("rexpr"), scope);
            requireComparable("=", e.node("lexpr"), l, e.node("rexpr"), r, e.location());
            boolean realLeft = l != null && r != null && !l.isArray() && !r.isArray() && l.is(SqlType.FLOAT4) && (r.isExactNumeric() || r.is(SqlType.FLOAT8));
            boolean realRight = l != null && r != null && !l.isArray() && !r.isArray() && r.is(SqlType.FLOAT4) && (l.isExactNumeric() || l.is(SqlType.FLOAT8));
            if (realLeft || realRight) {
                // compared as double precision (float48eq, float84eq); the first value is of that operator's left type
                Node n = Expressions.duckDb(realLeft ? "CASE WHEN CAST({0} AS DOUBLE) = {1} THEN NULL ELSE {0} END"
                        : "CASE WHEN CAST({0} AS DOUBLE) = CAST({1} AS DOUBLE) THEN NULL ELSE CAST({0} AS DOUBLE) END", e.node("lexpr"), e.node("rexpr"));
                types.assume(n, realLeft ? l : SqlType.FLOAT8);
                return n;
            }
            return e;
        }
        if (kind.equals("AEXPR_DISTINCT") || kind.equals("AEXPR_NOT_DISTINCT")) {
            realBesideExact(e, types.type(e.node("lexpr"), scope), types.type(e.node("rexpr"), scope));
            Node jsonb = json.distinct(e.node("lexpr"), e.node("rexpr"), kind.equals("AEXPR_NOT_DISTINCT"),
                    types.type(e.node("lexpr"), scope), types.type(e.node("rexpr"), scope));
            return jsonb != null ? jsonb : e;
        }
        if ((kind.equals("AEXPR_OP_ANY") || kind.equals("AEXPR_OP_ALL")) && e.node("lexpr") != null) {
            // an untyped constant on the right of x op ANY is an array of x's type ('{r,p}' beside a "char" column)
            SqlType l = types.type(e.node("lexpr"), scope);
            SqlType element = l == null || l.isUnknown() || l.isArray() ? SqlType.TEXT : l.withoutTypmod();
            Node right = e.node("rexpr");
            if (right.is("ParamRef") && !types.parameterDeclared(right.num("number")) && l != null && !l.isUnknown() && !l.isArray()) {
                // … and so is an untyped parameter: PostgreSQL describes x = ANY($1) with an integer x as integer[]
                e.set("rexpr", cast(right, element.arrayOf()));
                return e;
            }
            e.set("rexpr", typedConstant(right, element.arrayOf()));
            // a real against an array of exact numbers or doubles compares as double precision, as = does
            SqlType array = types.type(e.node("rexpr"), scope);
            if (l != null && !l.isArray() && l.is(SqlType.FLOAT4) && array != null && array.isArray()
                    && (array.element().isExactNumeric() || array.element().is(SqlType.FLOAT8))) {
                e.set("lexpr", asDouble(e.node("lexpr")));
            }
            return e;
        }
        if ((kind.startsWith("AEXPR_BETWEEN") || kind.startsWith("AEXPR_NOT_BETWEEN")) && e.node("lexpr") != null
                && e.node("rexpr") != null && e.node("rexpr").is("List")) {
            // a real between exact numbers or doubles compares as double precision, as = does
            SqlType l = types.type(e.node("lexpr"), scope);
            boolean wider = false;
            for (Node bound : e.node("rexpr").list("items")) {
                SqlType b = types.type(bound, scope);
                wider |= b != null && !b.isArray() && (b.isExactNumeric() || b.is(SqlType.FLOAT8));
            }
            if (l != null && !l.isArray() && l.is(SqlType.FLOAT4) && wider) e.set("lexpr", asDouble(e.node("lexpr")));
            return e;
        }
        List<String> opNames = e.names("name");
        String pattern = opNames.isEmpty() ? "" : opNames.get(opNames.size() - 1);
        if (e.node("lexpr") != null && (kind.equals("AEXPR_LIKE") || kind.equals("AEXPR_ILIKE") || kind.equals("AEXPR_SIMILAR")
                || kind.equals("AEXPR_OP") && PATTERN_OPERATORS.contains(pattern))) {
            // a character(n) value is matched with its padding, as PostgreSQL matches it ('ab   ' LIKE 'ab' is false);
            // serve keeps such values without their trailing spaces
            SqlType l = types.type(e.node("lexpr"), scope);
            if (l != null && !l.isArray() && l.is(SqlType.BPCHAR) && l.typmod() > 4) {
                Node padded = Expressions.duckDb("rpad(CAST({0} AS VARCHAR), " + (l.typmod() - 4) + ", ' ')", e.node("lexpr"));
                types.assume(padded, SqlType.TEXT);
                e.set("lexpr", padded);
            }
            if (!kind.equals("AEXPR_OP")) return e;
        }
        if (!kind.equals("AEXPR_OP") || e.node("lexpr") == null) return e;
        List<String> names = e.names("name");
        String op = names.get(names.size() - 1);
        SqlType l = types.type(e.node("lexpr"), scope);
        SqlType r = types.type(e.node("rexpr"), scope);
        // a numeric constant DuckDB cannot hold beside a float is that float (f = 1e300, 2.5e-50 * x)
        Node leftFloat = Literals.asFloat(e.node("lexpr"), r);
        Node rightFloat = Literals.asFloat(e.node("rexpr"), l);
        if (leftFloat != null) {
            e.set("lexpr", leftFloat);
            types.assume(leftFloat, r.withoutTypmod());
            l = r.withoutTypmod();
        }
        if (rightFloat != null) {
            e.set("rexpr", rightFloat);
            types.assume(rightFloat, l.withoutTypmod());
            r = l.withoutTypmod();
        }
        Node jsonOperator = json.operator(op, e.node("lexpr"), e.node("rexpr"), l, r);
        if (jsonOperator != null) return jsonOperator;
        if (op.equals("^") && l != null && r != null) {
            // numeric's power, with PostgreSQL's digits
            Node math = NumericMathCalls.call("power", List.of(e.node("lexpr"), e.node("rexpr")), List.of(l, r));
            if (math != null) {
                types.assume(math, SqlType.NUMERIC);
                return math;
            }
        }
        if (op.equals("^") && SqlType.FLOAT8.is(types.type(e, scope))) {
            // dpow, as power() of doubles: a negative base to a fractional power (2201F) or an overflow (22003) is an error
            Node pow = Expressions.duckDb("pgwire.float_pow(CAST({0} AS DOUBLE), CAST({1} AS DOUBLE))", e.node("lexpr"), e.node("rexpr"));
            types.assume(pow, SqlType.FLOAT8);
            return pow;
        }
        if (COMPARISONS.contains(op)) {
            // an untyped constant compared with a number is that number's type, read by its input ('1.5' beside an integer is 22P02)
            if (r != null && r.isNumber() && !r.isArray() && isUntypedString(e.node("lexpr"))) e.set("lexpr", numberConstant(e.node("lexpr"), r));
            if (l != null && l.isNumber() && !l.isArray() && isUntypedString(e.node("rexpr"))) e.set("rexpr", numberConstant(e.node("rexpr"), l));
        }
        if (op.equals("||") && untypedOrNull(e.node("lexpr")) != untypedOrNull(e.node("rexpr"))) {
            // an untyped constant, parameter or NULL concatenated with an array is an array of its type (array_cat:
            // array[1,2] || NULL is {1,2})
            boolean leftUntyped = untypedOrNull(e.node("lexpr"));
            SqlType known = leftUntyped ? r : l;
            if (known != null && known.isArray()) {
                if (leftUntyped) e.set("lexpr", cast(e.node("lexpr"), known.withoutTypmod()));
                else e.set("rexpr", cast(e.node("rexpr"), known.withoutTypmod()));
                Node joined = ArrayArguments.cat(e.node("lexpr"), e.node("rexpr"));
                types.assume(joined, known.withoutTypmod());
                return joined;
            }
        }
        if (ARITHMETIC.contains(op)) {
            Node moments = untypedBesideMoments(e, op, l, r);
            if (moments != null) return rewrite(moments, scope);
            // an untyped constant in arithmetic with a number is read as that number's type (22P02 if it is not one)
            if (r != null && r.isNumber()) e.set("lexpr", numberConstant(e.node("lexpr"), r));
            if (l != null && l.isNumber()) e.set("rexpr", numberConstant(e.node("rexpr"), l));
            // real with an exact number is double precision in PostgreSQL (float8 is the preferred type)
            if (l != null && r != null && l.is(SqlType.FLOAT4) && r.isExactNumeric()) e.set("lexpr", asDouble(e.node("lexpr")));
            if (l != null && r != null && r.is(SqlType.FLOAT4) && l.isExactNumeric()) e.set("rexpr", asDouble(e.node("rexpr")));
            // smallint with integer is integer arithmetic (int24pl, int42mul): DuckDB would keep an
            // integer constant within smallint and overflow there
            if (l != null && r != null && l.is(SqlType.INT2) && r.is(SqlType.INT4)) e.set("lexpr", asInteger(e.node("lexpr")));
            if (l != null && r != null && r.is(SqlType.INT2) && l.is(SqlType.INT4)) e.set("rexpr", asInteger(e.node("rexpr")));
            // date ± a whole number of days: DuckDB adds only an integer, and its generate_series, which
            // PostgreSQL types integer, gives bigint
            if ((op.equals("+") || op.equals("-")) && l != null && r != null && l.is(SqlType.DATE) && (r.is(SqlType.INT4) || r.is(SqlType.INT8))) {
                e.set("rexpr", asInteger(e.node("rexpr")));
            }
            if (op.equals("-") && l != null && r != null && !l.isArray() && !r.isArray() && l.is(SqlType.DATE) && r.is(SqlType.DATE)) {
                // date_mi: days between, 22008 for an infinite date (DuckDB subtracts its day numbers)
                Node n = Expressions.duckDb("CASE WHEN NOT isfinite({0}) OR NOT isfinite({1}) THEN error('[pgwire:22008] cannot subtract infinite dates')"
                        + " ELSE CAST({0} - {1} AS INTEGER) END", e.node("lexpr"), e.node("rexpr"));
                types.assume(n, SqlType.INT4);
                return n;
            }
            if (op.equals("+") && l != null && r != null && r.is(SqlType.DATE) && (l.is(SqlType.INT4) || l.is(SqlType.INT8))) {
                e.set("lexpr", asInteger(e.node("lexpr")));
            }
            if (op.equals("*") && l != null && r != null && l.isExactNumeric() && r.isExactNumeric()
                    && (l.is(SqlType.NUMERIC) || r.is(SqlType.NUMERIC))) {
                // a numeric product in 38 digits: DuckDB multiplies decimals of up to 18 digits in 64
                // bits and fails a product beyond them ("Overflow in multiplication of DECIMAL(18)")
                // (19 digits suffice for 128 bits; 38 would make the product's type DECIMAL(38, s), which serve shows
                // as a numeric without modifier, trailing zeros cut)
                if (r.isInteger()) e.set("rexpr", wideDecimal(e.node("rexpr"), r, r));
                else if (l.isInteger()) e.set("lexpr", wideDecimal(e.node("lexpr"), l, l));
                else e.set("lexpr", wideDecimal(e.node("lexpr"), l, r));
            }
            Node divisor = e.node("rexpr");
            while (divisor.is("TypeCast") && divisor.node("arg") != null) divisor = divisor.node("arg");
            if (op.equals("%") && l != null && !l.isArray() && l.isInteger() && divisor.is("A_Const") && divisor.has("ival")
                    && divisor.node("ival").num("ival") == -1) {
                // x % -1 is 0, also for the smallest integer, whose quotient by -1 DuckDB reports as an overflow (int4mod)
                Node n = Expressions.duckDb("({0} * 0)", e.node("lexpr"));
                types.assume(n, types.type(e, scope));
                return n;
            }
            Node checked = floatArithmetic(e, op, l, r, scope);
            if (checked != null) return checked;
            if (op.equals("-") && l != null && r != null && !l.isArray() && !r.isArray()
                    && (l.is(SqlType.TIMESTAMPTZ) || r.is(SqlType.TIMESTAMPTZ)) && !l.equals(r)
                    && (l.is(SqlType.TIMESTAMPTZ) || l.is(SqlType.TIMESTAMP) || l.is(SqlType.DATE))
                    && (r.is(SqlType.TIMESTAMPTZ) || r.is(SqlType.TIMESTAMP) || r.is(SqlType.DATE))) {
                // a timestamp or date beside a timestamptz is the moment of its wall clock in the session's zone
                // (PostgreSQL's implicit cast), then subtracted as timestamptz_mi
                if (!l.is(SqlType.TIMESTAMPTZ)) e.set("lexpr", Expressions.duckDb("CAST({0} AS TIMESTAMPTZ)", e.node("lexpr")));
                if (!r.is(SqlType.TIMESTAMPTZ)) e.set("rexpr", Expressions.duckDb("CAST({0} AS TIMESTAMPTZ)", e.node("rexpr")));
                l = SqlType.TIMESTAMPTZ;
                r = SqlType.TIMESTAMPTZ;
            }
            if (op.equals("-") && l != null && r != null && !l.isArray() && !r.isArray() && l.is(SqlType.TIMESTAMPTZ) && r.is(SqlType.TIMESTAMPTZ)) {
                // timestamptz_mi: the absolute time between them as days of 24 hours and a time
                // (DuckDB counts calendar days in the session's zone: 23 hours across a DST change were 1 day)
                String us = "(epoch_us({0}) - epoch_us({1}))";
                Node n = Expressions.duckDb("(to_days(CAST((" + us + " - " + us + " % 86400000000) // 86400000000 AS INTEGER))"
                        + " + to_microseconds(" + us + " % 86400000000))", e.node("lexpr"), e.node("rexpr"));
                types.assume(n, SqlType.INTERVAL);
                return n;
            }
            boolean plus = op.equals("+") || op.equals("-");
            if (plus && l != null && r != null && !l.isArray() && !r.isArray() && l.is(SqlType.TIMESTAMPTZ) && r.is(SqlType.INTERVAL)
                    && !clockOnly(e.node("rexpr"))) {
                Node n = Expressions.duckDb("pgwire.timestamptz_plus({0}, " + (op.equals("-") ? "-" : "") + "({1}))",
                        e.node("lexpr"), e.node("rexpr"));
                types.assume(n, SqlType.TIMESTAMPTZ);
                return n;
            }
            if (op.equals("+") && l != null && r != null && !l.isArray() && !r.isArray() && l.is(SqlType.INTERVAL) && r.is(SqlType.TIMESTAMPTZ)
                    && !clockOnly(e.node("lexpr"))) {
                Node n = Expressions.duckDb("pgwire.timestamptz_plus({1}, {0})", e.node("lexpr"), e.node("rexpr"));
                types.assume(n, SqlType.TIMESTAMPTZ);
                return n;
            }
            if (op.equals("-") && l != null && r != null && l.is(SqlType.TIME) && r.is(SqlType.TIME)) {
                // time_mi_time: the interval between two times of day (DuckDB has no such operator)
                String us = "((hour({0}) * 60 + minute({0})) * 60000000 + microsecond({0}))";
                Node n = Expressions.duckDb("to_microseconds(" + us + " - " + us.replace("{0}", "{1}") + ")", e.node("lexpr"), e.node("rexpr"));
                types.assume(n, SqlType.INTERVAL);
                return n;
            }
            if (op.equals("/") && l != null && !l.isArray() && l.name().equals("interval") && r != null && r.isNumber() && !r.isArray()) {
                // interval / number as PostgreSQL's interval_div computes it (DuckDB has no such operator)
                Node n = Expressions.duckDb("CAST(pgwire_interval_div(CAST({0} AS VARCHAR), CAST({1} AS DOUBLE)) AS INTERVAL)",
                        e.node("lexpr"), e.node("rexpr"));
                types.assume(n, SqlType.INTERVAL);
                return n;
            }
        }
        if (COMPARISONS.contains(op)) {
            requireComparable(op, e.node("lexpr"), l, e.node("rexpr"), r, e.location());
            // real with an exact number or double precision compares as double precision (float48eq):
            // a real holding 0.1 is not 0.1, as in PostgreSQL (DuckDB would compare as real)
            if (l != null && r != null && !l.isArray() && !r.isArray() && l.is(SqlType.FLOAT4) && (r.isExactNumeric() || r.is(SqlType.FLOAT8))) {
                e.set("lexpr", asDouble(e.node("lexpr")));
            } else if (l != null && r != null && !l.isArray() && !r.isArray() && r.is(SqlType.FLOAT4)
                    && (l.isExactNumeric() || l.is(SqlType.FLOAT8))) {
                e.set("rexpr", asDouble(e.node("rexpr")));
            }
            // character(n) with varchar compares as character(n) (bpchareq: trailing spaces do not count);
            // serve keeps character(n) values without them
            if (l != null && r != null && !l.isArray() && !r.isArray() && l.is(SqlType.BPCHAR) && r.name().equals("varchar")) {
                e.set("rexpr", Expressions.duckDb("rtrim(CAST({0} AS VARCHAR), ' ')", e.node("rexpr")));
            } else if (l != null && r != null && !l.isArray() && !r.isArray() && r.is(SqlType.BPCHAR) && l.name().equals("varchar")) {
                e.set("lexpr", Expressions.duckDb("rtrim(CAST({0} AS VARCHAR), ' ')", e.node("lexpr")));
            }
            // … and so does a parameter compared with a character(n): its trailing spaces do not count
            if (l != null && !l.isArray() && l.is(SqlType.BPCHAR) && characterParameter(e.node("rexpr"))) {
                e.set("rexpr", Expressions.duckDb("rtrim(CAST({0} AS VARCHAR), ' ')", e.node("rexpr")));
            } else if (r != null && !r.isArray() && r.is(SqlType.BPCHAR) && characterParameter(e.node("lexpr"))) {
                e.set("lexpr", Expressions.duckDb("rtrim(CAST({0} AS VARCHAR), ' ')", e.node("lexpr")));
            }
            // an untyped constant compared with a column takes the column's type, read by PostgreSQL's input rules
            e.set("lexpr", typedConstant(e.node("lexpr"), r));
            e.set("rexpr", typedConstant(e.node("rexpr"), l));
            return e;
        }
        if ((op.equals("&&") || op.equals("@>") || op.equals("<@")) && (l != null && l.isArray() || r != null && r.isArray())) {
            // an untyped '{…}' compared with an array is an array of its type (tags && '{a,b}')
            if (l != null && l.isArray() && isUntypedString(e.node("rexpr"))) e.set("rexpr", typedConstant(e.node("rexpr"), l.withoutTypmod()));
            if (r != null && r.isArray() && isUntypedString(e.node("lexpr"))) e.set("lexpr", typedConstant(e.node("lexpr"), r.withoutTypmod()));
            if (op.equals("&&")) return e;
            // a NULL element of the contained array is in no array (arraycontains), where DuckDB finds it beside a NULL
            Node n = op.equals("@>")
                    ? Expressions.duckDb("CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL ELSE {0} @> {1} AND list_count({1}) = len({1}) END",
                            e.node("lexpr"), e.node("rexpr"))
                    : Expressions.duckDb("CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL ELSE {0} <@ {1} AND list_count({0}) = len({0}) END",
                            e.node("lexpr"), e.node("rexpr"));
            types.assume(n, SqlType.BOOL);
            return n;
        }
        if (op.equals("||")) {
            // an untyped string beside bytea is bytea (byteacat: 'a' || '\xdead'::bytea is \x61dead)
            if (l != null && !l.isArray() && l.name().equals("bytea") && isUntypedString(e.node("rexpr"))) {
                e.set("rexpr", Expressions.duckDb(Bytea.literal(e.node("rexpr").node("sval").str("sval"))));
                r = l;
            } else if (r != null && !r.isArray() && r.name().equals("bytea") && isUntypedString(e.node("lexpr"))) {
                e.set("lexpr", Expressions.duckDb(Bytea.literal(e.node("lexpr").node("sval").str("sval"))));
                l = r;
            }
            // an untyped '{…}' beside an array is an array of its type (ARRAY[1] || '{2,3}')
            if (l != null && l.isArray() && isUntypedString(e.node("rexpr"))) {
                e.set("rexpr", typedConstant(e.node("rexpr"), l.withoutTypmod()));
                r = l;
            } else if (r != null && r.isArray() && isUntypedString(e.node("lexpr"))) {
                e.set("lexpr", typedConstant(e.node("lexpr"), r.withoutTypmod()));
                l = r;
            }
            // a real, double precision, interval, bytea or BC date joined to text is written as its cast to text writes it
            // (anytextcat: a boolean is true or false there, t or f in concat and format)
            if (r != null && r.isText() && !r.isUnknown() || isUntypedString(e.node("rexpr"))) {
                Node text = Expressions.outputText(e.node("lexpr"), l);
                if (text != null) e.set("lexpr", text);
            }
            if (l != null && l.isText() && !l.isUnknown() || isUntypedString(e.node("lexpr"))) {
                Node text = Expressions.outputText(e.node("rexpr"), r);
                if (text != null) e.set("rexpr", text);
            }
            if (l != null && l.isArray() && r != null && r.isArray()) return ArrayArguments.cat(e.node("lexpr"), e.node("rexpr"));
            if (l != null && l.isArray() && r != null && !r.isArray()) return call("list_append", e.node("lexpr"), e.node("rexpr"));
            if (r != null && r.isArray() && l != null && !l.isArray()) return call("list_prepend", e.node("lexpr"), e.node("rexpr"));
            return e;
        }
        if (op.equals("/") && (l == null) != (r == null)) {
            // numeric / $1 with $1 of no declared type: PostgreSQL takes $1 as numeric, so the division is exact
            Node param = l == null ? e.node("lexpr") : e.node("rexpr");
            SqlType other = l == null ? r : l;
            if (param.is("ParamRef") && !types.parameterDeclared(param.num("number")) && !other.isArray() && other.name().equals("numeric")) {
                e.set(l == null ? "lexpr" : "rexpr", cast(param, SqlType.NUMERIC));
                if (l == null) l = SqlType.NUMERIC; else r = SqlType.NUMERIC;
            } else if (!other.isArray() && other.name().equals("numeric") && types.hasUntypedParameter(param)) {
                // … and so is one whose type only such a parameter leaves open (coalesce(n, $1) / 3, n / ($1 + 1)):
                // divided as the text of its value, exactly
                Node n = ExactDivision.divide(e.node("lexpr"), l, e.node("rexpr"), r);
                types.assume(n, SqlType.NUMERIC);
                return n;
            }
        }
        if (op.equals("/") && l != null && r != null && l.isExactNumeric() && r.isExactNumeric()
                && (l.name().equals("numeric") || r.name().equals("numeric"))) {
            return ExactDivision.divide(e.node("lexpr"), l, e.node("rexpr"), r, types, scope);
        }
        return e;
    }

    /**
     * A comparison of a number, a string, a boolean or a date/time with a value of another of these
     * kinds has no operator in PostgreSQL (none of them casts implicitly to another): 42883, where
     * DuckDB would cast one side and compare, or fail with another error.
     */
    static void requireComparable(String op, Node left, SqlType l, Node right, SqlType r, int location) {
        char lk = kind(left, l);
        char rk = kind(right, r);
        if (lk == 0 || rk == 0 || lk == rk) return;
        PgException e = new PgException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + FormatType.displayName(l)
                + " " + op + " " + FormatType.displayName(r))
                .withHint("No operator matches the given name and argument types. You might need to add explicit type casts.");
        if (location >= 0) e.withPosition(location + 1);
        throw e;
    }

    /** N(umber), S(tring), B(oolean), D(ate/time) for a value whose type is known for certain; 0 otherwise. */
    private static char kind(Node n, SqlType t) {
        if (t == null || t.isArray() || n == null || n.is("ParamRef") || n.is("A_Const") && !n.has("ival") && !n.has("fval") && !n.has("boolval")) return 0;
        if (t.isNumber()) return 'N';
        return switch (t.name()) {
            case "text", "varchar", "bpchar" -> 'S';
            case "bool" -> 'B';
            case "date", "timestamp", "timestamptz" -> 'D';
            default -> 0;
        };
    }


    /** A real beside an exact number or a double precision compares as double precision, as PostgreSQL's float48 operators do. */
    private void realBesideExact(Node e, SqlType l, SqlType r) {
        if (l == null || r == null || l.isArray() || r.isArray()) return;
        if (l.is(SqlType.FLOAT4) && (r.isExactNumeric() || r.is(SqlType.FLOAT8))) e.set("lexpr", asDouble(e.node("lexpr")));
        if (r.is(SqlType.FLOAT4) && (l.isExactNumeric() || l.is(SqlType.FLOAT8))) e.set("rexpr", asDouble(e.node("rexpr")));
    }

    private static final java.util.Set<String> MOMENTS = java.util.Set.of("date", "time", "timestamp", "timestamptz", "interval");

    /**
     * An untyped constant or parameter beside a date, time, timestamp or interval, of the type
     * PostgreSQL's operator resolution gives it: the other operand's type for {@code -} (date -
     * date is days, time - time an interval), an interval added to an interval or a time, a
     * double precision multiplying or dividing an interval. The expression with it cast, or null.
     */
    private Node untypedBesideMoments(Node e, String op, SqlType l, SqlType r) {
        boolean leftUntyped = untyped(e.node("lexpr"));
        boolean rightUntyped = untyped(e.node("rexpr"));
        if (leftUntyped == rightUntyped) return null;
        SqlType known = leftUntyped ? r : l;
        if (known == null || known.isArray() || !MOMENTS.contains(known.name())) return null;
        if (op.equals("+") && known.name().equals("date")) {
            // date + integer, date + interval and date + time all fit
            throw new PgException("42725", "operator is not unique: " + (leftUntyped ? "unknown + date" : "date + unknown"))
                    .withHint("Could not choose a best candidate operator. You might need to add explicit type casts.");
        }
        SqlType as = switch (op) {
            case "-" -> known.withoutTypmod();
            case "+" -> known.name().equals("interval") || known.name().equals("time") ? SqlType.INTERVAL : null;
            case "*" -> known.name().equals("interval") ? SqlType.FLOAT8 : null;
            case "/" -> known.name().equals("interval") && rightUntyped ? SqlType.FLOAT8 : null;
            default -> null;
        };
        if (as == null) return null;
        if (leftUntyped) e.set("lexpr", cast(e.node("lexpr"), as)); else e.set("rexpr", cast(e.node("rexpr"), as));
        return e;
    }

    /** An untyped string constant, or a parameter of no declared type. */
    private boolean untyped(Node n) {
        return isUntypedString(n) || n != null && n.is("ParamRef") && !types.parameterDeclared(n.num("number"));
    }

    private boolean untypedOrNull(Node n) {
        return untyped(n) || n != null && n.is("A_Const") && n.bool("isnull");
    }

    private static boolean isUntypedString(Node n) {
        return n != null && n.is("A_Const") && n.has("sval");
    }

    private Node asInteger(Node e) {
        Node cast = Expressions.duckDb("CAST({0} AS INTEGER)", e);
        types.assume(cast, SqlType.INT4);
        return cast;
    }

    /**
     * The operand {@code e} of a product as a decimal DuckDB multiplies in 128 bits (of more than 18
     * digits), its scale kept: an integer as DECIMAL(19,0); a numeric(p,s) as DECIMAL(19,s) unless
     * the product of the two declared precisions fits 18 digits anyway or either has more than 18;
     * another numeric through a product with 1 of DECIMAL(19,0).
     */
    private Node wideDecimal(Node e, SqlType type, SqlType other) {
        String sql;
        if (type.isInteger()) {
            sql = "CAST({0} AS DECIMAL(19,0))";
        } else if (type.numericPrecisionAndScale() != null) {
            int[] declared = type.numericPrecisionAndScale();
            int[] otherDeclared = other.numericPrecisionAndScale();
            int otherPrecision = otherDeclared == null ? 38 : otherDeclared[0];
            // DuckDB multiplies in 128 bits already when a declared operand has more than 18 digits
            if (declared[0] > 18 || otherDeclared != null && otherPrecision > 18 || declared[0] + otherPrecision <= 18) return e;
            sql = "CAST({0} AS DECIMAL(19," + declared[1] + "))";
        } else {
            sql = "({0} * CAST(1 AS DECIMAL(19,0)))";
        }
        Node wide = Expressions.duckDb(sql, e);
        types.assume(wide, type);
        return wide;
    }

    /**
     * {@code x IN (subquery)}, {@code x op ANY / ALL (subquery)}: a real against a subquery of exact
     * numbers or doubles compares as double precision, as {@code =} does (a real holding 0.1 is
     * not the numeric 0.1).
     */
    void subLink(Node s, Scope scope) {
        String kind = s.str("subLinkType");
        if (!kind.equals("ANY_SUBLINK") && !kind.equals("ALL_SUBLINK") || s.node("testexpr") == null) return;
        SqlType l = types.type(s.node("testexpr"), scope);
        if (l == null || l.isArray()) return;
        List<TypeResolver.Col> cols = types.subquery(s.node("subselect"), scope);
        SqlType r = cols.size() == 1 ? cols.get(0).type() : null;
        if (r == null || r.isArray()) return;
        if (l.is(SqlType.FLOAT4) && (r.isExactNumeric() || r.is(SqlType.FLOAT8))) {
            s.set("testexpr", asDouble(s.node("testexpr")));
        } else if (r.is(SqlType.FLOAT4) && (l.isExactNumeric() || l.is(SqlType.FLOAT8))) {
            // … and so does an exact number against a subquery of reals: its one result column as double
            // SELECT CAST(pg_sub.pg_c AS DOUBLE) FROM (subquery) pg_sub(pg_c): any subquery, a set operation or * too
            Node alias = Node.of("Alias").set("aliasname", "pg_sub").set("colnames", new ArrayList<>(List.of(Node.string("pg_c"))));
            Node from = Node.of("RangeSubselect").set("subquery", s.node("subselect")).set("alias", alias);
            Node value = Expressions.duckDb("CAST(pg_sub.pg_c AS DOUBLE)");
            types.assume(value, SqlType.FLOAT8);
            Node target = Node.of("ResTarget").set("val", value).set("location", -1L);
            s.set("subselect", Node.of("SelectStmt").set("targetList", new ArrayList<>(List.of(target)))
                    .set("fromClause", new ArrayList<>(List.of(from))).set("limitOption", "LIMIT_OPTION_DEFAULT").set("op", "SETOP_NONE"));
            s.set("testexpr", asDouble(s.node("testexpr")));
        }
    }

    private boolean characterParameter(Node e) {
        return e.is("ParamRef") && types.parameterComparesAsCharacter(e.num("number"));
    }

    private Node asDouble(Node e) {
        Node cast = Expressions.duckDb("CAST({0} AS DOUBLE)", e);
        types.assume(cast, SqlType.FLOAT8);
        return cast;
    }

    /** An untyped string constant as the given type, where PostgreSQL's input rules differ from DuckDB's. */
    Node typedConstant(Node constant, SqlType as) {
        if (as == null || !constant.is("A_Const") || !constant.has("sval")) return constant;
        if (as.is(SqlType.BPCHAR)) {
            // character(n) compares without trailing spaces, and serve keeps its values without them
            String text = constant.node("sval").str("sval");
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ') end--;
            if (end == text.length()) return constant;
            Node trimmed = Node.of("A_Const").set("sval", Node.of("String").set("sval", text.substring(0, end)))
                    .set("location", constant.location());
            types.assume(trimmed, SqlType.UNKNOWN);
            return trimmed;
        }
        if (!(as.isArray() || as.name().equals("bytea") || as.name().equals("bool"))) return constant;
        return cast(constant, as);
    }

    /** {@code CAST(arg AS as)} in the parse tree's form, typed. */
    private Node cast(Node constant, SqlType as) {
        List<Node> names = new ArrayList<>();
        names.add(Node.string(as.name()));
        Node typeName = Node.of(null).set("names", names).set("typemod", -1L);
        if (as.isArray()) {
            List<Node> bounds = new ArrayList<>();
            for (int i = 0; i < as.dims(); i++) bounds.add(Node.of("Integer").set("ival", -1L));
            typeName.set("arrayBounds", bounds);
        }
        Node cast = Node.of("TypeCast").set("arg", constant).set("typeName", typeName).set("location", constant.location());
        types.assume(cast, as);
        return cast;
    }

    private static Node call(String function, Node a, Node b) {
        return Expressions.duckDb(function + "({0}, {1})", a, b);
    }

    /**
     * Whether an interval is a constant of hours, minutes and seconds alone ({@code interval '1 hour'},
     * {@code '00:30'}), which moves a timestamptz as absolute time; one with days, months or years
     * moves its wall clock (see {@code pgwire.timestamptz_plus}).
     */
    private static boolean clockOnly(Node interval) {
        if (interval.is("TypeCast") && interval.node("typeName") != null && interval.node("typeName").has("typmods")) return false;
        String text = Operators.stringConstant(interval);
        if (text == null) return false;
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")) {
            if (!word.isEmpty() && !CLOCK_UNITS.contains(word)) return false;
        }
        return true;
    }

    private static final java.util.Set<String> CLOCK_UNITS = java.util.Set.of("hour", "hours", "h", "hr", "hrs", "minute", "minutes",
            "m", "min", "mins", "second", "seconds", "s", "sec", "secs", "millisecond", "milliseconds", "ms", "msec", "msecs",
            "microsecond", "microseconds", "us", "usec", "usecs", "ago");
}
