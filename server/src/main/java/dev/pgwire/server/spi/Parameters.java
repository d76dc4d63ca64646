package dev.pgwire.server.spi;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.nio.charset.StandardCharsets;

/**
 * The parameter values of a Bind message: raw bytes in the format the client chose (0 text,
 * 1 binary), null for SQL NULL, with the statement's parameter types.
 */
public final class Parameters {
    public static final Parameters NONE = new Parameters(new int[0], new short[0], new byte[0][]);

    private final int[] types;
    private final short[] formats;
    private final byte[][] values;

    public Parameters(int[] types, short[] formats, byte[][] values) {
        this.types = types;
        this.formats = formats;
        this.values = values;
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

    /** A text-format value as a string; null for SQL NULL. Binary values are refused with 22P03. */
    public String text(int i) {
        if (values[i] == null) return null;
        if (formats[i] != 0) {
            throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION,
                    "parameter $" + (i + 1) + " was sent in binary format, which this server does not accept");
        }
        return new String(values[i], StandardCharsets.UTF_8);
    }
}
