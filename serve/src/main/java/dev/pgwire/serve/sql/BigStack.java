package dev.pgwire.serve.sql;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Threads with large stacks for translating long statements. PostgreSQL's parser and the
 * translation recurse once per level of nesting; a statement of a few kilobytes can nest far
 * deeper than a worker thread's stack allows, and a native stack overflow would end the process.
 * Statements short enough to be shallow are translated where they arrive.
 */
final class BigStack {
    private BigStack() {}

    /** 256 MiB: reserved address space, committed only as deep as a statement actually nests. */
    static final long STACK_BYTES = 256L << 20;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = new ThreadPoolExecutor(
            Math.max(2, Runtime.getRuntime().availableProcessors()), Math.max(2, Runtime.getRuntime().availableProcessors()),
            30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> {
                Thread t = new Thread(null, r, "pgwire-translate-" + COUNT.incrementAndGet(), STACK_BYTES);
                t.setDaemon(true);
                return t;
            });

    static {
        ((ThreadPoolExecutor) POOL).allowCoreThreadTimeOut(true);
    }

    static <T> T call(Supplier<T> work) {
        Future<T> f = POOL.submit(work::get);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while translating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
