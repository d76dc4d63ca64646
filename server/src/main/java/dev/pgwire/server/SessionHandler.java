package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.SessionInfo;
import dev.pgwire.server.spi.TransactionStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The query phase of one connection: feeds decoded frontend messages to the session's
 * {@link SessionMachine}, in order, off the event loop.
 *
 * <p>Messages arrive on the event loop and are queued; a worker thread drains the queue in order,
 * so handler calls may block while the event loop keeps doing I/O, and a session never has two
 * calls in flight. Timers, shutdown and the closing of the connection reach the machine through
 * the same queue. Output goes through {@link Output}, flushed once per ReadyForQuery.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter implements LiveSession {
    static final String NAME = "session";
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
    /** Queued messages beyond which we stop reading the socket until the worker catches up. */
    private static final int INBOX_HIGH = 4096;
    private static final int INBOX_LOW = 1024;
    /** Bytes of large messages queued beyond which we stop reading, whatever their count. */
    private static final long READ_AHEAD_BYTES = 4L << 20;
    /** After the shutdown deadline, how long a cancelled call gets to end before the session is cut off. */
    private static final long TERMINATE_GRACE_MILLIS = 1000;

    private final ServerState server;
    private final Channel channel;
    private final StartupMessage startup;
    private final String user;
    private final String database;
    private final boolean tls;
    private final int protocolMinor;
    private final int processId;
    private final byte[] secretKey;
    private final Output out;
    private final SessionMemory memory;
    private final Inbox inbox = new Inbox();
    /** Bytes of large messages in the inbox. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CountDownLatch sessionClosed = new CountDownLatch(1);
    /** Set once the handler's session is open, before the greeting. */
    private volatile SessionMachine machine;
    /** The session does not block: messages are handled on the event loop (see Session#mayBlock). */
    private volatile boolean inline;
    /** The client has been greeted and the pipeline switched to this handler. */
    private volatile boolean opened;
    private volatile boolean closing;
    private volatile boolean shutdownRequested;
    private boolean closedOnce;
    /** Messages the event loop has received (written by the event loop only). */
    private volatile long received;
    /** Messages the machine has been given (by the thread draining the inbox). */
    private long handled;
    /** Armed at ReadyForQuery when the session goes idle; event loop only. */
    private ScheduledFuture<?> idleTimer;

    SessionHandler(ServerState server, Channel channel, StartupMessage startup, String user, String database,
                   boolean tls, int protocolMinor) {
        this.server = server;
        this.channel = channel;
        this.startup = startup;
        this.user = user;
        this.database = database;
        this.tls = tls;
        this.protocolMinor = protocolMinor;
        this.processId = server.newProcessId();
        // Protocol 3.2 allows long cancel keys; 32 bytes as PostgreSQL 18 sends.
        this.secretKey = new byte[protocolMinor >= 2 ? 32 : 4];
        server.random.nextBytes(secretKey);
        this.out = new Output(channel);
        this.memory = new SessionMemory(server.memory, server.config.maxSessionMemory());
    }

    SessionMemory memory() {
        return memory;
    }

    @Override
    public int processId() {
        return processId;
    }

    @Override
    public byte[] secretKey() {
        return secretKey;
    }

    /** Opens the handler's session off the event loop, then greets the client and calls {@code onOpened}. */
    void open(Runnable onOpened) {
        server.register(this);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
        channel.closeFuture().addListener(f -> onChannelClosed());
        server.workers.execute(() -> {
            Session s;
            Map<String, String> reported;
            try {
                s = server.factory.open(new SessionInfo(user, database, startup.parameters(), channel.remoteAddress(),
                        tls, processId, protocolMinor, channel.localAddress(), server.config.maxConnections()));
                reported = SessionMachine.initialParameters(startup.parameters(), user, server.config.serverVersion(), s);
            } catch (Throwable t) {
                PgException e = t instanceof PgException pg ? pg : internalError(t);
                channel.eventLoop().execute(() -> sendFatal(e));
                return;
            }
            inline = !s.mayBlock();
            Duration idle = server.config.idleSessionTimeout();
            SessionMachine m = new SessionMachine(s, out, this::readyForQuery, server.registry, memory, processId,
                    idle == null ? 0 : Math.max(1, idle.toMillis()));
            try {
                s.attach(m.asyncMessages(this::asyncMessagesWaiting));
            } catch (Throwable t) {
                PgException e = t instanceof PgException pg ? pg : internalError(t);
                try {
                    s.close();
                } finally {
                    channel.eventLoop().execute(() -> sendFatal(e));
                }
                return;
            }
            machine = m;
            channel.eventLoop().execute(() -> {
                if (!channel.isActive()) {
                    closeSessionLater();
                    return;
                }
                server.cancels.register(processId, this);
                machine.start(reported, secretKey);
                out.flush();
                onOpened.run();
                opened = true;
                // a notification posted after the greeting went out but before this flag was set
                // found the session not yet open: delivered now, not at the client's next message
                asyncMessagesWaiting();
                if (shutdownRequested) beginShutdown();
            });
        });
    }

    private PgException internalError(Throwable t) {
        log.error("session {}: handler failed", processId, t);
        return new PgException(SqlState.INTERNAL_ERROR, "internal error: " + t.getClass().getSimpleName());
    }

    // ---- event loop side -------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing || machine.isClosed()) {
            if (msg instanceof MessageDecoder.Large large) memory.releaseMessage(large.bytes());
            return;
        }
        received++; // only this thread writes it
        if (idleTimer != null) {
            idleTimer.cancel(false); // the session is busy again
            idleTimer = null;
        }
        if (inline && inbox.isEmpty() && !draining.get()) {
            // A non-blocking session answers right here: no thread hand-off, one flush per read.
            try {
                handle(msg);
            } catch (Throwable t) {
                log.error("session {} failed handling {}", processId, msg, t);
                out.discard();
                channel.close();
            }
            return;
        }
        long bytes = msg instanceof MessageDecoder.Large large ? queuedBytes.addAndGet(large.bytes()) : queuedBytes.get();
        // Stop reading before queueing: the worker, when it takes this message, sees it and
        // reads on once it has caught up (set after, it could be missed by a worker that has).
        if (inbox.size() >= INBOX_HIGH || bytes > READ_AHEAD_BYTES) channel.config().setAutoRead(false);
        inbox.add(msg);
        scheduleDrain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (inline) out.flush(); // output of messages handled inline: one write per read
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        out.writabilityChanged();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection {} (pid {}) failed: {}", channel.remoteAddress(), processId, cause.toString());
        ctx.close();
    }

    private void onChannelClosed() {
        closing = true;
        if (idleTimer != null) idleTimer.cancel(false);
        server.cancels.unregister(processId, this);
        server.unregister(this);
        server.releaseSlot();
        SessionMachine m = machine;
        if (m != null) m.connectionLost();
        closeSessionLater();
    }

    /** The handler queued a notification or parameter report: the machine sends it when it may. */
    private void asyncMessagesWaiting() {
        if (closing) return;
        inbox.add(AsyncMarker.INSTANCE);
        scheduleDrain();
    }

    private void closeSessionLater() {
        inbox.add(CloseMarker.INSTANCE);
        scheduleDrain();
    }

    /** Sends a FATAL error and closes; from the event loop, when no worker is writing. */
    private void sendFatal(PgException e) {
        closing = true;
        e.withSeverity("FATAL");
        ByteBuf buf = channel.alloc().ioBuffer(256);
        ErrorResponse.of(e).encode(buf);
        channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- shutdown and cancel (any thread) ---------------------------------------------------

    @Override
    public void beginShutdown() {
        shutdownRequested = true;
        if (!opened) return; // open() checks the flag when it completes
        inbox.add(ShutdownMarker.INSTANCE);
        scheduleDrain();
    }

    /** Waits until the connection is closed and the handler's session has been closed too. */
    @Override
    public boolean awaitClosed(long timeout, TimeUnit unit) {
        long end = System.nanoTime() + unit.toNanos(timeout);
        if (!channel.closeFuture().awaitUninterruptibly(timeout, unit)) return false;
        try {
            return sessionClosed.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The shutdown deadline has passed with a call still running: it is cancelled and its end
     * sends FATAL 57P01. A call that does not end within a grace period is cut off: the event loop
     * sends the FATAL after the output already sent (always whole messages) and closes.
     */
    @Override
    public void forceClose() {
        SessionMachine m = machine;
        if (m != null) m.terminateRunningCall();
        if (!channel.closeFuture().awaitUninterruptibly(TERMINATE_GRACE_MILLIS)) {
            channel.eventLoop().execute(() -> {
                if (channel.isActive()) {
                    sendFatal(new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
                }
            });
            if (!channel.closeFuture().awaitUninterruptibly(TERMINATE_GRACE_MILLIS)) {
                channel.close().awaitUninterruptibly(TERMINATE_GRACE_MILLIS); // a client that does not read
            }
        }
        // The handler's session is closed once its call returns (before the workers stop, if it does so soon).
        try {
            sessionClosed.await(TERMINATE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels the call in flight, if any (CancelRequest). A late cancel does nothing. */
    @Override
    public boolean cancelRunningCall() {
        SessionMachine m = machine;
        return m != null && m.cancel();
    }

    // ---- worker side ----------------------------------------------------------------------

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            // Inline sessions keep all their work, and their Output, on the event loop.
            try {
                (inline ? channel.eventLoop() : server.workers).execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The server is stopping and its workers are gone: what is left (closing the
                // handler's session) runs on the event loop, or here if that has stopped too.
                try {
                    channel.eventLoop().execute(this::drain);
                } catch (RejectedExecutionException stopped) {
                    drain();
                }
            }
        }
    }

    private void drain() {
        while (true) {
            Object m = inbox.poll();
            if (m == null) {
                out.flush();
                draining.set(false);
                // A message may have arrived between poll and set: claim it if no one else did.
                if (inbox.isEmpty() || !draining.compareAndSet(false, true)) return;
                continue;
            }
            if (m instanceof MessageDecoder.Large large) queuedBytes.addAndGet(-large.bytes());
            if (!channel.config().isAutoRead() && inbox.size() < INBOX_LOW && queuedBytes.get() <= READ_AHEAD_BYTES / 2
                    && !closing) {
                channel.config().setAutoRead(true);
            }
            try {
                handle(m);
            } catch (Throwable t) {
                log.error("session {} failed handling {}", processId, m, t);
                out.discard();
                channel.close();
            }
        }
    }

    private void handle(Object m) {
        if (m instanceof MessageDecoder.Large large) {
            try {
                handle(large.message());
            } finally {
                memory.releaseMessage(large.bytes());
            }
        } else if (m == CloseMarker.INSTANCE) {
            closeSession();
        } else if (m == AsyncMarker.INSTANCE) {
            if (!closing && opened) machine.deliverAsync(); // before the greeting, it goes out with it
        } else if (m == ShutdownMarker.INSTANCE) {
            machine.shutdown();
        } else if (m instanceof IdleTimeout t) {
            // Still idle: nothing arrived since the ReadyForQuery that armed the timer.
            if (t.seq == received && t.seq == handled) machine.idleTimeout(t.status);
        } else if (closing) {
            return; // the connection is gone: what it sent last is not run
        } else if (m instanceof PgException protocolError) {
            handled++;
            machine.protocolError(protocolError);
        } else if (m instanceof MessageDecoder.Refused refused) {
            handled++;
            machine.refused(refused.type(), refused.error());
        } else {
            handled++;
            machine.handle((FrontendMessage) m);
        }
    }

    /**
     * The Link's half: after ReadyForQuery, send the output now unless pipelined input is waiting,
     * and start the idle clock if nothing arrived after the message this answers.
     */
    private void readyForQuery(TransactionStatus status, long idleTimeoutMillis) {
        // Pipelined messages already queued: their output joins this in one write. Otherwise the
        // client waits for this answer, so send it now. (Inline handling flushes once per read.)
        boolean inEventLoop = channel.eventLoop().inEventLoop();
        if (inbox.isEmpty() && !inEventLoop) out.flush(); else out.flushIfFull();
        if (idleTimeoutMillis <= 0) return;
        long seq = handled;
        if (inEventLoop) {
            armIdleTimer(seq, status, idleTimeoutMillis);
        } else {
            channel.eventLoop().execute(() -> armIdleTimer(seq, status, idleTimeoutMillis));
        }
    }

    /** Event loop: times the idle period that began with ReadyForQuery for message {@code seq}. */
    private void armIdleTimer(long seq, TransactionStatus status, long millis) {
        if (closing || seq != received) return; // busy again: the next ReadyForQuery arms it
        if (idleTimer != null) idleTimer.cancel(false);
        idleTimer = channel.eventLoop().schedule(() -> {
            idleTimer = null;
            if (closing || seq != received) return;
            inbox.add(new IdleTimeout(seq, status));
            scheduleDrain();
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void closeSession() {
        out.discard();
        SessionMachine m = machine;
        try {
            if (m != null && !closedOnce) {
                closedOnce = true;
                m.close();
            }
        } finally {
            sessionClosed.countDown();
        }
    }

    private enum CloseMarker { INSTANCE }

    private enum ShutdownMarker { INSTANCE }

    private enum AsyncMarker { INSTANCE }

    /** The idle clock started at the ReadyForQuery after message {@code seq} ran out. */
    private record IdleTimeout(long seq, TransactionStatus status) {}
}
