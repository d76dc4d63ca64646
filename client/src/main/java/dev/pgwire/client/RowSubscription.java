package dev.pgwire.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Feeds a {@link Flow.Subscriber} from a query with the subscriber's demand as the only limit on
 * memory: rows beyond the demand are buffered, and once {@link #HIGH} rows are buffered the
 * socket is no longer read until the subscriber has caught up to {@link #LOW}. The server then
 * blocks on its send buffer, so a result of any size streams in bounded memory.
 *
 * <p>Signals to the subscriber come from the event loop; {@code request} and {@code cancel} may
 * be called from any thread. Cancelling drops the remaining rows (the server still sends them,
 * the connection reads them to stay in step).
 */
final class RowSubscription extends RowSink<Long> implements Flow.Subscription {
    private static final Logger log = LoggerFactory.getLogger(RowSubscription.class);
    static final int HIGH = 4096;
    static final int LOW = 1024;

    private final ConnectionHandler handler;
    private final Flow.Subscriber<? super Row> subscriber;
    private final ArrayDeque<Row> buffer = new ArrayDeque<>();
    private long demand;
    private long delivered;
    private boolean cancelled;
    private boolean paused;
    private boolean finished;
    private boolean terminated;
    private Throwable error;
    private volatile int maxBuffered;
    private volatile int pauses;
    /** Completes the first time the socket is paused for this subscriber (lets tests wait for it). */
    final CompletableFuture<Void> firstPause = new CompletableFuture<>();

    RowSubscription(ConnectionHandler handler, Flow.Subscriber<? super Row> subscriber) {
        this.handler = handler;
        this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
        handler.channel().eventLoop().execute(() -> {
            if (terminated) return;
            if (n <= 0) {
                // Reactive Streams rule 3.9
                cancelled = true;
                error = new IllegalArgumentException("non-positive request: " + n);
                buffer.clear();
                finishIfDone(true);
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            drain();
        });
    }

    @Override
    public void cancel() {
        handler.channel().eventLoop().execute(() -> {
            cancelled = true;
            buffer.clear();
            resumeIfPaused();
        });
    }

    @Override
    void shape(RowShape s) {
    }

    @Override
    void row(Row row) {
        if (cancelled) return;
        if (demand > 0 && buffer.isEmpty()) {
            demand--;
            emit(row);
            return;
        }
        buffer.add(row);
        if (buffer.size() > maxBuffered) maxBuffered = buffer.size();
        if (buffer.size() >= HIGH && !paused) {
            paused = true;
            pauses++;
            conn.pauseReading();
            firstPause.complete(null);
        }
    }

    private void emit(Row row) {
        delivered++;
        try {
            subscriber.onNext(row);
        } catch (RuntimeException e) {
            // rule 2.13: a throwing subscriber is treated as having cancelled
            log.warn("row subscriber threw; cancelling its stream", e);
            cancelled = true;
            buffer.clear();
        }
    }

    private void drain() {
        while (demand > 0 && !buffer.isEmpty() && !cancelled) {
            demand--;
            emit(buffer.poll());
        }
        if (buffer.size() <= LOW) resumeIfPaused();
        finishIfDone(false);
    }

    private void resumeIfPaused() {
        if (paused) {
            paused = false;
            conn.resumeReading();
        }
    }

    private void finishIfDone(boolean force) {
        if (terminated || !(force || finished) || !buffer.isEmpty() && !cancelled) return;
        terminated = true;
        resumeIfPaused();
        if (cancelled && error == null) return;
        if (error != null) subscriber.onError(error);
        else subscriber.onComplete();
    }

    @Override
    void statementComplete(String tag) {
    }

    @Override
    Long result() {
        finished = true;
        // no more rows come for this subscriber: what is buffered stays bounded, and the requests
        // behind this one must not wait for a slow subscriber
        resumeIfPaused();
        finishIfDone(false);
        return delivered;
    }

    @Override
    void failed(Throwable e) {
        if (error == null) error = e;
        finished = true;
        resumeIfPaused();
        if (conn == null) {
            // failed before it started (the connection was closed): nothing is buffered
            terminated = true;
            subscriber.onError(e);
            return;
        }
        finishIfDone(false);
    }

    /** The most rows ever buffered, and how often reading was paused: the memory bound, observable by tests. */
    int maxBuffered() {
        return maxBuffered;
    }

    int pauses() {
        return pauses;
    }
}
