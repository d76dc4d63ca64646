package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.NotificationResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.Terminate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The query phase of a connection: commands are written in submission order and each response
 * goes to the oldest command still in flight. Asynchronous messages (NotificationResponse,
 * NoticeResponse, ParameterStatus) go to the session instead.
 *
 * <p>Writes are coalesced: commands submitted from any thread are queued, drained by one task on
 * the event loop, encoded into one buffer and flushed once, so a pipeline of thousands of
 * statements costs a handful of system calls. Reads can be paused by a slow row consumer
 * ({@link #pauseReading()}): the socket is then not read and the server blocks on its send
 * buffer, which keeps memory bounded whatever the result size.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    /** Past this many pending bytes a buffer is handed to the channel and a new one started. */
    private static final int WRITE_CHUNK = 64 * 1024;

    final SessionState session;
    private final Channel channel;
    private ChannelHandlerContext ctx;

    private final Queue<Command<?>> incoming = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ArrayDeque<Command<?>> waiting = new ArrayDeque<>();
    private final ArrayDeque<Command<?>> inflight = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> writabilityWaiters = new ArrayList<>();
    private boolean exclusive;
    private ByteBuf out;
    private boolean written;
    private int pauses;
    /** Why the connection can no longer be used; null while it is open. */
    private volatile PgException closed;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

    ConnectionHandler(Channel channel, SessionState session) {
        this.channel = channel;
        this.session = session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    Channel channel() {
        return channel;
    }

    boolean isOpen() {
        return closed == null && channel.isActive();
    }

    CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /** Queues a command; safe from any thread. */
    void submit(Command<?> c) {
        PgException why = closed;
        if (why != null) {
            c.fail(closedError(why));
            return;
        }
        incoming.add(c);
        if (drainScheduled.compareAndSet(false, true)) channel.eventLoop().execute(this::drain);
    }

    private void drain() {
        drainScheduled.set(false);
        for (Command<?> c = incoming.poll(); c != null; c = incoming.poll()) {
            if (closed != null) {
                c.fail(closedError(closed));
            } else {
                waiting.add(c);
            }
        }
        startWaiting();
        flush();
    }

    private void startWaiting() {
        while (!waiting.isEmpty() && !exclusive) {
            Command<?> c = waiting.peek();
            if (c.needsIdle() && !inflight.isEmpty()) return;
            waiting.poll();
            if (closed != null) {
                c.fail(closedError(closed)); // submitted behind Terminate
                continue;
            }
            inflight.add(c);
            if (c.exclusive()) exclusive = true;
            try {
                c.start(this);
            } catch (RuntimeException e) {
                // a value that cannot be encoded fails its command only; nothing of it was sent
                inflight.remove(c);
                if (c.exclusive()) exclusive = false;
                c.fail(e);
                continue;
            }
            if (out != null && out.readableBytes() >= WRITE_CHUNK) {
                ctx.write(out, ctx.voidPromise());
                out = null;
                written = true;
            }
        }
    }

    /**
     * The buffer commands encode their messages into; flushed at the end of the current task. It
     * is a plain heap buffer: messages are built from many small writes, and the transport copies
     * the whole buffer to the socket once.
     */
    ByteBuf out() {
        if (out == null) out = Unpooled.buffer(1024);
        return out;
    }

    /** Sends what is pending now. Commands that write outside {@link Command#start} call this. */
    void flush() {
        if (out != null) {
            ctx.write(out).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            out = null;
            written = true;
        }
        if (written) {
            written = false;
            ctx.flush();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof BackendMessage m)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (m instanceof NotificationResponse n) {
            session.notification(n);
            return;
        }
        if (m instanceof NoticeResponse n) {
            session.notice(n);
            return;
        }
        if (m instanceof ParameterStatus p) {
            session.parameter(p);
            return;
        }
        if (m instanceof ReadyForQuery z) session.transactionStatus = TransactionStatus.of(z.transactionStatus());
        if (m instanceof ErrorResponse e && e.toException().isFatal()) closed = e.toException();
        Command<?> head = inflight.peek();
        if (head == null) {
            unsolicited(m);
            return;
        }
        boolean done;
        try {
            done = head.handle(m, this);
        } catch (RuntimeException e) {
            fatal(e instanceof PgException p ? p : new PgException(SqlState.INTERNAL_ERROR, "client error: " + e, e));
            return;
        }
        if (done) {
            inflight.poll();
            if (head.exclusive()) exclusive = false;
            if (!waiting.isEmpty()) {
                startWaiting();
                flush();
            }
        }
    }

    private void unsolicited(BackendMessage m) {
        if (m instanceof ErrorResponse e) {
            PgException ex = e.toException();
            // e.g. FATAL 57P01 when the backend is terminated while idle; the close follows
            if (!ex.isFatal()) log.warn("error from server outside any request: {}", ex.getMessage());
            return;
        }
        fatal(PgException.protocolViolation("unexpected message from server with no request pending: "
                + m.getClass().getSimpleName()));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Command<?> head = inflight.peek();
        if (head != null) head.readComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable() && !writabilityWaiters.isEmpty()) {
            List<CompletableFuture<Void>> ready = new ArrayList<>(writabilityWaiters);
            writabilityWaiters.clear();
            ready.forEach(f -> f.complete(null));
        }
    }

    /** A future that completes when the channel can take more writes (at once if it can now). */
    CompletableFuture<Void> whenWritable() {
        if (channel.isWritable()) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (closed != null) {
            f.completeExceptionally(closedError(closed));
        } else {
            writabilityWaiters.add(f);
        }
        return f;
    }

    /** Stops reading the socket until as many {@link #resumeReading()} calls; event loop only. */
    void pauseReading() {
        if (pauses++ == 0) channel.config().setAutoRead(false);
    }

    void resumeReading() {
        if (pauses > 0 && --pauses == 0) channel.config().setAutoRead(true);
    }

    /** Sends Terminate and closes; the Terminate command runs this once every earlier command has ended. */
    void terminateNow() {
        if (closed == null) closed = new PgException("08003", "connection is closed");
        ByteBuf b = out();
        out = null;
        Terminate.INSTANCE.encode(b);
        ctx.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
    }

    private void fatal(PgException e) {
        log.debug("closing connection: {}", e.getMessage());
        if (closed == null || !closed.isFatal()) closed = e;
        channel.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof PgException p) cause = p;
        if (closed == null) {
            closed = cause instanceof PgException p ? p
                    : new PgException(SqlState.CONNECTION_FAILURE, "connection to server lost: " + cause.getMessage(), cause);
        }
        channel.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closed == null) {
            closed = new PgException(SqlState.CONNECTION_FAILURE, "server closed the connection unexpectedly");
        }
        PgException why = closed;
        if (out != null) {
            out.release();
            out = null;
        }
        while (!inflight.isEmpty()) inflight.poll().connectionClosed(closedError(why));
        while (!waiting.isEmpty()) waiting.poll().fail(closedError(why));
        for (Command<?> c = incoming.poll(); c != null; c = incoming.poll()) c.fail(closedError(why));
        writabilityWaiters.forEach(f -> f.completeExceptionally(closedError(why)));
        writabilityWaiters.clear();
        if (pauses > 0) {
            pauses = 0;
            channel.config().setAutoRead(true);
        }
        closeFuture.complete(null);
    }

    /** A fresh exception per request, so each caller sees its own; the server's fields are kept. */
    private static PgException closedError(PgException why) {
        PgException e = new PgException(why.fields());
        e.initCause(why);
        return e;
    }
}
