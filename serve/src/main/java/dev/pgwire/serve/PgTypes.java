package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.serve.PgColumnType.Reader;
import dev.pgwire.serve.PgColumnType.TextEncoder;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Maps DuckDB column types (as {@code ResultSetMetaData.getColumnTypeName} spells them) to
 * PostgreSQL types. Integers widen to the next PostgreSQL integer that holds every value
 * (TINYINT → int2, UINTEGER → int8, UBIGINT/HUGEINT → numeric); nested types PostgreSQL lacks
 * (STRUCT, MAP, UNION) travel as text in DuckDB's own notation.
 */
final class PgTypes {
    private PgTypes() {}

    // array types PgType does not name
    private static final PgType TIMETZ_ARRAY = new PgType(1270, "_timetz", (short) -1, 0);
    private static final PgType VARBIT_ARRAY = new PgType(1563, "_varbit", (short) -1, 0);

    /** The mapping for a DuckDB type name such as {@code DECIMAL(10,3)} or {@code INTEGER[]}. */
    static PgColumnType forDuckDbType(String duckDbType) {
        String t = duckDbType.trim();
        String upper = t.toUpperCase(Locale.ROOT);
        String element = listElementType(t);
        if (element != null) return listOf(t, element);
        if (upper.startsWith("DECIMAL(") || upper.startsWith("NUMERIC(")) return decimal(t);
        if (upper.startsWith("ENUM")) return textual(t, PgType.TEXT);
        if (upper.startsWith("STRUCT") || upper.startsWith("MAP") || upper.startsWith("UNION")) return textual(t, PgType.TEXT);
        switch (upper) {
            case "BOOLEAN":
                return new PgColumnType(t, PgType.BOOL, -1, objectReader(), (sb, v, s) -> sb.append((Boolean) v ? 't' : 'f'));
            case "TINYINT":
            case "UTINYINT":
            case "SMALLINT":
                return integral(t, PgType.INT2);
            case "USMALLINT":
            case "INTEGER":
                return integral(t, PgType.INT4);
            case "UINTEGER":
            case "BIGINT":
                return integral(t, PgType.INT8);
            case "UBIGINT":
            case "HUGEINT":
            case "UHUGEINT":
            case "BIGNUM":
            case "VARINT":
                return integral(t, PgType.NUMERIC);
            case "FLOAT":
                return new PgColumnType(t, PgType.FLOAT4, -1, objectReader(),
                        (sb, v, s) -> sb.append(PgTextFormat.float4(((Number) v).floatValue(), s.extraFloatDigits())));
            case "DOUBLE":
                return new PgColumnType(t, PgType.FLOAT8, -1, objectReader(),
                        (sb, v, s) -> sb.append(PgTextFormat.float8(((Number) v).doubleValue(), s.extraFloatDigits())));
            case "VARCHAR":
                return textual(t, PgType.TEXT);
            case "JSON":
                return textual(t, PgType.JSON);
            case "BIT":
                return textual(t, PgType.VARBIT);
            case "BLOB":
                return new PgColumnType(t, PgType.BYTEA, -1, (rs, i) -> rs.getBytes(i), PgTypes::appendBytea);
            case "UUID":
                return new PgColumnType(t, PgType.UUID, -1, objectReader(), (sb, v, s) -> sb.append(v.toString().toLowerCase(Locale.ROOT)));
            case "DATE":
                return new PgColumnType(t, PgType.DATE, -1, objectReader(), (sb, v, s) -> PgTextFormat.appendDate(sb, (LocalDate) v));
            case "TIME":
                return new PgColumnType(t, PgType.TIME, -1, PgTypes::readTime, PgTypes::appendTime);
            case "TIME WITH TIME ZONE":
                return new PgColumnType(t, PgType.TIMETZ, -1, objectReader(), PgTypes::appendTimeTz);
            case "TIMESTAMP":
                return new PgColumnType(t, PgType.TIMESTAMP, -1, PgTypes::readMicros, PgTypes::appendTimestamp);
            case "TIMESTAMP_S":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
                return new PgColumnType(t, PgType.TIMESTAMP, -1, PgTypes::readLocalDateTime, PgTypes::appendTimestamp);
            case "TIMESTAMP WITH TIME ZONE":
                return new PgColumnType(t, PgType.TIMESTAMPTZ, -1, PgTypes::readMicros, PgTypes::appendTimestampTz);
            case "INTERVAL":
                return new PgColumnType(t, PgType.INTERVAL, -1, (rs, i) -> rs.getString(i), PgTypes::appendInterval);
            default:
                // "NULL" (an untyped NULL literal), VARIANT, GEOMETRY and whatever comes next
                return textual(t, PgType.TEXT);
        }
    }

    /** The element type of a DuckDB list or fixed-size array type name, or null. */
    static String listElementType(String duckDbType) {
        if (!duckDbType.endsWith("]")) return null;
        int open = duckDbType.lastIndexOf('[');
        if (open <= 0) return null;
        String size = duckDbType.substring(open + 1, duckDbType.length() - 1);
        if (!size.chars().allMatch(Character::isDigit)) return null;
        return duckDbType.substring(0, open);
    }

    // ---------------------------------------------------------------- families

    private static PgColumnType integral(String duckDbType, PgType pgType) {
        return new PgColumnType(duckDbType, pgType, -1, objectReader(), (sb, v, s) -> sb.append(v.toString()));
    }

    /** Columns whose DuckDB text already is the PostgreSQL text (or the best available). */
    private static PgColumnType textual(String duckDbType, PgType pgType) {
        return new PgColumnType(duckDbType, pgType, -1, (rs, i) -> rs.getString(i), (sb, v, s) -> sb.append(v.toString()));
    }

    private static PgColumnType decimal(String duckDbType) {
        int typmod = -1;
        int open = duckDbType.indexOf('(');
        int close = duckDbType.indexOf(')');
        String[] ps = duckDbType.substring(open + 1, close).split(",");
        if (ps.length == 2) {
            int precision = Integer.parseInt(ps[0].trim());
            int scale = Integer.parseInt(ps[1].trim());
            typmod = ((precision << 16) | scale) + 4; // VARHDRSZ, as numeric's typmod
        }
        return new PgColumnType(duckDbType, PgType.NUMERIC, typmod, (rs, i) -> rs.getBigDecimal(i),
                (sb, v, s) -> sb.append(v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString()));
    }

    /**
     * A DuckDB list becomes a PostgreSQL array of the element's type; lists of lists stay one
     * array type, as PostgreSQL arrays are multidimensional. Lists of types without a PostgreSQL
     * array (structs, maps) travel as text.
     */
    private static PgColumnType listOf(String duckDbType, String elementType) {
        String inner = elementType;
        while (listElementType(inner) != null) inner = listElementType(inner);
        PgColumnType leaf = forDuckDbType(inner);
        PgType arrayType = arrayTypeOf(leaf.pgType);
        String upperInner = inner.toUpperCase(Locale.ROOT);
        if (arrayType == null || upperInner.startsWith("STRUCT") || upperInner.startsWith("MAP")
                || upperInner.startsWith("UNION")) {
            return textual(duckDbType, PgType.TEXT);
        }
        PgColumnType element = forDuckDbType(elementType);
        TextEncoder encoder = (sb, v, s) -> appendArray(sb, v, element, s);
        String upperElement = elementType.toUpperCase(Locale.ROOT);
        Reader reader = upperElement.equals("TIMESTAMP") || upperElement.equals("TIMESTAMP WITH TIME ZONE")
                ? PgTypes::readMicrosArray : PgTypes::readArray;
        return new PgColumnType(duckDbType, arrayType, leaf.typeModifier, reader, encoder);
    }

    private static PgType arrayTypeOf(PgType element) {
        if (element.oid() == PgType.TIMETZ.oid()) return TIMETZ_ARRAY;
        if (element.oid() == PgType.VARBIT.oid()) return VARBIT_ARRAY;
        return element.arrayType();
    }

    private static void appendArray(StringBuilder sb, Object value, PgColumnType element, PgColumnType.TextSettings s) {
        Object[] items = (Object[]) value;
        boolean nested = listElementType(element.duckDbType) != null;
        sb.append('{');
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < items.length; i++) {
            if (i > 0) sb.append(',');
            Object v = items[i];
            if (v == null) {
                sb.append("NULL");
            } else if (nested) {
                element.appendText(sb, toObjectArray(v), s);
            } else {
                item.setLength(0);
                element.appendText(item, v, s);
                PgTextFormat.appendArrayElement(sb, item);
            }
        }
        sb.append('}');
    }

    // ---------------------------------------------------------------- readers

    private static Reader objectReader() {
        return (rs, i) -> rs.getObject(i);
    }

    private static Object readArray(java.sql.ResultSet rs, int i) throws SQLException {
        Array array = rs.getArray(i);
        return array == null ? null : toObjectArray(array);
    }

    /**
     * Timestamps in a list, as raw microseconds: the driver's own element objects are
     * java.sql.Timestamp, built in the JVM's time zone, which moves local times that fall into a
     * daylight-saving gap there.
     */
    private static Object readMicrosArray(java.sql.ResultSet rs, int i) throws SQLException {
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

    private static Object[] toObjectArray(Object list) {
        try {
            return list instanceof Array ? (Object[]) ((Array) list).getArray() : (Object[]) list;
        } catch (SQLException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not read list value: " + e.getMessage(), e);
        }
    }

    /** TIMESTAMP and TIMESTAMPTZ: the driver hands out the raw microseconds, infinities included. */
    private static Object readMicros(java.sql.ResultSet rs, int i) throws SQLException {
        long micros = rs.getLong(i);
        return rs.wasNull() ? null : micros;
    }

    private static Object readLocalDateTime(java.sql.ResultSet rs, int i) throws SQLException {
        try {
            return rs.getObject(i, LocalDateTime.class);
        } catch (DateTimeException e) {
            // the driver overflows converting infinite TIMESTAMP_S/MS values
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range", e);
        }
    }

    /** DuckDB allows 24:00:00, which java.time cannot hold; it is the only value that fails. */
    private static Object readTime(java.sql.ResultSet rs, int i) throws SQLException {
        try {
            return rs.getObject(i);
        } catch (DateTimeException e) {
            return 24 * 3600 * PgTextFormat.MICROS_PER_SECOND;
        }
    }

    // ---------------------------------------------------------------- encoders

    private static void appendBytea(StringBuilder sb, Object v, PgColumnType.TextSettings s) {
        byte[] bytes;
        if (v instanceof byte[]) {
            bytes = (byte[]) v;
        } else {
            try {
                Blob blob = (Blob) v;
                bytes = blob.getBytes(1, (int) blob.length());
            } catch (SQLException e) {
                throw new PgException(SqlState.INTERNAL_ERROR, "could not read blob value: " + e.getMessage(), e);
            }
        }
        PgTextFormat.appendByteaHex(sb, bytes);
    }

    private static void appendTime(StringBuilder sb, Object v, PgColumnType.TextSettings s) {
        if (v instanceof Long) {
            PgTextFormat.appendTime(sb, (Long) v);
        } else {
            LocalTime t = (LocalTime) v;
            PgTextFormat.appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
        }
    }

    private static void appendTimeTz(StringBuilder sb, Object v, PgColumnType.TextSettings s) {
        OffsetTime t = (OffsetTime) v;
        LocalTime lt = t.toLocalTime();
        PgTextFormat.appendTime(sb, lt.getHour(), lt.getMinute(), lt.getSecond(), lt.getNano() / 1000);
        PgTextFormat.appendOffset(sb, t.getOffset().getTotalSeconds());
    }

    private static void appendTimestamp(StringBuilder sb, Object v, PgColumnType.TextSettings s) {
        if (v instanceof Long) {
            PgTextFormat.appendTimestamp(sb, (Long) v);
            return;
        }
        LocalDateTime t = v instanceof Timestamp ? ((Timestamp) v).toLocalDateTime() : (LocalDateTime) v;
        if (t.getNano() % 1000 != 0) t = roundToMicros(t);
        PgTextFormat.appendTimestamp(sb, epochMicrosOrInfinity(t));
    }

    private static void appendTimestampTz(StringBuilder sb, Object v, PgColumnType.TextSettings s) {
        long micros;
        if (v instanceof Long) {
            micros = (Long) v;
        } else {
            OffsetDateTime t = (OffsetDateTime) v;
            micros = epochMicrosOrInfinity(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        PgTextFormat.appendTimestampTz(sb, micros, s.timeZone());
    }

    private static void appendInterval(StringBuilder sb, Object v, PgColumnType.TextSettings s) {
        long[] parts = PgTextFormat.parseDuckDbInterval(v.toString());
        PgTextFormat.appendInterval(sb, (int) parts[0], (int) parts[1], parts[2]);
    }

    /** PostgreSQL keeps microseconds; TIMESTAMP_NS values round half up, as timestamp input does. */
    private static LocalDateTime roundToMicros(LocalDateTime t) {
        if (t.equals(NS_INFINITY) || t.equals(NS_MINUS_INFINITY)) return t;
        long nanos = t.getNano() % 1000;
        LocalDateTime truncated = t.minusNanos(nanos);
        return nanos >= 500 ? truncated.plusNanos(1000) : truncated;
    }

    // DuckDB's TIMESTAMP_NS infinities are the extreme int64 nanosecond counts
    private static final LocalDateTime NS_INFINITY = LocalDateTime.ofEpochSecond(Long.MAX_VALUE / 1_000_000_000L,
            (int) (Long.MAX_VALUE % 1_000_000_000L), ZoneOffset.UTC);
    private static final LocalDateTime NS_MINUS_INFINITY = LocalDateTime.ofEpochSecond(-Long.MAX_VALUE / 1_000_000_000L - 1,
            (int) (1_000_000_000L - Long.MAX_VALUE % 1_000_000_000L), ZoneOffset.UTC);

    private static long epochMicrosOrInfinity(LocalDateTime t) {
        if (t.equals(NS_INFINITY)) return PgTextFormat.TIMESTAMP_INFINITY_MICROS;
        if (t.equals(NS_MINUS_INFINITY)) return -PgTextFormat.TIMESTAMP_INFINITY_MICROS;
        long seconds = t.toEpochSecond(ZoneOffset.UTC);
        long micros = Math.addExact(Math.multiplyExact(seconds, PgTextFormat.MICROS_PER_SECOND), t.getNano() / 1000);
        return micros;
    }
}
