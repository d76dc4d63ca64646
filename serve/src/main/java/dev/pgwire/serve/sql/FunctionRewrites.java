package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.TypeNames;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * The rewrites of function calls that depend on their arguments' types (part of
 * {@link TypedRewrites}): {@code sum} of int4 is int8, {@code avg} of exact numbers is exact with
 * PostgreSQL's scale, {@code length} counts a bytea's bytes and ignores character(n)'s padding,
 * {@code round} of a double rounds half to even, {@code extract(epoch …)} counts as PostgreSQL
 * does; then the calls PostgreSQL names or computes otherwise than DuckDB
 * ({@link StandardCalls}, {@link JsonCalls}, {@link PgFunctionCalls}, {@link CatalogCalls}).
 */
final class FunctionRewrites {
    private final SessionContext session;
    private final CatalogView catalog;
    private final TypeResolver types;
    private final JsonCalls jsonCalls;

    FunctionRewrites(SessionContext session, TypeResolver types, JsonCalls jsonCalls) {
        this.session = session;
        this.catalog = session.catalog();
        this.types = types;
        this.jsonCalls = jsonCalls;
    }

    /** A function call, rewritten where PostgreSQL's function differs from DuckDB's of the same name; else itself. */
    Node rewrite(Node f, Scope scope) {
        String name = Operators.lastName(f);
        List<String> qualified = f.names("funcname");
        List<Node> args = f.list("args");
        boolean part = f.node("over") == null && args.size() == 2 && (name.equals("extract") || name.equals("date_part"))
                && (qualified.size() == 1 || qualified.get(0).equals("pg_catalog"));
        SqlType sourceType = part ? types.type(args.get(1), scope) : null;
        // the unit as PostgreSQL reads it for the source's type: refused where PostgreSQL refuses it, else named canonically
        DateUnits.Unit unit = part ? DateUnits.check(name, args.get(0), sourceType) : null;
        Node field = part ? args.get(0).copy() : null;
        Node source = part ? args.get(1).copy() : null;
        Node call = unit == null ? null : DateParts.byType(unit, name.equals("extract"), args.get(1).copy(), sourceType);
        if (call != null) types.assume(call, name.equals("extract") ? SqlType.NUMERIC : SqlType.FLOAT8);
        else call = call(f, scope);
        // of an infinite date or timestamp: PostgreSQL's ±Infinity for the fields that grow with time
        Node infinite = part ? DateParts.infinite(call, field, source, sourceType, name.equals("extract")) : null;
        if (infinite == null) return call;
        types.assume(infinite, name.equals("extract") ? SqlType.NUMERIC : SqlType.FLOAT8);
        return infinite;
    }

    /**
     * The type avg({@code f}) averages: for {@code x::numeric} of an integer x, x's (the cast
     * taken away: its scale is 0, where DuckDB's cast to numeric has ten decimals, and the
     * average's scale follows it); else {@code first}.
     */
    private SqlType averaged(Node f, SqlType first, Scope scope) {
        Node arg = f.list("args").get(0);
        SqlType integer = ExactDivision.integerBeneath(arg, first, types, scope);
        if (integer == null) return first;
        f.list("args").set(0, arg.node("arg"));
        return integer;
    }

    /** The functions that are window functions only: called without OVER they are PostgreSQL's 42809. */
    private static final java.util.Set<String> WINDOW_ONLY = java.util.Set.of("row_number", "rank", "dense_rank", "percent_rank",
            "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value");

    private Node call(Node f, Scope scope) {
        if (f.node("over") != null) return window(f, scope);
        String name = Operators.lastName(f);
        List<String> qualified = f.names("funcname");
        if (qualified.size() > 1 && !qualified.get(0).equals("pg_catalog")
                && !(qualified.get(0).equals("information_schema") && name.equals("_pg_expandarray"))) return f;
        List<Node> args = f.list("args");
        List<SqlType> given = new ArrayList<>();
        for (Node a : args) given.add(types.type(a, scope));
        UntypedArguments.resolve(name, args, given);
        SqlType first = args.isEmpty() ? null : types.type(args.get(0), scope);
        Node statistic = StatisticalAggregates.rewrite(f, first, types);
        if (statistic != null) return statistic;
        Node regression = StatisticalAggregates.nullWithoutVariance(f, types);
        if (regression != null) return regression;
        Node arrays = ArrayAggregates.ofArrays(f, first, types);
        if (arrays != null) return arrays;
        Node hypothetical = HypotheticalAggregates.rewrite(f, types);
        if (hypothetical != null) return hypothetical;
        if (WINDOW_ONLY.contains(name) && !f.bool("agg_within_group")) {
            PgException e = new PgException("42809", "window function " + name + " requires an OVER clause");
            throw f.has("location") ? e.withPosition(f.location() + 1) : e;
        }
        List<SqlType> resolved = new ArrayList<>();
        for (Node a : args) resolved.add(types.type(a, scope));
        if (name.equals("isfinite") && args.size() == 1 && resolved.get(0) != null && !resolved.get(0).isArray()
                && resolved.get(0).is(SqlType.INTERVAL)) {
            // interval_finite: PostgreSQL 15 has no infinite intervals
            Node finite = Expressions.duckDb("CASE WHEN {0} IS NULL THEN NULL ELSE true END", args.get(0));
            types.assume(finite, SqlType.BOOL);
            return finite;
        }
        Node math = NumericMathCalls.call(name, args, resolved);
        if (math != null) {
            types.assume(math, SqlType.NUMERIC);
            return math;
        }
        if (name.equals("count") && f.bool("agg_distinct") && args.size() == 1 && first != null && !first.isArray()
                && first.name().equals("jsonb")) {
            // count(DISTINCT jsonb) counts values distinct by jsonb's equality ({"a":1} and {"a":1.0} are one)
            Node key = Expressions.duckDb("pg_jsonb_sort_key({0})", args.get(0));
            types.assume(key, SqlType.TEXT);
            args.set(0, key);
        }
        switch (name) {
            case "sum" -> {
                SqlType integer = args.size() == 1 ? ExactDivision.integerBeneath(args.get(0), first, types, scope) : null;
                if (integer != null) {
                    // sum(x::numeric) of an integer x: the integers' sum, scale 0 as PostgreSQL's (DuckDB's cast has ten decimals)
                    args.set(0, args.get(0).node("arg"));
                    return cast(f, "DECIMAL(38,0)", SqlType.NUMERIC);
                }
                if (first != null && (first.name().equals("int2") || first.name().equals("int4")) && !first.isArray()) {
                    return cast(f, "BIGINT", SqlType.INT8);
                }
                if (first != null && first.isFloat() && !first.isArray() && args.size() == 1) {
                    // a sum beyond the type's range from finite inputs is 22003, as PostgreSQL's float8pl reports it
                    Node anyInfinite = FuncCallBuilder.copyAggregate(f, "bool_or");
                    anyInfinite.set("args", new ArrayList<>(List.of(Expressions.duckDb("isinf({0})", args.get(0).copy()))));
                    // a sum of real is a real (float4pl), where DuckDB sums it as a double
                    String sum = "CASE WHEN isinf({0}) AND NOT coalesce({1}, false)"
                            + " THEN error('[pgwire:22003] value out of range: overflow') ELSE {0} END";
                    Node n = Expressions.duckDb(first.is(SqlType.FLOAT4) ? "CAST(" + sum + " AS FLOAT)" : sum, f, anyInfinite);
                    types.assume(n, first.withoutTypmod());
                    return n;
                }
            }
            case "avg" -> {
                if (first != null && first.isExactNumeric() && !first.isArray() && args.size() == 1) {
                    first = averaged(f, first, scope);
                    Node sum = FuncCallBuilder.copyAggregate(f, "sum");
                    Node count = FuncCallBuilder.copyAggregate(f, "count");
                    Node n = ExactDivision.average(sum, count, first);
                    types.assume(n, SqlType.NUMERIC);
                    return n;
                }
            }
            case "length", "char_length", "character_length" -> {
                if (first != null && first.name().equals("bytea")) return intCall("octet_length", args);
                if (first != null && first.is(SqlType.BPCHAR) && args.size() == 1) {
                    // character(n)'s trailing spaces do not count (bpcharlen)
                    Node n = Expressions.duckDb("CAST(length(rtrim({0}, ' ')) AS INTEGER)", args.get(0));
                    types.assume(n, SqlType.INT4);
                    return n;
                }
                return intCall("length", args);
            }
            case "octet_length" -> {
                if (first != null && first.is(SqlType.BPCHAR) && first.typmod() > 4 && args.size() == 1) {
                    // character(n) holds its padding (bpcharoctetlen); serve keeps the value without it
                    Node n = Expressions.duckDb("CAST(strlen({0}) + greatest(" + (first.typmod() - 4) + " - length({0}), 0) AS INTEGER)",
                            args.get(0));
                    types.assume(n, SqlType.INT4);
                    return n;
                }
                if (first != null && first.isText()) return intCall("strlen", args);
                return intCall("octet_length", args);
            }
            case "strpos", "position", "ascii" -> {
                if (first != null && !first.isArray() && first.name().equals("bytea") && args.size() == 2) {
                    // byteapos: the first whole-byte match, found in the hex digits spaced a byte apart
                    // (position(x IN b) is the call position(b, x))
                    Node n = Expressions.duckDb("CAST((strpos(regexp_replace(hex({0}), '(..)', '\\1 ', 'g'), "
                            + "regexp_replace(hex({1}), '(..)', '\\1 ', 'g')) + 2) // 3 AS INTEGER)", args.get(0), args.get(1));
                    types.assume(n, SqlType.INT4);
                    return n;
                }
                return cast(f, "INTEGER", SqlType.INT4);
            }
            case "extract" -> {
                SqlType source = args.size() == 2 ? types.type(args.get(1), scope) : null;
                String field = args.size() == 2 ? Operators.stringConstant(args.get(0)) : null;
                if (source != null && source.is(SqlType.DATE) && "epoch".equalsIgnoreCase(field)) {
                    // a date's epoch is whole seconds (numeric of scale 0)
                    Node n = Expressions.duckDb("CAST(epoch_us(CAST({0} AS TIMESTAMP)) // 1000000 AS DECIMAL(20,0))", args.get(1));
                    types.assume(n, SqlType.NUMERIC);
                    return n;
                }
                if (source != null && !source.isArray() && source.name().equals("interval") && "epoch".equalsIgnoreCase(field)) {
                    // PostgreSQL counts a year of months as 365.25 days, DuckDB's epoch_us as 360
                    Node n = Expressions.duckDb("(CAST(epoch_us({0}) + date_part('year', {0}) * 453600000000 AS DECIMAL(20,0)) * 0.000001)",
                            args.get(1));
                    types.assume(n, SqlType.NUMERIC);
                    return n;
                }
            }
            case "gcd", "lcm" -> {
                SqlType second = args.size() == 2 ? types.type(args.get(1), scope) : null;
                if (first != null && second != null && !first.isArray() && !second.isArray()
                        && (first.is(SqlType.INT4) || first.is(SqlType.INT2)) && (second.is(SqlType.INT4) || second.is(SqlType.INT2))) {
                    return cast(f, "INTEGER", SqlType.INT4); // int4gcd, int4lcm (DuckDB computes them in BIGINT)
                }
            }
            case "sign" -> {
                if (first != null && !first.isArray() && (first.isFloat() || first.isInteger()) && args.size() == 1) {
                    // sign(double precision), which integers and reals take (DuckDB's sign is a TINYINT)
                    Node n = Expressions.duckDb("CAST(sign(CAST({0} AS DOUBLE)) AS DOUBLE)", args.get(0));
                    types.assume(n, SqlType.FLOAT8);
                    return n;
                }
                if (first != null && first.name().equals("numeric") && !first.isArray() && args.size() == 1) {
                    // numeric_sign answers a numeric (DuckDB's sign a TINYINT)
                    Node n = Expressions.duckDb("CAST(sign({0}) AS DECIMAL(38,0))", args.get(0));
                    types.assume(n, SqlType.NUMERIC);
                    return n;
                }
            }
            case "string_agg" -> {
                emptyNullDelimiter(args);
                if (first != null && !first.isArray() && first.name().equals("bytea") && args.size() == 2) {
                    // DuckDB's string_agg takes text: the bytes travel as hex digits and come back as bytes
                    f.set("args", new ArrayList<>(List.of(Expressions.duckDb("hex({0})", args.get(0)),
                            Expressions.duckDb("hex({0})", args.get(1)))));
                    Node n = Expressions.duckDb("unhex({0})", f);
                    types.assume(n, first.withoutTypmod());
                    return n;
                }
            }
            case "round" -> {
                Node rounded = StatisticalAggregates.round(args, types);
                if (rounded != null) return rounded;
                Node places = args.size() == 2 ? args.get(1) : null;
                if (first != null && !first.isArray() && first.name().equals("numeric") && places != null && places.is("A_Const")
                        && places.has("ival")) {
                    // round(numeric, k) has exactly k decimals (8.28 to 4 places is 8.2800), where DuckDB keeps the value's scale
                    long k = places.node("ival").num("ival");
                    int[] ps = first.numericPrecisionAndScale();
                    java.math.BigDecimal constant = ExactDivision.constant(args.get(0));
                    int whole = constant != null ? Math.max(constant.precision() - constant.scale(), 1)
                            : ps == null ? 38 - TypeMapper.NUMERIC_SCALE : ps[0] - ps[1];
                    if (k >= 0 && whole + 1 + k <= 38) {
                        String sql = "CAST(round({0}, " + k + ") AS DECIMAL(38," + k + "))";
                        Node n = Expressions.duckDb(sql, args.get(0));
                        // a result column shows every place (serve drops the trailing zeros of a wide scale otherwise)
                        n.set("exactDivision", true);
                        n.set("topLevelSql", "CAST(" + sql + " AS VARCHAR)");
                        types.assume(n, SqlType.NUMERIC);
                        return n;
                    }
                }
                if (first != null && !first.isArray() && (first.isFloat() || first.isInteger()) && args.size() == 1) {
                    // round(double precision), which integers and reals take too
                    Node n = Expressions.duckDb("round_even(CAST({0} AS DOUBLE), 0)", args.get(0));
                    types.assume(n, SqlType.FLOAT8);
                    return n;
                }
                if (first != null && first.isFloat() && !first.isArray() && args.size() == 2) {
                    // PostgreSQL rounds to places only in numeric: round(double precision, integer) does not exist
                    PgException e = new PgException(SqlState.UNDEFINED_FUNCTION, "function round(" + FormatType.displayName(first)
                            + ", integer) does not exist").withHint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.");
                    throw f.has("location") ? e.withPosition(f.location() + 1) : e;
                }
            }
            case "ceil", "ceiling", "floor", "trunc" -> {
                if (first != null && !first.isArray() && (first.isFloat() || first.isInteger()) && args.size() == 1) {
                    // the double precision forms, which integers and reals take (float8 is the preferred type)
                    Node n = Expressions.duckDb("CAST(" + name + "(CAST({0} AS DOUBLE)) AS DOUBLE)", args.get(0));
                    types.assume(n, SqlType.FLOAT8);
                    return n;
                }
            }
            case "grouping" -> {
                return cast(f, "INTEGER", SqlType.INT4); // int4, where DuckDB's is BIGINT
            }
            case "exp", "power", "pow" -> {
                // double precision: a result out of range, or power's undefined cases, are errors as in PostgreSQL
                int n = f.list("args").size();
                if (n == (name.equals("exp") ? 1 : 2) && SqlType.FLOAT8.is(types.type(f, scope))) {
                    Node c = Expressions.duckDb(n == 1 ? "pgwire.float_exp(CAST({0} AS DOUBLE))"
                            : "pgwire.float_pow(CAST({0} AS DOUBLE), CAST({1} AS DOUBLE))", args.toArray(new Node[0]));
                    types.assume(c, SqlType.FLOAT8);
                    return c;
                }
            }
            case "age" -> {
                if (first != null && args.size() == 1 && first.name().equals("xid") && !first.isArray()) {
                    // age(xid): how many transactions ago, from the current one
                    Node n = Expressions.duckDb("CAST(CAST(txid_current() AS BIGINT) - CAST({0} AS BIGINT) AS INTEGER)", args.get(0));
                    types.assume(n, SqlType.INT4);
                    return n;
                }
                if (first != null && args.size() == 1 && !first.isArray() && (first.is(SqlType.TIMESTAMP) || first.is(SqlType.TIMESTAMPTZ))) {
                    // age(x): from midnight of the session's today (DuckDB's counts from the date in UTC)
                    String midnight = first.is(SqlType.TIMESTAMP) ? "CAST(current_date AS TIMESTAMP)" : "CAST(current_date AS TIMESTAMPTZ)";
                    args.add(0, Expressions.duckDb(midnight));
                    types.assume(args.get(0), first.withoutTypmod());
                }
            }
            case "pg_get_serial_sequence" -> {
                String table = args.size() == 2 ? Operators.stringConstant(args.get(0)) : null;
                String column = args.size() == 2 ? Operators.stringConstant(args.get(1)) : null;
                if (table != null && column != null) return serialSequence(table, column);
            }
            default -> { }
        }
        List<SqlType> argTypes = new ArrayList<>();
        for (Node a : args) argTypes.add(types.type(a, scope));
        Node standard = StandardCalls.rewrite(f, argTypes, e -> types.type(e, scope));
        if (standard != null) {
            SqlType t = types.type(f, scope);
            types.assume(standard, t != null ? t : ExpressionTypes.infer(types, standard, scope));
            return standard;
        }
        Node jsonCall = jsonCalls.call(f, scope);
        if (jsonCall != null) return jsonCall;
        SqlType resultType = types.type(f, scope);
        Node rewritten = PgFunctionCalls.rewrite(f, argTypes, session);
        if (rewritten == null) rewritten = CatalogCalls.rewrite(f, argTypes, session);
        if (rewritten != null) {
            types.assume(rewritten, resultType);
            return rewritten;
        }
        return f;
    }

    /** avg(x) OVER (…) of an exact number: sum(x) OVER (…) / count(x) OVER (…) with PostgreSQL's scale, as avg without a window. */
    /** string_agg(x, NULL): a NULL delimiter joins with nothing, as PostgreSQL's does (DuckDB's answers NULL). */
    private static void emptyNullDelimiter(List<Node> args) {
        Node delimiter = args.size() == 2 ? args.get(1) : null;
        if (delimiter != null && delimiter.is("TypeCast")) delimiter = delimiter.node("arg");
        if (delimiter != null && delimiter.is("A_Const") && delimiter.bool("isnull")) args.set(1, JsonText.constant(""));
    }

    private Node window(Node f, Scope scope) {
        List<Node> args = f.list("args");
        if (f.bool("agg_distinct")) {
            PgException e = new PgException(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions");
            throw f.has("location") ? e.withPosition(f.location() + 1) : e;
        }
        if (!f.list("agg_order").isEmpty() && !f.bool("agg_within_group")) {
            PgException e = new PgException(SqlState.FEATURE_NOT_SUPPORTED, "aggregate ORDER BY is not implemented for window functions");
            throw f.has("location") ? e.withPosition(f.location() + 1) : e;
        }
        if (Operators.lastName(f).equals("string_agg")) emptyNullDelimiter(args);
        if (args.size() == 1 && (Operators.lastName(f).equals("sum") || Operators.lastName(f).equals("avg"))) {
            Node interval = IntervalAggregates.window(f, types.type(args.get(0), scope));
            if (interval != null) {
                types.assume(interval, SqlType.INTERVAL);
                return interval;
            }
        }
        Node statistic = args.size() == 1 && f.names("funcname").size() == 1 ? StatisticalAggregates.rewrite(f, types.type(args.get(0), scope), types) : null;
        if (statistic != null) return statistic;
        Node regression = StatisticalAggregates.nullWithoutVariance(f, types);
        if (regression != null) return regression;
        Node arrays = args.size() == 1 ? ArrayAggregates.ofArrays(f, types.type(args.get(0), scope), types) : null;
        if (arrays != null) return arrays;
        if (args.size() == 1 && Operators.lastName(f).equals("sum") && SqlType.FLOAT4.is(types.type(args.get(0), scope))) {
            return cast(f, "FLOAT", SqlType.FLOAT4); // a sum of real is a real, as in the aggregate form
        }
        Node withDefault = defaultOfCommonType(f, scope);
        if (withDefault != null) return withDefault;
        if (!Operators.lastName(f).equals("avg") || args.size() != 1 || f.names("funcname").size() > 1) return f;
        SqlType first = types.type(args.get(0), scope);
        if (first == null || !first.isExactNumeric() || f.bool("agg_distinct")) return f;
        first = averaged(f, first, scope);
        Node n = ExactDivision.average(FuncCallBuilder.copyAggregate(f, "sum"), FuncCallBuilder.copyAggregate(f, "count"), first);
        types.assume(n, SqlType.NUMERIC);
        return n;
    }

    /**
     * lag / lead with a default of another numeric type: both are of their common type, as
     * PostgreSQL resolves anycompatible (DuckDB would cast the default to the value's type, making
     * lag(int_col, 1, 0.5) answer 1).
     */
    private Node defaultOfCommonType(Node f, Scope scope) {
        String name = Operators.lastName(f);
        List<Node> args = f.list("args");
        if (!(name.equals("lag") || name.equals("lead")) || args.size() != 3 || f.names("funcname").size() > 1) return null;
        SqlType value = types.type(args.get(0), scope);
        SqlType given = types.type(args.get(2), scope);
        if (value == null || given == null || value.isArray() || given.isArray() || !value.isNumber() || !given.isNumber()) return null;
        SqlType common = SqlType.anycompatible(value, given);
        String duckDb = switch (common.name()) {
            case "float8" -> "DOUBLE";
            case "float4" -> "FLOAT";
            case "int8" -> "BIGINT";
            case "int4" -> "INTEGER";
            case "int2" -> "SMALLINT";
            // at least the scale of a numeric without modifier, whose values serve shows with the digits they have
            default -> "DECIMAL(38," + Math.max(10, Math.max(scale(value, args.get(0)), scale(given, args.get(2)))) + ")";
        };
        if (common.is(value) && common.is(given) && value.typmod() == given.typmod()) return null;
        args.set(0, Expressions.duckDb("CAST({0} AS " + duckDb + ")", args.get(0)));
        args.set(2, Expressions.duckDb("CAST({0} AS " + duckDb + ")", args.get(2)));
        Node n = Expressions.duckDb("{0}", f);
        types.assume(n, common);
        return n;
    }

    /** The scale a numeric value has in DuckDB: its modifier's, a constant's own, 0 for an integer, 10 for a numeric without modifier. */
    private static int scale(SqlType t, Node e) {
        if (t.isInteger()) return 0;
        if (!t.name().equals("numeric")) return 10;
        if (t.numericPrecisionAndScale() != null) return t.numericPrecisionAndScale()[1];
        String constant = e.is("A_Const") && e.has("fval") ? e.node("fval").str("fval") : null;
        if (constant != null && !constant.contains("e") && !constant.contains("E")) {
            int dot = constant.indexOf('.');
            return dot < 0 ? 0 : Math.min(constant.length() - dot - 1, 37);
        }
        return 10;
    }

    /** pg_get_serial_sequence('table', 'column'): the sequence a serial or identity column draws from. */
    private Node serialSequence(String table, String column) {
        // the table is a name read by SQL's rules ('"Orders"', 'app.items'); the column is taken literally
        List<String> parts = dev.pgwire.serve.catalog.QualifiedNames.parse(table);
        if (parts.size() > 3) throw new dev.pgwire.protocol.PgException("42602", "improper relation name (too many dotted names): " + table);
        CatalogView.Relation r = parts.size() == 1 ? catalog.relation(null, parts.get(0))
                : catalog.relation(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
        if (r == null) {
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.UNDEFINED_TABLE,
                    "relation \"" + table + "\" does not exist");
        }
        CatalogView.ColumnInfo c = r.column(column);
        if (c == null) {
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.UNDEFINED_COLUMN,
                    "column \"" + column + "\" of relation \"" + r.name() + "\" does not exist");
        }
        if (c.sequence() == null) return Expressions.duckDb("CAST(NULL AS VARCHAR)").set("pgType", "text");
        // as PostgreSQL prints the sequence's name: schema-qualified, each part quoted where it must be
        String[] seq = SqlNames.sequence(r.schema(), c.sequence());
        // (text: a cast of it to regclass looks the sequence up)
        return Expressions.duckDb("CAST(" + SqlWriter.quoteLiteral(TypeNames.quoteIdent(seq[0]) + "." + TypeNames.quoteIdent(seq[1]))
                + " AS VARCHAR)").set("pgType", "text");
    }

    private Node intCall(String function, List<Node> args) {
        Node n = Expressions.duckDb("CAST(" + function + "({0}) AS INTEGER)", args.get(0));
        types.assume(n, SqlType.INT4);
        return n;
    }

    private Node cast(Node f, String duckDbType, SqlType pgType) {
        Node n = Expressions.duckDb("CAST({0} AS " + duckDbType + ")", f);
        types.assume(n, pgType);
        return n;
    }

    /** Builds calls from parts of others. */
    static final class FuncCallBuilder {
        private FuncCallBuilder() {}

        /** The same aggregate call (arguments, DISTINCT, FILTER, ORDER BY) under another name. */
        static Node copyAggregate(Node f, String name) {
            Node copy = f.copy();
            copy.set("funcname", new ArrayList<>(List.of(Node.string(name))));
            return copy;
        }
    }
}
