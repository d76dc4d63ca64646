package dev.pgwire.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands items (rows, COPY data) from the event loop to a thread blocked in {@link #drainTo}, in
 * batches, with the socket paused while too many are waiting: memory stays bounded however large
 * the result and however slow the consumer.
 */
final class HandOff<T> {
    private static final Object END = new Object();

    private record Failure(Throwable error) {}

    private final int batchSize;
    private final int high;
    private final int low;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Items published and not yet taken by the consumer. */
    private final AtomicInteger queued = new AtomicInteger();
    private final ConnectionHandler conn;
    private volatile boolean paused;
    private List<T> batch;
    private boolean ended;
    private volatile int maxQueued;
    /** Completes the first time the socket is paused for this consumer (lets tests wait for it). */
    final CompletableFuture<Void> firstPause = new CompletableFuture<>();

    HandOff(ConnectionHandler conn, int batchSize, int high, int low) {
        this.conn = conn;
        this.batchSize = batchSize;
        this.high = high;
        this.low = low;
        this.batch = new ArrayList<>(batchSize);
    }

    // ---- event loop side ---------------------------------------------------------------------

    void add(T item) {
        batch.add(item);
        if (batch.size() >= batchSize) publish();
    }

    void readComplete() {
        if (!batch.isEmpty()) publish();
    }

    private void publish() {
        List<T> b = batch;
        batch = new ArrayList<>(batchSize);
        int after = queued.addAndGet(b.size());
        if (after > maxQueued) maxQueued = after;
        // paused is set before the batch becomes visible, so a consumer that takes it sees the flag
        if (after >= high && !paused) {
            paused = true;
            conn.pauseReading();
            firstPause.complete(null);
        }
        queue.add(b);
    }

    /** The end of the stream: {@code error} null for success. Event loop, or any thread before the command started. */
    void end(Throwable error) {
        if (ended) return;
        ended = true;
        if (!batch.isEmpty()) publish();
        if (paused) {
            paused = false;
            conn.resumeReading();
        }
        queue.add(error == null ? END : new Failure(error));
    }

    // ---- consumer side -----------------------------------------------------------------------

    /**
     * Calls {@code consumer} for every item until the end, on the calling thread. If the consumer
     * throws, the remaining items are drained and dropped (the connection must still read them)
     * and the exception is rethrown at the end; a failure of the stream is thrown as it is.
     */
    @SuppressWarnings("unchecked")
    void drainTo(Consumer<? super T> consumer) throws InterruptedException {
        RuntimeException thrown = null;
        while (true) {
            Object o = queue.take();
            if (o == END) break;
            if (o instanceof Failure f) {
                if (thrown != null) break;
                throw sneaky(f.error());
            }
            List<T> b = (List<T>) o;
            int left = queued.addAndGet(-b.size());
            if (paused && left <= low) conn.channel().eventLoop().execute(this::resume);
            if (thrown != null) continue;
            try {
                for (T t : b) consumer.accept(t);
            } catch (RuntimeException e) {
                thrown = e;
            }
        }
        if (thrown != null) throw thrown;
    }

    private void resume() {
        if (paused && queued.get() <= low) {
            paused = false;
            conn.resumeReading();
        }
    }

    /** The most items that were ever waiting for the consumer (for tests of the memory bound). */
    int maxQueued() {
        return maxQueued;
    }

    private static RuntimeException sneaky(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new RuntimeException(t);
    }
}
