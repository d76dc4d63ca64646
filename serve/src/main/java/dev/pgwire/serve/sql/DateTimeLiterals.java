package dev.pgwire.serve.sql;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgInterval;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/**
 * A date or timestamp written as a string constant ({@code '2024-05-01 10:00 +02:00'::timestamptz},
 * or a string inserted into such a column) read with PostgreSQL's datetime input — DateStyle, the
 * session's TimeZone, offsets with or without a space, month names, {@code epoch} — and given to
 * DuckDB in the one ISO form it reads the same way. DuckDB's own reading differs (it takes the
 * word after a space as a zone name, and knows neither DateStyle nor PostgreSQL's words), so a
 * value is either PostgreSQL's or PostgreSQL's error (22007, 22008), never another reading.
 * Words that depend on the moment (now, today, …), BC dates and infinities are left as written.
 * Interval constants likewise: PostgreSQL's input, given to DuckDB as months, days and microseconds.
 */
final class DateTimeLiterals {
    private DateTimeLiterals() {}

    private static final TypeRegistry REGISTRY = TypeRegistry.standard();
    private static final Set<String> MOMENT_WORDS = Set.of("now", "today", "tomorrow", "yesterday");

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
            default -> null;
        };
        if (pg == null) return null;
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (MOMENT_WORDS.contains(word) || word.contains("infinity")) return null;
        CodecContext ctx = CodecContext.DEFAULT.withTimeZone(ZoneId.of(session.timeZoneName()));
        String dateStyle = session.setting("DateStyle");
        if (dateStyle != null) ctx = ctx.withDateStyle(dateStyle);
        Object value = REGISTRY.decodeText(pg.oid(), text, ctx); // PostgreSQL's error for what it refuses
        String iso = REGISTRY.encodeText(pg.oid(), value, CodecContext.DEFAULT); // UTC, ISO
        return iso.endsWith(" BC") ? null : iso;
    }
}
