package dev.pgwire.server.spi;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.TypeRegistry;

import java.nio.charset.StandardCharsets;

/**
 * The parameter values of a Bind message: raw bytes in the format the client chose (0 text,
 * 1 binary), null for SQL NULL, with the statement's parameter types.
 */
public final class Parameters {
    /** The built-in types, for values bound without a server at hand (tests, tools). */
    private static final TypeRegistry STANDARD = TypeRegistry.standard();
    public static final Parameters NONE = new Parameters(new int[0], new short[0], new byte[0][]);

    private final int[] types;
    private final short[] formats;
    private final byte[][] values;
    private final TypeRegistry registry;
    private final CodecContext context;

    public Parameters(int[] types, short[] formats, byte[][] values) {
        this(types, formats, values, STANDARD, CodecContext.DEFAULT);
    }

    public Parameters(int[] types, short[] formats, byte[][] values, TypeRegistry registry, CodecContext context) {
        this.types = types;
        this.formats = formats;
        this.values = values;
        this.registry = registry;
        this.context = context;
    }

    public int size() {
        return values.length;
    }

    public boolean isNull(int i) {
        return values[i] == null;
    }

    /** The parameter's type OID (from the prepared statement). */
    public int type(int i) {
        return i < types.length ? types[i] : 0;
    }

    /** 0 for text, 1 for binary. */
    public int format(int i) {
        return formats[i];
    }

    /** The value exactly as the client sent it; null for SQL NULL. */
    public byte[] raw(int i) {
        return values[i];
    }

    /**
     * The value in PostgreSQL's text form; null for SQL NULL. A binary value is decoded by its
     * type's codec and rendered as text (22P03 if malformed).
     */
    public String text(int i) {
        if (values[i] == null) return null;
        if (formats[i] == 0) return new String(values[i], StandardCharsets.UTF_8);
        return registry.encodeText(type(i), value(i), context);
    }

    /**
     * The value decoded by the type registry as its Java type (Integer for int4, String for text,
     * BigDecimal for numeric, LocalDate for date, …); null for SQL NULL. Malformed values raise
     * 22P02 (text) or 22P03 (binary).
     */
    public Object value(int i) {
        return registry.decode(type(i), values[i], formats[i], context);
    }
}
