package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

/** GSSENCRequest: asks for GSSAPI encryption; the server answers a single byte 'G' or 'N'. */
public record GSSENCRequest() implements StartupPacket {
    public static final GSSENCRequest INSTANCE = new GSSENCRequest();

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(8);
        out.writeInt(Wire.GSSENC_REQUEST_CODE);
    }
}
