package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

/** Close ('C'): closes a prepared statement ({@code kind} 'S') or portal ('P'). */
public record Close(char kind, String name) implements FrontendMessage {

    public static Close decode(ByteBuf in) {
        char kind = (char) in.readByte();
        if (kind != 'S' && kind != 'P') throw PgException.protocolViolation("invalid CLOSE message subtype " + (int) kind);
        return new Close(kind, Wire.readCString(in));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'C');
        out.writeByte(kind);
        Wire.writeCString(out, name);
        Wire.endMessage(out, at);
    }
}
