package dev.pgwire.client;

import dev.pgwire.client.StartupHandler.TlsMode;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupPacket;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.CompletableFuture;

/**
 * Sends a CancelRequest (protocol section 55.2.8) on a new connection to the server the session
 * runs on, encrypted the way the session was (the key is a secret), and completes once the server
 * has closed that connection, which it does after acting on the request. The secret key is sent
 * whole, so the long keys of protocol 3.2 work as well as the 4-byte keys of 3.0.
 */
final class CancelSender extends ChannelInboundHandlerAdapter {
    private final PgConnectOptions.Host host;
    private final TlsMode mode;
    private final TlsSetup.Tls tls;
    private final boolean sni;
    private final CancelRequest request;
    private final CompletableFuture<Void> done;
    private boolean awaitingSslResponse;
    private boolean sent;

    private CancelSender(PgConnectOptions.Host host, TlsMode mode, TlsSetup.Tls tls, boolean sni, CancelRequest request,
            CompletableFuture<Void> done) {
        this.host = host;
        this.mode = mode;
        this.tls = tls;
        this.sni = sni;
        this.request = request;
        this.done = done;
    }

    static CompletableFuture<Void> send(EventLoopGroup group, PgConnectOptions options, PgConnectOptions.Host host,
            TlsMode mode, TlsSetup.Tls tls, int processId, byte[] secretKey) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (secretKey == null) {
            done.completeExceptionally(new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the server sent no cancel key"));
            return done;
        }
        CancelSender sender = new CancelSender(host, mode, tls, options.sslSni(), new CancelRequest(processId, secretKey), done);
        new Bootstrap().group(group).channel(Transports.channelType(group, host))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(sender);
                    }
                })
                .connect(Transports.address(group, host))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        done.completeExceptionally(new PgException(SqlState.CONNECTION_FAILURE,
                                "could not send cancel request: " + f.cause().getMessage(), f.cause()));
                    }
                });
        return done;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        switch (mode) {
            case NONE -> write(ctx, request);
            case OPTIONAL, REQUIRED -> {
                awaitingSslResponse = true;
                write(ctx, SSLRequest.INSTANCE);
            }
            case DIRECT -> startTls(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!awaitingSslResponse || !(msg instanceof ByteBuf in)) return;
            awaitingSslResponse = false;
            byte answer = in.readByte();
            if (answer == 'S' && !in.isReadable()) {
                startTls(ctx);
            } else if (answer == 'N' && mode == TlsMode.OPTIONAL) {
                write(ctx, request);
            } else {
                fail(ctx, "server refused SSL for the cancel request");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startTls(ChannelHandlerContext ctx) {
        SslHandler ssl = TlsSetup.handler(tls, ctx.alloc(), host.host(), host.port(), sni);
        ctx.pipeline().addFirst(ssl);
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) write(ctx, request);
            else fail(ctx, "SSL error: " + f.cause().getMessage());
        });
    }

    private void write(ChannelHandlerContext ctx, StartupPacket p) {
        sent |= p == request;
        ByteBuf b = ctx.alloc().buffer(16);
        p.encode(b);
        ctx.writeAndFlush(b);
    }

    private void fail(ChannelHandlerContext ctx, String message) {
        done.completeExceptionally(new PgException(SqlState.CONNECTION_FAILURE, "could not send cancel request: " + message));
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, String.valueOf(cause.getMessage()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sent) done.complete(null);
        else done.completeExceptionally(new PgException(SqlState.CONNECTION_FAILURE,
                "could not send cancel request: the server closed the connection"));
    }
}
