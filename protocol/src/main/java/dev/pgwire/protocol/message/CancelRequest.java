package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** CancelRequest: process id and secret key from BackendKeyData (4 bytes in 3.0, up to 256 in 3.2). */
public record CancelRequest(int processId, byte[] secretKey) implements StartupPacket {

    static CancelRequest decodeAfterCode(ByteBuf in) {
        int pid = in.readInt();
        int n = in.readableBytes();
        if (n < 4 || n > BackendKeyData.MAX_SECRET_LENGTH) throw PgException.protocolViolation("invalid cancel key length " + n);
        return new CancelRequest(pid, Wire.readRemaining(in));
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(12 + secretKey.length);
        out.writeInt(Wire.CANCEL_REQUEST_CODE);
        out.writeInt(processId);
        out.writeBytes(secretKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CancelRequest c && processId == c.processId && Arrays.equals(secretKey, c.secretKey);
    }

    @Override
    public int hashCode() {
        return processId;
    }

    @Override
    public String toString() {
        return "CancelRequest[processId=" + processId + "]";
    }
}
