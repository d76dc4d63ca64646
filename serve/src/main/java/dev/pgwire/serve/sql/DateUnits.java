package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The units of EXTRACT and date_part as PostgreSQL reads them: the names and abbreviations of
 * datetime.c's tables (a name is looked up by its first ten characters, as there), and the units
 * each source type takes. A unit a type does not take is PostgreSQL's 0A000, an unknown name its
 * 22023 — where DuckDB would answer 0 (the hour of a date) or a name of its own.
 */
final class DateUnits {
    private DateUnits() {}

    enum Unit {
        MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY, MILLENNIUM,
        ISOYEAR, DOW, ISODOW, DOY, EPOCH, JULIAN, TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE;

        /** The name DuckDB and the rest of the translation know the unit by. */
        String canonical() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** datetime.c's TOKMAXLEN: names are compared on this many characters. */
    private static final int TOKEN_LENGTH = 10;
    private static final Map<String, Unit> NAMES = new HashMap<>();

    static {
        names(Unit.MICROSECONDS, "microsecon", "us", "usec", "usecond", "useconds", "usecs");
        names(Unit.MILLISECONDS, "millisecon", "ms", "msec", "msecond", "mseconds", "msecs");
        names(Unit.SECOND, "s", "sec", "second", "seconds", "secs");
        names(Unit.MINUTE, "m", "min", "mins", "minute", "minutes");
        names(Unit.HOUR, "h", "hour", "hours", "hr", "hrs");
        names(Unit.DAY, "d", "day", "days");
        names(Unit.WEEK, "w", "week", "weeks");
        names(Unit.MONTH, "mon", "mons", "month", "months");
        names(Unit.QUARTER, "qtr", "quarter");
        names(Unit.YEAR, "y", "year", "years", "yr", "yrs");
        names(Unit.DECADE, "dec", "decade", "decades", "decs");
        names(Unit.CENTURY, "c", "cent", "centuries", "century");
        names(Unit.MILLENNIUM, "mil", "millennia", "millennium", "mils");
        names(Unit.ISOYEAR, "isoyear");
        names(Unit.DOW, "dow");
        names(Unit.ISODOW, "isodow");
        names(Unit.DOY, "doy");
        names(Unit.EPOCH, "epoch");
        names(Unit.JULIAN, "j", "jd", "julian");
        names(Unit.TIMEZONE, "timezone");
        names(Unit.TIMEZONE_HOUR, "timezone_h");
        names(Unit.TIMEZONE_MINUTE, "timezone_m");
    }

    private static void names(Unit unit, String... names) {
        for (String n : names) NAMES.put(n, unit);
    }

    private static final Set<Unit> ZONES = EnumSet.of(Unit.TIMEZONE, Unit.TIMEZONE_HOUR, Unit.TIMEZONE_MINUTE);
    private static final Set<Unit> CLOCK = EnumSet.of(Unit.MICROSECONDS, Unit.MILLISECONDS, Unit.SECOND, Unit.MINUTE, Unit.HOUR,
            Unit.EPOCH);
    private static final Set<Unit> DATE = EnumSet.of(Unit.DAY, Unit.WEEK, Unit.MONTH, Unit.QUARTER, Unit.YEAR, Unit.DECADE,
            Unit.CENTURY, Unit.MILLENNIUM, Unit.ISOYEAR, Unit.DOW, Unit.ISODOW, Unit.DOY, Unit.EPOCH, Unit.JULIAN);
    private static final Set<Unit> INTERVAL = EnumSet.of(Unit.MICROSECONDS, Unit.MILLISECONDS, Unit.SECOND, Unit.MINUTE, Unit.HOUR,
            Unit.DAY, Unit.MONTH, Unit.QUARTER, Unit.YEAR, Unit.DECADE, Unit.CENTURY, Unit.MILLENNIUM, Unit.EPOCH);
    private static final Set<Unit> TIMESTAMP = EnumSet.complementOf(EnumSet.copyOf(ZONES));
    private static final Set<Unit> TIMETZ = union(CLOCK, ZONES);
    private static final Set<Unit> ALL = EnumSet.allOf(Unit.class);
    /** The units each source type takes, by its name. */
    private static final Map<String, Set<Unit>> TAKES = Map.of("date", DATE, "timestamp", TIMESTAMP, "timestamptz", ALL,
            "time", CLOCK, "timetz", TIMETZ, "interval", INTERVAL);

    private static Set<Unit> union(Set<Unit> a, Set<Unit> b) {
        Set<Unit> u = EnumSet.copyOf(a);
        u.addAll(b);
        return u;
    }

    /**
     * The unit {@code field} names for {@code extract} or {@code date_part} ({@code function}) of a
     * {@code source}, with the field's constant made the unit's canonical name; null where the field
     * is no constant or the source's type is not a date, time, timestamp or interval.
     *
     * @throws PgException PostgreSQL's error for a unit the type does not take or an unknown name
     */
    static Unit check(String function, Node field, SqlType source) {
        Node constant = constantOf(field);
        if (constant == null || source == null || source.isArray()) return null;
        // date_part(text, date) is PostgreSQL's SQL function over the timestamp
        SqlType type = source.is(SqlType.DATE) && !function.equals("extract") ? SqlType.TIMESTAMP : source.withoutTypmod();
        Set<Unit> takes = TAKES.get(type.name());
        if (takes == null) return null;
        String lower = constant.node("sval").str("sval").toLowerCase(Locale.ROOT);
        Unit unit = NAMES.get(lower.length() > TOKEN_LENGTH ? lower.substring(0, TOKEN_LENGTH) : lower);
        if (unit == null) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + lower + "\" not recognized for type " + FormatType.displayName(type));
        }
        if (!takes.contains(unit)) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + lower + "\" not supported for type " + FormatType.displayName(type));
        }
        constant.node("sval").set("sval", unit.canonical());
        return unit;
    }

    private static Node constantOf(Node n) {
        if (n == null) return null;
        if (n.is("TypeCast")) return constantOf(n.node("arg"));
        return n.is("A_Const") && n.has("sval") ? n : null;
    }
}
