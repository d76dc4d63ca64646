package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgNumeric;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.serve.functions.RecordInput;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.TargetCoercion;
import io.netty.buffer.ByteBuf;
import org.duckdb.DuckDBAppender;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * One column a COPY FROM writes: reads a field by PostgreSQL's input rules for the column's type
 * (text through the type registry's text input, binary through its receive functions), checks it
 * as PostgreSQL's column would (not null, the length of varchar(n) and char(n), numeric's
 * precision and scale — rounded to the scale as PostgreSQL does, never beyond what DuckDB stores
 * exactly), and appends it to DuckDB's appender in the column's DuckDB type.
 */
final class CopyColumn {
    /** How a value reaches the appender; OTHER columns need the INSERT path. */
    enum Kind { BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, DECIMAL, TEXT, BLOB, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID, OTHER }

    private static final TypeRegistry REGISTRY = PgTypes.REGISTRY;
    private static final long DATE_INFINITY = Integer.MAX_VALUE;
    private static final long TIMESTAMP_INFINITY = Long.MAX_VALUE;

    final ColumnInfo info;
    final int oid;
    final Kind kind;
    private final String table;
    /** varchar(n) / char(n): the most characters; -1 for no limit. */
    private final int maxLength;
    /** The length of a varchar(n)[] or char(n)[] column's elements, else -1. */
    private final int elementMaxLength;
    private final boolean elementBpchar;
    private final boolean bpchar;
    /** DECIMAL(p,s) as DuckDB stores it; -1 when not a decimal. */
    private final int precision;
    private final int scale;
    /** numeric without modifier: stored exactly or refused. */
    private final boolean unconstrained;
    /** numeric without modifier held as another DECIMAL (a column of CREATE TABLE … AS): stored exactly or refused. */
    private final boolean otherDecimal;
    /** timestamp(p), timestamptz(p), time(p) with p < 6: values are rounded to multiples of this many microseconds. */
    private final long roundMicros;
    /** Declared with a type of the user's (an enum or composite type, or an array of one). */
    private final boolean userType;
    /** A composite column's attribute count (its text is read as record_in reads it), else 0. */
    private final int recordAttributes;
    /** An array column's dimensions as DuckDB keeps them (VARCHAR[][]: 2), else 0. */
    private final int declaredDims;
    /**
     * Values go to DuckDB's appender (not the INSERT path): timestamps and dates read by the ISO
     * fast path may then stay numbers — epoch microseconds as a Long, epoch days as an Integer.
     */
    private boolean appending;

    CopyColumn(ColumnInfo info, String table) {
        this.info = info;
        this.table = table;
        String duck = info.duckDbType().trim().toUpperCase(Locale.ROOT);
        PgTypeName declared = info.pgType();
        PgType pg = declared != null ? PgType.byName(declared.typname()) : null;
        this.userType = declared != null && pg == null;
        this.recordAttributes = userType && duck.startsWith("STRUCT(") && !duck.endsWith("]")
                ? RecordText.fieldTypes(info.duckDbType()).size() : 0;
        int dims = 0;
        for (String t = duck; t.endsWith("[]"); t = t.substring(0, t.length() - 2)) dims++;
        this.declaredDims = dims;
        if (pg == null) pg = PgTypes.forDuckDbType(info.duckDbType()).pgType;
        this.oid = pg.oid();
        int typmod = declared == null ? -1 : declared.typmod();
        boolean textual = pg == PgType.VARCHAR || pg == PgType.BPCHAR;
        this.maxLength = textual && typmod > 4 ? typmod - 4 : -1;
        this.bpchar = pg == PgType.BPCHAR;
        this.elementBpchar = declared != null && declared.isArray() && declared.name().equals("bpchar");
        boolean textualElements = declared != null && declared.isArray() && (declared.name().equals("varchar") || declared.name().equals("bpchar"));
        this.elementMaxLength = textualElements && typmod > 4 ? typmod - 4 : -1;
        int p = -1;
        int s = 0;
        if (duck.startsWith("DECIMAL(")) {
            String[] ps = duck.substring(8, duck.indexOf(')')).split(",");
            p = Integer.parseInt(ps[0].trim());
            s = Integer.parseInt(ps[1].trim());
        }
        this.precision = p;
        this.scale = s;
        this.unconstrained = duck.replace(" ", "").equals(TargetCoercion.UNCONSTRAINED_NUMERIC.replace(" ", "").toUpperCase(Locale.ROOT))
                && (declared == null || declared.typmod() == -1);
        this.otherDecimal = TargetCoercion.otherDecimal(info) != null;
        long roundTo = 1;
        String name = declared == null || declared.isArray() ? "" : declared.name();
        if ((name.equals("timestamp") || name.equals("timestamptz") || name.equals("time")) && typmod >= 0 && typmod < 6) {
            for (int i = typmod; i < 6; i++) roundTo *= 10;
        }
        this.roundMicros = roundTo;
        // a precision below microseconds is applied to each value (checked), so no fast path reads these
        this.kind = roundTo > 1 ? Kind.OTHER : kind(duck, pg);
    }

    private static Kind kind(String duck, PgType pg) {
        if (duck.startsWith("DECIMAL(")) return pg == PgType.NUMERIC ? Kind.DECIMAL : Kind.OTHER;
        return switch (duck) {
            case "BOOLEAN" -> pg == PgType.BOOL ? Kind.BOOL : Kind.OTHER;
            case "SMALLINT" -> pg == PgType.INT2 ? Kind.INT2 : Kind.OTHER;
            case "INTEGER" -> pg == PgType.INT4 ? Kind.INT4 : Kind.OTHER;
            case "BIGINT" -> pg == PgType.INT8 ? Kind.INT8 : Kind.OTHER;
            case "FLOAT" -> pg == PgType.FLOAT4 ? Kind.FLOAT4 : Kind.OTHER;
            case "DOUBLE" -> pg == PgType.FLOAT8 ? Kind.FLOAT8 : Kind.OTHER;
            case "VARCHAR" -> pg == PgType.TEXT || pg == PgType.VARCHAR || pg == PgType.BPCHAR || pg == PgType.NAME
                    ? Kind.TEXT : Kind.OTHER;
            case "BLOB" -> pg == PgType.BYTEA ? Kind.BLOB : Kind.OTHER;
            case "DATE" -> pg == PgType.DATE ? Kind.DATE : Kind.OTHER;
            case "TIME" -> pg == PgType.TIME ? Kind.TIME : Kind.OTHER;
            case "TIMESTAMP" -> pg == PgType.TIMESTAMP ? Kind.TIMESTAMP : Kind.OTHER;
            case "TIMESTAMP WITH TIME ZONE" -> pg == PgType.TIMESTAMPTZ ? Kind.TIMESTAMPTZ : Kind.OTHER;
            case "UUID" -> pg == PgType.UUID ? Kind.UUID : Kind.OTHER;
            default -> Kind.OTHER;
        };
    }

    /** The values will go to DuckDB's appender, which takes timestamps and dates as numbers. */
    void appending() {
        appending = true;
    }

    /** A text field as the column's value (null for NULL), by PostgreSQL's input function for its type. */
    Object fromText(String field, CodecContext ctx) {
        if (field == null) return null;
        // a composite value as record_in reads it (an empty attribute is NULL, quotes doubled), in DuckDB's struct text
        if (recordAttributes > 0) return RecordInput.toDuckDb(field, recordAttributes);
        switch (kind) {
            case TEXT:
                return checkLength(field);
            case TIMESTAMP: {
                long micros = appending ? IsoDateTime.epochMicros(field) : IsoDateTime.NOT_ISO;
                if (micros != IsoDateTime.NOT_ISO) return micros;
                break;
            }
            case DATE: {
                long day = appending ? IsoDateTime.epochDay(field) : IsoDateTime.NOT_ISO;
                if (day != IsoDateTime.NOT_ISO) return (int) day;
                break;
            }
            case FLOAT8: {
                double v = PlainNumbers.decimal(field);
                if (!Double.isNaN(v)) return v;
                break;
            }
            case INT4: {
                int v = smallInt(field);
                if (v != Integer.MIN_VALUE) return v;
                break;
            }
            case INT8: {
                long v = PlainNumbers.integer(field, 18);
                if (v != PlainNumbers.NOT_PLAIN) return v;
                break;
            }
            default:
                break;
        }
        return checked(REGISTRY.decodeText(oid, field, ctx));
    }

    /** A binary field ({@code length} bytes at the reader index of {@code in}, -1 for NULL) as the column's value. */
    Object fromBinary(ByteBuf in, int length, CodecContext ctx) {
        if (kind == Kind.TIMESTAMP && appending && length == 8 && in.readableBytes() >= 8) {
            long micros = epochMicros(in.getLong(in.readerIndex()));
            if (micros != IsoDateTime.NOT_ISO) {
                in.skipBytes(8);
                return micros;
            }
        }
        int at = in.readerIndex();
        if (userType && length >= 12 && oid == PgType.TEXT_ARRAY.oid()) {
            // an array of the user's enum type: its elements are labels, whose binary form is text's
            ByteBuf copy = in.readBytes(length);
            try {
                copy.setInt(8, PgType.TEXT.oid());
                return checked(REGISTRY.decode(oid, copy, length, TypeRegistry.BINARY, ctx));
            } finally {
                copy.release();
            }
        }
        if (userType && length >= 0 && kind == Kind.OTHER && info.duckDbType().trim().toUpperCase(Locale.ROOT).startsWith("STRUCT(")) {
            // a composite value in record_send's form: as the record text the text format would carry
            byte[] b = new byte[length];
            in.readBytes(b);
            String text = RecordText.fromBinary(b, ctx);
            return recordAttributes > 0 ? RecordInput.toDuckDb(text, recordAttributes) : text;
        }
        try {
            return checked(REGISTRY.decode(oid, in, length, TypeRegistry.BINARY, ctx));
        } catch (PgException e) {
            if (kind != Kind.TEXT || length <= 0 || !SqlState.CHARACTER_NOT_IN_REPERTOIRE.equals(e.sqlState())) throw e;
            byte[] b = new byte[length];
            in.getBytes(at, b);
            throw invalidUtf8(b);
        }
    }

    /** 0001-01-01 and 9999-12-31 as days from 2000-01-01; 2000-01-01 as days from 1970-01-01. */
    private static final int FIRST_AD_PG_DAY = -730_119;
    private static final int LAST_9999_PG_DAY = 2_921_939;
    private static final int PG_EPOCH_DAY = 10_957;

    /**
     * Appends a binary field ({@code length} bytes at the reader index of {@code in}, not
     * consumed) straight to the appender when it is one of the values read here without an
     * intermediate object — integers, floats, booleans, dates and timestamps of years 1 to 9999,
     * text that is valid UTF-8 without NUL and within the column's length — exactly as
     * {@link #fromBinary} and {@link #append} would append it: true. False, with nothing appended,
     * for anything else (NULL, a wrong length, infinities, invalid text, char(n), name, other
     * types), which the general path reads, checks and refuses as PostgreSQL does.
     */
    boolean appendBinary(DuckDBAppender a, ByteBuf in, int length) throws SQLException {
        int at = in.readerIndex();
        switch (kind) {
            case INT8 -> {
                if (length != 8) return false;
                a.append(in.getLong(at));
            }
            case INT4 -> {
                if (length != 4) return false;
                a.append(in.getInt(at));
            }
            case INT2 -> {
                if (length != 2) return false;
                a.append(in.getShort(at));
            }
            case FLOAT8 -> {
                if (length != 8) return false;
                a.append(Double.longBitsToDouble(in.getLong(at)));
            }
            case FLOAT4 -> {
                if (length != 4) return false;
                a.append(Float.intBitsToFloat(in.getInt(at)));
            }
            case BOOL -> {
                if (length != 1) return false;
                byte b = in.getByte(at);
                if (b != 0 && b != 1) return false;
                a.append(b == 1);
            }
            case TIMESTAMP -> {
                if (length != 8 || !appending) return false;
                long micros = epochMicros(in.getLong(at));
                if (micros == IsoDateTime.NOT_ISO) return false;
                a.appendEpochMicros(micros);
            }
            case DATE -> {
                if (length != 4) return false;
                int day = in.getInt(at);
                if (day < FIRST_AD_PG_DAY || day > LAST_9999_PG_DAY) return false;
                a.appendEpochDays(day + PG_EPOCH_DAY);
            }
            case TEXT -> {
                if (length < 0 || bpchar || oid == PgType.NAME.oid()) return false;
                byte[] b = new byte[length];
                in.getBytes(at, b);
                int characters = utf8Characters(b);
                if (characters < 0) throw invalidUtf8(b);
                if (maxLength >= 0 && characters > maxLength) return false;
                a.append(b);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The number of characters of valid UTF-8 without NUL (what PostgreSQL's text input takes as it is); -1 otherwise. */
    static int utf8Characters(byte[] b) {
        int n = 0;
        for (int i = 0; i < b.length; n++) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            if (c == 0) return -1;
            c &= 0xff;
            int more;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                more = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                more = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                more = 3;
                min = 0x10000;
            } else {
                return -1;
            }
            if (i + more >= b.length) return -1;
            int cp = c & (0x3f >> more);
            for (int k = 1; k <= more; k++) {
                int d = b[i + k] & 0xff;
                if ((d & 0xc0) != 0x80) return -1;
                cp = cp << 6 | d & 0x3f;
            }
            if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) return -1;
            i += more + 1;
        }
        return n;
    }

    /**
     * PostgreSQL's error for text that is not UTF-8 ({@code report_invalid_encoding}): the bytes
     * of the first character that is invalid (or NUL), as many as its first byte announces.
     */
    static PgException invalidUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int length = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
            if (c == 0 || utf8Characters(Arrays.copyOfRange(b, i, Math.min(b.length, i + length))) != 1
                    || i + length > b.length) {
                StringBuilder hex = new StringBuilder();
                for (int k = i; k < Math.min(b.length, i + length); k++) {
                    if (hex.length() > 0) hex.append(' ');
                    hex.append(String.format("0x%02x", b[k] & 0xff));
                }
                return new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": " + hex);
            }
            i += length;
        }
        return new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\"");
    }

    /** 0001-01-01 and 10000-01-01 in microseconds from 2000-01-01. */
    private static final long FIRST_AD_MICROS = -63_082_281_600_000_000L;
    private static final long YEAR_10000_MICROS = 252_455_616_000_000_000L;
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    /**
     * A binary timestamp (microseconds from 2000-01-01) of years 1 to 9999 as microseconds from
     * 1970-01-01, what the general path's LocalDateTime becomes in the appender; NOT_ISO for
     * anything else (infinities, BC, far future), which goes the general way.
     */
    static long epochMicros(long pgMicros) {
        return pgMicros >= FIRST_AD_MICROS && pgMicros < YEAR_10000_MICROS ? pgMicros + PG_EPOCH_MICROS : IsoDateTime.NOT_ISO;
    }

    /** Short runs of ASCII digits with an optional minus: most integer fields; MIN_VALUE when not such. */
    private static int smallInt(String s) {
        int n = s.length();
        if (n == 0 || n > 9) return Integer.MIN_VALUE;
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == n) return Integer.MIN_VALUE;
        int v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return Integer.MIN_VALUE;
            v = v * 10 + (c - '0');
        }
        return s.charAt(0) == '-' ? -v : v;
    }

    private Object checked(Object v) {
        if (v instanceof dev.pgwire.protocol.types.PgArray a && declaredDims > 0 && a.ndim() > declaredDims) {
            // the column holds the dimensions its type declares: DuckDB would write each inner array into one element as text
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "an array of " + a.ndim() + " dimensions cannot be stored in column \""
                    + info.name() + "\", which has " + declaredDims)
                    .withHint("Declare the column with " + a.ndim() + " pairs of brackets.");
        }
        if (roundMicros > 1) return rounded(v);
        if (v instanceof dev.pgwire.protocol.types.PgArray a && elementMaxLength >= 0) {
            // each element holds at most n characters, as PostgreSQL's array input checks them
            Object[] elements = a.elements();
            for (int i = 0; i < elements.length; i++) {
                if (elements[i] instanceof String e) elements[i] = checkLength(e, elementMaxLength, elementBpchar);
            }
            return new dev.pgwire.protocol.types.PgArray(a.elementOid(), a.dimensions(), a.lowerBounds(), elements);
        }
        if (v instanceof String s) return checkLength(s);
        if (v instanceof PgNumeric n && kind == Kind.DECIMAL) return decimal(n);
        return v;
    }

    /** PostgreSQL's AdjustTimestampForTypmod / AdjustTimeForTypmod: half away from zero, counted from 2000-01-01. */
    private Object rounded(Object v) {
        if (v instanceof LocalDateTime t && !t.equals(LocalDateTime.MAX) && !t.equals(LocalDateTime.MIN)) {
            long us = java.time.temporal.ChronoUnit.MICROS.between(PG_EPOCH, t);
            return t.plus(round(us) - us, java.time.temporal.ChronoUnit.MICROS);
        }
        if (v instanceof OffsetDateTime t && !t.equals(OffsetDateTime.MAX) && !t.equals(OffsetDateTime.MIN)) {
            long us = java.time.temporal.ChronoUnit.MICROS.between(PG_EPOCH.atOffset(ZoneOffset.UTC), t);
            return t.plus(round(us) - us, java.time.temporal.ChronoUnit.MICROS);
        }
        if (v instanceof LocalTime t) {
            long us = t.toNanoOfDay() / 1000;
            long r = round(us);
            if (r >= 86_400_000_000L) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "time rounded up to 24:00:00 is not available in COPY")
                        .withHint("Insert the value with INSERT instead.");
            }
            return LocalTime.ofNanoOfDay(r * 1000);
        }
        return v; // infinities and anything else stay as they are
    }

    private long round(long us) {
        long half = roundMicros / 2;
        return us >= 0 ? (us + half) / roundMicros * roundMicros : -((-us + half) / roundMicros * roundMicros);
    }

    private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    private String checkLength(String s) {
        return checkLength(s, maxLength, bpchar);
    }

    private static String checkLength(String s, int maxLength, boolean bpchar) {
        if (maxLength < 0) return s;
        if (bpchar) {
            // character(n) is kept without its trailing spaces (its output pads them back)
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == ' ') end--;
            s = s.substring(0, end);
        }
        int n = s.codePointCount(0, s.length());
        if (n <= maxLength) return s;
        // spaces beyond the length are cut, as PostgreSQL's varchar and bpchar input do
        String head = s.substring(0, s.offsetByCodePoints(0, maxLength));
        if (s.substring(head.length()).chars().allMatch(c -> c == ' ')) return head;
        throw new PgException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type "
                + (bpchar ? "character(" : "character varying(") + maxLength + ")");
    }

    /** numeric(p,s) rounds to its scale and refuses what then has too many digits; numeric without modifier must fit exactly. */
    private BigDecimal decimal(PgNumeric n) {
        if (!n.isFinite()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot store " + n + " in column \"" + info.name()
                    + "\": numeric columns here hold finite values only");
        }
        BigDecimal d = n.bigDecimal();
        if (unconstrained) {
            TargetCoercion.checkFits(d);
            return d.setScale(scale, RoundingMode.UNNECESSARY);
        }
        if (otherDecimal) {
            TargetCoercion.checkFits(d, precision, scale, info.name());
            return d.setScale(scale, RoundingMode.UNNECESSARY);
        }
        BigDecimal r = d.setScale(scale, RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > precision - scale && r.signum() != 0) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                    .withDetail("A field with precision " + precision + ", scale " + scale
                            + " must round to an absolute value less than 10^" + (precision - scale) + ".");
        }
        return r;
    }

    /** The not-null check PostgreSQL makes per row (DuckDB would name no line). */
    void checkNotNull(Object v, Object[] row, CopyColumn[] columns) {
        if (v != null || !info.notNull()) return;
        throw new PgException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + info.name() + "\" of relation \""
                + table + "\" violates not-null constraint");
    }

    /** Appends a checked value (null for NULL) to the appender. */
    void append(DuckDBAppender a, Object v) throws SQLException {
        if (v == null) {
            a.appendNull();
            return;
        }
        switch (kind) {
            case BOOL -> a.append((boolean) (Boolean) v);
            case INT2 -> a.append(((Number) v).shortValue());
            case INT4 -> a.append(((Number) v).intValue());
            case INT8 -> a.append(((Number) v).longValue());
            case FLOAT4 -> a.append(((Number) v).floatValue());
            case FLOAT8 -> a.append(((Number) v).doubleValue());
            case DECIMAL -> a.append((BigDecimal) v);
            case TEXT -> a.append((String) v);
            case BLOB -> a.append((byte[]) v);
            case DATE -> {
                if (v instanceof Integer days) {
                    a.appendEpochDays(days);
                    return;
                }
                LocalDate d = (LocalDate) v;
                a.appendEpochDays((int) (d.equals(LocalDate.MAX) ? DATE_INFINITY : d.equals(LocalDate.MIN) ? -DATE_INFINITY
                        : d.toEpochDay()));
            }
            case TIME -> {
                LocalTime t = (LocalTime) v;
                a.appendDayMicros(t.equals(LocalTime.MAX) ? 86_400_000_000L : t.toNanoOfDay() / 1000);
            }
            case TIMESTAMP -> a.appendEpochMicros(v instanceof Long micros ? micros : micros((LocalDateTime) v));
            case TIMESTAMPTZ -> {
                OffsetDateTime t = (OffsetDateTime) v;
                a.appendEpochMicros(t.equals(OffsetDateTime.MAX) ? TIMESTAMP_INFINITY : t.equals(OffsetDateTime.MIN)
                        ? -TIMESTAMP_INFINITY : micros(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
            }
            case UUID -> a.append((UUID) v);
            default -> throw new IllegalStateException("column " + info.name() + " cannot be appended");
        }
    }

    private static long micros(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) return TIMESTAMP_INFINITY;
        if (t.equals(LocalDateTime.MIN)) return -TIMESTAMP_INFINITY;
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1000);
    }
}
