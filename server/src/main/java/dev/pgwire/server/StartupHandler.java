package dev.pgwire.server;

import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.GSSENCRequest;
import dev.pgwire.protocol.message.NegotiateProtocolVersion;
import dev.pgwire.protocol.message.PasswordMessage;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.StartupPacket;
import dev.pgwire.protocol.message.Wire;
import dev.pgwire.server.spi.SessionInfo;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The startup phase of a connection (protocol section 55.2.1): SSLRequest / GSSENCRequest / direct
 * TLS, CancelRequest, StartupMessage with version negotiation, then authentication. On success it
 * hands the connection to {@link SessionHandler} and removes itself; the session handler never
 * sees a pre-authentication byte.
 */
final class StartupHandler extends ByteToMessageDecoder {
    static final String NAME = "startup";
    private static final Logger log = LoggerFactory.getLogger(StartupHandler.class);
    /** Authentication messages are small; PostgreSQL caps them similarly (PG_MAX_AUTH_TOKEN_LENGTH). */
    private static final int MAX_AUTH_MESSAGE = 65_535;
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;

    private enum Phase { FIRST_PACKET, STARTUP, LOOKUP, AUTHENTICATING, OPENING, DONE }

    private final ServerState server;
    private Phase phase = Phase.FIRST_PACKET;
    private boolean tls;
    private boolean directTls;
    private boolean sslRequested;
    private boolean gssRequested;
    private boolean holdsSlot;
    private Authenticator authenticator;
    private StartupMessage startup;
    private int protocolMinor;
    private ScheduledFuture<?> authTimer;

    StartupHandler(ServerState server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        authTimer = ctx.executor().schedule(() -> {
            if (phase != Phase.DONE && ctx.channel().isActive()) {
                fatal(ctx, new PgException(SqlState.QUERY_CANCELED, "canceling authentication due to timeout"));
            }
        }, server.config.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (phase != Phase.DONE) cleanup();
        super.channelInactive(ctx);
    }

    private void cleanup() {
        if (authTimer != null) authTimer.cancel(false);
        if (holdsSlot) {
            holdsSlot = false;
            server.releaseSlot();
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (in.isReadable() && ctx.channel().isActive()) {
                switch (phase) {
                    case FIRST_PACKET, STARTUP -> {
                        if (!readStartupPacket(ctx, in)) return;
                    }
                    case AUTHENTICATING -> {
                        if (!readAuthMessage(ctx, in)) return;
                    }
                    case LOOKUP, OPENING, DONE -> {
                        return; // bytes wait for the credentials, or for the session handler
                    }
                }
            }
        } catch (PgException e) {
            in.skipBytes(in.readableBytes());
            fatal(ctx, e);
        }
    }

    private boolean readStartupPacket(ChannelHandlerContext ctx, ByteBuf in) {
        if (phase == Phase.FIRST_PACKET && !tls && in.getByte(in.readerIndex()) == TLS_HANDSHAKE_RECORD) {
            startDirectTls(ctx, in);
            return false;
        }
        int size = FrameReader.startupFrameSize(in, Wire.MAX_STARTUP_PACKET_LENGTH);
        if (size < 0) return false;
        ByteBuf body = in.readSlice(size).skipBytes(4);
        StartupPacket packet = StartupPacket.decode(body);
        phase = Phase.STARTUP;
        if (packet instanceof SSLRequest) {
            onSslRequest(ctx, in);
            return false;
        } else if (packet instanceof GSSENCRequest) {
            if (gssRequested || tls) throw PgException.protocolViolation("unexpected GSSENCRequest");
            gssRequested = true;
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
        } else if (packet instanceof CancelRequest cancel) {
            // Answered by closing, whatever the outcome, so a client learns nothing (as PostgreSQL).
            server.cancels.cancel(cancel.processId(), cancel.secretKey());
            phase = Phase.DONE;
            cleanup();
            ctx.close();
            return false;
        } else if (packet instanceof StartupMessage sm) {
            onStartupMessage(ctx, sm);
        }
        return true;
    }

    private void onSslRequest(ChannelHandlerContext ctx, ByteBuf in) {
        if (tls || sslRequested) throw PgException.protocolViolation("unexpected SSLRequest");
        sslRequested = true;
        boolean canTls = server.tls != null && !(ctx.channel().localAddress() instanceof io.netty.channel.unix.DomainSocketAddress);
        if (!canTls) {
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
            return;
        }
        // Bytes after SSLRequest and before the handshake would be plaintext the client believes
        // encrypted (CVE-2021-23214): refuse them.
        if (in.isReadable()) throw PgException.protocolViolation("received unencrypted data after SSL request");
        SslHandler ssl = server.tls.context.newHandler(ctx.alloc());
        ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('S')).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) ctx.close();
        });
        ctx.pipeline().addBefore(NAME, "tls", ssl);
        tls = true;
    }

    private void startDirectTls(ChannelHandlerContext ctx, ByteBuf in) {
        if (server.tls == null || ctx.channel().localAddress() instanceof io.netty.channel.unix.DomainSocketAddress) {
            in.skipBytes(in.readableBytes());
            log.debug("direct TLS attempted but TLS is not configured; closing {}", ctx.channel().remoteAddress());
            phase = Phase.DONE;
            cleanup();
            ctx.close();
            return;
        }
        tls = true;
        directTls = true;
        SslHandler ssl = server.tls.context.newHandler(ctx.alloc());
        ctx.pipeline().addBefore(NAME, "tls", ssl);
        // Hand the buffered ClientHello to the TLS handler now at the head of the pipeline. A
        // ClientHello yields only handshake output, so this does not re-enter our decode.
        ByteBuf hello = in.readRetainedSlice(in.readableBytes());
        ctx.pipeline().fireChannelRead(hello);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), done.cause().toString());
                ctx.close();
                return;
            }
            if (directTls) {
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                if (!TlsSupport.ALPN_POSTGRESQL.equals(ssl.applicationProtocol())) {
                    // As PostgreSQL 17: the peer may not speak our protocol at all, so no ErrorResponse.
                    log.info("received direct TLS connection from {} without ALPN protocol \"postgresql\"; closing",
                            ctx.channel().remoteAddress());
                    phase = Phase.DONE;
                    cleanup();
                    ctx.close();
                    return;
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void onStartupMessage(ChannelHandlerContext ctx, StartupMessage sm) {
        if (server.config.tlsRequired() && !tls
                && !(ctx.channel().localAddress() instanceof io.netty.channel.unix.DomainSocketAddress)) {
            throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "SSL is required: connect with sslmode=require or stronger");
        }
        String user = sm.parameters().get("user");
        if (user == null || user.isEmpty()) {
            throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "no PostgreSQL user name specified in startup packet");
        }
        if (!server.reserveSlot()) {
            if (server.shuttingDown()) throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
            throw new PgException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        }
        holdsSlot = true;
        startup = sm;
        protocolMinor = Math.min(sm.minorVersion(), 2);
        List<String> unknown = new ArrayList<>();
        for (String name : sm.parameters().keySet()) {
            if (name.startsWith("_pq_.")) unknown.add(name);
        }
        if (sm.minorVersion() > 2 || !unknown.isEmpty()) {
            write(ctx, new NegotiateProtocolVersion(protocolMinor, unknown));
        }
        String database = sm.parameters().getOrDefault("database", user);
        if (database.isEmpty()) database = user;
        authenticator = new Authenticator(server, user, database, ctx.channel().remoteAddress(), tls,
                tls ? server.tls.serverEndPoint : null);
        if (!authenticator.needsCredentials()) {
            startAuthentication(ctx);
            return;
        }
        // Credentials may come from elsewhere (an upstream server, a reloaded file): carry on
        // once they are here, on the event loop; bytes arriving meanwhile wait in the buffer.
        phase = Phase.LOOKUP;
        // Always as a task of its own, never inside this decode call: an answer that is already
        // there would otherwise re-enter the decoder with the bytes that follow the startup packet.
        server.credentialSource.credentialsFor(user, database).whenComplete((store, error) ->
                ctx.executor().execute(() -> credentialsFound(ctx, store, error)));
    }

    private void credentialsFound(ChannelHandlerContext ctx, dev.pgwire.server.auth.CredentialStore store, Throwable error) {
        if (phase != Phase.LOOKUP || !ctx.channel().isActive()) return;
        try {
            if (error != null || store == null) {
                log.warn("credentials for {} could not be looked up: {}", authenticator.user(), String.valueOf(error));
                throw new PgException(SqlState.INVALID_PASSWORD,
                        "password authentication failed for user \"" + authenticator.user() + "\"");
            }
            authenticator.credentials(store);
            startAuthentication(ctx);
            if (internalBuffer().isReadable()) channelRead(ctx, io.netty.buffer.Unpooled.EMPTY_BUFFER);
        } catch (PgException e) {
            fatal(ctx, e);
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
        }
    }

    private void startAuthentication(ChannelHandlerContext ctx) {
        phase = Phase.AUTHENTICATING;
        BackendMessage first = authenticator.start();
        write(ctx, first);
        if (authenticator.succeeded()) {
            onAuthenticated(ctx); // AuthenticationOk goes out with the greeting
        } else {
            ctx.flush();
        }
    }

    private boolean readAuthMessage(ChannelHandlerContext ctx, ByteBuf in) {
        int size = FrameReader.typedFrameSize(in, MAX_AUTH_MESSAGE);
        if (size < 0) return false;
        byte type = in.readByte();
        ByteBuf body = in.readSlice(size - 1).skipBytes(4);
        if (type != 'p') {
            if (type == 'X') {
                phase = Phase.DONE;
                cleanup();
                ctx.close();
                return false;
            }
            throw PgException.protocolViolation("expected password response, got message type " + type);
        }
        BackendMessage reply = authenticator.onResponse(PasswordMessage.decode(body));
        write(ctx, reply);
        if (!authenticator.succeeded()) {
            ctx.flush();
            return true;
        }
        if (!(reply instanceof Authentication.Ok)) write(ctx, Authentication.Ok.INSTANCE);
        onAuthenticated(ctx); // SASLFinal and AuthenticationOk go out with the greeting
        return true;
    }

    /**
     * Authentication succeeded. Its last messages are written but not flushed: as PostgreSQL does
     * (which flushes AuthenticationOk and SASLFinal only once ready for queries), they go out in one
     * system call with the greeting the session handler writes and flushes, or before its error.
     */
    private void onAuthenticated(ChannelHandlerContext ctx) {
        phase = Phase.OPENING;
        if (authTimer != null) authTimer.cancel(false);
        if (server.frameFactory != null) {
            openFrameSession(ctx);
            return;
        }
        SessionHandler session = new SessionHandler(server, ctx.channel(), startup, authenticator.user(),
                authenticator.database(), tls, protocolMinor);
        holdsSlot = false; // the session owns the slot from here on
        session.open(() -> {
            // Runs on the event loop once the handler's session is open: switch the pipeline.
            phase = Phase.DONE;
            ctx.pipeline().addAfter(NAME, MessageDecoder.NAME, new MessageDecoder(server.config.maxMessageSize(), session.memory()));
            ctx.pipeline().addAfter(MessageDecoder.NAME, SessionHandler.NAME, session);
            ctx.pipeline().remove(this); // leftover bytes flow on to the MessageDecoder
        });
    }

    /** The frame layer: the embedder's handler gets the connection's frames from here on. */
    private void openFrameSession(ChannelHandlerContext ctx) {
        SessionInfo info = new SessionInfo(authenticator.user(), authenticator.database(), startup.parameters(),
                ctx.channel().remoteAddress(), tls, server.newProcessId(), protocolMinor, ctx.channel().localAddress(),
                server.config.maxConnections());
        FrameSessionHandler session = new FrameSessionHandler(server, ctx.channel(), info, authenticator.scramClientKey(),
                authenticator.md5Hash());
        holdsSlot = false; // the session owns the slot from here on
        session.open(() -> {
            phase = Phase.DONE;
            ctx.pipeline().addAfter(NAME, FrameDecoder.NAME, new FrameDecoder(server.config.maxMessageSize()));
            ctx.pipeline().addAfter(FrameDecoder.NAME, FrameSessionHandler.NAME, session);
            ctx.pipeline().remove(this); // leftover bytes flow on to the FrameDecoder
        });
    }

    private static void write(ChannelHandlerContext ctx, BackendMessage m) {
        ByteBuf buf = ctx.alloc().buffer();
        m.encode(buf);
        ctx.write(buf);
    }

    private void fatal(ChannelHandlerContext ctx, PgException e) {
        phase = Phase.DONE;
        cleanup();
        log.debug("startup of {} failed: {} {}", ctx.channel().remoteAddress(), e.sqlState(), e.getMessage());
        e.withSeverity("FATAL");
        ByteBuf buf = ctx.alloc().buffer();
        ErrorResponse.of(e).encode(buf);
        ctx.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause.getCause() instanceof PgException pg) {
            fatal(ctx, pg);
        } else {
            log.debug("connection {} failed during startup: {}", ctx.channel().remoteAddress(), cause.toString());
            phase = Phase.DONE;
            cleanup();
            ctx.close();
        }
    }
}
