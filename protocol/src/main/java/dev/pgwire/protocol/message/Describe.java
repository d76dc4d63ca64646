package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

/** Describe ('D'): asks for a prepared statement's ({@code kind} 'S') or portal's ('P') description. */
public record Describe(char kind, String name) implements FrontendMessage {

    public static Describe decode(ByteBuf in) {
        char kind = (char) in.readByte();
        if (kind != 'S' && kind != 'P') throw PgException.protocolViolation("invalid DESCRIBE message subtype " + (int) kind);
        return new Describe(kind, Wire.readCString(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'D');
        out.writeByte(kind);
        Wire.writeCString(out, name);
        Wire.endMessage(out, at);
    }
}
