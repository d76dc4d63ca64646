package dev.pgwire.client;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Moves COPY FROM STDIN data from a source into a {@link CopyIn} no faster than the socket takes
 * it: the next piece is pulled only when the previous write's future has completed.
 */
final class CopyPumps {
    private CopyPumps() {}

    /** Pulls from an iterator; a failing iterator aborts the COPY with CopyFail. */
    static CompletableFuture<Long> from(CopyIn copy, Iterator<byte[]> data) {
        pump(copy, data);
        return copy.result();
    }

    private static void pump(CopyIn copy, Iterator<byte[]> data) {
        try {
            while (data.hasNext()) {
                CompletableFuture<Void> written = copy.write(data.next());
                if (!written.isDone()) {
                    written.whenComplete((v, e) -> {
                        if (e == null) pump(copy, data);
                    });
                    return;
                }
                if (written.isCompletedExceptionally()) return; // the server ended the COPY: result says why
            }
            copy.end();
        } catch (RuntimeException e) {
            copy.fail("data source failed: " + e);
        }
    }

    /** Items requested from a publisher at a time; more are asked for as writes complete. */
    private static final int PUBLISHER_BATCH = 1024;

    /**
     * Subscribes to a publisher at once (so that a hot publisher's items are buffered for us rather
     * than dropped) and requests data once the COPY has started. Reactive Streams serialises the
     * subscriber's signals, which is all the single-threaded CopyIn needs, so data is written from
     * the publisher's thread; the next half batch is requested only when the writes before it have
     * been taken by the socket.
     */
    static CompletableFuture<Long> from(CompletableFuture<CopyIn> started, Flow.Publisher<byte[]> data) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        data.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private CopyIn copy;
            private int sinceRequest;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                started.whenComplete((c, e) -> {
                    if (e != null) {
                        s.cancel();
                        result.completeExceptionally(e);
                        return;
                    }
                    c.result().whenComplete((n, err) -> {
                        if (err != null) {
                            s.cancel();
                            result.completeExceptionally(err);
                        } else {
                            result.complete(n);
                        }
                    });
                    synchronized (this) {
                        copy = c;
                    }
                    s.request(PUBLISHER_BATCH);
                });
            }

            private synchronized CopyIn copy() {
                return copy;
            }

            @Override
            public void onNext(byte[] item) {
                CopyIn c = copy();
                if (c.result().isDone()) return;
                CompletableFuture<Void> written = c.write(item);
                if (written.isDone()) {
                    if (!written.isCompletedExceptionally()) written();
                } else {
                    written.whenComplete((v, e) -> {
                        if (e == null) written();
                    });
                }
            }

            private synchronized void written() {
                if (++sinceRequest == PUBLISHER_BATCH / 2) {
                    sinceRequest = 0;
                    subscription.request(PUBLISHER_BATCH / 2);
                }
            }

            @Override
            public void onError(Throwable t) {
                CopyIn c = copy();
                if (c != null) c.fail("data source failed: " + t);
                else result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                CopyIn c = copy();
                if (c != null) c.end();
            }
        });
        return result;
    }
}
