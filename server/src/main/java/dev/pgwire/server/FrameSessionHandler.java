package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.server.auth.ScramClientKey;
import dev.pgwire.server.frame.FrameHandler;
import dev.pgwire.server.frame.FrameSession;
import dev.pgwire.server.spi.SessionInfo;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The query phase of a frame-layer connection: hands each frame from {@link FrameDecoder} to the
 * embedder's {@link FrameHandler}, on the event loop, and gives the handler the connection's
 * cancel key, shutdown and end. It also is the {@link FrameSession} the handler writes to.
 */
final class FrameSessionHandler extends ChannelInboundHandlerAdapter implements LiveSession, FrameSession {
    static final String NAME = "frame-session";
    private static final Logger log = LoggerFactory.getLogger(FrameSessionHandler.class);
    private static final long TERMINATE_GRACE_MILLIS = 1000;
    /** PostgreSQL 15's greeting (thirteen ParameterStatus, BackendKeyData, ReadyForQuery) is about 400 bytes. */
    private static final int GREETING_CAPACITY = 512;

    private final ServerState server;
    private final Channel channel;
    private final SessionInfo info;
    private final byte[] secretKey;
    /** The ClientKey of the client's SCRAM login, until the factory's open call returns. */
    private ScramClientKey scramClientKey;
    /** The md5 hash the client's login was checked against, until the factory's open call returns. */
    private String md5Hash;
    /** Set on the event loop once the factory's stage has completed and the client is greeted. */
    private FrameHandler handler;
    private volatile boolean opened;
    private volatile boolean shutdownRequested;
    private boolean closed;

    FrameSessionHandler(ServerState server, Channel channel, SessionInfo info,
                        ScramClientKey scramClientKey, String md5Hash) {
        this.server = server;
        this.channel = channel;
        this.info = info;
        this.scramClientKey = scramClientKey;
        this.md5Hash = md5Hash;
        this.secretKey = new byte[info.protocolMinor() >= 2 ? 32 : 4];
        server.random.nextBytes(secretKey);
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Optional<ScramClientKey> scramClientKey() {
        return Optional.ofNullable(scramClientKey);
    }

    @Override
    public Optional<String> md5PasswordHash() {
        return Optional.ofNullable(md5Hash);
    }

    @Override
    public int processId() {
        return info.processId();
    }

    @Override
    public byte[] secretKey() {
        return secretKey;
    }

    /** Asks the factory for a handler; once it has one, greets the client and runs {@code onOpened}. */
    void open(Runnable onOpened) {
        server.register(this);
        channel.closeFuture().addListener(f -> onChannelClosed()); // notified on the event loop
        try {
            server.frameFactory.open(this).whenComplete((h, error) -> {
                if (channel.eventLoop().inEventLoop()) opened(h, error, onOpened);
                else channel.eventLoop().execute(() -> opened(h, error, onOpened));
            });
        } catch (RuntimeException e) {
            opened(null, e, onOpened);
        } finally {
            scramClientKey = null; // the factory has taken what it needs; the secrets stay no longer
            md5Hash = null;
        }
    }

    private void opened(FrameHandler h, Throwable error, Runnable onOpened) {
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            PgException e = cause instanceof PgException pg ? pg : internalError(cause);
            if (channel.isActive()) fatal(e);
            return;
        }
        if (closed || !channel.isActive()) {
            h.closed();
            return;
        }
        handler = h;
        // The whole greeting in one buffer, sent in one system call with AuthenticationOk (written
        // unflushed by the startup handler).
        ByteBuf greeting = channel.alloc().ioBuffer(GREETING_CAPACITY);
        for (Map.Entry<String, String> p : h.parameterStatus().entrySet()) {
            new ParameterStatus(p.getKey(), p.getValue()).encode(greeting);
        }
        new BackendKeyData(info.processId(), secretKey).encode(greeting);
        new ReadyForQuery('I').encode(greeting);
        channel.writeAndFlush(greeting, channel.voidPromise());
        server.cancels.register(info.processId(), this);
        onOpened.run();
        opened = true;
        if (shutdownRequested) h.shutdown();
    }

    private PgException internalError(Throwable t) {
        log.error("connection {}: frame handler failed to open", info.processId(), t);
        return new PgException(SqlState.INTERNAL_ERROR, "internal error: " + t.getClass().getSimpleName());
    }

    // ---- event loop ------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (closed || handler == null) {
            ReferenceCountUtil.release(frame);
            return;
        }
        try {
            handler.frame(frame.getByte(frame.readerIndex()), frame);
        } catch (RuntimeException e) {
            log.error("connection {}: frame handler failed", info.processId(), e);
            channel.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (handler != null && !closed) handler.readComplete();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (handler != null && !closed) handler.writabilityChanged(channel.isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException d && d.getCause() instanceof PgException pg) {
            fatal(pg);
            return;
        }
        log.debug("connection {} (pid {}) failed: {}", channel.remoteAddress(), info.processId(), cause.toString());
        ctx.close();
    }

    private void onChannelClosed() {
        if (closed) return;
        closed = true;
        server.cancels.unregister(info.processId(), this);
        server.unregister(this);
        server.releaseSlot();
        FrameHandler h = handler;
        if (h != null) {
            try {
                h.closed();
            } catch (RuntimeException e) {
                log.error("connection {}: frame handler failed closing", info.processId(), e);
            }
        }
    }

    @Override
    public void fatal(PgException e) {
        e.withSeverity("FATAL");
        ByteBuf buf = channel.alloc().ioBuffer(256);
        ErrorResponse.of(e).encode(buf);
        channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- cancel and shutdown (any thread) ----------------------------------------------------

    @Override
    public boolean cancelRunningCall() {
        channel.eventLoop().execute(() -> {
            if (handler != null && !closed) handler.cancel();
        });
        return true;
    }

    @Override
    public void beginShutdown() {
        shutdownRequested = true;
        if (!opened) return; // opened() checks the flag
        channel.eventLoop().execute(() -> {
            if (handler != null && !closed) handler.shutdown();
        });
    }

    @Override
    public boolean awaitClosed(long timeout, TimeUnit unit) {
        return channel.closeFuture().awaitUninterruptibly(timeout, unit);
    }

    @Override
    public void forceClose() {
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                fatal(new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
            }
        });
        if (!channel.closeFuture().awaitUninterruptibly(TERMINATE_GRACE_MILLIS)) {
            channel.close().awaitUninterruptibly(TERMINATE_GRACE_MILLIS); // a client that does not read
        }
    }
}
