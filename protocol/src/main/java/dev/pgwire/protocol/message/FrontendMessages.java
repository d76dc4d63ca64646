package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

/** Decodes the body of a frontend message by its type byte. */
public final class FrontendMessages {
    private FrontendMessages() {}

    /**
     * Decodes one message. {@code body} holds exactly the bytes after the length word; all of them
     * must be consumed. Malformed input raises a {@link PgException} with SQLSTATE 08P01.
     */
    public static FrontendMessage decode(byte type, ByteBuf body) {
        FrontendMessage m;
        try {
            m = switch (type) {
                case 'B' -> Bind.decode(body);
                case 'C' -> Close.decode(body);
                case 'd' -> CopyData.decode(body);
                case 'c' -> CopyDone.INSTANCE;
                case 'f' -> CopyFail.decode(body);
                case 'D' -> Describe.decode(body);
                case 'E' -> Execute.decode(body);
                case 'H' -> Flush.INSTANCE;
                case 'F' -> FunctionCall.decode(body);
                case 'p' -> PasswordMessage.decode(body);
                case 'P' -> Parse.decode(body);
                case 'Q' -> Query.decode(body);
                case 'S' -> Sync.INSTANCE;
                case 'X' -> Terminate.INSTANCE;
                default -> throw PgException.protocolViolation("invalid frontend message type " + (type & 0xff));
            };
        } catch (IndexOutOfBoundsException e) {
            throw PgException.protocolViolation("invalid message format: truncated " + describe(type) + " message");
        }
        if (body.isReadable()) {
            throw PgException.protocolViolation("invalid message format: trailing bytes in " + describe(type) + " message");
        }
        return m;
    }

    private static String describe(byte type) {
        return type >= 32 && type < 127 ? "'" + (char) type + "'" : Integer.toString(type & 0xff);
    }
}
