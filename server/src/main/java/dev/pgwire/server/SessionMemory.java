package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one session holds, checked against its own limit ({@link ServerConfig#maxSessionMemory})
 * and the server's {@link MemoryBudget}: large messages while they are received, queued and run,
 * and the text and parameter values of its prepared statements and portals.
 *
 * <p>Refusals are errors the session reports and survives: 54000 program_limit_exceeded when this
 * session's limit would be passed, 53200 out_of_memory when the server's budget is spent.
 */
final class SessionMemory {
    /** Messages up to this size are neither counted nor refused; the inbox bounds how many wait. */
    static final int LARGE_MESSAGE = 1024;

    private final MemoryBudget server;
    private final long limit;
    /** Bytes held by prepared statements and portals: written by the session's thread, read by the event loop. */
    private final AtomicLong held = new AtomicLong();

    SessionMemory(MemoryBudget server, long limit) {
        this.server = server;
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    long held() {
        return held.get();
    }

    /**
     * Reserves room for a message of {@code length} bytes about to be received; null when it may
     * come in, else the error to answer it with (its bytes are then discarded unread).
     */
    PgException reserveMessage(byte type, int length) {
        if (length > limit) {
            return new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "message of type " + describe(type) + " and "
                    + length + " bytes exceeds the session memory limit of " + limit + " bytes")
                    .withHint("Send smaller statements or values.");
        }
        if (!server.tryReserve(length)) return outOfMemory(length);
        return null;
    }

    void releaseMessage(int length) {
        server.release(length);
    }

    /** Counts {@code bytes} more held by a statement or portal, or throws 54000 / 53200. */
    void hold(long bytes, String what) {
        long h = held.get();
        if (bytes > limit - h) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, what + " of " + bytes
                    + " bytes would exceed the session memory limit of " + limit + " bytes (" + h + " bytes held)")
                    .withHint("Close prepared statements and portals that are no longer needed.");
        }
        if (!server.tryReserve(bytes)) throw outOfMemory(bytes);
        held.addAndGet(bytes);
    }

    void unhold(long bytes) {
        held.addAndGet(-bytes);
        server.release(bytes);
    }

    private static PgException outOfMemory(long bytes) {
        return new PgException(SqlState.OUT_OF_MEMORY, "out of memory")
                .withDetail("Failed on request of size " + bytes + ": the server's memory for sessions is in use.");
    }

    private static String describe(byte type) {
        return type >= 32 && type < 127 ? "'" + (char) type + "'" : Integer.toString(type & 0xff);
    }
}
