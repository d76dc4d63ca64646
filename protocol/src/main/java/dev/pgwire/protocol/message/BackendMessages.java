package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

/** Decodes the body of a backend message by its type byte. */
public final class BackendMessages {
    private BackendMessages() {}

    /**
     * Decodes one message. {@code body} holds exactly the bytes after the length word; all of them
     * must be consumed. Malformed input raises a {@link PgException} with SQLSTATE 08P01.
     */
    public static BackendMessage decode(byte type, ByteBuf body) {
        BackendMessage m;
        try {
            m = switch (type) {
                case 'R' -> Authentication.decode(body);
                case 'K' -> BackendKeyData.decode(body);
                case '2' -> BindComplete.INSTANCE;
                case '3' -> CloseComplete.INSTANCE;
                case 'C' -> CommandComplete.decode(body);
                case 'd' -> CopyData.decode(body);
                case 'c' -> CopyDone.INSTANCE;
                case 'G' -> CopyResponse.decode(CopyResponse.Kind.IN, body);
                case 'H' -> CopyResponse.decode(CopyResponse.Kind.OUT, body);
                case 'W' -> CopyResponse.decode(CopyResponse.Kind.BOTH, body);
                case 'D' -> DataRow.decode(body);
                case 'I' -> EmptyQueryResponse.INSTANCE;
                case 'E' -> ErrorResponse.decode(body);
                case 'V' -> FunctionCallResponse.decode(body);
                case 'v' -> NegotiateProtocolVersion.decode(body);
                case 'n' -> NoData.INSTANCE;
                case 'N' -> NoticeResponse.decode(body);
                case 'A' -> NotificationResponse.decode(body);
                case 't' -> ParameterDescription.decode(body);
                case 'S' -> ParameterStatus.decode(body);
                case '1' -> ParseComplete.INSTANCE;
                case 's' -> PortalSuspended.INSTANCE;
                case 'Z' -> ReadyForQuery.decode(body);
                case 'T' -> RowDescription.decode(body);
                default -> throw PgException.protocolViolation("invalid backend message type " + (type & 0xff));
            };
        } catch (IndexOutOfBoundsException e) {
            throw PgException.protocolViolation("invalid message format: truncated message type " + (type & 0xff));
        }
        if (body.isReadable()) {
            throw PgException.protocolViolation("invalid message format: trailing bytes in message type " + (type & 0xff));
        }
        return m;
    }
}
