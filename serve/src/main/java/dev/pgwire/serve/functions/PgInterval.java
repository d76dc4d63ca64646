package dev.pgwire.serve.functions;

import java.util.Locale;

/**
 * An interval as both PostgreSQL and DuckDB store it: months, days and microseconds, each with its
 * own sign.
 *
 * <p>DuckDB's Java functions cannot take or return INTERVAL values, so intervals cross into these
 * functions as text: {@code CAST(i AS VARCHAR)} gives DuckDB's form ({@code 1 year 2 months -3 days
 * -04:05:06.5}), which {@link #parse} reads (PostgreSQL's own output, {@code 1 year 2 mons}, reads as
 * well), and results go back as {@link #toDuckDbText()} ({@code 14 months -3 days -14706500000
 * microseconds}), which {@code CAST(… AS INTERVAL)} reads exactly.
 *
 * <pre>{@code
 * PgInterval i = PgInterval.parse("1 year 35 days 25:00:00");
 * i.months();          // 12
 * i.toDuckDbText();    // "12 months 35 days 90000000000 microseconds"
 * }</pre>
 */
public record PgInterval(int months, int days, long micros) {

    /** Reads DuckDB's or PostgreSQL's ("postgres" style) interval output, or {@link #toDuckDbText()}. */
    public static PgInterval parse(String text) {
        String[] tokens = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        long months = 0;
        long days = 0;
        long micros = 0;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty() || t.equals("@")) continue;
            if (t.indexOf(':') >= 0) {
                micros += time(t, text);
                continue;
            }
            if (i + 1 >= tokens.length) throw bad(text);
            long n;
            try {
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            String unit = tokens[++i];
            switch (unit) {
                case "year", "years" -> months += n * 12;
                case "mon", "mons", "month", "months" -> months += n;
                case "day", "days" -> days += n;
                case "hour", "hours" -> micros += n * 3_600_000_000L;
                case "minute", "minutes", "min", "mins" -> micros += n * 60_000_000L;
                case "second", "seconds", "sec", "secs" -> micros += n * 1_000_000L;
                case "millisecond", "milliseconds" -> micros += n * 1000L;
                case "microsecond", "microseconds" -> micros += n;
                default -> throw bad(text);
            }
        }
        if (months != (int) months || days != (int) days) throw bad(text);
        return new PgInterval((int) months, (int) days, micros);
    }

    /** {@code [-]H:MM[:SS[.ffffff]]} in microseconds. */
    private static long time(String t, String text) {
        boolean neg = t.startsWith("-");
        String s = neg || t.startsWith("+") ? t.substring(1) : t;
        String[] parts = s.split(":");
        if (parts.length < 2 || parts.length > 3) throw bad(text);
        try {
            long v = Long.parseLong(parts[0]) * 3_600_000_000L + Long.parseLong(parts[1]) * 60_000_000L;
            if (parts.length == 3) {
                String sec = parts[2];
                int dot = sec.indexOf('.');
                String whole = dot < 0 ? sec : sec.substring(0, dot);
                v += Long.parseLong(whole) * 1_000_000L;
                if (dot >= 0) {
                    String frac = (sec.substring(dot + 1) + "000000").substring(0, 6);
                    v += Long.parseLong(frac);
                }
            }
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not an interval: \"" + text + "\"");
    }

    /** Text that DuckDB's {@code CAST(… AS INTERVAL)} turns back into exactly this interval. */
    public String toDuckDbText() {
        return months + " months " + days + " days " + micros + " microseconds";
    }
}
