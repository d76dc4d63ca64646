package dev.pgwire.gateway;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.gateway.Statements.Prepared;
import dev.pgwire.server.frame.FrameHandler;
import dev.pgwire.server.frame.FrameSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of the gateway: its frames go to the server connection it holds — in transaction
 * mode from its first message to the ReadyForQuery that finds it idle, in session mode until it
 * leaves — or wait while it has none. What must survive a change of server connection lives
 * here: settings, prepared statements, the unnamed statement, pinning. All on the client's event
 * loop, which is also its server connection's.
 */
final class ClientSession implements FrameHandler {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** Frames held while waiting for a server connection past which the client is not read. */
    private static final int PENDING_BYTES_HIGH = 256 * 1024;
    /** Reported parameters a client may change, which are replayed as settings. */
    private static final Set<String> SETTABLE_REPORTED = Set.of("application_name", "client_encoding", "datestyle",
            "intervalstyle", "timezone", "standard_conforming_strings", "default_transaction_read_only");
    static final String PIN_CHECK = "SELECT EXISTS (SELECT FROM pg_catalog.pg_class WHERE relpersistence = 't'"
            + " AND relnamespace = pg_catalog.pg_my_temp_schema()), EXISTS (SELECT FROM pg_catalog.pg_cursors WHERE is_holdable),"
            + " EXISTS (SELECT FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND pid = pg_catalog.pg_backend_pid()),"
            + " EXISTS (SELECT FROM pg_catalog.pg_listening_channels())";
    private static final String[] PIN_REASONS = {"temporary tables", "cursors WITH HOLD", "session advisory locks", "LISTEN"};

    final long id = IDS.incrementAndGet();
    final Gateway gateway;
    final Pool pool;
    final FrameSession session;
    final Channel channel;
    final long connectedAtMillis = System.currentTimeMillis();
    final Settings startupSettings;
    /** The session's settings as they stand; what a server connection is brought to before use. */
    Settings settings;
    /**
     * Settings made since the last ReadyForQuery that found the session idle: they count once
     * their transaction (implicit or a block) commits, and are dropped if it fails or rolls back.
     */
    Settings pendingSettings;
    /** What those statements leave on the server connection (RESET goes to its default, not the client's). */
    Settings pendingServerSettings;
    /** What the client has been told of each reported parameter. */
    final Map<String, String> reported = new LinkedHashMap<>();
    ServerConnection server;
    final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private long pendingBytes;
    boolean waiting;
    long waitStartNanos;
    /** Times a younger waiter got a connection first (under the pool's lock). */
    int passedOver;
    private boolean closed;
    private boolean shutdownRequested;
    /** Frames after the last Sync have been sent: the server connection is needed until the Sync. */
    boolean inBatch;
    /** An error this client was given locally: drop frames until Sync, as the server would. */
    boolean skipUntilSync;
    boolean errorInBatch;
    /** Statements since the last check may have created or dropped state that pins. */
    boolean mayTouchState;
    /** Why the client keeps its server connection between transactions, or null. */
    volatile String pinnedReason;
    boolean replayNeeded;
    /** The client's named statements (protocol and SQL), mapped to gateway-wide ones. */
    final Map<String, Prepared> statements = new HashMap<>();
    final Map<String, Prepared> sqlStatements = new HashMap<>();
    /** The client's latest unnamed Parse, to prepare it again where it is missing; and which one it is. */
    ByteBuf unnamedParse;
    long unnamedStamp;
    /** Set until the greeting is ready, when it needs a server round trip. */
    CompletableFuture<FrameHandler> login;
    private long queryStartNanos;
    private long linkedAtNanos;
    final ClientFrames frames;
    volatile long bytesOut;

    ClientSession(Gateway gateway, Pool pool, FrameSession session) {
        this.gateway = gateway;
        this.pool = pool;
        this.session = session;
        this.channel = session.channel();
        this.startupSettings = Settings.fromStartup(session.info().parameters());
        this.settings = startupSettings;
        this.frames = new ClientFrames(this);
    }

    Channel channel() {
        return channel;
    }

    EventLoop loop() {
        return channel.eventLoop();
    }

    boolean isClosed() {
        return closed;
    }

    PoolMode mode() {
        return pool.mode();
    }

    // ---- the greeting ----------------------------------------------------------------------

    /** Greets from what the pool knows, or links a server connection first to learn it. */
    java.util.concurrent.CompletionStage<FrameHandler> open() {
        if (pool.canGreet(settings)) {
            reported.putAll(pool.greeting(settings));
            return CompletableFuture.completedFuture(this);
        }
        login = new CompletableFuture<>();
        requestServer();
        return login;
    }

    @Override
    public Map<String, String> parameterStatus() {
        return reported;
    }

    private void loginWith(ServerConnection s) {
        pool.learnBase(s);
        String sql = pool.unvalidated(settings);
        if (sql == null) {
            finishLogin(s);
            return;
        }
        s.inject(sql, new ServerConnection.Injected() {
            PgException failed;

            @Override
            public void error(PgException e) {
                failed = e;
            }

            @Override
            public void done(ServerConnection srv) {
                // The session now has these values, whatever the server connection had before.
                for (Map.Entry<String, String> e : settings.values().entrySet()) {
                    srv.settings = srv.settings.with(e.getKey(), e.getValue());
                }
                if (failed != null) {
                    CompletableFuture<FrameHandler> l = login;
                    login = null;
                    release();
                    l.completeExceptionally(failed.withSeverity("FATAL"));
                    return;
                }
                pool.validated(settings, srv);
                finishLogin(srv);
            }
        });
        s.channel.flush();
    }

    private void finishLogin(ServerConnection s) {
        reported.putAll(pool.greeting(settings));
        CompletableFuture<FrameHandler> l = login;
        login = null;
        release();
        l.complete(this);
    }

    // ---- frames from the client ------------------------------------------------------------

    @Override
    public void frame(byte type, ByteBuf frame) {
        if (log.isTraceEnabled()) log.trace("{} sends '{}' (server {})", this, (char) type, server == null ? "none" : server.id);
        if (closed) {
            frame.release();
            return;
        }
        if (type == 'X') {
            frame.release();
            channel.close();
            return;
        }
        if (server != null) {
            frames.process(type, frame, server);
            return;
        }
        if (pending.isEmpty() && frames.answerWithoutServer(type, frame)) return;
        pending.add(frame);
        pendingBytes += frame.readableBytes();
        if (pendingBytes > PENDING_BYTES_HIGH) channel.config().setAutoRead(false);
        requestServer();
    }

    /** A connection handed over could not reach this client's event loop: wait for another. */
    void retryAcquire() {
        waiting = false;
        if (!closed || login != null) requestServer();
    }

    private void requestServer() {
        if (waiting || server != null) return;
        waiting = true;
        waitStartNanos = System.nanoTime();
        pool.acquire(this);
    }

    @Override
    public void readComplete() {
        ServerConnection s = server;
        if (s != null) s.channel.flush();
        else channel.flush();
    }

    @Override
    public void writabilityChanged(boolean writable) {
        ServerConnection s = server;
        if (s != null) s.channel.config().setAutoRead(writable);
    }

    void serverWritability(boolean writable) {
        if (pending.isEmpty()) channel.config().setAutoRead(writable);
    }

    void flushToClient() {
        channel.flush();
    }

    void countOut(int bytes) {
        bytesOut += bytes;
    }

    // ---- linking ---------------------------------------------------------------------------

    /** The pool hands over a server connection (on this client's event loop). */
    void linked(ServerConnection s) {
        waiting = false;
        if (closed && login == null) {
            pool.release(s);
            return;
        }
        if (!s.usable()) {
            // It died between the pool's hand-off and now (PostgreSQL restarted, say): ask again.
            pool.discard(s);
            requestServer();
            return;
        }
        pool.stats.recordWait(System.nanoTime() - waitStartNanos);
        server = s;
        s.client = this;
        s.idle = false;
        linkedAtNanos = System.nanoTime();
        if (login != null) {
            loginWith(s);
            return;
        }
        replaySettings(s);
        channel.config().setAutoRead(true);
        pendingBytes = 0;
        while (server == s && !pending.isEmpty()) frames.process(pending.peek().getByte(pending.peek().readerIndex()), pending.poll(), s);
        s.channel.flush();
    }

    /** Brings the server connection to the client's settings; true if that took a statement. */
    private boolean replaySettings(ServerConnection s) {
        String sql = Settings.replay(s.settings, settings);
        if (sql != null) s.inject(sql, null);
        s.settings = settings;
        s.watchTags = pendingSettings != null;
        return sql != null;
    }

    /** The pool could not give a connection: the error ends the client, as PgBouncer does. */
    void acquireFailed(PgException e) {
        waiting = false;
        if (login != null) {
            CompletableFuture<FrameHandler> l = login;
            login = null;
            l.completeExceptionally(e.withSeverity("FATAL"));
            return;
        }
        if (!closed) session.fatal(e);
    }

    /** A ReadyForQuery arrived; {@code clientOwned} when it answers the client's Sync or Query. */
    void serverReady(ServerConnection s, boolean clientOwned) {
        if (clientOwned) {
            pool.stats.query(System.nanoTime() - queryStartNanos);
        }
        if (!s.expect.isEmpty() || server != s) return;
        if (s.status == 'I' && pendingSettings != null) {
            if (!errorInBatch) {
                settings = pendingSettings;
                s.settings = pendingServerSettings;
            }
            pendingSettings = null;
            pendingServerSettings = null;
            s.watchTags = false;
        }
        // A RESET left the server's default where the client has its own startup value.
        if (s.status == 'I' && s.settings != settings) replayNeeded = true;
        if (s.status == 'I') errorInBatch = false;
        if (replayNeeded && s.status == 'I') {
            replayNeeded = false;
            if (replaySettings(s)) {
                s.channel.flush();
                return; // serverReady again once the replay's ReadyForQuery arrives
            }
        }
        if (inBatch || s.status != 'I') return;
        if (mayTouchState) {
            mayTouchState = false;
            checkPin(s);
            return;
        }
        if (shutdownRequested) {
            release();
            shutdownNow();
            return;
        }
        if (mode() == PoolMode.SESSION || pinnedReason != null) return;
        release();
    }

    /** Asks the server whether the session holds state that cannot move; pins or releases accordingly. */
    private void checkPin(ServerConnection s) {
        s.inject(PIN_CHECK, new ServerConnection.Injected() {
            String reason;

            @Override
            public void row(ByteBuf f, int start) {
                int at = start + 7;
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 4; i++) {
                    int len = f.getInt(at);
                    if (len == 1 && f.getByte(at + 4) == 't') b.append(b.length() == 0 ? "" : ", ").append(PIN_REASONS[i]);
                    at += 4 + Math.max(0, len);
                }
                reason = b.length() == 0 ? null : b.toString();
            }

            @Override
            public void done(ServerConnection srv) {
                pinnedReason = reason;
                serverReady(srv, false);
            }
        });
        s.channel.flush();
    }

    /** Gives the server connection back: clean, idle, nothing owed. */
    void release() {
        ServerConnection s = server;
        if (s == null) return;
        server = null;
        s.client = null;
        pool.stats.transaction(System.nanoTime() - linkedAtNanos);
        if (s.cancelsInFlight > 0) {
            s.afterCancels = () -> pool.release(s);
        } else {
            pool.release(s);
        }
        if (!pending.isEmpty()) requestServer();
    }

    void markQueryStart(ServerConnection s) {
        if (s.expect.isEmpty()) queryStartNanos = System.nanoTime();
    }

    // ---- what the server connection reports ------------------------------------------------

    /** Whether to forward a ParameterStatus; tracks reported parameters as settings. */
    boolean parameterStatus(String name, String value, boolean injected) {
        String old = reported.put(name, value);
        if (injected) return !value.equals(old);
        String key = name.toLowerCase(Locale.ROOT);
        if (SETTABLE_REPORTED.contains(key)) {
            String literal = SqlText.quoteLiteral(value);
            ServerConnection s = server;
            boolean same = s != null && s.settings == settings;
            settings = settings.with(key, literal);
            if (same) s.settings = settings;
            else if (s != null) s.settings = s.settings.with(key, literal);
            if (pendingSettings != null) {
                pendingSettings = pendingSettings.with(key, literal);
                pendingServerSettings = pendingServerSettings.with(key, literal);
            }
        }
        return true;
    }

    void errorInQuery() {
        errorInBatch = true;
    }

    /** A CommandComplete tag of the client's, read while settings wait for the transaction's end. */
    void commandTag(String tag) {
        ServerConnection s = server;
        if (tag.equals("ROLLBACK")) {
            pendingSettings = null;
            pendingServerSettings = null;
        } else if (tag.equals("COMMIT") && pendingSettings != null) {
            settings = pendingSettings;
            if (s != null) s.settings = pendingServerSettings;
            pendingSettings = null;
            pendingServerSettings = null;
        } else if (tag.equals("DISCARD ALL") || tag.equals("DEALLOCATE ALL")) {
            if (s != null) {
                s.prepared.clear();
                s.strays.clear();
            }
            // Both drop every prepared statement of the session, protocol-level ones too.
            frames.forgetStatements();
            if (tag.equals("DISCARD ALL")) {
                if (s != null) s.settings = Settings.EMPTY;
                settings = startupSettings;
                pendingSettings = null;
                pendingServerSettings = null;
                replayNeeded = !startupSettings.isEmpty();
            }
        }
    }

    /**
     * A SET or RESET of the client's ({@code value} null for RESET; name "all" for RESET ALL). It
     * counts from the end of its transaction; RESET takes the client back to its startup value,
     * which the server connection does not have, so it is set again before the connection goes on.
     */
    void noteSetting(String name, String value, ServerConnection s) {
        Settings client = pendingSettings != null ? pendingSettings : settings;
        Settings srv = pendingServerSettings != null ? pendingServerSettings : s.settings;
        if (name.equals("all") && value == null) {
            pendingSettings = startupSettings;
            pendingServerSettings = Settings.EMPTY;
        } else if (value == null) {
            pendingSettings = client.with(name, startupSettings.values().get(name));
            pendingServerSettings = srv.with(name, null);
        } else {
            pendingSettings = client.with(name, value);
            pendingServerSettings = srv.with(name, value);
        }
        s.watchTags = true;
    }

    void parseFailed(ServerConnection.ParseUndo u) {
        if (statements.get(u.clientName()) == u.statement()) {
            statements.remove(u.clientName());
            gateway.statements.release(u.statement());
        }
    }

    /** The server connection broke. The client hears why; its next transaction gets another one. */
    void serverLost(ServerConnection s, PgException why, boolean owedReady) {
        if (server != s) return;
        server = null;
        if (login != null) {
            CompletableFuture<FrameHandler> l = login;
            login = null;
            l.completeExceptionally(why.withSeverity("FATAL"));
            return;
        }
        if (mode() == PoolMode.SESSION || pinnedReason != null) {
            session.fatal(why);
            return;
        }
        channel.write(Frames.error(channel.alloc(), why.withSeverity("ERROR")));
        if (owedReady) {
            channel.write(Frames.readyForQuery(channel.alloc(), (byte) 'I'));
        } else if (inBatch) {
            skipUntilSync = true;
        }
        inBatch = false;
        pendingSettings = null;
        pendingServerSettings = null;
        channel.flush();
        channel.config().setAutoRead(true);
    }

    // ---- cancel, shutdown, end -------------------------------------------------------------

    @Override
    public void cancel() {
        ServerConnection s = server;
        if (s != null) s.cancel();
    }

    @Override
    public void shutdown() {
        shutdownRequested = true;
        if (server == null && pending.isEmpty()) shutdownNow();
    }

    private void shutdownNow() {
        if (!closed) session.fatal(new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
    }

    @Override
    public void closed() {
        if (closed) return;
        closed = true;
        pool.clientGone(this);
        while (!pending.isEmpty()) pending.poll().release();
        ServerConnection s = server;
        server = null;
        if (s != null) {
            s.client = null;
            s.inClientBatch = inBatch;
            pool.orphan(s, pinnedReason != null || mode() == PoolMode.SESSION);
        }
        frames.forgetStatements();
        if (unnamedParse != null) {
            unnamedParse.release();
            unnamedParse = null;
        }
    }

    String state() {
        if (server != null) return "active";
        if (waiting) return "waiting";
        return "idle";
    }

    ServerConnection serverConnection() {
        return server;
    }

    @Override
    public String toString() {
        return "client " + id + " (" + session.info().user() + "@" + session.info().database() + ")";
    }

    static void logUnexpected(String what) {
        log.debug(what);
    }
}
