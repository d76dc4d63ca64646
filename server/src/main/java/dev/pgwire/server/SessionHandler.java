package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.Flush;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.FunctionCall;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.SessionInfo;
import dev.pgwire.server.spi.TransactionStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The query phase of one connection: the protocol state machine between decoded frontend messages
 * and the handler's {@link Session}.
 *
 * <p>Messages arrive on the event loop and are queued; a worker thread drains the queue in order,
 * so handler calls may block while the event loop keeps doing I/O, and a session never has two
 * calls in flight. Output goes through {@link Output}, flushed once per ReadyForQuery.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "session";
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
    /** Queued messages beyond which we stop reading the socket until the worker catches up. */
    private static final int INBOX_HIGH = 4096;
    private static final int INBOX_LOW = 1024;

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
    private final ExtendedQuery extended;
    private final Inbox inbox = new Inbox();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch sessionClosed = new java.util.concurrent.CountDownLatch(1);
    private final Object callLock = new Object();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private volatile CodecContext codecContext = CodecContext.DEFAULT;
    private volatile Session session;
    /** The session does not block: messages are handled on the event loop (see Session#mayBlock). */
    private volatile boolean inline;
    private volatile boolean callInFlight;
    private volatile boolean cancelRequested;
    private volatile boolean closing;
    private volatile boolean shutdownRequested;
    /** After an error in an extended-protocol batch, messages are skipped until Sync. */
    private boolean skipUntilSync;

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
        this.extended = new ExtendedQuery(this, out);
    }

    int processId() {
        return processId;
    }

    byte[] secretKey() {
        return secretKey;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Opens the handler's session off the event loop, then greets the client and calls {@code onOpened}. */
    void open(Runnable onOpened) {
        server.register(this);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
        channel.closeFuture().addListener(f -> onChannelClosed());
        server.workers.execute(() -> {
            Session s;
            try {
                s = server.factory.open(new SessionInfo(user, database, startup.parameters(), channel.remoteAddress(),
                        tls, processId, protocolMinor));
            } catch (Throwable t) {
                PgException e = asPgException(t);
                channel.eventLoop().execute(() -> sendFatal(e));
                return;
            }
            inline = !s.mayBlock();
            session = s;
            channel.eventLoop().execute(() -> {
                if (!channel.isActive()) {
                    closeSessionLater();
                    return;
                }
                server.cancels.register(processId, this);
                ByteBuf buf = channel.alloc().ioBuffer(512);
                for (Map.Entry<String, String> p : initialParameters(s).entrySet()) {
                    parameters.put(p.getKey(), p.getValue());
                    new ParameterStatus(p.getKey(), p.getValue()).encode(buf);
                }
                codecContext = CodecContext.fromParameters(parameters);
                new BackendKeyData(processId, secretKey).encode(buf);
                ReadyForQuery.IDLE.encode(buf);
                channel.writeAndFlush(buf, channel.voidPromise());
                onOpened.run();
                if (server.config.idleSessionTimeout() != null) {
                    long ms = server.config.idleSessionTimeout().toMillis();
                    channel.pipeline().addBefore(NAME, "idle", new IdleStateHandler(ms, 0, 0, TimeUnit.MILLISECONDS));
                }
                if (shutdownRequested) beginShutdown();
            });
        });
    }

    private Map<String, String> initialParameters(Session s) {
        Map<String, String> startupParams = startup.parameters();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("application_name", startupParams.getOrDefault("application_name", ""));
        p.put("client_encoding", "UTF8");
        p.put("DateStyle", "ISO, MDY");
        p.put("default_transaction_read_only", "off");
        p.put("in_hot_standby", "off");
        p.put("integer_datetimes", "on");
        p.put("IntervalStyle", "postgres");
        p.put("is_superuser", "on");
        p.put("server_encoding", "UTF8");
        p.put("server_version", server.config.serverVersion());
        p.put("session_authorization", user);
        p.put("standard_conforming_strings", "on");
        p.put("TimeZone", startupParams.getOrDefault("TimeZone", TimeZone.getDefault().getID()));
        p.putAll(s.parameterStatus());
        return p;
    }

    void parameterChanged(String name, String value) {
        parameters.put(name, value);
        if (name.equals("TimeZone") || name.equals("DateStyle") || name.equals("IntervalStyle")) {
            codecContext = CodecContext.fromParameters(parameters);
        }
    }

    TypeRegistry registry() {
        return server.registry;
    }

    /** How values are rendered for this session (TimeZone, DateStyle, …), from its parameters. */
    CodecContext codecContext() {
        Session s = session;
        CodecContext own = s == null ? null : s.codecContext();
        return own != null ? own : codecContext;
    }

    // ---- event loop side -------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) return;
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
        inbox.add(msg);
        if (inbox.size() > INBOX_HIGH) channel.config().setAutoRead(false);
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
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && !callInFlight && inbox.isEmpty() && !closing) {
            Session s = session;
            if (s != null && s.transactionStatus() == TransactionStatus.IDLE) {
                sendFatal(new PgException(SqlState.IDLE_SESSION_TIMEOUT,
                        "terminating connection due to idle-session timeout"));
                return;
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection {} (pid {}) failed: {}", channel.remoteAddress(), processId, cause.toString());
        ctx.close();
    }

    private void onChannelClosed() {
        closing = true;
        server.cancels.unregister(processId, this);
        server.unregister(this);
        server.releaseSlot();
        if (callInFlight) cancelRunningCall();
        closeSessionLater();
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

    void beginShutdown() {
        shutdownRequested = true;
        if (session == null) return; // open() checks the flag when it completes
        inbox.add(ShutdownMarker.INSTANCE);
        scheduleDrain();
    }

    /** Waits until the connection is closed and the handler's session has been closed too. */
    boolean awaitClosed(long timeout, TimeUnit unit) {
        long end = System.nanoTime() + unit.toNanos(timeout);
        if (!channel.closeFuture().awaitUninterruptibly(timeout, unit)) return false;
        try {
            return sessionClosed.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void forceClose() {
        cancelRunningCall();
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }

    /** Cancels the call in flight, if any (CancelRequest). A late cancel does nothing. */
    boolean cancelRunningCall() {
        synchronized (callLock) {
            if (!callInFlight) return false;
            cancelRequested = true;
        }
        Session s = session;
        if (s != null) {
            try {
                s.cancel();
            } catch (RuntimeException e) {
                log.warn("session {} cancel failed", processId, e);
            }
        }
        return true;
    }

    // ---- worker side ----------------------------------------------------------------------

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            // Inline sessions keep all their work, and their Output, on the event loop.
            (inline ? channel.eventLoop() : server.workers).execute(this::drain);
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
            if (!channel.config().isAutoRead() && inbox.size() < INBOX_LOW && !closing) {
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
        if (m == CloseMarker.INSTANCE) {
            closeSession();
            return;
        }
        if (m == ShutdownMarker.INSTANCE) {
            out.flush();
            if (channel.isActive()) {
                channel.eventLoop().execute(() -> sendFatal(new PgException(SqlState.ADMIN_SHUTDOWN,
                        "terminating connection due to administrator command")));
            }
            return;
        }
        if (closing || session == null) return;
        if (m instanceof PgException protocolError) {
            out.flush();
            channel.eventLoop().execute(() -> sendFatal(protocolError));
            return;
        }
        FrontendMessage fm = (FrontendMessage) m;
        if (skipUntilSync && !(fm instanceof Sync) && !(fm instanceof Terminate)) return;
        if (fm instanceof Query q) {
            extended.simpleQueryStarted();
            simpleQuery(q.sql());
        } else if (fm instanceof Sync) {
            skipUntilSync = false;
            extended.sync(session);
            readyForQuery();
        } else if (fm instanceof Flush) {
            out.flush();
        } else if (fm instanceof Terminate) {
            out.flush();
            closing = true;
            channel.close();
        } else if (fm instanceof Parse || fm instanceof Bind || fm instanceof Describe || fm instanceof Execute
                || fm instanceof Close) {
            extendedMessage(fm);
        } else if (fm instanceof FunctionCall) {
            sendError(new PgException(SqlState.FEATURE_NOT_SUPPORTED, "fast-path function calls are not supported"));
            readyForQuery();
        } else if (fm instanceof CopyData || fm instanceof CopyDone || fm instanceof CopyFail) {
            // Outside COPY these are ignored, as the protocol says: they may trail a failed COPY.
        } else {
            out.flush();
            channel.eventLoop().execute(() -> sendFatal(PgException.protocolViolation(
                    "unexpected message " + fm.getClass().getSimpleName() + " after authentication")));
        }
    }

    /** One message of an extended-protocol batch; an error skips the rest of the batch up to Sync. */
    private void extendedMessage(FrontendMessage fm) {
        beginCall();
        try {
            if (fm instanceof Parse p) {
                extended.parse(session, p);
            } else if (fm instanceof Bind b) {
                extended.bind(session, b);
            } else if (fm instanceof Describe d) {
                extended.describe(d);
            } else if (fm instanceof Execute e) {
                extended.execute(session, e);
            } else if (fm instanceof Close c) {
                extended.close(c);
            }
        } catch (Throwable t) {
            reportError(t);
            extended.failed();
            skipUntilSync = true;
        } finally {
            endCall();
        }
    }

    void reportError(Throwable t) {
        sendError(asPgException(t));
    }

    /**
     * A Query message (protocol section 55.2.2): each statement runs in turn; an error ends the
     * message; several statements outside a transaction block share one implicit transaction.
     */
    private void simpleQuery(String sql) {
        List<String> statements = SqlSplitter.split(sql);
        beginCall();
        try {
            if (statements.isEmpty()) {
                out.write(dev.pgwire.protocol.message.EmptyQueryResponse.INSTANCE);
                return;
            }
            boolean implicit = statements.size() > 1 && session.transactionStatus() == TransactionStatus.IDLE;
            if (implicit && !runStep(Session.ImplicitTransaction.BEGIN)) return;
            for (String statement : statements) {
                if (!executeStatement(statement)) {
                    if (implicit) runStep(Session.ImplicitTransaction.ROLLBACK);
                    return;
                }
            }
            if (implicit) runStep(Session.ImplicitTransaction.COMMIT);
        } finally {
            endCall();
            readyForQuery();
        }
    }

    private boolean runStep(Session.ImplicitTransaction step) {
        try {
            session.implicitTransaction(step);
            return true;
        } catch (Throwable t) {
            sendError(asPgException(t));
            return false;
        }
    }

    private boolean executeStatement(String sql) {
        StatementSink sink = new StatementSink(out, this);
        try {
            if (cancelRequested) throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            session.execute(sql, sink);
            sink.completeIfNeeded();
            return true;
        } catch (Throwable t) {
            sink.abandonPartialRow();
            sendError(asPgException(t));
            return false;
        }
    }

    private void beginCall() {
        synchronized (callLock) {
            cancelRequested = false;
            callInFlight = true;
        }
    }

    private void endCall() {
        synchronized (callLock) {
            callInFlight = false;
            cancelRequested = false;
        }
    }

    private void readyForQuery() {
        Session s = session;
        char status = s == null ? 'I' : s.transactionStatus().code;
        out.write(switch (status) {
            case 'T' -> ReadyForQuery.IN_TRANSACTION;
            case 'E' -> ReadyForQuery.FAILED;
            default -> ReadyForQuery.IDLE;
        });
        // Pipelined messages already queued: their output joins this in one write. Otherwise the
        // client waits for this answer, so send it now. (Inline handling flushes once per read.)
        if (inbox.isEmpty() && !channel.eventLoop().inEventLoop()) out.flush(); else out.flushIfFull();
    }

    private void sendError(PgException e) {
        if (e.isFatal()) {
            out.flush();
            channel.eventLoop().execute(() -> sendFatal(e));
            return;
        }
        out.write(ErrorResponse.of(e));
    }

    private PgException asPgException(Throwable t) {
        if (t instanceof PgException pg) return pg;
        if (cancelRequested) return new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        log.error("session {}: handler failed", processId, t);
        return new PgException(SqlState.INTERNAL_ERROR, "internal error: " + t.getClass().getSimpleName());
    }

    private void closeSession() {
        out.discard();
        extended.closeAll();
        Session s = session;
        session = null;
        try {
            if (s != null) s.close();
        } catch (Throwable t) {
            log.warn("session {} close failed", processId, t);
        } finally {
            sessionClosed.countDown();
        }
    }

    private enum CloseMarker { INSTANCE }

    private enum ShutdownMarker { INSTANCE }
}
