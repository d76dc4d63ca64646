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

    default void write(BackendMessage m) {
        m.encode(buffer());
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
