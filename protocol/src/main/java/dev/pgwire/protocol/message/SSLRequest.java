package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** SSLRequest: asks to negotiate TLS; the server answers a single byte 'S' or 'N'. */
public record SSLRequest() implements StartupPacket {
    public static final SSLRequest INSTANCE = new SSLRequest();

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(8);
        out.writeInt(Wire.SSL_REQUEST_CODE);
    }
}
