package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/**
 * A message a client sends after the startup packet (protocol section 55.7). Each knows how to
 * write itself as a whole frame: type byte, int32 length, body.
 */
public sealed interface FrontendMessage permits Bind, Close, CopyData, CopyDone, CopyFail, Describe, Execute,
        Flush, FunctionCall, PasswordMessage, SASLInitialResponse, SASLResponse, GSSResponse, Parse, Query, Sync,
        Terminate {

    void encode(ByteBuf out);
}
