package dev.pgwire.server;

import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.CredentialSource;
import dev.pgwire.server.auth.CredentialStore;
import dev.pgwire.server.frame.FrameHandler;
import dev.pgwire.server.frame.FrameHandlerFactory;
import dev.pgwire.server.spi.SessionFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL wire-protocol server. Clients connect over TCP (optionally TLS) or a Unix socket,
 * authenticate, and talk to a {@link dev.pgwire.server.spi.Session} opened by the
 * {@link SessionFactory}.
 *
 * <pre>{@code
 * try (PgServer server = PgServer.builder()
 *         .port(0)
 *         .sessionFactory(info -> (sql, sink) -> { ... })
 *         .start()) {
 *     int port = server.port();
 *     ...
 * }
 * }</pre>
 */
public final class PgServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgServer.class);

    /** SO_KEEPALIVE as a raw option (Netty's server channels do not take it): SOL_SOCKET 1, SO_KEEPALIVE 9 on Linux. */
    private static final IntegerUnixChannelOption SO_KEEPALIVE_LISTENER = new IntegerUnixChannelOption("SO_KEEPALIVE", 1, 9);

    private final ServerConfig config;
    private final SessionFactory factory;
    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final ServerState state;
    private final List<Channel> listeners = new ArrayList<>();
    private Path socketFile;
    private int boundPort;

    private PgServer(ServerConfig config, SessionFactory factory, FrameHandlerFactory frameFactory,
                     CredentialSource credentialSource) {
        this.config = config;
        this.factory = factory;
        this.workers = Executors.newCachedThreadPool(daemonThreads("pgwire-worker"));
        try {
            // loads TLS material: may fail
            this.state = new ServerState(config, factory, frameFactory, credentialSource, workers);
        } catch (RuntimeException e) {
            workers.shutdown();
            throw e;
        }
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), daemonThreads("pgwire-io"), io);
    }

    public static Builder builder() {
        return new Builder();
    }

    private PgServer bind() throws IOException {
        try {
            if (config.host() != null) {
                Class<? extends ServerChannel> type = Epoll.isAvailable()
                        ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
                if (config.reusePort() && type == EpollServerSocketChannel.class) {
                    // One listener per event loop on the same port; the kernel spreads connections
                    // over them and the loop that accepts one serves it: no hand-off between threads.
                    int port = config.port();
                    for (EventExecutor e : group) {
                        EventLoop loop = (EventLoop) e;
                        Channel ch = bootstrap(type, loop).option(EpollChannelOption.SO_REUSEPORT, true)
                                .bind(config.host(), port).sync().channel();
                        listeners.add(ch);
                        port = ((InetSocketAddress) ch.localAddress()).getPort(); // port 0: the others join the first
                    }
                    boundPort = port;
                } else {
                    Channel ch = bootstrap(type).bind(config.host(), config.port()).sync().channel();
                    listeners.add(ch);
                    boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
                }
            } else {
                boundPort = config.port();
            }
            if (config.unixSocketDirectory() != null) {
                if (!Epoll.isAvailable()) throw new IOException("Unix-domain sockets need the native epoll transport");
                Files.createDirectories(config.unixSocketDirectory());
                socketFile = config.unixSocketDirectory().resolve(".s.PGSQL." + boundPort);
                Files.deleteIfExists(socketFile); // a stale file from a crashed run blocks bind
                Channel ch = bootstrap(EpollServerDomainSocketChannel.class)
                        .bind(new DomainSocketAddress(socketFile.toFile())).sync().channel();
                listeners.add(ch);
                socketFile.toFile().setWritable(true, false);
                socketFile.toFile().setReadable(true, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding", e);
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException("cannot listen: " + e.getMessage(), e);
        }
        log.info("listening on {}", listeners.stream().map(c -> String.valueOf(c.localAddress())).toList());
        return this;
    }

    private ServerBootstrap bootstrap(Class<? extends ServerChannel> type) {
        return bootstrap(type, group);
    }

    /** A listener whose connections are served by {@code g}'s loops (one loop: that loop). */
    private ServerBootstrap bootstrap(Class<? extends ServerChannel> type, EventLoopGroup g) {
        ServerBootstrap b = new ServerBootstrap()
                .group(g)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        state.initChannel(ch);
                    }
                });
        if (type == EpollServerSocketChannel.class) {
            // Linux gives an accepted socket the listening socket's options: SO_KEEPALIVE set here
            // once instead of a system call per connection. Netty's own default turns TCP_NODELAY
            // on for every accepted socket (one call, which a child option would repeat).
            b.option(SO_KEEPALIVE_LISTENER, 1);
            long defer = config.tcpDeferAccept().toSeconds();
            // Woken once the startup packet is there, not also for the bare handshake (PgBouncer's default).
            if (defer > 0) b.option(EpollChannelOption.TCP_DEFER_ACCEPT, (int) defer);
        } else if (type != EpollServerDomainSocketChannel.class) {
            b.childOption(ChannelOption.TCP_NODELAY, true).childOption(ChannelOption.SO_KEEPALIVE, true);
        }
        return b;
    }

    /** The TCP port actually bound (useful with port 0). */
    public int port() {
        return boundPort;
    }

    /** The Unix socket file, or null. */
    public Path unixSocket() {
        return socketFile;
    }

    public ServerConfig config() {
        return config;
    }

    ServerState state() {
        return state;
    }

    /** The listening channels (TCP first, then the Unix socket). */
    List<Channel> listeners() {
        return listeners;
    }

    /** The event loops serving connections (one per core by default). */
    public EventLoopGroup eventLoops() {
        return group;
    }

    /** Sessions currently open. */
    public int activeSessions() {
        return state.activeSessions();
    }

    /**
     * Stops accepting connections; idle sessions are closed at once with 57P01, sessions running a
     * call get until {@code deadline} to finish it, then are cancelled and closed.
     */
    public void shutdown(Duration deadline) {
        shutdown(deadline, () -> { });
    }

    /**
     * As {@link #shutdown(Duration)}, running {@code beforeEventLoopsStop} once the sessions are
     * closed and while the event loops still run: what else has channels on them (a proxy's
     * upstream connections) closes them there, as a stopped event loop closes nothing more.
     */
    public void shutdown(Duration deadline, Runnable beforeEventLoopsStop) {
        for (Channel ch : listeners) ch.close().awaitUninterruptibly();
        listeners.clear();
        state.shutdown(deadline);
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", socketFile, e.toString());
            }
        }
        try {
            beforeEventLoopsStop.run();
        } finally {
            workers.shutdown();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures and starts a {@link PgServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 5432;
        private Path unixSocketDirectory;
        private ServerConfig.TlsConfig tls;
        private boolean tlsRequired;
        private AuthConfig auth = AuthConfig.trustLoopback();
        private CredentialStore credentials = new dev.pgwire.server.auth.InMemoryCredentialStore();
        private int maxConnections = 100;
        private int maxMessageSize = 256 * 1024 * 1024;
        private long maxSessionMemory = ServerConfig.defaultMaxSessionMemory();
        private long maxServerMemory = ServerConfig.defaultMaxServerMemory();
        private Duration authTimeout = Duration.ofSeconds(60);
        private Duration idleSessionTimeout;
        private String serverVersion = "15.0";
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private Duration tcpDeferAccept = Duration.ZERO;
        private boolean reusePort;
        private SessionFactory factory;
        private FrameHandlerFactory frameFactory;
        private CredentialSource credentialSource;

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder unixSocketDirectory(Path dir) { this.unixSocketDirectory = dir; return this; }
        public Builder tls(Path certificateChain, Path privateKey) {
            this.tls = new ServerConfig.TlsConfig(certificateChain, privateKey);
            return this;
        }
        public Builder tlsRequired(boolean required) { this.tlsRequired = required; return this; }
        public Builder auth(AuthConfig auth) { this.auth = auth; return this; }
        public Builder credentials(CredentialStore credentials) { this.credentials = credentials; return this; }
        public Builder maxConnections(int max) { this.maxConnections = max; return this; }
        public Builder maxMessageSize(int bytes) { this.maxMessageSize = bytes; return this; }
        /** Bytes one session may hold in large messages and prepared statements (default: heap / 16). */
        public Builder maxSessionMemory(long bytes) { this.maxSessionMemory = bytes; return this; }
        /** Bytes all sessions together may hold so (default: heap / 8). */
        public Builder maxServerMemory(long bytes) { this.maxServerMemory = bytes; return this; }
        public Builder authTimeout(Duration timeout) { this.authTimeout = timeout; return this; }
        public Builder idleSessionTimeout(Duration timeout) { this.idleSessionTimeout = timeout; return this; }
        public Builder serverVersion(String version) { this.serverVersion = version; return this; }
        /** Event-loop threads for socket I/O; one per core by default (the work itself runs elsewhere). */
        public Builder ioThreads(int threads) { this.ioThreads = threads; return this; }
        /**
         * TCP_DEFER_ACCEPT (Linux, native transport): the listener is woken for a connection once
         * its first bytes arrive — or after about this long — not for the bare handshake; zero
         * (the default) for off. Rounded down to whole seconds.
         */
        public Builder tcpDeferAccept(Duration wait) { this.tcpDeferAccept = wait; return this; }
        /**
         * One TCP listener per event loop, all on the port (SO_REUSEPORT; Linux, native transport):
         * a connection is served by the loop that accepted it, without being handed to another
         * thread. Off by default: with it, another process of the same user may bind the port as
         * well and take a share of the connections (PgBouncer's so_reuseport).
         */
        public Builder reusePort(boolean on) { this.reusePort = on; return this; }
        public Builder sessionFactory(SessionFactory factory) { this.factory = factory; return this; }
        /**
         * Serves connections at the frame level instead of through the engine SPI: after
         * authentication each connection's frames go to a {@link FrameHandler} from this factory.
         */
        public Builder frameHandlerFactory(FrameHandlerFactory factory) { this.frameFactory = factory; return this; }
        /** Looks up credentials per connection, possibly asynchronously; replaces {@link #credentials}. */
        public Builder credentialSource(CredentialSource source) { this.credentialSource = source; return this; }

        public ServerConfig config() {
            return new ServerConfig(host, port, unixSocketDirectory, tls, tlsRequired, auth, credentials,
                    maxConnections, maxMessageSize, maxSessionMemory, maxServerMemory, authTimeout, idleSessionTimeout,
                    serverVersion, ioThreads, tcpDeferAccept, reusePort);
        }

        /** Binds the listeners and starts accepting connections. */
        public PgServer start() throws IOException {
            if ((factory == null) == (frameFactory == null)) {
                throw new IllegalStateException("configure either a sessionFactory or a frameHandlerFactory");
            }
            return new PgServer(config(), factory, frameFactory, credentialSource).bind();
        }
    }
}
