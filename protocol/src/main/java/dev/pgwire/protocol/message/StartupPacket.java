package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

/**
 * The untyped packets of the startup phase: an int32 length, an int32 code, a body. The code tells
 * a StartupMessage (a protocol version) from SSLRequest, GSSENCRequest and CancelRequest.
 */
public sealed interface StartupPacket permits StartupMessage, SSLRequest, GSSENCRequest, CancelRequest {

    void encode(ByteBuf out);

    /**
     * Decodes a packet; {@code body} holds exactly the bytes after the length word (code included).
     * Malformed input raises a {@link PgException} with SQLSTATE 08P01.
     */
    static StartupPacket decode(ByteBuf body) {
        try {
            int code = body.readInt();
            StartupPacket p = switch (code) {
                case Wire.SSL_REQUEST_CODE -> SSLRequest.INSTANCE;
                case Wire.GSSENC_REQUEST_CODE -> GSSENCRequest.INSTANCE;
                case Wire.CANCEL_REQUEST_CODE -> CancelRequest.decodeAfterCode(body);
                default -> StartupMessage.decodeAfterVersion(code, body);
            };
            if (body.isReadable()) throw PgException.protocolViolation("invalid startup packet layout: trailing bytes");
            return p;
        } catch (IndexOutOfBoundsException e) {
            throw PgException.protocolViolation("invalid startup packet layout: truncated");
        }
    }
}
