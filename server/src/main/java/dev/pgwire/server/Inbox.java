package dev.pgwire.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's queue of work between the event loop (which adds messages as they are decoded) and
 * the thread that handles them. Its size is counted as items come and go:
 * {@link ConcurrentLinkedQueue#size()} walks the whole queue, which made every message of a deep
 * pipeline cost as much as the pipeline was long.
 */
final class Inbox {
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    void add(Object item) {
        size.incrementAndGet();
        queue.add(item);
    }

    /** The oldest item, or null when empty. */
    Object poll() {
        Object item = queue.poll();
        if (item != null) size.decrementAndGet();
        return item;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Items queued; exact when no add or poll runs at the same time. */
    int size() {
        return size.get();
    }
}
