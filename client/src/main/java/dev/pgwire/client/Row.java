package dev.pgwire.client;

import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.types.PgNumeric;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a result. Values stay as they came off the wire (text or binary) until read; reading
 * goes through the shared {@link TypeRegistry}, so {@link #get(int)} yields the registry's Java
 * type for the column (int8 → Long, numeric → PgNumeric, timestamptz → OffsetDateTime, arrays →
 * PgArray, unknown types → String). Columns are numbered from 0.
 *
 * <pre>{@code
 * for (Row row : conn.query("SELECT id, name FROM t")) {
 *     long id = row.getLong(0);
 *     String name = row.getString("name");
 * }
 * }</pre>
 *
 * The primitive getters throw {@link NullPointerException} for SQL NULL; check {@link #isNull}.
 */
public final class Row {
    private final RowShape shape;
    private final byte[][] values;

    Row(RowShape shape, byte[][] values) {
        this.shape = shape;
        this.values = values;
    }

    public int size() { return values.length; }

    public List<RowDescription.Field> columns() { return shape.fields; }

    public String columnName(int i) { return shape.fields.get(i).name(); }

    /** The column's type OID. */
    public int columnType(int i) { return shape.oids[i]; }

    /** The index of the first column with this name, or -1. */
    public int indexOf(String name) { return shape.indexOf(name); }

    public boolean isNull(int i) { return values[i] == null; }

    /** The value as sent: the text form's UTF-8 bytes or the binary form; null for SQL NULL. */
    public byte[] raw(int i) { return values[i]; }

    /** The value decoded by the type registry; null for SQL NULL. */
    public Object get(int i) {
        byte[] v = values[i];
        return v == null ? null : shape.types.decode(shape.oids[i], v, shape.formats[i], shape.context);
    }

    public Object get(String column) { return get(index(column)); }

    /**
     * The value as {@code type}: the decoded value when it is one, or a lossless conversion
     * between integral numbers, to BigDecimal from numeric, or to String (the text form).
     */
    public <T> T get(int i, Class<T> type) {
        Object v = get(i);
        if (v == null || type.isInstance(v)) return type.cast(v);
        if (type == String.class) return type.cast(getString(i));
        if (type == Long.class && v instanceof Number) return type.cast(getLong(i));
        if (type == Integer.class && v instanceof Number) return type.cast(getInt(i));
        if (type == Double.class && v instanceof Number) return type.cast(getDouble(i));
        if (type == BigDecimal.class) return type.cast(getBigDecimal(i));
        throw new ClassCastException("column " + columnName(i) + " holds " + v.getClass().getName() + ", not " + type.getName());
    }

    /** The value in PostgreSQL's text form, whichever format it was sent in; null for SQL NULL. */
    public String getString(int i) {
        byte[] v = values[i];
        if (v == null) return null;
        if (shape.formats[i] == TypeRegistry.TEXT || isText(shape.oids[i])) return new String(v, StandardCharsets.UTF_8);
        Object o = get(i);
        return o instanceof String s ? s : shape.types.encodeText(shape.oids[i], o, shape.context);
    }

    public String getString(String column) { return getString(index(column)); }

    public long getLong(int i) {
        byte[] v = notNull(i);
        if (shape.formats[i] == TypeRegistry.TEXT) {
            Long fast = parseLong(v);
            if (fast != null) return fast;
            return new BigDecimal(new String(v, StandardCharsets.US_ASCII)).longValueExact();
        }
        int oid = shape.oids[i];
        if (oid == PgType.INT8.oid() && v.length == 8) return readLong(v);
        if ((oid == PgType.INT4.oid() || oid == PgType.OID.oid()) && v.length == 4) {
            int x = readInt(v);
            return oid == PgType.OID.oid() ? x & 0xFFFF_FFFFL : x;
        }
        if (oid == PgType.INT2.oid() && v.length == 2) return (short) ((v[0] & 0xFF) << 8 | (v[1] & 0xFF));
        Object o = get(i);
        if (o instanceof PgNumeric n) return n.bigDecimal().longValueExact();
        if (o instanceof Number n) return n.longValue();
        throw new ClassCastException("column " + columnName(i) + " is not a number");
    }

    public long getLong(String column) { return getLong(index(column)); }

    public int getInt(int i) { return Math.toIntExact(getLong(i)); }

    public int getInt(String column) { return getInt(index(column)); }

    public double getDouble(int i) {
        byte[] v = notNull(i);
        if (shape.formats[i] == TypeRegistry.TEXT) {
            String s = new String(v, StandardCharsets.US_ASCII);
            return switch (s) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(s);
            };
        }
        int oid = shape.oids[i];
        if (oid == PgType.FLOAT8.oid() && v.length == 8) return Double.longBitsToDouble(readLong(v));
        if (oid == PgType.FLOAT4.oid() && v.length == 4) return Float.intBitsToFloat(readInt(v));
        Object o = get(i);
        if (o instanceof PgNumeric n) return n.bigDecimal().doubleValue();
        if (o instanceof Number n) return n.doubleValue();
        throw new ClassCastException("column " + columnName(i) + " is not a number");
    }

    public double getDouble(String column) { return getDouble(index(column)); }

    public boolean getBoolean(int i) {
        byte[] v = notNull(i);
        if (shape.oids[i] == PgType.BOOL.oid()) {
            return shape.formats[i] == TypeRegistry.TEXT ? v.length == 1 && v[0] == 't' : v.length == 1 && v[0] != 0;
        }
        Object o = get(i);
        if (o instanceof Boolean b) return b;
        throw new ClassCastException("column " + columnName(i) + " is not a boolean");
    }

    public boolean getBoolean(String column) { return getBoolean(index(column)); }

    public BigDecimal getBigDecimal(int i) {
        Object o = get(i);
        if (o == null) return null;
        if (o instanceof PgNumeric n) return n.bigDecimal();
        if (o instanceof BigDecimal b) return b;
        if (o instanceof Number) return new BigDecimal(getString(i));
        throw new ClassCastException("column " + columnName(i) + " is not a number");
    }

    /** A bytea value's bytes (decoded from either format); null for SQL NULL. */
    public byte[] getBytes(int i) {
        Object o = get(i);
        if (o == null || o instanceof byte[]) return (byte[]) o;
        throw new ClassCastException("column " + columnName(i) + " is not bytea");
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) parts.add(columnName(i) + "=" + getString(i));
        return "Row" + parts;
    }

    /** Types whose binary form is their text in UTF-8 (protocol: textsend, varcharsend, bpcharsend, namesend). */
    private static boolean isText(int oid) {
        return oid == 25 || oid == 1043 || oid == 1042 || oid == 19 || oid == 705 || oid == 114;
    }

    private int index(String column) {
        int i = shape.indexOf(column);
        if (i < 0) throw new IllegalArgumentException("no column named \"" + column + "\"");
        return i;
    }

    private byte[] notNull(int i) {
        byte[] v = values[i];
        if (v == null) throw new NullPointerException("column " + columnName(i) + " is null");
        return v;
    }

    /** Decimal digits with an optional sign, without overflow; null when the text is anything else. */
    private static Long parseLong(byte[] v) {
        int n = v.length;
        if (n == 0) return null;
        int i = 0;
        boolean negative = v[0] == '-';
        if (negative || v[0] == '+') i = 1;
        if (i == n || n - i > 18) return null;
        long r = 0;
        for (; i < n; i++) {
            int d = v[i] - '0';
            if (d < 0 || d > 9) return null;
            r = r * 10 + d;
        }
        return negative ? -r : r;
    }

    private static long readLong(byte[] v) {
        long r = 0;
        for (int k = 0; k < 8; k++) r = r << 8 | (v[k] & 0xFF);
        return r;
    }

    private static int readInt(byte[] v) {
        return (v[0] & 0xFF) << 24 | (v[1] & 0xFF) << 16 | (v[2] & 0xFF) << 8 | (v[3] & 0xFF);
    }
}
