package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * Bind ('B'): creates a portal from a prepared statement. {@code parameters} entries are raw
 * values in the format given by {@code parameterFormats}; a null entry is SQL NULL. Format code
 * arrays follow the protocol's rule: empty means all text, one entry applies to all, otherwise
 * one per parameter/column.
 */
public record Bind(String portal, String statement, short[] parameterFormats, byte[][] parameters,
                   short[] resultFormats) implements FrontendMessage {

    public static Bind decode(ByteBuf in) {
        String portal = Wire.readCString(in);
        String statement = Wire.readCString(in);
        short[] pf = Wire.readShorts(in);
        int n = in.readUnsignedShort();
        Wire.checkCount(n, 4, in);
        byte[][] params = new byte[n][];
        for (int i = 0; i < n; i++) params[i] = Wire.readNullableBytes(in);
        if (pf.length > 1 && pf.length != n) {
            throw PgException.protocolViolation("bind message has " + pf.length + " parameter formats but " + n + " parameters");
        }
        short[] rf = Wire.readShorts(in);
        return new Bind(portal, statement, pf, params, rf);
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'B');
        Wire.writeCString(out, portal);
        Wire.writeCString(out, statement);
        Wire.writeShorts(out, parameterFormats);
        out.writeShort(parameters.length);
        for (byte[] p : parameters) Wire.writeNullableBytes(out, p);
        Wire.writeShorts(out, resultFormats);
        Wire.endMessage(out, at);
    }

    /** The format code (0 text, 1 binary) for parameter {@code i}. */
    public short parameterFormat(int i) {
        return formatAt(parameterFormats, i);
    }

    /** The format code (0 text, 1 binary) for result column {@code i}. */
    public short resultFormat(int i) {
        return formatAt(resultFormats, i);
    }

    /** The format code for item {@code i} under the protocol's zero-one-or-n rule. */
    public static short formatAt(short[] formats, int i) {
        if (formats.length == 0) return 0;
        if (formats.length == 1) return formats[0];
        return formats[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bind b && portal.equals(b.portal) && statement.equals(b.statement)
                && Arrays.equals(parameterFormats, b.parameterFormats)
                && Arrays.deepEquals(parameters, b.parameters) && Arrays.equals(resultFormats, b.resultFormats);
    }

    @Override
    public int hashCode() {
        return portal.hashCode() * 31 + statement.hashCode();
    }

    @Override
    public String toString() {
        return "Bind[portal=" + portal + ", statement=" + statement + ", parameterFormats="
                + Arrays.toString(parameterFormats) + ", parameters=" + parameters.length + ", resultFormats="
                + Arrays.toString(resultFormats) + "]";
    }
}
