package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.PgColumnType.Reader;

import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Values as DuckDB's JDBC driver hands them out, read and made into what the type registry
 * writes: timestamps as raw microseconds (infinities included, no JVM time zone), 24:00:00,
 * DuckDB's date and timestamp infinities as the java.time extremes, TIMESTAMP_NS rounded to
 * microseconds, lists as object arrays, blobs as bytes.
 */
final class DuckDbValues {
    private static final long MICROS_PER_SECOND = IsoDateTime.MICROS_PER_SECOND;
    private static final long MICROS_PER_DAY = IsoDateTime.MICROS_PER_DAY;
    /** DuckDB's date infinities are the extreme int32 day numbers. */
    private static final long DATE_INFINITY_DAYS = Integer.MAX_VALUE;
    /** DuckDB's timestamp infinities are the extreme int64 microsecond counts. */
    private static final long TIMESTAMP_INFINITY_MICROS = Long.MAX_VALUE;

    private DuckDbValues() {
    }

    static Reader objectReader() {
        return (rs, i) -> rs.getObject(i);
    }

    static Object readArray(java.sql.ResultSet rs, int i) throws SQLException {
        Array array = rs.getArray(i);
        return array == null ? null : toObjectArray(array);
    }

    /**
     * Timestamps in a list, as raw microseconds: the driver's own element objects are
     * java.sql.Timestamp, built in the JVM's time zone, which moves local times that fall into a
     * daylight-saving gap there.
     */
    static Object readMicrosArray(java.sql.ResultSet rs, int i) throws SQLException {
        Array array = rs.getArray(i);
        if (array == null) return null;
        java.util.List<Object> values = new java.util.ArrayList<>();
        try (java.sql.ResultSet elements = array.getResultSet()) {
            while (elements.next()) {
                long micros = elements.getLong(2); // column 1 is the index
                values.add(elements.wasNull() ? null : micros);
            }
        }
        return values.toArray();
    }

    static Object[] toObjectArray(Object list) {
        try {
            return list instanceof Array ? (Object[]) ((Array) list).getArray() : (Object[]) list;
        } catch (SQLException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not read list value: " + e.getMessage(), e);
        }
    }

    /** TIMESTAMP and TIMESTAMPTZ: the driver hands out the raw microseconds, infinities included. */
    static Object readMicros(java.sql.ResultSet rs, int i) throws SQLException {
        long micros = rs.getLong(i);
        return rs.wasNull() ? null : micros;
    }

    static Object readLocalDateTime(java.sql.ResultSet rs, int i) throws SQLException {
        try {
            return rs.getObject(i, LocalDateTime.class);
        } catch (DateTimeException e) {
            // the driver overflows converting infinite TIMESTAMP_S/MS values
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range", e);
        }
    }

    /** DuckDB allows 24:00:00, which java.time cannot hold; it is the only value that fails. */
    static Object readTime(java.sql.ResultSet rs, int i) throws SQLException {
        try {
            return rs.getObject(i);
        } catch (DateTimeException e) {
            return MICROS_PER_DAY;
        }
    }

    // ---------------------------------------------------------------- conversions for the type registry

    static byte[] bytes(Object v) {
        if (v instanceof byte[] b) return b;
        try {
            Blob blob = (Blob) v;
            return blob.getBytes(1, (int) blob.length());
        } catch (SQLException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not read blob value: " + e.getMessage(), e);
        }
    }

    /** The registry writes LocalDate.MAX and MIN as infinity and -infinity. */
    static LocalDate date(LocalDate d) {
        long day = d.toEpochDay();
        if (day == DATE_INFINITY_DAYS) return LocalDate.MAX;
        if (day == -DATE_INFINITY_DAYS) return LocalDate.MIN;
        return d;
    }

    /** 24:00:00 is LocalTime.MAX for the registry. */
    static LocalTime time(Object v) {
        if (v instanceof Long micros) {
            return micros >= MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
        }
        return (LocalTime) v;
    }

    static LocalDateTime timestamp(Object v) {
        if (v instanceof Long micros) {
            if (micros == TIMESTAMP_INFINITY_MICROS) return LocalDateTime.MAX;
            if (micros == -TIMESTAMP_INFINITY_MICROS) return LocalDateTime.MIN;
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                    (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000, ZoneOffset.UTC);
        }
        LocalDateTime t = v instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) v;
        if (t.equals(NS_INFINITY)) return LocalDateTime.MAX;
        if (t.equals(NS_MINUS_INFINITY)) return LocalDateTime.MIN;
        return t.getNano() % 1000 == 0 ? t : roundToMicros(t);
    }

    static OffsetDateTime timestampTz(Object v) {
        if (v instanceof OffsetDateTime t) return t;
        long micros = (Long) v;
        if (micros == TIMESTAMP_INFINITY_MICROS) return OffsetDateTime.MAX;
        if (micros == -TIMESTAMP_INFINITY_MICROS) return OffsetDateTime.MIN;
        return timestamp(micros).atOffset(ZoneOffset.UTC);
    }

    /** PostgreSQL keeps microseconds; TIMESTAMP_NS values round half up, as timestamp input does. */
    private static LocalDateTime roundToMicros(LocalDateTime t) {
        long nanos = t.getNano() % 1000;
        LocalDateTime truncated = t.minusNanos(nanos);
        return nanos >= 500 ? truncated.plusNanos(1000) : truncated;
    }

    // DuckDB's TIMESTAMP_NS infinities are the extreme int64 nanosecond counts
    private static final LocalDateTime NS_INFINITY = LocalDateTime.ofEpochSecond(Long.MAX_VALUE / 1_000_000_000L,
            (int) (Long.MAX_VALUE % 1_000_000_000L), ZoneOffset.UTC);
    private static final LocalDateTime NS_MINUS_INFINITY = LocalDateTime.ofEpochSecond(-Long.MAX_VALUE / 1_000_000_000L - 1,
            (int) (1_000_000_000L - Long.MAX_VALUE % 1_000_000_000L), ZoneOffset.UTC);
}
