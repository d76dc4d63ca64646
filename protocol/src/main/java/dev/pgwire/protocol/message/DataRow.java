package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * DataRow ('D'): one row, each value raw in its column's format, null for SQL NULL. Servers on the
 * hot path write rows straight into the output buffer instead of building this record.
 */
public record DataRow(byte[][] values) implements BackendMessage {

    public static DataRow decode(ByteBuf in) {
        int n = in.readUnsignedShort();
        Wire.checkCount(n, 4, in);
        byte[][] v = new byte[n][];
        for (int i = 0; i < n; i++) v[i] = Wire.readNullableBytes(in);
        return new DataRow(v);
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'D');
        out.writeShort(values.length);
        for (byte[] v : values) Wire.writeNullableBytes(out, v);
        Wire.endMessage(out, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRow d && Arrays.deepEquals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "DataRow[" + values.length + " values]";
    }
}
