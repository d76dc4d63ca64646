package dev.pgwire.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes all sessions of a server may hold at once in large messages being received and in
 * prepared statements and portals ({@link ServerConfig#maxServerMemory}). A reservation that does
 * not fit is refused, and the session that asked reports 53200 out_of_memory instead of the
 * server running out of heap.
 */
final class MemoryBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    MemoryBudget(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    boolean tryReserve(long bytes) {
        while (true) {
            long u = used.get();
            if (u + bytes > limit) return false;
            if (used.compareAndSet(u, u + bytes)) {
                if (u + bytes > peak.get()) peak.accumulateAndGet(u + bytes, Math::max);
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }

    /** The most ever reserved at once. */
    long peak() {
        return peak.get();
    }
}
