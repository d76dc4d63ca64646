package dev.pgwire.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * A session's pending output, written by its worker thread. Messages accumulate in one pooled
 * buffer that goes to the socket on {@link #flush()} — once per ReadyForQuery, Flush or when it
 * passes {@link #FLUSH_THRESHOLD} while rows stream. When the socket's outbound queue is above its
 * high-water mark the worker waits until it drains, so a slow reader holds back a large result
 * instead of the server buffering it.
 */
final class Output implements SessionOutput {
    /**
     * Every flush from a worker wakes the event loop (an eventfd write and, on a busy machine, a
     * context switch): large streams (COPY TO, big results) go out in batches of this size — the
     * channel's low water mark, so a flush never makes the channel unwritable by itself.
     */
    static final int FLUSH_THRESHOLD = 256 * 1024;
    private static final int INITIAL_CAPACITY = 8 * 1024;
    /** How long a last message may wait for a reader that does not read before the close is forced. */
    private static final long CLOSE_GRACE_SECONDS = 10;

    private final Channel channel;
    private final Object writable = new Object();
    private ByteBuf buf;

    Output(Channel channel) {
        this.channel = channel;
    }

    @Override
    public ByteBuf buffer() {
        if (buf == null) buf = channel.alloc().ioBuffer(INITIAL_CAPACITY);
        return buf;
    }

    /** Sends what is pending if it has grown past the threshold, waiting for the socket if needed. */
    @Override
    public void flushIfFull() {
        if (buf != null && buf.readableBytes() >= FLUSH_THRESHOLD) {
            flush();
            awaitWritable();
        }
    }

    @Override
    public void flush() {
        ByteBuf b = buf;
        buf = null;
        if (b == null) return;
        if (!b.isReadable() || !channel.isActive()) {
            b.release();
            return;
        }
        channel.writeAndFlush(b, channel.voidPromise());
    }

    @Override
    public void flushAndClose() {
        ByteBuf b = buf;
        buf = null;
        if (!channel.isActive()) {
            if (b != null) b.release();
            return;
        }
        // Queued after any earlier flush, so the close waits for everything sent before it.
        channel.writeAndFlush(b != null ? b : Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        ScheduledFuture<?> force = channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(f -> force.cancel(false));
    }

    @Override
    public void discard() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    private void awaitWritable() {
        // The event loop never waits (inline sessions): Netty queues the output instead.
        if (channel.isWritable() || channel.eventLoop().inEventLoop()) return;
        synchronized (writable) {
            while (!channel.isWritable() && channel.isActive()) {
                try {
                    writable.wait(100); // re-checks on a timer too, in case a notification is missed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Called from the event loop when the channel's writability changes. */
    void writabilityChanged() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }
}
