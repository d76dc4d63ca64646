package dev.pgwire.client;

import dev.pgwire.client.PgConnectOptions.ChannelBinding;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.NegotiateProtocolVersion;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.PasswordMessage;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.SASLInitialResponse;
import dev.pgwire.protocol.message.SASLResponse;
import dev.pgwire.protocol.message.SSLRequest;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.StartupPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection attempt up to the first ReadyForQuery (protocol section 55.2.1): TLS by
 * SSLRequest or directly, the StartupMessage, the authentication exchange, then ParameterStatus
 * and BackendKeyData. On success it hands the channel to a {@link ConnectionHandler}.
 */
final class StartupHandler extends ChannelInboundHandlerAdapter {

    /** How this attempt uses TLS. */
    enum TlsMode {
        /** No TLS (sslmode disable, a Unix socket, or the plain try of allow/prefer). */
        NONE,
        /** SSLRequest; carry on in plain text if the server declines (prefer). */
        OPTIONAL,
        /** SSLRequest; fail if the server declines. */
        REQUIRED,
        /** TLS handshake first, with ALPN "postgresql" (sslnegotiation=direct). */
        DIRECT
    }

    private enum State { SSL_RESPONSE, HANDSHAKE, AUTH, AFTER_AUTH, DONE }

    private final PgConnectOptions options;
    private final PgConnectOptions.Host host;
    private final TlsMode tlsMode;
    private final TlsSetup.Tls tls;
    private final CompletableFuture<PgAsyncConnection> promise;
    /** For a raw connection (the pipeline is handed over bare after startup): its promise, else null. */
    private final CompletableFuture<PgRawConnection> rawPromise;
    /** The StartupMessage's parameters besides user and database for a raw connection, else null. */
    private final Map<String, String> rawParameters;
    /** A ClientKey for SCRAM, an md5 hash for md5, instead of the password (pass-through), else null. */
    private final ScramKeys scramKeys;
    private final PassThroughSecrets secrets;
    private final SessionState session;
    private State state;
    private SslHandler ssl;
    private ScramClient scram;
    private boolean scramDone;
    private boolean tlsInUse;

    StartupHandler(PgConnectOptions options, PgConnectOptions.Host host, TlsMode tlsMode, TlsSetup.Tls tls,
            SessionState session, CompletableFuture<PgAsyncConnection> promise) {
        this(options, host, tlsMode, tls, session, promise, null, null, null);
    }

    StartupHandler(PgConnectOptions options, PgConnectOptions.Host host, TlsMode tlsMode, TlsSetup.Tls tls,
            SessionState session, CompletableFuture<PgAsyncConnection> promise,
            CompletableFuture<PgRawConnection> rawPromise, Map<String, String> rawParameters, PassThroughSecrets secrets) {
        this.options = options;
        this.host = host;
        this.tlsMode = tlsMode;
        this.tls = tls;
        this.session = session;
        this.promise = promise;
        this.rawPromise = rawPromise;
        this.rawParameters = rawParameters;
        this.secrets = secrets;
        this.scramKeys = secrets == null ? null : secrets.scramKeys().orElse(null);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        switch (tlsMode) {
            case NONE -> {
                addDecoder(ctx);
                sendStartup(ctx);
            }
            case OPTIONAL, REQUIRED -> {
                state = State.SSL_RESPONSE;
                write(ctx, SSLRequest.INSTANCE);
            }
            case DIRECT -> startTls(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (state == State.SSL_RESPONSE) {
                sslResponse(ctx, (ByteBuf) msg);
            } else if (msg instanceof BackendMessage m) {
                startupMessage(ctx, m);
            }
        } catch (ConnectAttemptException e) {
            fail(ctx, e);
        } catch (PgException e) {
            fail(ctx, new ConnectAttemptException(ConnectAttemptException.Kind.CLIENT, e, tlsInUse));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void sslResponse(ChannelHandlerContext ctx, ByteBuf in) {
        byte answer = in.readByte();
        if (in.isReadable()) {
            // bytes after 'S' arrived before TLS started: an attacker may have injected them (CVE-2021-23222)
            throw tlsFailure("received unencrypted data after SSL response");
        }
        if (answer == 'S') {
            startTls(ctx);
        } else if (answer == 'N') {
            if (tlsMode == TlsMode.REQUIRED) throw tlsFailure("server does not support SSL, but SSL was required");
            addDecoder(ctx);
            sendStartup(ctx);
        } else {
            throw new ConnectAttemptException(ConnectAttemptException.Kind.CLIENT,
                    PgException.protocolViolation("received invalid response to SSL negotiation: " + (char) answer), false);
        }
    }

    private void startTls(ChannelHandlerContext ctx) {
        state = State.HANDSHAKE;
        String serverName = host.host();
        ssl = TlsSetup.handler(tls, ctx.alloc(), serverName, host.port(), options.sslSni() && !isIpLiteral(serverName));
        ctx.pipeline().addFirst("tls", ssl);
        addDecoder(ctx);
        ssl.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                Throwable c = f.cause();
                String why = c instanceof java.nio.channels.ClosedChannelException || c.getMessage() == null
                        ? "the server closed the connection during the TLS handshake" : c.getMessage();
                fail(ctx, new ConnectAttemptException(ConnectAttemptException.Kind.TLS,
                        new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "SSL error: " + why, c), true));
                return;
            }
            if (tlsMode == TlsMode.DIRECT && !TlsSetup.ALPN_POSTGRESQL.equals(ssl.applicationProtocol())) {
                fail(ctx, tlsFailure("direct SSL connection was established without ALPN protocol negotiation extension"));
                return;
            }
            tlsInUse = true;
            sendStartup(ctx);
        });
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private void addDecoder(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), "decoder", new BackendDecoder());
    }

    private void sendStartup(ChannelHandlerContext ctx) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", options.user());
        p.put("database", options.database());
        if (rawParameters != null) {
            rawParameters.forEach((k, v) -> {
                if (!k.equals("user") && !k.equals("database")) p.put(k, v);
            });
        } else {
            if (options.applicationName() != null && !options.applicationName().isEmpty()) {
                p.put("application_name", options.applicationName());
            }
            p.put("client_encoding", "UTF8");
            p.put("DateStyle", "ISO");
            p.put("extra_float_digits", "3");
        }
        if (options.options() != null && !options.options().isEmpty()) p.putIfAbsent("options", options.options());
        state = State.AUTH;
        session.protocolVersion = options.maxProtocolVersion();
        write(ctx, new StartupMessage(options.maxProtocolVersion(), p));
    }

    private void startupMessage(ChannelHandlerContext ctx, BackendMessage m) {
        if (m instanceof Authentication a) {
            authenticate(ctx, a);
        } else if (m instanceof ErrorResponse e) {
            throw new ConnectAttemptException(ConnectAttemptException.Kind.SERVER, e.toException(), tlsInUse);
        } else if (m instanceof ParameterStatus ps) {
            session.parameter(ps);
        } else if (m instanceof BackendKeyData k) {
            session.processId = k.processId();
            session.secretKey = k.secretKey();
        } else if (m instanceof NegotiateProtocolVersion v) {
            int version = 3 << 16 | v.newestMinorVersion();
            if (version < options.minProtocolVersion()) {
                throw clientFailure(SqlState.PROTOCOL_VIOLATION, "server only supports protocol version 3."
                        + v.newestMinorVersion() + ", but min_protocol_version requires more");
            }
            session.protocolVersion = Math.min(version, options.maxProtocolVersion());
        } else if (m instanceof NoticeResponse n) {
            session.notice(n);
        } else if (m instanceof ReadyForQuery z && state == State.AFTER_AUTH) {
            session.transactionStatus = TransactionStatus.of(z.transactionStatus());
            ready(ctx);
        } else {
            throw clientFailure(SqlState.PROTOCOL_VIOLATION, "unexpected message during startup: " + m.getClass().getSimpleName());
        }
    }

    private void authenticate(ChannelHandlerContext ctx, Authentication a) {
        if (state != State.AUTH) throw clientFailure(SqlState.PROTOCOL_VIOLATION, "authentication request after authentication");
        if (a instanceof Authentication.Ok) {
            if (scram != null && !scramDone) {
                throw clientFailure(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "server sent AuthenticationOk before the SCRAM exchange was complete");
            }
            if (options.channelBinding() == ChannelBinding.REQUIRE
                    && (scram == null || !ScramClient.SCRAM_SHA_256_PLUS.equals(scram.mechanism()))) {
                throw clientFailure(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "channel binding required, but server authenticated client without channel binding");
            }
            state = State.AFTER_AUTH;
        } else if (a instanceof Authentication.CleartextPassword) {
            refuseWithoutBinding("password");
            write(ctx, PasswordMessage.ofPassword(password()));
        } else if (a instanceof Authentication.MD5Password md5) {
            refuseWithoutBinding("md5");
            // md5 pass-through: the stored hash answers the challenge without the password
            write(ctx, PasswordMessage.ofPassword(secrets != null && secrets.hasMd5Hash() ? secrets.md5Response(md5.salt())
                    : md5(password(), options.user(), md5.salt())));
        } else if (a instanceof Authentication.SASL sasl) {
            chooseSasl(sasl);
            write(ctx, new SASLInitialResponse(scram.mechanism(), scram.clientFirstMessage()));
        } else if (a instanceof Authentication.SASLContinue c) {
            if (scram == null) throw clientFailure(SqlState.PROTOCOL_VIOLATION, "SASLContinue without SASL");
            write(ctx, new SASLResponse(scram.clientFinalMessage(c.data())));
        } else if (a instanceof Authentication.SASLFinal f) {
            if (scram == null) throw clientFailure(SqlState.PROTOCOL_VIOLATION, "SASLFinal without SASL");
            scram.verifyServerFinal(f.data());
            scramDone = true;
        } else {
            throw clientFailure(SqlState.FEATURE_NOT_SUPPORTED, "authentication method requested by the server is not supported: "
                    + a.getClass().getSimpleName());
        }
    }

    private void chooseSasl(Authentication.SASL sasl) {
        boolean plusOffered = sasl.mechanisms().contains(ScramClient.SCRAM_SHA_256_PLUS);
        ChannelBinding cb = options.channelBinding();
        X509Certificate cert = tlsInUse ? TlsSetup.peerCertificate(ssl) : null;
        if (tlsInUse && plusOffered && cb != ChannelBinding.DISABLE && cert != null) {
            byte[] endPoint = TlsSetup.tlsServerEndPoint(cert);
            scram = scramKeys != null ? ScramClient.bound(scramKeys, passwordIfAny(), endPoint) : ScramClient.bound(password(), endPoint);
        } else if (cb == ChannelBinding.REQUIRE) {
            throw clientFailure(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, tlsInUse
                    ? "channel binding is required, but server did not offer an authentication method that supports channel binding"
                    : "channel binding is required, but SSL is not in use");
        } else if (sasl.mechanisms().contains(ScramClient.SCRAM_SHA_256)) {
            boolean couldBind = tlsInUse && cb != ChannelBinding.DISABLE;
            scram = scramKeys != null ? ScramClient.plain(scramKeys, passwordIfAny(), couldBind) : ScramClient.plain(password(), couldBind);
        } else {
            throw clientFailure(SqlState.FEATURE_NOT_SUPPORTED,
                    "none of the server's SASL authentication mechanisms are supported: " + sasl.mechanisms());
        }
    }

    private void refuseWithoutBinding(String method) {
        if (options.channelBinding() == ChannelBinding.REQUIRE) {
            throw clientFailure(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "channel binding required, but server requested " + method + " authentication");
        }
    }

    private String password() {
        String pw = passwordIfAny();
        if (pw == null) throw clientFailure(SqlState.INVALID_PASSWORD, "password authentication requested, but no password supplied");
        return pw;
    }

    /** The password given or found in the password file, or null. */
    private String passwordIfAny() {
        String pw = options.password();
        return pw != null ? pw : PgPassFile.find(options.passfile(), host, options.database(), options.user());
    }

    /** "md5" + md5hex(md5hex(password + user) + salt): the AuthenticationMD5Password response. */
    static String md5(String password, String user, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(password.getBytes(StandardCharsets.UTF_8));
            md.update(user.getBytes(StandardCharsets.UTF_8));
            byte[] inner = HexFormat.of().formatHex(md.digest()).getBytes(StandardCharsets.US_ASCII);
            md.update(inner);
            md.update(salt);
            return "md5" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ready(ChannelHandlerContext ctx) {
        state = State.DONE;
        if (rawPromise != null) {
            ctx.pipeline().remove("decoder");
            ctx.pipeline().remove(this);
            rawPromise.complete(new PgRawConnection(ctx.channel(), session, options, host, tls,
                    tlsInUse ? tlsMode : TlsMode.NONE));
            return;
        }
        ConnectionHandler handler = new ConnectionHandler(ctx.channel(), session);
        ctx.pipeline().replace(this, "pg", handler);
        promise.complete(new PgAsyncConnection(handler, options, host, tls, tlsInUse ? tlsMode : TlsMode.NONE));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof io.netty.handler.codec.DecoderException d && d.getCause() instanceof PgException p) {
            cause = p;
        }
        ConnectAttemptException.Kind kind = state == State.HANDSHAKE || cause instanceof javax.net.ssl.SSLException
                ? ConnectAttemptException.Kind.TLS : ConnectAttemptException.Kind.UNREACHABLE;
        PgException e = cause instanceof PgException p ? p
                : new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, String.valueOf(cause.getMessage()), cause);
        fail(ctx, new ConnectAttemptException(kind, e, tlsInUse));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new ConnectAttemptException(ConnectAttemptException.Kind.UNREACHABLE,
                new PgException(SqlState.CONNECTION_FAILURE, "server closed the connection unexpectedly"), tlsInUse));
    }

    void timeout(ChannelHandlerContext ctx) {
        fail(ctx, new ConnectAttemptException(ConnectAttemptException.Kind.UNREACHABLE,
                new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "timeout expired"), tlsInUse));
    }

    private void fail(ChannelHandlerContext ctx, ConnectAttemptException e) {
        CompletableFuture<?> p = rawPromise != null ? rawPromise : promise;
        if (state == State.DONE || p.isDone()) return;
        state = State.DONE;
        p.completeExceptionally(e);
        ctx.channel().close();
    }

    private ConnectAttemptException tlsFailure(String message) {
        return new ConnectAttemptException(ConnectAttemptException.Kind.TLS,
                new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, message), tlsInUse);
    }

    private ConnectAttemptException clientFailure(String sqlState, String message) {
        return new ConnectAttemptException(ConnectAttemptException.Kind.CLIENT, new PgException(sqlState, message), tlsInUse);
    }

    private static void write(ChannelHandlerContext ctx, Object message) {
        ByteBuf b = ctx.alloc().buffer();
        if (message instanceof StartupPacket sp) sp.encode(b);
        else ((FrontendMessage) message).encode(b);
        ctx.writeAndFlush(b);
    }
}
