package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps type OIDs to codecs and Java classes to default types; encodes and decodes values of any
 * registered type in either wire format. Safe for concurrent use, including {@link #register}.
 *
 * <pre>{@code
 * TypeRegistry types = TypeRegistry.standard();
 * CodecContext ctx = CodecContext.DEFAULT;
 * // a DataRow value, straight into the output buffer: int32 length + bytes (or -1 for NULL)
 * types.encode(PgType.INT4.oid(), 42, 1, ctx, out);
 * // a Bind parameter received in text format
 * Object ts = types.decode(PgType.TIMESTAMPTZ.oid(), "2024-01-31 13:45:00+01".getBytes(UTF_8), 0, ctx);
 * }</pre>
 *
 * <p>Values are converted to a codec's Java type where that loses nothing: any integral Number
 * that fits for int2/int4/int8/oid, BigDecimal/BigInteger/double for numeric, Instant and
 * ZonedDateTime for timestamptz, InetAddress for inet, Duration for interval, and Java arrays or
 * Lists (one-dimensional, lower bound 1) for array types. For an OID with no codec, text values
 * are written with {@code toString()}, byte[] values as they are, and decoding yields a String
 * (text) or byte[] (binary). A void value is always written as an empty, non-null value, as
 * PostgreSQL sends the result of a function returning void.
 */
public final class TypeRegistry {

    /** Format code 0: text. */
    public static final int TEXT = 0;
    /** Format code 1: binary. */
    public static final int BINARY = 1;

    private final Map<Integer, PgCodec<?>> byOid = new ConcurrentHashMap<>();
    private final Map<Class<?>, PgCodec<?>> byClass = new ConcurrentHashMap<>();

    private TypeRegistry() {
    }

    /** A new registry holding all built-in codecs and their array types. */
    public static TypeRegistry standard() {
        TypeRegistry r = new TypeRegistry();
        List<PgCodec<?>> codecs = List.of(
                ScalarCodecs.BOOL, ScalarCodecs.INT2, ScalarCodecs.INT4, ScalarCodecs.INT8, ScalarCodecs.OID,
                FloatCodecs.FLOAT4, FloatCodecs.FLOAT8, NumericCodec.INSTANCE,
                TextCodecs.TEXT, TextCodecs.VARCHAR, TextCodecs.BPCHAR, TextCodecs.NAME, TextCodecs.CHAR,
                TextCodecs.UNKNOWN, TextCodecs.JSON, TextCodecs.JSONB, TextCodecs.VOID,
                ByteaCodec.INSTANCE, UuidCodec.INSTANCE,
                DateTimeCodecs.DATE, DateTimeCodecs.TIME, DateTimeCodecs.TIMETZ,
                DateTimeCodecs.TIMESTAMP, DateTimeCodecs.TIMESTAMPTZ, IntervalCodec.INSTANCE,
                InetCodec.INET, InetCodec.CIDR);
        for (PgCodec<?> c : codecs) r.register(c);
        // Default types per Java class; the first registered codec of a class would be arbitrary.
        r.byClass.clear();
        r.mapClass(Boolean.class, PgType.BOOL);
        r.mapClass(Short.class, PgType.INT2);
        r.mapClass(Byte.class, PgType.INT2);
        r.mapClass(Integer.class, PgType.INT4);
        r.mapClass(Long.class, PgType.INT8);
        r.mapClass(Float.class, PgType.FLOAT4);
        r.mapClass(Double.class, PgType.FLOAT8);
        r.mapClass(PgNumeric.class, PgType.NUMERIC);
        r.mapClass(BigDecimal.class, PgType.NUMERIC);
        r.mapClass(BigInteger.class, PgType.NUMERIC);
        r.mapClass(String.class, PgType.TEXT);
        r.mapClass(Character.class, PgType.TEXT);
        r.mapClass(byte[].class, PgType.BYTEA);
        r.mapClass(UUID.class, PgType.UUID);
        r.mapClass(LocalDate.class, PgType.DATE);
        r.mapClass(LocalTime.class, PgType.TIME);
        r.mapClass(OffsetTime.class, PgType.TIMETZ);
        r.mapClass(LocalDateTime.class, PgType.TIMESTAMP);
        r.mapClass(OffsetDateTime.class, PgType.TIMESTAMPTZ);
        r.mapClass(ZonedDateTime.class, PgType.TIMESTAMPTZ);
        r.mapClass(Instant.class, PgType.TIMESTAMPTZ);
        r.mapClass(PgInterval.class, PgType.INTERVAL);
        r.mapClass(Duration.class, PgType.INTERVAL);
        r.mapClass(PgInet.class, PgType.INET);
        r.mapClass(InetAddress.class, PgType.INET);
        return r;
    }

    private void mapClass(Class<?> c, PgType type) {
        byClass.put(c, byOid.get(type.oid()));
    }

    /**
     * Adds or replaces the codec for {@code codec.type().oid()}. When the type has an array type
     * with no codec yet, an array codec over this one is registered too. The codec also becomes
     * the default for its Java class if that class has none.
     */
    public void register(PgCodec<?> codec) {
        PgType type = codec.type();
        byOid.put(type.oid(), codec);
        byClass.putIfAbsent(codec.javaType(), codec);
        int arrayOid = type.arrayOid();
        if (arrayOid != 0 && (!byOid.containsKey(arrayOid) || byOid.get(arrayOid) instanceof ArrayCodec)) {
            PgType arrayType = PgType.byOid(arrayOid);
            if (arrayType == null) arrayType = new PgType(arrayOid, "_" + type.name(), (short) -1, 0);
            byOid.put(arrayOid, new ArrayCodec(arrayType, codec));
        }
    }

    /** The codec for this type OID, or null if none is registered. */
    public PgCodec<?> codec(int oid) {
        return byOid.get(oid);
    }

    /**
     * The codec of the default type for values of this class (Integer → int4, String → text,
     * OffsetDateTime → timestamptz, Integer[] or int[] → int4[], ...), or null.
     */
    public PgCodec<?> codecFor(Class<?> javaType) {
        PgCodec<?> c = byClass.get(javaType);
        if (c != null) return c;
        if (javaType.isArray() && javaType != byte[].class) {
            PgCodec<?> e = codecFor(boxed(javaType.getComponentType()));
            if (e == null || e.type().arrayOid() == 0) return null;
            return byOid.get(e.type().arrayOid());
        }
        if (javaType.isPrimitive()) return codecFor(boxed(javaType));
        for (Class<?> s = javaType.getSuperclass(); s != null; s = s.getSuperclass()) {
            c = byClass.get(s);
            if (c != null) return c;
        }
        return null;
    }

    /** The default type OID for a value (see {@link #codecFor}); 0 (unspecified) if there is none. */
    public int oidFor(Object value) {
        if (value instanceof PgArray a) {
            PgType e = PgType.byOid(a.elementOid());
            PgCodec<?> ec = byOid.get(a.elementOid());
            int arrayOid = e != null ? e.arrayOid() : ec != null ? ec.type().arrayOid() : 0;
            return arrayOid;
        }
        PgCodec<?> c = value == null ? null : codecFor(value.getClass());
        return c == null ? 0 : c.type().oid();
    }

    // ---- encoding ----------------------------------------------------------------------------

    /** The value in the given format (0 text, 1 binary), or null for a null value. */
    public byte[] encode(int oid, Object value, int format, CodecContext ctx) {
        if (oid == PgType.VOID.oid()) return new byte[0];
        if (value == null) return null;
        if (format == TEXT) return encodeText(oid, value, ctx).getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.buffer();
        try {
            encodeBinaryValue(oid, value, buf, ctx);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /**
     * Writes the value as a DataRow/Bind field: int32 length then the bytes, or int32 -1 for null.
     */
    public void encode(int oid, Object value, int format, CodecContext ctx, ByteBuf out) {
        if (oid == PgType.VOID.oid()) {
            out.writeInt(0);
            return;
        }
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int at = out.writerIndex();
        out.writeInt(0);
        if (format == TEXT) {
            out.writeCharSequence(encodeText(oid, value, ctx), StandardCharsets.UTF_8);
        } else {
            encodeBinaryValue(oid, value, out, ctx);
        }
        out.setInt(at, out.writerIndex() - at - 4);
    }

    /** The text form of a non-null value. */
    @SuppressWarnings("unchecked")
    public String encodeText(int oid, Object value, CodecContext ctx) {
        if (oid == PgType.VOID.oid()) return "";
        PgCodec<Object> c = (PgCodec<Object>) byOid.get(oid);
        if (c == null) {
            if (value instanceof byte[] b) return new String(b, StandardCharsets.UTF_8);
            return value.toString();
        }
        return c.encodeText(coerce(c, value), ctx);
    }

    @SuppressWarnings("unchecked")
    private void encodeBinaryValue(int oid, Object value, ByteBuf out, CodecContext ctx) {
        PgCodec<Object> c = (PgCodec<Object>) byOid.get(oid);
        if (c == null) {
            if (value instanceof byte[] b) {
                out.writeBytes(b);
                return;
            }
            throw new PgException(SqlState.UNDEFINED_FUNCTION, "no binary output function available for type " + oid);
        }
        c.encodeBinary(coerce(c, value), out, ctx);
    }

    // ---- decoding ----------------------------------------------------------------------------

    /** The value of a field in the given format, or null for a null field. */
    public Object decode(int oid, byte[] raw, int format, CodecContext ctx) {
        if (raw == null) return null;
        return decode(oid, Unpooled.wrappedBuffer(raw), raw.length, format, ctx);
    }

    /**
     * Reads a field of {@code length} bytes (-1 for null) from the reader index of {@code in},
     * consuming exactly those bytes. Malformed values raise a PgException (22P02 text, 22P03
     * binary, or the range error PostgreSQL raises), never another exception.
     */
    public Object decode(int oid, ByteBuf in, int length, int format, CodecContext ctx) {
        if (length == -1) return null;
        if (length < -1 || length > in.readableBytes()) {
            throw Errors.invalidBinary("insufficient data left in message");
        }
        PgCodec<?> c = byOid.get(oid);
        ByteBuf value = in.readSlice(length);
        if (format == TEXT) {
            String text = TextCodecs.readUtf8(value, length);
            return c == null ? text : decodeText(c, text, ctx);
        }
        if (c == null) return ByteBufUtil.getBytes(value);
        Object result;
        try {
            result = c.decodeBinary(value, length, ctx);
        } catch (IndexOutOfBoundsException e) {
            throw Errors.invalidBinary("insufficient data left in message");
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Errors.invalidBinary("incorrect binary data format: " + e.getMessage());
        }
        if (value.isReadable()) throw Errors.invalidBinary("incorrect binary data format");
        return result;
    }

    /** The value of a text field of this type. */
    public Object decodeText(int oid, String text, CodecContext ctx) {
        PgCodec<?> c = byOid.get(oid);
        return c == null ? text : decodeText(c, text, ctx);
    }

    private static Object decodeText(PgCodec<?> c, String text, CodecContext ctx) {
        try {
            return c.decodeText(text, ctx);
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + c.type().name() + ": \"" + text + "\"");
        }
    }

    // ---- Java conversions --------------------------------------------------------------------

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) return c;
        if (c == int.class) return Integer.class;
        if (c == long.class) return Long.class;
        if (c == short.class) return Short.class;
        if (c == byte.class) return Byte.class;
        if (c == boolean.class) return Boolean.class;
        if (c == double.class) return Double.class;
        if (c == float.class) return Float.class;
        if (c == char.class) return Character.class;
        return c;
    }

    /** The value as an instance of the codec's Java type, converting where nothing is lost. */
    @SuppressWarnings("unchecked")
    static <T> T coerce(PgCodec<T> codec, Object value) {
        Class<T> t = codec.javaType();
        if (t.isInstance(value)) return (T) value;
        Object r = convert(codec, value);
        if (r == null) {
            throw new PgException(SqlState.DATATYPE_MISMATCH, "cannot write a value of " + value.getClass().getName()
                    + " as type " + codec.type().name());
        }
        return (T) r;
    }

    private static Object convert(PgCodec<?> codec, Object v) {
        Class<?> t = codec.javaType();
        if (v instanceof Number n && (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
                || v instanceof BigInteger || v instanceof BigDecimal)) {
            BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
            try {
                if (t == Short.class) return d.shortValueExact();
                if (t == Integer.class) return d.intValueExact();
                if (t == Long.class) {
                    long l = d.longValueExact();
                    if (codec.type().oid() == PgType.OID.oid() && (l < 0 || l > 0xFFFF_FFFFL)) return null;
                    return l;
                }
            } catch (ArithmeticException e) {
                throw Errors.outOfRange(codec.type().name(), v.toString());
            }
            if (t == PgNumeric.class) return PgNumeric.of(d);
            if (t == Double.class && !(v instanceof BigDecimal)) return n.doubleValue();
            if (t == Float.class && !(v instanceof BigDecimal)) return n.floatValue();
        }
        if (t == PgNumeric.class && (v instanceof Double || v instanceof Float)) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) return PgNumeric.NaN;
            if (Double.isInfinite(d)) return d > 0 ? PgNumeric.POSITIVE_INFINITY : PgNumeric.NEGATIVE_INFINITY;
            return PgNumeric.of(new BigDecimal(v.toString()));
        }
        if (t == Double.class && v instanceof Float f) return f.doubleValue();
        if (t == String.class && (v instanceof CharSequence || v instanceof Character)) return v.toString();
        if (t == OffsetDateTime.class) {
            if (v instanceof Instant i) return i.atOffset(ZoneOffset.UTC);
            if (v instanceof ZonedDateTime z) return z.toOffsetDateTime();
        }
        if (t == PgInet.class && v instanceof InetAddress a) return PgInet.host(a);
        if (t == PgInterval.class && v instanceof Duration d) return PgInterval.of(java.time.Period.ZERO, d);
        if (t == PgArray.class && codec instanceof ArrayCodec ac) {
            Object[] items = v instanceof List<?> l ? l.toArray() : v.getClass().isArray() ? toObjects(v) : null;
            if (items == null) return null;
            PgCodec<?> e = ac.elementCodec();
            for (int i = 0; i < items.length; i++) if (items[i] != null) items[i] = coerce(e, items[i]);
            return PgArray.of(e.type().oid(), items);
        }
        return null;
    }

    private static Object[] toObjects(Object array) {
        if (array instanceof Object[] o) return o.clone();
        int n = Array.getLength(array);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) out[i] = Array.get(array, i);
        return out;
    }
}
