package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/**
 * A message the server sends (protocol section 55.7). Each knows how to write itself as a whole
 * frame: type byte, int32 length, body.
 */
public sealed interface BackendMessage permits Authentication, BackendKeyData, BindComplete, CloseComplete,
        CommandComplete, CopyData, CopyDone, CopyResponse, DataRow, EmptyQueryResponse, ErrorResponse,
        FunctionCallResponse, NegotiateProtocolVersion, NoData, NoticeResponse, NotificationResponse,
        ParameterDescription, ParameterStatus, ParseComplete, PortalSuspended, ReadyForQuery, RowDescription {

    void encode(ByteBuf out);
}
