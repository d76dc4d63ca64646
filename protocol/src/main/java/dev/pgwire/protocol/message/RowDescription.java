package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** RowDescription ('T'): the columns of the rows that follow. */
public record RowDescription(List<Field> fields) implements BackendMessage {

    /**
     * One column. {@code tableOid}/{@code columnNumber} are 0 when the column is not a plain table
     * column; {@code typeSize} is pg_type.typlen (negative for variable width); {@code format} is
     * 0 text or 1 binary.
     */
    public record Field(String name, int tableOid, short columnNumber, int typeOid, short typeSize,
                        int typeModifier, short format) {

        /** A computed column of the given type, text format, no type modifier. */
        public Field(String name, int typeOid, short typeSize) {
            this(name, 0, (short) 0, typeOid, typeSize, -1, (short) 0);
        }

        public Field withFormat(short format) {
            return new Field(name, tableOid, columnNumber, typeOid, typeSize, typeModifier, format);
        }
    }

    public static RowDescription decode(ByteBuf in) {
        int n = in.readUnsignedShort();
        Wire.checkCount(n, 19, in);
        List<Field> f = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            f.add(new Field(Wire.readCString(in), in.readInt(), in.readShort(), in.readInt(), in.readShort(),
                    in.readInt(), in.readShort()));
        }
        return new RowDescription(List.copyOf(f));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'T');
        out.writeShort(fields.size());
        for (Field f : fields) {
            Wire.writeCString(out, f.name());
            out.writeInt(f.tableOid());
            out.writeShort(f.columnNumber());
            out.writeInt(f.typeOid());
            out.writeShort(f.typeSize());
            out.writeInt(f.typeModifier());
            out.writeShort(f.format());
        }
        Wire.endMessage(out, at);
    }
}
