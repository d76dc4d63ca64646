package dev.pgwire.serve.sql;

/**
 * Text read as another type while a statement runs (a cast of a text column or expression), by
 * PostgreSQL's input functions where DuckDB's casts read it otherwise: boolean takes on, off and
 * any unique prefix ({@link Booleans}); numeric without modifier refuses more than ten decimals
 * (22003) rather than rounding them; date, timestamp and timestamptz go through pgwire_moment_in
 * (AM/PM, BC, month names, DateStyle), with the TimeZone and DateStyle of the session running the
 * statement — also in a view or a default — which {@code EngineSettings} keeps in DuckDB variables.
 * Constants are read while translating instead ({@link DateTimeLiterals}, {@link Casts}).
 */
final class RunTimeText {
    private RunTimeText() {}

    /** The end of the 22003 message for a value a numeric without modifier (DECIMAL(38,10)) cannot hold exactly. */
    static final String NOT_EXACT = " cannot be held exactly in a numeric without precision (28 digits before and 10 after the point)";

    /** {@code value::castTo} of text as a whole, for boolean and numeric without modifier; null for other casts. */
    static Node cast(Node value, SqlType fromType, SqlType castTo, TypeResolver types) {
        if (!readsText(fromType, castTo)) return null;
        Node read;
        if (castTo.name().equals("bool")) {
            read = Expressions.duckDb(Booleans.atRunTime("{0}"), value);
        } else if (castTo.name().equals("numeric") && castTo.typmod() < 0) {
            read = Expressions.duckDb("list_transform([CAST({0} AS VARCHAR)], lambda pg_s: CASE"
                    + " WHEN length(regexp_extract(trim(pg_s), '^[+-]?[0-9]*\\.([0-9]*?)0*$', 1)) > 10"
                    + " THEN error('[pgwire:22003] numeric field overflow: ' || trim(pg_s) || '" + NOT_EXACT + "')"
                    + " ELSE CAST(pg_s AS DECIMAL(38,10)) END)[1]", value);
        } else {
            return null;
        }
        types.assume(read, castTo);
        return read;
    }

    /**
     * For a cast of text to date, timestamp, timestamptz, time, timetz or interval: the text as ISO (an interval as
     * months, days and microseconds), which DuckDB's cast then
     * reads exactly (the cast itself stays, for its precision); null for other casts.
     */
    static Node momentText(Node value, SqlType fromType, SqlType castTo, TypeResolver types) {
        if (!readsText(fromType, castTo)) return null;
        String name = castTo.name();
        if (!name.equals("timestamp") && !name.equals("timestamptz") && !name.equals("date") && !name.equals("interval")
                && !name.equals("time") && !name.equals("timetz")) return null;
        String spec = "'" + name + "|' || coalesce(getvariable('pgwire_timezone'), 'UTC') || '|'"
                + " || coalesce(getvariable('pgwire_datestyle'), 'ISO, MDY')";
        Node read = Expressions.duckDb("pgwire_moment_in(CAST({0} AS VARCHAR), " + spec + ")", value);
        types.assume(read, SqlType.TEXT);
        return read;
    }

    private static boolean readsText(SqlType fromType, SqlType castTo) {
        return castTo != null && !castTo.isArray() && fromType != null && !fromType.isArray() && fromType.isText() && !fromType.isUnknown();
    }

    /** float8_numeric / float4_numeric: a float as the shortest decimal of 15 (6) significant digits, not its binary value. */
    static Node floatDigits(Node value, SqlType from, TypeResolver types) {
        Node digits = Expressions.duckDb(from.name().equals("float4") ? "printf('%.6g', CAST({0} AS FLOAT))"
                : "printf('%.15g', CAST({0} AS DOUBLE))", value);
        types.assume(digits, SqlType.TEXT);
        return digits;
    }

    /** Those digits as numeric without modifier (DECIMAL(38,10) here): exactly, or 22003 rather than rounded. */
    static Node exactFromDigits(Node digits, SqlType numeric, TypeResolver types) {
        Node exact = Expressions.duckDb("list_transform([{0}], lambda pg_s: CASE WHEN pg_s IS NULL THEN NULL"
                + " WHEN lower(pg_s) IN ('nan', '-nan', 'inf', '-inf', 'infinity', '-infinity')"
                + " THEN error('[pgwire:0A000] numeric NaN and infinity are not supported')"
                + " WHEN CAST(TRY_CAST(pg_s AS DECIMAL(38,10)) AS DOUBLE) = CAST(pg_s AS DOUBLE) THEN CAST(pg_s AS DECIMAL(38,10))"
                + " ELSE error('[pgwire:22003] numeric field overflow: ' || pg_s || '" + NOT_EXACT + "') END)[1]", digits);
        types.assume(exact, numeric);
        return exact;
    }
}
