package dev.pgwire.serve.sql;

import java.util.Locale;

/**
 * {@code EXTRACT} and {@code date_part} with PostgreSQL's results: EXTRACT gives numeric —
 * seconds with six decimals, milliseconds with three, epoch as exact seconds — and date_part
 * gives double precision with fractions of seconds. DuckDB's date_part answers whole numbers, so
 * sub-minute fields are computed from its microseconds.
 */
final class DateParts {
    private DateParts() {}

    /** EXTRACT(field FROM source): numeric. */
    static void extract(Emitter em, Node field, Node source) {
        String f = fieldName(field);
        if (f == null) {
            em.w.append("date_part(");
            em.expr(field);
            em.w.append(", ");
            em.expr(source);
            em.w.append(')');
            return;
        }
        String sql = switch (f) {
            case "second", "seconds" -> "(CAST(date_part('microseconds', {0}) AS DECIMAL(18,0)) * 0.000001)";
            case "millisecond", "milliseconds" -> "(CAST(date_part('microseconds', {0}) AS DECIMAL(18,0)) * 0.001)";
            case "microsecond", "microseconds" -> "CAST(date_part('microseconds', {0}) AS DECIMAL(18,0))";
            case "epoch" -> "(CAST(epoch_us({0}) AS DECIMAL(20,0)) * 0.000001)";
            case "julian" -> "CAST(date_part('julian', {0}) AS DECIMAL(38,10))";
            default -> {
                String year = yearField(f);
                yield "CAST(" + (year != null ? year : "date_part(" + SqlWriter.quoteLiteral(f) + ", {0})") + " AS DECIMAL(18,0))";
            }
        };
        em.expr(Expressions.duckDb(sql, source));
    }

    /**
     * The year-based fields as PostgreSQL counts them, from DuckDB's astronomical year (1 BC is
     * year 0): PostgreSQL has no year 0, so 44 BC is year -44, and decades, centuries and millennia
     * before it count down from -1 (timestamp_part's DTK_YEAR, DTK_DECADE, DTK_CENTURY,
     * DTK_MILLENNIUM, DTK_ISOYEAR). Null for other fields.
     */
    private static String yearField(String f) {
        // the year is named three times rather than bound once by a lambda: DuckDB takes no lambda in
        // a DEFAULT or CHECK (DEFAULT EXTRACT(YEAR FROM CURRENT_DATE))
        String y = "date_part('" + (f.equals("isoyear") ? "isoyear" : "year") + "', {0})";
        String moment = switch (f) {
            case "year", "years", "isoyear" -> "CASE WHEN " + y + " > 0 THEN " + y + " ELSE " + y + " - 1 END";
            case "decade", "decades" -> "CASE WHEN " + y + " >= 0 THEN " + y + " // 10 ELSE -((8 - (" + y + " - 1)) // 10) END";
            case "century", "centuries" -> "CASE WHEN " + y + " > 0 THEN (" + y + " + 99) // 100 ELSE -((99 - (" + y + " - 1)) // 100) END";
            case "millennium", "millennia" -> "CASE WHEN " + y + " > 0 THEN (" + y + " + 999) // 1000 ELSE -((999 - (" + y + " - 1)) // 1000) END";
            default -> null;
        };
        if (moment == null || f.equals("isoyear")) return moment;
        // an interval's years are a count, not a calendar year: decades, centuries and millennia of
        // it are whole tens, hundreds and thousands of them, toward zero (interval_part)
        int per = f.startsWith("decade") ? 10 : f.startsWith("centur") ? 100 : f.startsWith("millenn") ? 1000 : 1;
        String years = "date_part('year', {0})";
        String counted = per == 1 ? years : "CAST(trunc(" + years + " / " + per + ") AS BIGINT)";
        return "CASE WHEN typeof({0}) = 'INTERVAL' THEN " + counted + " ELSE " + moment + " END";
    }

    /** date_part(field, source): double precision. */
    static Node datePart(Node field, Node source) {
        String f = fieldName(field);
        if (f == null) {
            // a field known when the statement runs (a parameter, a column): the same, chosen then
            return Expressions.duckDb("CASE WHEN lower({0}) IN ('s', 'sec', 'second', 'seconds', 'secs')"
                    + " THEN date_part('microseconds', {1}) / 1000000.0"
                    + " WHEN lower({0}) IN ('ms', 'msec', 'msecond', 'mseconds', 'msecs', 'millisecond', 'milliseconds')"
                    + " THEN date_part('microseconds', {1}) / 1000.0"
                    + " WHEN lower({0}) = 'epoch' THEN epoch({1}) ELSE CAST(date_part({0}, {1}) AS DOUBLE) END", field, source);
        }
        String sql = switch (f) {
            case "second", "seconds" -> "(date_part('microseconds', {0}) / 1000000.0)";
            case "millisecond", "milliseconds" -> "(date_part('microseconds', {0}) / 1000.0)";
            case "epoch" -> "epoch({0})";
            default -> {
                String year = yearField(f);
                yield "CAST(" + (year != null ? year : "date_part(" + SqlWriter.quoteLiteral(f) + ", {0})") + " AS DOUBLE)";
            }
        };
        return Expressions.duckDb(sql, source);
    }

    /**
     * EXTRACT ({@code numeric}) or date_part of a {@code source} of {@code type} where the type
     * decides what DuckDB cannot tell: the epoch of a time with time zone is its clock less its
     * offset (DuckDB's leaves the offset out), and EXTRACT's julian of a timestamp is PostgreSQL's
     * day number plus the day's fraction as a numeric quotient at PostgreSQL's scale (DuckDB's is
     * a double). Null for the others.
     */
    static Node byType(DateUnits.Unit unit, boolean numeric, Node source, SqlType type) {
        if (unit == DateUnits.Unit.EPOCH && type.is(SqlType.TIMETZ)) {
            String us = "((date_part('hour', {0}) * 60 + date_part('minute', {0})) * 60 - date_part('timezone', {0})) * 1000000"
                    + " + date_part('microseconds', {0})";
            return Expressions.duckDb(numeric ? "(CAST(" + us + " AS DECIMAL(20,0)) * 0.000001)" : "((" + us + ") / 1000000.0)", source);
        }
        if (unit == DateUnits.Unit.JULIAN && numeric && (type.is(SqlType.TIMESTAMP) || type.is(SqlType.TIMESTAMPTZ))) {
            // of the session's wall clock
            Node clock = type.is(SqlType.TIMESTAMPTZ) ? Expressions.duckDb("CAST({0} AS TIMESTAMP)", source) : source;
            String day = "CAST(date_part('julian', CAST({0} AS DATE)) AS BIGINT)";
            String fraction = "(CAST((date_part('hour', {0}) * 60 + date_part('minute', {0})) * 60000000 + date_part('microseconds', {0})"
                    + " AS HUGEINT), 0, CAST('86400000000' AS HUGEINT), 0)";
            Node n = Expressions.duckDb("(CAST(" + day + " AS DECIMAL(38,20)) + pgwire_numeric_div_scaled" + fraction + ")", clock);
            n.set("exactDivision", true);
            // the fraction is below one: the day's digits, then the fraction's text after its 0
            n.set("topLevelSql", "(CAST(" + day + " AS VARCHAR) || substr(pgwire_numeric_div_scaled_text" + fraction + ", 2))");
            return n;
        }
        return null;
    }

    /** The fields that grow with time: PostgreSQL gives ±Infinity for an infinite date or timestamp (the others are null there, as DuckDB's). */
    private static final java.util.Set<String> UNBOUNDED = java.util.Set.of("year", "years", "decade", "decades", "century",
            "centuries", "millennium", "millennia", "isoyear", "epoch", "julian");

    /**
     * EXTRACT ({@code numeric}) or date_part of a date, timestamp or timestamptz {@code source}: the
     * call {@code part}, and for a field that grows with time and an infinite source PostgreSQL's
     * ±Infinity — double precision for date_part; for EXTRACT's numeric its text as a result column,
     * and 0A000 where it would feed other expressions (serve's numeric holds no infinity). Null where
     * nothing changes.
     */
    static Node infinite(Node part, Node field, Node source, SqlType sourceType, boolean numeric) {
        String f = fieldName(field);
        if (f == null || !UNBOUNDED.contains(f) || sourceType == null || sourceType.isArray()
                || !(sourceType.is(SqlType.DATE) || sourceType.is(SqlType.TIMESTAMP) || sourceType.is(SqlType.TIMESTAMPTZ))) {
            return null;
        }
        String sign = "CASE WHEN {1} = 'infinity' THEN %s ELSE %s END";
        if (!numeric) {
            return Expressions.duckDb("CASE WHEN isinf({1}) THEN " + sign.formatted("CAST('Infinity' AS DOUBLE)", "CAST('-Infinity' AS DOUBLE)")
                    + " ELSE {0} END", part, source.copy());
        }
        Node n = Expressions.duckDb("CASE WHEN isinf({1}) THEN error('[pgwire:0A000] numeric NaN and infinity are not supported') ELSE {0} END",
                part, source.copy(), ExactDivision.asText(part));
        n.set("exactDivision", true);
        // a quotient's text is its own; julian of a date is a DECIMAL(38,10): its text without the trailing zeros
        String text = part.has("topLevelSql") ? "{2}" : f.equals("julian") ? "rtrim(rtrim(CAST({0} AS VARCHAR), '0'), '.')" : "CAST({0} AS VARCHAR)";
        n.set("topLevelSql", "CASE WHEN isinf({1}) THEN " + sign.formatted("'Infinity'", "'-Infinity'") + " ELSE " + text + " END");
        return n;
    }

    private static String fieldName(Node field) {
        String s = Operators.stringConstant(field);
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
