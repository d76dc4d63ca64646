package dev.pgwire.server;

import dev.pgwire.protocol.message.BackendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * A session's pending output, written by its worker thread. Messages accumulate in one pooled
 * buffer that goes to the socket on {@link #flush()} — once per ReadyForQuery, Flush or when it
 * passes {@link #FLUSH_THRESHOLD} while rows stream. When the socket's outbound queue is above its
 * high-water mark the worker waits until it drains, so a slow reader holds back a large result
 * instead of the server buffering it.
 */
final class Output {
    static final int FLUSH_THRESHOLD = 64 * 1024;
    private static final int INITIAL_CAPACITY = 8 * 1024;

    private final Channel channel;
    private final Object writable = new Object();
    private ByteBuf buf;

    Output(Channel channel) {
        this.channel = channel;
    }

    /** The buffer to encode into; valid until the next flush. */
    ByteBuf buffer() {
        if (buf == null) buf = channel.alloc().ioBuffer(INITIAL_CAPACITY);
        return buf;
    }

    void write(BackendMessage m) {
        m.encode(buffer());
    }

    /** Sends what is pending if it has grown past the threshold, waiting for the socket if needed. */
    void flushIfFull() {
        if (buf != null && buf.readableBytes() >= FLUSH_THRESHOLD) {
            flush();
            awaitWritable();
        }
    }

    void flush() {
        ByteBuf b = buf;
        buf = null;
        if (b == null) return;
        if (!b.isReadable() || !channel.isActive()) {
            b.release();
            return;
        }
        channel.writeAndFlush(b, channel.voidPromise());
    }

    /** Drops pending output (the connection is going away). */
    void discard() {
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
