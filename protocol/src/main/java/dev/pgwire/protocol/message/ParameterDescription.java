package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** ParameterDescription ('t'): the type OID of each parameter of a prepared statement. */
public record ParameterDescription(int[] typeOids) implements BackendMessage {

    public static ParameterDescription decode(ByteBuf in) {
        int n = in.readUnsignedShort();
        Wire.checkCount(n, 4, in);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = in.readInt();
        return new ParameterDescription(t);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte('t');
        out.writeInt(6 + 4 * typeOids.length);
        out.writeShort(typeOids.length);
        for (int t : typeOids) out.writeInt(t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterDescription p && Arrays.equals(typeOids, p.typeOids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(typeOids);
    }

    @Override
    public String toString() {
        return "ParameterDescription" + Arrays.toString(typeOids);
    }
}
