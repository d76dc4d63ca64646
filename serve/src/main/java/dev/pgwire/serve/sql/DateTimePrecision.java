package dev.pgwire.serve.sql;

/**
 * Fractional-second precision of {@code timestamp(p)}, {@code timestamptz(p)}, {@code time(p)} and
 * {@code interval(p)} (or {@code interval second(p)}) applied as PostgreSQL applies it when a value
 * is cast or stored (AdjustTimestampForTypmod, AdjustTimeForTypmod, AdjustIntervalForTypmod):
 * rounded to p digits, half away from zero. DuckDB keeps microseconds
 * whatever the declared precision, so without this a timestamp(3) column would hold and return
 * digits PostgreSQL drops. Infinite timestamps stay as they are.
 */
final class DateTimePrecision {
    private DateTimePrecision() {}

    /** The value rounded to {@code target}'s precision, or the value itself where nothing is to round. */
    static Node round(Node value, SqlType target, TypeResolver types) {
        Node r = round(fields(value, target), target, true);
        if (r != value) types.assume(r, target);
        return r;
    }

    /**
     * A value of an interval type with a field qualifier ({@code interval hour}, {@code interval day
     * to minute}) kept to those fields, as PostgreSQL stores and casts it (a string constant is read
     * so already: DateTimeLiterals.qualifiedInterval); else the value itself.
     */
    private static Node fields(Node value, SqlType target) {
        if (target == null || target.isArray() || !target.name().equals("interval") || target.typmod() < 0) return value;
        long mask = (target.typmod() >> 16) & 0x7FFF;
        if (!DateTimeLiterals.cutsFields(mask)) return value; // no qualifier, or … SECOND: nothing to cut
        // a string constant cast with a qualifier (interval '90' minute) is read with it already
        if (value.is("TypeCast") && value.node("arg") != null && value.node("arg").is("A_Const") && value.node("typeName") != null
                && value.node("typeName").has("typmods")) return value;
        return Expressions.duckDb("CAST(pg_interval_fields(CAST({0} AS VARCHAR), " + mask + ") AS INTERVAL)", value);
    }

    /**
     * A column default rounded to the column's precision (CURRENT_TIMESTAMP into timestamp(3)), or
     * the default itself: DuckDB takes no lambda in a DEFAULT, so the value is written where it is used.
     */
    static Node roundDefault(Node value, SqlType target) {
        return round(value, target, false);
    }

    private static Node round(Node value, SqlType target, boolean lambda) {
        if (target == null || target.isArray() || target.typmod() < 0) return value;
        String name = target.name();
        boolean time = name.equals("time");
        boolean interval = name.equals("interval");
        if (!time && !interval && !name.equals("timestamp") && !name.equals("timestamptz")) return value;
        // an interval's typmod holds its fields above its precision (0xFFFF: none given)
        int precision = interval ? target.typmod() & 0xFFFF : target.typmod();
        if (precision >= 6) return value;
        long scale = 1;
        for (int i = precision; i < 6; i++) scale *= 10;
        long half = scale / 2;
        String duckDb = time ? "TIME" : interval ? "INTERVAL" : name.equals("timestamp") ? "TIMESTAMP" : "TIMESTAMPTZ";
        // microseconds since midnight, of the interval's time, or since the epoch; the value is read once (a lambda's argument)
        // (timestamps count from PostgreSQL's epoch, 2000-01-01: half away from zero is measured from there)
        String us = time ? "((hour(pg_t) * 60 + minute(pg_t)) * 60000000 + microsecond(pg_t))"
                : interval ? "((date_part('hour', pg_t) * 60 + date_part('minute', pg_t)) * 60000000 + date_part('microseconds', pg_t))"
                : "(epoch_us(pg_t) - 946684800000000)";
        String rounded = "CASE WHEN " + us + " >= 0 THEN (" + us + " + " + half + ") // " + scale + " * " + scale
                + " ELSE -((-" + us + " + " + half + ") // " + scale + " * " + scale + ") END";
        String adjust = "pg_t + to_microseconds(" + rounded + " - " + us + ")";
        // time rounds up to 24:00:00 as PostgreSQL's does (DuckDB's addition would wrap to midnight)
        String body = time ? "CASE WHEN " + rounded + " >= 86400000000 THEN CAST('24:00:00' AS TIME) ELSE " + adjust + " END"
                : interval ? adjust : "CASE WHEN isinf(pg_t) THEN pg_t ELSE " + adjust + " END";
        Node r = lambda ? Expressions.duckDb("list_transform([CAST({0} AS " + duckDb + ")], lambda pg_t: " + body + ")[1]", value)
                : Expressions.duckDb(body.replace("pg_t", "CAST({0} AS " + duckDb + ")"), value);
        if (value.has("location")) r.set("location", value.location());
        return r;
    }
}
