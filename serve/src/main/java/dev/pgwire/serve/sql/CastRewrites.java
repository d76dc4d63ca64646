package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.TypeResolver.Col;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * The rewrites of a cast ({@code x::t}, {@code CAST(x AS t)}) whose operand's type decides what
 * DuckDB must compute for PostgreSQL's value: text read by PostgreSQL's input functions (numbers,
 * integer arrays, date/time strings, 'now'), floats into numeric through their shortest digits,
 * values written as text in PostgreSQL's notation (arrays, rows, composites, bytea), time of a
 * timestamptz in the session's zone, and the casts of json, bit strings and reg* types.
 */
final class CastRewrites {
    private final TypeResolver types;
    private final SessionContext session;
    private final JsonOperators json;
    private final RegCasts regs;

    CastRewrites(TypeResolver types, SessionContext session, JsonOperators json, RegCasts regs) {
        this.types = types;
        this.session = session;
        this.json = json;
        this.regs = regs;
    }

    /**
     * A numeric constant cast to real or double precision: 22003 where the type cannot hold it
     * (beyond its range, or so small it would be zero), as PostgreSQL's float input reports it —
     * DuckDB reads 1e400 as Infinity.
     */
    private static void floatRange(Node arg, SqlType to) {
        if (!arg.is("A_Const") || !arg.has("fval")) return;
        java.math.BigDecimal v;
        try {
            v = new java.math.BigDecimal(arg.node("fval").str("fval"));
        } catch (NumberFormatException e) {
            return;
        }
        boolean real = to.is(SqlType.FLOAT4);
        double d = real ? v.floatValue() : v.doubleValue();
        if (Double.isInfinite(d) || d == 0 && v.signum() != 0) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"" + v.toPlainString() + "\" is out of range for type "
                    + (real ? "real" : "double precision"));
        }
    }

    /** The rewritten cast {@code e}, whose operand is already rewritten. */
    Node rewrite(Node e, Scope scope) {
        SqlType arrayType = types.type(e, scope);
        if (e.node("arg").is("A_ArrayExpr") && e.node("arg").list("elements").isEmpty() && arrayType != null && arrayType.isArray()) {
            // ARRAY[]::int[] is an empty array of the type, nothing to read (a DEFAULT takes no lambda: Prisma's DEFAULT ARRAY[]::TEXT[])
            Node empty = Expressions.duckDb("[]");
            types.assume(empty, arrayType.withoutTypmod());
            e.set("arg", empty);
            types.assume(e, arrayType);
            return e;
        }
        SqlType fromType = types.type(e.node("arg"), scope);
        // a parameter declared text or varchar (pgjdbc's setString) is read by the target type's input ($1::int of '1.5' is 22P02)
        boolean textParameter = fromType == null && e.node("arg").is("ParamRef") && types.parameterIsText(e.node("arg").num("number"));
        if (textParameter || fromType != null && !fromType.isArray() && (fromType.isText() || fromType.isUnknown())) {
            Node number = NumberInput.cast(e.node("arg"), types.type(e, scope), types);
            if (number != null) return number;
        }
        SqlType castTo = types.type(e, scope);
        if (castTo != null && !castTo.isArray() && castTo.isFloat()) floatRange(e.node("arg"), castTo);
        Node bits = BitCasts.cast(e, fromType, castTo, types);
        if (bits != null) return bits;
        // (cast to an array, such a parameter is read by array_in too)
        Node textArray = ArrayInput.atRunTime(e.node("arg"), textParameter ? SqlType.TEXT : fromType, castTo);
        if (textArray != null) {
            types.assume(textArray, SqlType.TEXT.arrayOf());
            e.set("arg", textArray);
        }
        boolean textList = textArray != null || fromType != null && fromType.dims() == 1 && fromType.element().isText()
                && !e.node("arg").is("ParamRef");
        Node integers = textList ? NumberInput.integerList(e.node("arg"), castTo) : null;
        if (integers != null) {
            // text elements read by PostgreSQL's integer input ('1.5' is 22P02; DuckDB's cast rounds it)
            types.assume(integers, castTo.withoutTypmod());
            return integers;
        }
        Node outputText = castTo == null || castTo.isArray() || !castTo.isText() || castTo.isUnknown() ? null
                : Expressions.outputText(e.node("arg"), fromType);
        if (outputText != null) {
            types.assume(outputText, SqlType.TEXT);
            e.set("arg", outputText);
        }
        if (castTo != null && !castTo.isArray() && castTo.name().equals("time") && fromType != null && fromType.is(SqlType.TIMESTAMPTZ)) {
            // timestamptz_time: the local time of day in the session's zone (DuckDB casts only a timestamp)
            Node local = Expressions.duckDb("CAST({0} AS TIMESTAMP)", e.node("arg"));
            types.assume(local, SqlType.TIMESTAMP);
            e.set("arg", local);
        }
        if (castTo != null && !castTo.isArray() && fromType != null && !fromType.isArray()) {
            String micros = null;
            if (castTo.name().equals("interval") && fromType.is(SqlType.TIME)) {
                // time_interval: the time of day as an interval of hours, minutes and seconds
                micros = "to_microseconds(CAST(hour(pg_v) AS BIGINT) * 3600000000 + minute(pg_v) * 60000000 + microsecond(pg_v))";
            } else if (castTo.name().equals("time") && fromType.is(SqlType.INTERVAL)) {
                // interval_time: the interval's time part modulo a day (its days and months do not count)
                micros = "CAST('00:00:00' AS TIME) + to_microseconds(((CAST(date_part('hour', pg_v) AS BIGINT) * 3600000000"
                        + " + date_part('minute', pg_v) * 60000000 + date_part('microseconds', pg_v)) % 86400000000 + 86400000000) % 86400000000)";
            }
            if (micros != null) {
                Node converted = Expressions.duckDb("list_transform([{0}], lambda pg_v: " + micros + ")[1]", e.node("arg"));
                types.assume(converted, castTo.withoutTypmod());
                return DateTimePrecision.round(converted, castTo, types);
            }
        }
        Node moment = castTo == null || castTo.isArray() ? null : DateTimeLiterals.moment(e.node("arg"), castTo);
        if (moment != null) {
            types.assume(moment, castTo.withoutTypmod());
            return moment;
        }
        // text read while the statement runs, by PostgreSQL's input functions rather than DuckDB's casts
        SqlType textFrom = textParameter ? SqlType.TEXT : fromType;
        Node read = RunTimeText.cast(e.node("arg"), textFrom, castTo, types);
        if (read != null) return read;
        Node momentText = RunTimeText.momentText(e.node("arg"), textFrom, castTo, types);
        if (momentText != null) e.set("arg", momentText);
        if (castTo != null && !castTo.isArray() && castTo.name().equals("numeric") && fromType != null && !fromType.isArray()
                && fromType.isFloat()) {
            Node digits = RunTimeText.floatDigits(e.node("arg"), fromType, types);
            if (castTo.typmod() < 0) return RunTimeText.exactFromDigits(digits, castTo, types);
            e.set("arg", digits);
        }
        if (castTo != null && !castTo.isArray() && castTo.name().equals("numeric") && castTo.typmod() >= 0) {
            Node narrow = ExactDivision.castArgument(e.node("arg"), (castTo.typmod() - 4) & 0xffff);
            if (narrow != e.node("arg")) {
                types.assume(narrow, SqlType.NUMERIC);
                e.set("arg", narrow);
            }
        }
        Node arg = e.node("arg");
        if (arg.is("A_Const") && arg.has("sval")) {
            List<Node> typmods = e.node("typeName").list("typmods");
            SqlType target = types.type(e, scope);
            boolean interval = target != null && !target.isArray() && target.name().equals("interval");
            String iso = typmods.isEmpty() ? DateTimeLiterals.canonical(arg.node("sval").str("sval"), target, session)
                    : interval && typmods.get(0).is("A_Const") && typmods.get(0).has("ival")
                    ? DateTimeLiterals.qualifiedInterval(arg.node("sval").str("sval"), typmods.get(0).node("ival").num("ival"))
                    : null;
            if (iso != null) e.set("arg", Node.of("A_Const").set("sval", Node.string(iso)).set("location", arg.location()));
        }
        SqlType target = types.type(e, scope);
        SqlType from = types.type(e.node("arg"), scope);
        if (target != null && target.isArray() && from != null && from.isArray() && from.dims() > target.dims()) {
            // a PostgreSQL array type has no dimensions of its own: a 2-D value stays 2-D (DuckDB's list of lists)
            List<Node> bounds = new ArrayList<>();
            for (int i = 0; i < from.dims(); i++) bounds.add(Node.of("Integer").set("ival", -1L));
            e.node("typeName").set("arrayBounds", bounds);
            target = new SqlType(target.name(), target.typmod(), from.dims());
            types.assume(e, target);
        }
        if (target != null && from != null && !target.isArray() && !from.isArray()
                && (target.is(SqlType.BOOL) && (from.is(SqlType.INT2) || from.is(SqlType.INT8))
                || from.is(SqlType.BOOL) && (target.is(SqlType.INT2) || target.is(SqlType.INT8)))) {
            // PostgreSQL casts a boolean to and from integer alone (DuckDB from any integer type)
            PgException refused = new PgException("42846", "cannot cast type " + FormatType.displayName(from) + " to "
                    + FormatType.displayName(target));
            throw e.has("location") ? refused.withPosition(e.location() + 1) : refused;
        }
        if (target != null && !target.isArray() && (target.name().equals("text") || target.name().equals("varchar"))) {
            Node text = toText(e, target, scope);
            if (text != null) return text;
        }
        if (target != null && !target.isArray() && target.name().equals("bytea")
                && (textParameter || from != null && !from.isArray() && from.isText() && !from.isUnknown())) {
            // text read as bytea input while the statement runs (\x hex or escapes), not by DuckDB's BLOB cast
            Node bytes = Expressions.duckDb("unhex(pg_bytea_in(CAST({0} AS VARCHAR)))", e.node("arg"));
            types.assume(bytes, target);
            return bytes;
        }
        Node rounded = DateTimePrecision.round(e, target, types);
        if (rounded != e) return rounded;
        Node cast = json.cast(e, e.node("arg"), types.type(e.node("arg"), scope), types.type(e, scope));
        return cast != null ? cast : regs.cast(e, scope);
    }

    /** A cast to text or varchar of what DuckDB would write in its own notation; null when DuckDB's cast is PostgreSQL's. */
    private Node toText(Node e, SqlType target, Scope scope) {
        SqlType from = types.type(e.node("arg"), scope);
        // a parameter cast to text is bound as text, written as PostgreSQL writes its value (ParameterBinder.asText)
        if (e.node("arg").is("ParamRef")) return null;
        if (e.node("arg").has("topLevelSql")) {
            // a numeric quotient: PostgreSQL's text of it, every digit of its display scale
            Node quotient = ExactDivision.asText(e.node("arg"));
            types.assume(quotient, target);
            return quotient;
        }
        if (from != null && !from.isArray() && (from.name().equals("int2vector") || from.name().equals("oidvector"))) {
            // int2vectorout / oidvectorout: the numbers separated by spaces (indkey::text is '1 2')
            Node vector = Expressions.duckDb("array_to_string({0}, ' ')", e.node("arg"));
            types.assume(vector, target);
            return vector;
        }
        Node text = ArrayText.of(e.node("arg"), from);
        if (text != null) return text;
        if (from != null && from.isArray() && !from.isUnknown()) {
            // DuckDB would write its list notation ([a, b]) rather than PostgreSQL's
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "an array of type " + FormatType.displayName(from)
                    + " cannot be cast to text")
                    .withDetail("The value itself is written in PostgreSQL's notation when it is a query's result.");
        }
        TypeResolver.Entry row = e.node("arg").is("ColumnRef") && scope != null
                && e.node("arg").list("fields").stream().allMatch(f -> f.is("String"))
                ? scope.wholeRow(e.node("arg").names("fields")) : null;
        if (row != null && !row.cols().isEmpty()) {
            // a table's row as text: its columns as the attributes of a composite
            List<String> names = new ArrayList<>();
            List<PgTypeName> attributeTypes = new ArrayList<>();
            for (Col c : row.cols()) {
                if (c.type() == null) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this row cannot be cast to text");
                names.add(c.name());
                attributeTypes.add(c.type().asTypeName());
            }
            Node rowText = CompositeText.of(e.node("arg"), new CompositeMeta(null, row.alias(), names, attributeTypes, null));
            types.assume(rowText, target.withoutTypmod());
            return rowText;
        }
        if (e.node("arg").is("RowExpr")) {
            List<SqlType> fieldTypes = new ArrayList<>();
            for (Node f : e.node("arg").list("args")) fieldTypes.add(types.type(f, scope));
            Node fieldsText = CompositeText.ofRow(e.node("arg"), fieldTypes);
            if (fieldsText != null) {
                types.assume(fieldsText, target.withoutTypmod());
                return fieldsText;
            }
        }
        CompositeMeta composite = from == null || from.isArray() || TypeMapper.knownBuiltin(from.name()) ? null
                : types.catalog().composite(null, from.name());
        return composite != null ? CompositeText.of(e.node("arg"), composite) : null;
    }
}
