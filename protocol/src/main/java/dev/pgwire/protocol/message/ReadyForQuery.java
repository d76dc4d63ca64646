package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

/** ReadyForQuery ('Z') with the transaction status: 'I' idle, 'T' in a block, 'E' in a failed block. */
public record ReadyForQuery(char transactionStatus) implements BackendMessage {
    public static final ReadyForQuery IDLE = new ReadyForQuery('I');
    public static final ReadyForQuery IN_TRANSACTION = new ReadyForQuery('T');
    public static final ReadyForQuery FAILED = new ReadyForQuery('E');

    public static ReadyForQuery decode(ByteBuf in) {
        char s = (char) in.readByte();
        return switch (s) {
            case 'I' -> IDLE;
            case 'T' -> IN_TRANSACTION;
            case 'E' -> FAILED;
            default -> throw PgException.protocolViolation("invalid transaction status " + (int) s);
        };
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte('Z');
        out.writeInt(5);
        out.writeByte(transactionStatus);
    }
}
