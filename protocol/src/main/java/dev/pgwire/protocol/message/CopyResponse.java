package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * CopyInResponse ('G'), CopyOutResponse ('H') and CopyBothResponse ('W'): they share one layout,
 * an overall format (0 text, 1 binary) and a format code per column.
 */
public record CopyResponse(Kind kind, int overallFormat, short[] columnFormats) implements BackendMessage {

    public enum Kind {
        IN('G'), OUT('H'), BOTH('W');
        public final char type;
        Kind(char type) { this.type = type; }
    }

    public static CopyResponse decode(Kind kind, ByteBuf in) {
        int overall = in.readByte();
        if (overall != 0 && overall != 1) throw PgException.protocolViolation("invalid COPY format " + overall);
        return new CopyResponse(kind, overall, Wire.readShorts(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, kind.type);
        out.writeByte(overallFormat);
        Wire.writeShorts(out, columnFormats);
        Wire.endMessage(out, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyResponse c && kind == c.kind && overallFormat == c.overallFormat
                && Arrays.equals(columnFormats, c.columnFormats);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(columnFormats);
    }

    @Override
    public String toString() {
        return "CopyResponse[" + kind + ", format=" + overallFormat + ", columns=" + Arrays.toString(columnFormats) + "]";
    }
}
