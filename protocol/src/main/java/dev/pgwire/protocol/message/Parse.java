package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** Parse ('P'): prepares {@code query} as {@code name}; {@code parameterTypes} 0 means unspecified. */
public record Parse(String name, String query, int[] parameterTypes) implements FrontendMessage {

    public static Parse decode(ByteBuf in) {
        String name = Wire.readCString(in);
        String query = Wire.readCString(in);
        int n = in.readUnsignedShort();
        Wire.checkCount(n, 4, in);
        int[] types = new int[n];
        for (int i = 0; i < n; i++) types[i] = in.readInt();
        return new Parse(name, query, types);
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'P');
        Wire.writeCString(out, name);
        Wire.writeCString(out, query);
        out.writeShort(parameterTypes.length);
        for (int t : parameterTypes) out.writeInt(t);
        Wire.endMessage(out, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parse p && name.equals(p.name) && query.equals(p.query)
                && Arrays.equals(parameterTypes, p.parameterTypes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + query.hashCode();
    }

    @Override
    public String toString() {
        return "Parse[name=" + name + ", query=" + query + ", parameterTypes=" + Arrays.toString(parameterTypes) + "]";
    }
}
