package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** FunctionCall ('F'): the legacy fast-path function call interface. */
public record FunctionCall(int functionOid, short[] argumentFormats, byte[][] arguments, short resultFormat)
        implements FrontendMessage {

    public static FunctionCall decode(ByteBuf in) {
        int oid = in.readInt();
        short[] af = Wire.readShorts(in);
        int n = in.readUnsignedShort();
        Wire.checkCount(n, 4, in);
        byte[][] args = new byte[n][];
        for (int i = 0; i < n; i++) args[i] = Wire.readNullableBytes(in);
        if (af.length > 1 && af.length != n) {
            throw PgException.protocolViolation("function call message contains " + af.length + " argument formats but "
                    + n + " arguments");
        }
        return new FunctionCall(oid, af, args, in.readShort());
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'F');
        out.writeInt(functionOid);
        Wire.writeShorts(out, argumentFormats);
        out.writeShort(arguments.length);
        for (byte[] a : arguments) Wire.writeNullableBytes(out, a);
        out.writeShort(resultFormat);
        Wire.endMessage(out, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunctionCall f && functionOid == f.functionOid && resultFormat == f.resultFormat
                && Arrays.equals(argumentFormats, f.argumentFormats) && Arrays.deepEquals(arguments, f.arguments);
    }

    @Override
    public int hashCode() {
        return functionOid;
    }

    @Override
    public String toString() {
        return "FunctionCall[oid=" + functionOid + ", arguments=" + arguments.length + "]";
    }
}
