package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendMessage;
import io.netty.buffer.ByteBuf;

/**
 * Where a {@link SessionMachine} writes backend messages. The server's is {@link Output}, bound to
 * the connection; tests and the fuzz target collect the bytes instead. Only whole messages are
 * ever sent: {@link #flushIfFull} is called between them.
 */
interface SessionOutput {

    /** The buffer to encode into; valid until the next flush. */
    ByteBuf buffer();

    /** Encodes {@code m}; if encoding fails, nothing of it stays behind (no half message is sent). */
    default void write(BackendMessage m) {
        ByteBuf b = buffer();
        int at = b.writerIndex();
        try {
            m.encode(b);
        } catch (RuntimeException e) {
            b.writerIndex(at);
            throw e;
        }
    }

    /** Sends what is pending if it has grown large, waiting for a slow reader if needed. */
    void flushIfFull();

    /** Sends what is pending. */
    void flush();

    /** Sends what is pending, then closes the connection: the session is over. */
    void flushAndClose();

    /** Drops pending output (the connection is going away). */
    void discard();
}
