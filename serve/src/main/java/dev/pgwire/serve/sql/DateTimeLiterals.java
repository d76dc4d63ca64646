package dev.pgwire.serve.sql;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgInterval;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A date or timestamp written as a string constant ({@code '2024-05-01 10:00 +02:00'::timestamptz},
 * or a string inserted into such a column) read with PostgreSQL's datetime input — DateStyle, the
 * session's TimeZone, offsets with or without a space, month names, {@code epoch} — and given to
 * DuckDB in the one ISO form it reads the same way. DuckDB's own reading differs (it takes the
 * word after a space as a zone name, and knows neither DateStyle nor PostgreSQL's words), so a
 * value is either PostgreSQL's or PostgreSQL's error (22007, 22008), never another reading.
 * BC dates are given as astronomical years ({@code -0043} for 44 BC). Words that depend on the
 * moment (now, today, …) and infinities are left as written.
 * Interval constants likewise: PostgreSQL's input, given to DuckDB as months, days and microseconds.
 */
public final class DateTimeLiterals {
    private DateTimeLiterals() {}

    private static final TypeRegistry REGISTRY = TypeRegistry.standard();
    private static final Set<String> MOMENT_WORDS = Set.of("now", "today", "tomorrow", "yesterday");

    static boolean intervalHasMonths(String text) {
        try {
            return REGISTRY.decodeText(PgType.INTERVAL.oid(), text, CodecContext.DEFAULT) instanceof dev.pgwire.protocol.types.PgInterval i
                    && i.months() != 0;
        } catch (RuntimeException e) {
            return false; // not an interval: the call reports it
        }
    }

    /**
     * A cast of one of the special inputs {@code 'now'}, {@code 'today'}, {@code 'tomorrow'},
     * {@code 'yesterday'} to date, timestamp or timestamptz: the moment it names (now is the
     * transaction's start, as PostgreSQL reads it), or null for anything else.
     */
    static Node moment(Node arg, SqlType target) {
        String text = arg.is("A_Const") && arg.has("sval") ? arg.node("sval").str("sval").trim().toLowerCase(java.util.Locale.ROOT) : null;
        if (text == null || !MOMENT_WORDS.contains(text)) return null;
        String duckDb = switch (target.name()) {
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            case "timestamptz" -> "TIMESTAMPTZ";
            case "time" -> "TIME";
            default -> null;
        };
        if (duckDb == null) return null;
        // time 'now' is the time of day in the session's zone; a day is no time
        if (duckDb.equals("TIME")) {
            if (!text.equals("now")) {
                throw new dev.pgwire.protocol.PgException("22007", "invalid input syntax for type time: \"" + arg.node("sval").str("sval") + "\"");
            }
            return Expressions.duckDb("CAST(CAST(now() AS TIMESTAMP) AS TIME)");
        }
        String day = switch (text) {
            case "today" -> "current_date";
            case "tomorrow" -> "(current_date + 1)";
            case "yesterday" -> "(current_date - 1)";
            default -> null;
        };
        if (day == null) return Expressions.duckDb("CAST(now() AS " + duckDb + ")");
        return Expressions.duckDb("CAST(" + day + " AS " + duckDb + ")");
    }

    /**
     * A column default that PostgreSQL reads once, when the default is declared: a string constant
     * given to a date, time or timestamp column (untyped, or cast to one of those types) is the
     * value it names at that moment — read in the declaring session's TimeZone and DateStyle, and
     * {@code 'now'}, {@code 'today'} and {@code 'epoch'} included — not text read again by each
     * INSERT in the inserting session's zone. Returns the default as a constant cast to its type,
     * written in ISO form with its offset, or the expression itself when it is something else.
     * ({@code now()} and {@code CURRENT_TIMESTAMP} stay calls, evaluated by each INSERT.)
     */
    static Node frozenDefault(Node expr, PgTypeName column, SessionContext session) {
        if (expr == null || column == null) return expr;
        Node constant = expr;
        String type = column.dimensions() == 0 && column.builtin() ? column.name() : null;
        if (expr.is("TypeCast")) {
            PgTypeName cast = PgTypeName.of(expr.node("typeName"));
            constant = expr.node("arg");
            type = cast.dimensions() == 0 && cast.builtin() ? cast.name() : null;
        }
        if (type == null || constant == null || !constant.is("A_Const") || !constant.has("sval")) return expr;
        PgType pg = switch (type) {
            case "date" -> PgType.DATE;
            case "time" -> PgType.TIME;
            case "timetz" -> PgType.TIMETZ;
            case "timestamp" -> PgType.TIMESTAMP;
            case "timestamptz" -> PgType.TIMESTAMPTZ;
            default -> null;
        };
        if (pg == null) return expr;
        CodecContext ctx = CodecContext.DEFAULT.withTimeZone(ZoneId.of(session.timeZoneName()));
        String dateStyle = session.setting("DateStyle");
        CodecContext in = dateStyle == null ? ctx : ctx.withDateStyle(dateStyle);
        Object value = REGISTRY.decodeText(pg.oid(), constant.node("sval").str("sval"), in); // PostgreSQL's error for what it refuses
        // a cast's precision (timestamp(0), time(1)) rounds the value as the cast would
        int precision = expr.is("TypeCast") ? PgTypeName.of(expr.node("typeName")).typmod() : -1;
        if (precision >= 0 && precision < 6) value = rounded(value, precision);
        String text = REGISTRY.encodeText(pg.oid(), value, ctx); // ISO, in the session's zone with its offset
        Node frozen = Node.of("A_Const").set("sval", Node.string(text)).set("location", constant.location());
        return SqlType.of(type).cast(frozen, expr.location());
    }

    /** A date/time value rounded to {@code precision} fraction digits, half away from zero (infinities as they are). */
    private static Object rounded(Object value, int precision) {
        long unit = 1;
        for (int i = precision; i < 9; i++) unit *= 10; // in nanoseconds
        java.time.temporal.Temporal t;
        int nanos;
        if (value instanceof java.time.LocalDateTime v && v != java.time.LocalDateTime.MAX && v != java.time.LocalDateTime.MIN) {
            t = v;
            nanos = v.getNano();
        } else if (value instanceof java.time.OffsetDateTime v && v != java.time.OffsetDateTime.MAX && v != java.time.OffsetDateTime.MIN) {
            t = v;
            nanos = v.getNano();
        } else if (value instanceof java.time.LocalTime v) {
            t = v;
            nanos = v.getNano();
        } else if (value instanceof java.time.OffsetTime v) {
            t = v;
            nanos = v.getNano();
        } else {
            return value;
        }
        long down = nanos / unit * unit;
        long up = nanos - down >= unit / 2 ? unit : 0;
        if (value instanceof java.time.LocalTime v && up > 0 && v.withNano(0).plusNanos(down + up).isBefore(v)) {
            return value; // 23:59:59.5 as time(0) is 24:00:00 in PostgreSQL, which LocalTime cannot hold: the cast rounds it
        }
        return t.plus(down - nanos + up, java.time.temporal.ChronoUnit.NANOS);
    }

    // PostgreSQL's interval field bits (the first typmod of INTERVAL … HOUR TO MINUTE)
    private static final int MONTH = 1 << 1, YEAR = 1 << 2, DAY = 1 << 3, HOUR = 1 << 10, MINUTE = 1 << 11, SECOND = 1 << 12;
    private static final long MICROS_PER_MINUTE = 60_000_000L, MICROS_PER_HOUR = 3_600_000_000L;

    /**
     * A constant cast to an interval with a field qualifier ({@code interval '1' hour}, {@code
     * interval '1 day 2:03:04' hour to minute}): a bare number counts in the qualifier's last
     * field, and the fields below it are dropped, as PostgreSQL reads them. Null to leave it.
     */
    static String qualifiedInterval(String text, long mask) {
        if (mask == 0x7FFF || mask <= 0) return null;
        String unit = smallestField(mask); // a bare number counts in it
        String t = text.trim();
        boolean bare = !t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+');
        Object v = REGISTRY.decodeText(PgType.INTERVAL.oid(), bare ? t + " " + unit : text, CodecContext.DEFAULT);
        if (!(v instanceof PgInterval i)) return null;
        long[] r = restricted(i.months(), i.days(), i.microseconds(), mask);
        return r[0] + " months " + r[1] + " days " + r[2] + " microseconds";
    }

    /**
     * The smallest field of an interval qualifier's field bits ({@code hour} of {@code day to
     * hour}): {@code second} where nothing is cut (no qualifier, {@code … to second}).
     */
    private static String smallestField(long mask) {
        if (mask == 0x7FFF || mask <= 0 || (mask & SECOND) != 0) return "second";
        return (mask & MINUTE) != 0 ? "minute" : (mask & HOUR) != 0 ? "hour" : (mask & DAY) != 0 ? "day"
                : (mask & MONTH) != 0 ? "month" : (mask & YEAR) != 0 ? "year" : "second";
    }

    /** Whether a qualifier of field bits {@code mask} cuts a value's fields (interval hour does, day to second does not). */
    static boolean cutsFields(long mask) {
        return !smallestField(mask).equals("second");
    }

    /**
     * An interval kept to the fields of a qualifier ({@code interval day to hour}: typmod's field
     * bits {@code mask}), as PostgreSQL's AdjustIntervalForTypmod cuts it, toward zero: {months,
     * days, microseconds}.
     */
    public static long[] restricted(long months, long days, long micros, long mask) {
        switch (smallestField(mask)) {
            case "year" -> { months = months / 12 * 12; days = 0; micros = 0; }
            case "month" -> { days = 0; micros = 0; }
            case "day" -> micros = 0;
            case "hour" -> micros = micros / MICROS_PER_HOUR * MICROS_PER_HOUR;
            case "minute" -> micros = micros / MICROS_PER_MINUTE * MICROS_PER_MINUTE;
            default -> { }
        }
        return new long[] {months, days, micros};
    }

    /** The constant {@code text} cast to {@code type}, as DuckDB must read it; null to leave it as written. */
    static String canonical(String text, SqlType type, SessionContext session) {
        if (type == null || type.isArray()) return null;
        if (type.name().equals("interval")) {
            if (type.typmod() != -1) return null; // interval '1' HOUR: the qualifier decides what a bare number means
            // PostgreSQL's interval input (ISO 8601 P1Y2M, '@ 1 hour ago', fractional units, …), in fields DuckDB reads as they are
            Object v = REGISTRY.decodeText(PgType.INTERVAL.oid(), text, CodecContext.DEFAULT);
            if (!(v instanceof PgInterval i)) return null;
            return i.months() + " months " + i.days() + " days " + i.microseconds() + " microseconds";
        }
        PgType pg = switch (type.name()) {
            case "timestamptz" -> PgType.TIMESTAMPTZ;
            case "timestamp" -> PgType.TIMESTAMP;
            case "date" -> PgType.DATE;
            case "timetz" -> PgType.TIMETZ; // '10:00+02': DuckDB wants the seconds
            case "time" -> PgType.TIME; // '10:00 PM', rounding to microseconds
            default -> null;
        };
        if (pg == null) return null;
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (MOMENT_WORDS.contains(word) || word.contains("infinity")) return null;
        return iso(text, pg, session.timeZoneName(), session.setting("DateStyle"));
    }

    /**
     * Text read as a date, timestamp, timestamptz, time, timetz or interval while a statement runs (pgwire_moment_in), by
     * PostgreSQL's input rules — AM/PM, BC, month names, zones, DateStyle's field order, the words
     * now, today, tomorrow and yesterday — and given to DuckDB as ISO text; infinities as written,
     * for DuckDB's cast.
     */
    public static String atRunTime(String text, String typeName, String zone, String dateStyle) {
        if (typeName.equals("interval")) {
            // PostgreSQL's interval input (ISO 8601, 'Y-M D H:M:S', '-1 day +2 hours', rounding to microseconds)
            PgInterval i = (PgInterval) REGISTRY.decodeText(PgType.INTERVAL.oid(), text, CodecContext.DEFAULT);
            return i.months() + " months " + i.days() + " days " + i.microseconds() + " microseconds";
        }
        PgType pg = switch (typeName) {
            case "timestamptz" -> PgType.TIMESTAMPTZ;
            case "timestamp" -> PgType.TIMESTAMP;
            case "date" -> PgType.DATE;
            case "time" -> PgType.TIME; // '10:00 PM', '040506', rounding to microseconds
            case "timetz" -> PgType.TIMETZ;
            default -> throw new IllegalArgumentException(typeName);
        };
        // now, today, tomorrow, yesterday: the moment as this statement runs ('now'::text::date in a
        // pg_dump-style default); infinities as written, for DuckDB's cast
        if (text.trim().toLowerCase(Locale.ROOT).contains("infinity")) return text;
        return iso(text, pg, zone, dateStyle);
    }

    private static String iso(String text, PgType pg, String zone, String dateStyle) {
        CodecContext ctx = CodecContext.DEFAULT.withTimeZone(ZoneId.of(zone));
        if (dateStyle != null) ctx = ctx.withDateStyle(dateStyle);
        Object value = REGISTRY.decodeText(pg.oid(), text, ctx); // PostgreSQL's error for what it refuses
        String iso = REGISTRY.encodeText(pg.oid(), value, CodecContext.DEFAULT); // UTC, ISO
        return iso.endsWith(" BC") ? astronomical(iso) : iso;
    }

    /**
     * PostgreSQL's {@code 0044-03-15 12:00:00 BC} as the astronomical year DuckDB reads,
     * {@code -0043-03-15 12:00:00} (1 BC is year 0): DuckDB ignores a trailing BC on a timestamp.
     */
    private static String astronomical(String iso) {
        String t = iso.substring(0, iso.length() - " BC".length());
        int dash = t.indexOf('-');
        if (dash <= 0) return null;
        long year = Long.parseLong(t.substring(0, dash)) - 1;
        String digits = Long.toString(year);
        return (year == 0 ? "" : "-") + "0".repeat(Math.max(0, 4 - digits.length())) + digits + t.substring(dash);
    }
}
