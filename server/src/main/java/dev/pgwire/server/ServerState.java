package dev.pgwire.server;

import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.server.auth.CredentialSource;
import dev.pgwire.server.frame.FrameHandlerFactory;
import dev.pgwire.server.spi.SessionFactory;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What all connections of one server share: config, handler, workers, cancel keys, counts. */
final class ServerState {
    private static final Logger log = LoggerFactory.getLogger(ServerState.class);

    final ServerConfig config;
    final SessionFactory factory;
    /** The frame layer's factory; when set, connections go to it instead of the engine SPI. */
    final FrameHandlerFactory frameFactory;
    final CredentialSource credentialSource;
    final ExecutorService workers;
    final TlsSupport tls;
    final CancelRegistry cancels = new CancelRegistry();
    final SecureRandom random = new SecureRandom();
    final TypeRegistry registry = TypeRegistry.standard();
    final MemoryBudget memory;
    private final AtomicInteger nextProcessId = new AtomicInteger(1000);
    private final AtomicInteger slots = new AtomicInteger();
    private final Set<LiveSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    ServerState(ServerConfig config, SessionFactory factory, ExecutorService workers) {
        this(config, factory, null, null, workers);
    }

    ServerState(ServerConfig config, SessionFactory factory, FrameHandlerFactory frameFactory,
                CredentialSource credentialSource, ExecutorService workers) {
        this.config = config;
        this.factory = factory;
        this.frameFactory = frameFactory;
        this.credentialSource = credentialSource != null ? credentialSource : CredentialSource.of(config.credentials());
        this.workers = workers;
        this.memory = new MemoryBudget(config.maxServerMemory());
        this.tls = config.tls() == null ? null : TlsSupport.create(config.tls());
    }

    void initChannel(Channel ch) {
        ch.pipeline().addLast(StartupHandler.NAME, new StartupHandler(this));
    }

    int newProcessId() {
        return nextProcessId.getAndIncrement() & 0x7FFF_FFFF;
    }

    /** Reserves a connection slot; false when the server is full or shutting down. */
    boolean reserveSlot() {
        if (shuttingDown) return false;
        while (true) {
            int n = slots.get();
            if (n >= config.maxConnections()) return false;
            if (slots.compareAndSet(n, n + 1)) return true;
        }
    }

    void releaseSlot() {
        slots.decrementAndGet();
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    void register(LiveSession s) {
        sessions.add(s);
    }

    void unregister(LiveSession s) {
        sessions.remove(s);
    }

    int activeSessions() {
        return sessions.size();
    }

    void shutdown(Duration deadline) {
        shuttingDown = true;
        long end = System.nanoTime() + deadline.toNanos();
        for (LiveSession s : sessions) s.beginShutdown();
        for (LiveSession s : sessions) {
            long left = end - System.nanoTime();
            if (!s.awaitClosed(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                log.warn("session {} still busy at the shutdown deadline; cancelling it", s.processId());
                s.forceClose();
            }
        }
    }
}
