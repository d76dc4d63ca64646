package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * BackendKeyData ('K'): the process id and secret key a client needs to cancel. Protocol 3.0
 * keys are 4 bytes; 3.2 allows up to 256.
 */
public record BackendKeyData(int processId, byte[] secretKey) implements BackendMessage {
    public static final int MAX_SECRET_LENGTH = 256;

    public static BackendKeyData decode(ByteBuf in) {
        int pid = in.readInt();
        int n = in.readableBytes();
        if (n < 4 || n > MAX_SECRET_LENGTH) throw PgException.protocolViolation("invalid cancel key length " + n);
        return new BackendKeyData(pid, Wire.readRemaining(in));
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte('K');
        out.writeInt(8 + secretKey.length);
        out.writeInt(processId);
        out.writeBytes(secretKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendKeyData k && processId == k.processId && Arrays.equals(secretKey, k.secretKey);
    }

    @Override
    public int hashCode() {
        return processId;
    }

    @Override
    public String toString() {
        return "BackendKeyData[processId=" + processId + ", secret=" + secretKey.length + " bytes]";
    }
}
