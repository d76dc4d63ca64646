package dev.pgwire.serve;

import dev.pgwire.protocol.types.PgType;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * PostgreSQL's text output of the commonest typed values, written into one reused buffer instead
 * of a new string per value: integers held in their type's own Java type, and dates and timestamps of years 1 to 9999 in DateStyle
 * ISO ({@code 2024-01-31 13:45:00.5}). Anything else (infinities, BC, years beyond 9999, a
 * timestamp with nanoseconds) is null: the caller asks the type registry, whose output this
 * matches character for character.
 */
final class PlainText {
    /** Which values of a column's type are rendered here. */
    enum Kind {
        NONE, INT2, INT4, INT8, DATE, TIMESTAMP;

        static Kind of(int oid) {
            if (oid == PgType.INT2.oid()) return INT2;
            if (oid == PgType.INT4.oid()) return INT4;
            if (oid == PgType.INT8.oid()) return INT8;
            if (oid == PgType.DATE.oid()) return DATE;
            if (oid == PgType.TIMESTAMP.oid()) return TIMESTAMP;
            return NONE;
        }
    }

    private final StringBuilder sb = new StringBuilder(32);

    /** The text of {@code value}, valid until the next call; null when the registry must render it. */
    CharSequence render(Kind kind, Object value) {
        switch (kind) {
            case INT2, INT4, INT8 -> {
                // the registry's own Java type for the column; others it converts with a range check
                Class<?> own = kind == Kind.INT8 ? Long.class : kind == Kind.INT4 ? Integer.class : Short.class;
                if (value.getClass() != own) return null;
                sb.setLength(0);
                return sb.append(((Number) value).longValue());
            }
            case DATE -> {
                if (!(value instanceof LocalDate d) || d.getYear() < 1 || d.getYear() > 9999) return null;
                sb.setLength(0);
                date(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
                return sb;
            }
            case TIMESTAMP -> {
                if (!(value instanceof LocalDateTime t) || t.getYear() < 1 || t.getYear() > 9999 || t.getNano() % 1000 != 0) {
                    return null;
                }
                sb.setLength(0);
                date(t.getYear(), t.getMonthValue(), t.getDayOfMonth());
                sb.append(' ');
                two(t.getHour());
                sb.append(':');
                two(t.getMinute());
                sb.append(':');
                two(t.getSecond());
                int micros = t.getNano() / 1000;
                if (micros != 0) {
                    // six digits, trailing zeros dropped
                    int digits = 6;
                    while (micros % 10 == 0) {
                        micros /= 10;
                        digits--;
                    }
                    sb.append('.');
                    int at = sb.length();
                    for (int i = 0; i < digits; i++) sb.append('0');
                    for (int i = digits - 1; i >= 0; i--, micros /= 10) sb.setCharAt(at + i, (char) ('0' + micros % 10));
                }
                return sb;
            }
            default -> {
                return null;
            }
        }
    }

    private void date(int year, int month, int day) {
        sb.append((char) ('0' + year / 1000)).append((char) ('0' + year / 100 % 10))
                .append((char) ('0' + year / 10 % 10)).append((char) ('0' + year % 10));
        sb.append('-');
        two(month);
        sb.append('-');
        two(day);
    }

    private void two(int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
