package dev.pgwire.gateway;

import dev.pgwire.client.PassThroughSecrets;
import dev.pgwire.client.PgConnectOptions;
import dev.pgwire.client.PgRawConnection;
import dev.pgwire.client.ScramKeys;
import dev.pgwire.server.auth.ScramClientKey;
import dev.pgwire.server.auth.ScramVerifier;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server connections of one (database, user) pair and the clients waiting for them. Shared by
 * all event loops: its lists change under its lock, in a few steps; connections and clients are
 * then touched on their own event loop. A connection handed to a client on another event loop
 * moves to that loop first; among the oldest waiters one on the connection's own loop is
 * preferred, so under load most hand-offs stay on their thread.
 */
final class Pool {
    private static final Logger log = LoggerFactory.getLogger(Pool.class);
    /**
     * How far down the queues to look for a partner on the same event loop, and how often the
     * oldest waiter may be passed over for one: moving a connection to another loop costs a
     * deregistration, a registration and a wake-up of the other thread, which under load costs
     * more than the wait it saves (pgbench -S at 16 clients on 2 loops: half the throughput
     * with 8 and 2, above PgBouncer's with 64 and 16).
     */
    private static final int SAME_LOOP_SCAN = 64;
    private static final int MAX_PASSED_OVER = 16;
    /** The longest wait between attempts to reach an unreachable PostgreSQL: the pool heals within about a second of its return. */
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    final Gateway gateway;
    final String database;
    final String user;
    final PoolStats stats;
    private volatile GatewayConfig.DatabaseConfig db;
    private final ArrayDeque<ServerConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<ClientSession> waiters = new ArrayDeque<>();
    final Set<ServerConnection> servers = ConcurrentHashMap.newKeySet();
    final Set<ClientSession> clients = ConcurrentHashMap.newKeySet();
    private int total;
    private int opening;
    private boolean paused;
    private long backoffMillis;
    private long backoffUntilNanos;
    /**
     * The ClientKey of this pool's user, from the latest SCRAM login of one of its clients, for
     * logging in upstream without a password (SCRAM pass-through). In memory only, never logged.
     */
    private volatile ScramKeys scramKeys;
    /**
     * This pool's user's md5 hash, from the credentials the latest password login of one of its
     * clients was checked against, for answering PostgreSQL's md5 challenge without a password
     * (md5 pass-through). In memory only, never logged.
     */
    private volatile String md5Hash;
    /** The parameters a fresh server connection reports: every client's greeting starts from them. */
    private volatile Map<String, String> base;
    /** Startup settings (name NUL value) the server accepted, and what it reports for them. */
    private final Set<String> validated = ConcurrentHashMap.newKeySet();
    private final Map<String, String[]> reportedFor = new ConcurrentHashMap<>();

    Pool(Gateway gateway, GatewayConfig.DatabaseConfig db, String database, String user) {
        this.gateway = gateway;
        this.db = db;
        this.database = database;
        this.user = user;
        this.stats = new PoolStats(gateway.metrics.registry(), database, user);
    }

    /** A client of this pool's user proved this ClientKey: later upstream logins use it. */
    void scramClientKey(ScramClientKey key) {
        ScramVerifier v = key.verifier();
        scramKeys = new ScramKeys(v.iterations(), v.salt(), key.clientKey(), v.serverKey());
    }

    /** A client of this pool's user logged in against this md5 hash: later upstream logins use it. */
    void md5Hash(String hash) {
        md5Hash = hash;
    }

    void reconfigure(GatewayConfig.DatabaseConfig db) {
        this.db = db;
        fill();
    }

    PoolMode mode() {
        GatewayConfig c = gateway.config();
        PoolMode byUser = c.userPoolModes().get(user);
        if (byUser != null) return byUser;
        GatewayConfig.DatabaseConfig d = db;
        return d != null && d.poolMode() != null ? d.poolMode() : c.poolMode();
    }

    int maxSize() {
        GatewayConfig.DatabaseConfig d = db;
        return d != null && d.poolSize() != null ? d.poolSize() : gateway.config().defaultPoolSize();
    }

    int minSize() {
        GatewayConfig.DatabaseConfig d = db;
        return Math.min(maxSize(), d != null && d.minPoolSize() != null ? d.minPoolSize() : gateway.config().minPoolSize());
    }

    // ---- greeting --------------------------------------------------------------------------

    boolean canGreet(Settings s) {
        if (base == null) return false;
        for (Map.Entry<String, String> e : s.values().entrySet()) {
            if (!validated.contains(e.getKey() + '\0' + e.getValue())) return false;
        }
        return true;
    }

    void learnBase(ServerConnection s) {
        if (base == null) base = Map.copyOf(new LinkedHashMap<>(s.initialParams));
    }

    /** SET statements for the settings the server has not yet accepted, or null. */
    String unvalidated(Settings s) {
        StringBuilder sql = new StringBuilder();
        for (Map.Entry<String, String> e : s.values().entrySet()) {
            if (!validated.contains(e.getKey() + '\0' + e.getValue())) sql.append(Settings.set(e.getKey(), e.getValue())).append(';');
        }
        return sql.length() == 0 ? null : sql.toString();
    }

    /** The server accepted these settings; remember what it reported for each. */
    void validated(Settings s, ServerConnection srv) {
        for (Map.Entry<String, String> e : s.values().entrySet()) {
            String key = e.getKey() + '\0' + e.getValue();
            for (Map.Entry<String, String> p : srv.params.entrySet()) {
                if (p.getKey().toLowerCase(Locale.ROOT).equals(e.getKey())) reportedFor.put(key, new String[] {p.getKey(), p.getValue()});
            }
            validated.add(key);
        }
    }

    /** The ParameterStatus values a client with these settings is greeted with. */
    Map<String, String> greeting(Settings s) {
        Map<String, String> g = new LinkedHashMap<>(base);
        for (Map.Entry<String, String> e : s.values().entrySet()) {
            String[] r = reportedFor.get(e.getKey() + '\0' + e.getValue());
            if (r != null) g.put(r[0], r[1]);
        }
        return g;
    }

    // ---- acquiring and releasing -----------------------------------------------------------

    /** A client wants a server connection: it gets one on its event loop, now or when one is free. */
    void acquire(ClientSession c) {
        ServerConnection s = null;
        boolean open = false;
        synchronized (this) {
            if (!paused && waiters.isEmpty()) s = takeIdle(c.loop());
            if (s == null) {
                c.passedOver = 0;
                waiters.add(c);
                open = mayOpen();
            }
        }
        if (s != null) hand(s, c);
        else if (open) connect(c.loop());
    }

    /** Under the lock: whether to open one more connection for the waiters; counts it if so. */
    private boolean mayOpen() {
        if (paused || total >= maxSize() || opening >= waiters.size() || System.nanoTime() < backoffUntilNanos) return false;
        total++;
        opening++;
        return true;
    }

    private ServerConnection takeIdle(EventLoop loop) {
        ServerConnection first = null;
        int seen = 0;
        for (Iterator<ServerConnection> it = idle.iterator(); it.hasNext(); ) {
            ServerConnection s = it.next();
            if (first == null) first = s;
            if (s.loop() == loop) {
                it.remove();
                s.idle = false;
                return s;
            }
            if (++seen >= SAME_LOOP_SCAN) break;
        }
        if (first != null) {
            idle.remove(first);
            first.idle = false;
        }
        return first;
    }

    /**
     * The oldest waiter, or one a little younger on {@code loop} (no move needed) — but the oldest
     * is passed over at most {@link #MAX_PASSED_OVER} times, so no client waits much longer than FIFO.
     */
    private ClientSession takeWaiter(EventLoop loop) {
        ClientSession first = waiters.peek();
        if (first == null) return null;
        if (first.loop() != loop && first.passedOver < MAX_PASSED_OVER) {
            int seen = 0;
            for (Iterator<ClientSession> it = waiters.iterator(); it.hasNext() && seen++ < SAME_LOOP_SCAN; ) {
                ClientSession c = it.next();
                if (c.loop() == loop) {
                    it.remove();
                    first.passedOver++;
                    return c;
                }
            }
        }
        waiters.poll();
        return first;
    }

    /** Gives {@code s} to {@code c}, moving it to the client's event loop if need be. */
    private void hand(ServerConnection s, ClientSession c) {
        EventLoop target = c.loop();
        if (s.loop() == target) {
            if (target.inEventLoop()) c.linked(s);
            else target.execute(() -> c.linked(s));
        } else {
            // If the move fails (the connection died meanwhile), the client asks again.
            s.loop().execute(() -> s.moveTo(target, () -> c.linked(s), () -> c.loop().execute(c::retryAcquire)));
        }
    }

    /** A clean, idle connection comes back: to a waiter, or to the idle list. On its event loop. */
    void release(ServerConnection s) {
        if (!s.usable()) {
            discard(s);
            return;
        }
        long lifetime = gateway.config().serverLifetime().toNanos();
        if (lifetime > 0 && System.nanoTime() - s.createdNanos > lifetime) {
            s.close();
            discard(s);
            return;
        }
        ClientSession w;
        synchronized (this) {
            w = paused ? null : takeWaiter(s.loop());
            if (w == null) {
                s.idle = true;
                s.idleSinceNanos = System.nanoTime();
                idle.push(s);
                return;
            }
        }
        hand(s, w);
    }

    /** A connection is gone or unusable: forget it, and open another if clients wait. */
    void discard(ServerConnection s) {
        boolean refill;
        synchronized (this) {
            if (!servers.remove(s)) return;
            total--;
            idle.remove(s);
            refill = !waiters.isEmpty();
        }
        if (refill) fill();
    }

    void clientGone(ClientSession c) {
        synchronized (this) {
            waiters.remove(c);
        }
        clients.remove(c);
    }

    /**
     * A client left while holding {@code s}: what it started is ended (cancelled, a Sync or
     * CopyFail sent), a transaction rolled back, the session reset when its state cannot be
     * reused; then the connection goes back. On the connection's event loop.
     */
    void orphan(ServerConnection s, boolean reset) {
        s.needsReset |= reset;
        if (!s.usable()) {
            discard(s);
            return;
        }
        // The client may have stopped reading (and so stopped us reading the server): what the
        // server still sends now goes nowhere, and must be read for the connection to come back.
        s.channel.config().setAutoRead(true);
        if (!s.expect.isEmpty() || s.inClientBatch) {
            // The server may wait for COPY data or for a Sync; both are harmless where not needed.
            s.send(io.netty.buffer.Unpooled.wrappedBuffer(COPY_FAIL).retainedDuplicate(), (byte) 0, null);
            s.send(s.channel.alloc().ioBuffer(5).writeByte('S').writeInt(4), Expectations.SYNC_INJECTED, null);
            s.channel.flush();
            s.cancel();
            s.loop().schedule(() -> {
                if (s.client == null && !s.expect.isEmpty() && s.usable()) {
                    log.warn("server connection {} did not finish its departed client's work in time; closing it", s.id);
                    s.channel.close();
                }
            }, 10, TimeUnit.SECONDS);
            return;
        }
        orphanReady(s);
    }

    private static final byte[] COPY_FAIL;

    static {
        byte[] msg = "client disconnected\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        COPY_FAIL = new byte[5 + msg.length];
        COPY_FAIL[0] = 'f';
        int len = 4 + msg.length;
        COPY_FAIL[1] = (byte) (len >>> 24);
        COPY_FAIL[2] = (byte) (len >>> 16);
        COPY_FAIL[3] = (byte) (len >>> 8);
        COPY_FAIL[4] = (byte) len;
        System.arraycopy(msg, 0, COPY_FAIL, 5, msg.length);
    }

    /** An orphaned connection owes nothing more: roll back, reset if needed, release. */
    void orphanReady(ServerConnection s) {
        s.inClientBatch = false;
        if (!s.usable()) {
            discard(s);
            return;
        }
        if (s.status != 'I') {
            s.inject("ROLLBACK", srv -> orphanReady(srv));
            s.channel.flush();
            return;
        }
        if (s.needsReset) {
            s.needsReset = false;
            String reset = gateway.config().serverResetQuery();
            s.inject(reset == null || reset.isBlank() ? "DISCARD ALL" : reset, srv -> {
                srv.prepared.clear();
                srv.strays.clear();
                srv.settings = Settings.EMPTY;
                srv.unnamedBy = null;
                orphanReady(srv);
            });
            s.channel.flush();
            return;
        }
        if (s.cancelsInFlight > 0) s.afterCancels = () -> release(s);
        else release(s);
    }

    // ---- opening connections ---------------------------------------------------------------

    private void connect(EventLoop loop) {
        PgConnectOptions options;
        try {
            options = db.options(database, user, gateway.config().serverConnectTimeout());
        } catch (RuntimeException e) {
            connectFailed(new PgException(SqlState.CONNECTION_FAILURE, "bad upstream settings: " + e.getMessage()), true);
            return;
        }
        // The key belongs to this pool's user: not to a user the database entry logs everyone in as.
        // So does the md5 hash, which is salted with the user name.
        boolean ownUser = user.equals(options.user());
        ScramKeys keys = ownUser ? scramKeys : null;
        String hash = ownUser ? md5Hash : null;
        CompletableFuture<PgRawConnection> opened = keys != null || hash != null
                ? PgRawConnection.connect(options, loop, Map.of(), PassThroughSecrets.of(keys, hash))
                : PgRawConnection.connect(options, loop, Map.of());
        opened.whenComplete((raw, error) -> {
            if (error != null) {
                Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                PgException e = t instanceof PgException p ? p : new PgException(SqlState.CONNECTION_FAILURE, String.valueOf(t.getMessage()));
                String state = e.sqlState() == null ? "" : e.sqlState();
                connectFailed(e, state.startsWith("28") || state.equals(SqlState.INVALID_CATALOG_NAME));
                return;
            }
            ServerConnection s = new ServerConnection(this, raw);
            stats.serverConnects.increment();
            synchronized (this) {
                opening--;
                backoffMillis = 0;
                servers.add(s);
            }
            raw.channel().pipeline().addLast("server", s);
            if (!raw.channel().isActive()) {
                discard(s);
                return;
            }
            release(s);
        });
    }

    /** Opening failed: back off and retry for the waiters; a refusal (password, database) ends them at once. */
    private void connectFailed(PgException e, boolean refused) {
        stats.serverConnectFailures.increment();
        List<ClientSession> failed = new ArrayList<>();
        long delay;
        synchronized (this) {
            total--;
            opening--;
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(100, backoffMillis * 2));
            backoffUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
            delay = backoffMillis;
            if (refused && total == 0) {
                failed.addAll(waiters);
                waiters.clear();
            }
        }
        log.warn("pool {}/{}: cannot connect upstream ({}); retrying in {} ms", database, user, e.getMessage(), delay);
        for (ClientSession c : failed) {
            PgException copy = new PgException(e.fields());
            c.loop().execute(() -> c.acquireFailed(copy));
        }
        gateway.housekeeping().schedule(this::fill, delay, TimeUnit.MILLISECONDS);
    }

    /** Opens connections for waiting clients, as capacity and backoff allow. */
    void fill() {
        List<EventLoop> loops = new ArrayList<>();
        synchronized (this) {
            Iterator<ClientSession> it = waiters.iterator();
            while (it.hasNext() && mayOpen()) loops.add(it.next().loop());
        }
        for (EventLoop l : loops) connect(l);
    }

    // ---- housekeeping ----------------------------------------------------------------------

    /** Every few hundred milliseconds: wait timeouts, idle timeouts, the minimum pool size. */
    void maintain() {
        long now = System.nanoTime();
        List<ClientSession> expired = new ArrayList<>();
        List<ServerConnection> retire = new ArrayList<>();
        int toOpen = 0;
        GatewayConfig c = gateway.config();
        synchronized (this) {
            long waitLimit = c.queryWaitTimeout().toNanos();
            while (waitLimit > 0 && !waiters.isEmpty() && now - waiters.peek().waitStartNanos > waitLimit) {
                expired.add(waiters.poll());
            }
            long idleLimit = c.serverIdleTimeout().toNanos();
            long lifetime = c.serverLifetime().toNanos();
            int keep = minSize();
            for (Iterator<ServerConnection> it = idle.descendingIterator(); it.hasNext(); ) {
                ServerConnection s = it.next();
                boolean old = lifetime > 0 && now - s.createdNanos > lifetime;
                boolean idleTooLong = idleLimit > 0 && now - s.idleSinceNanos > idleLimit && total - retire.size() > keep;
                if (old || idleTooLong || !s.usable()) {
                    it.remove();
                    retire.add(s);
                }
            }
            if (!paused && now >= backoffUntilNanos && total - retire.size() < keep) {
                toOpen = keep - (total - retire.size());
                total += toOpen;
                opening += toOpen;
            }
        }
        for (ClientSession w : expired) {
            stats.waitTimeouts.increment();
            w.loop().execute(() -> w.acquireFailed(new PgException(SqlState.CONNECTION_FAILURE,
                    "query_wait_timeout: no server connection became free for " + database + "/" + user
                            + " within " + c.queryWaitTimeout().toSeconds() + " s")));
        }
        for (ServerConnection s : retire) {
            s.loop().execute(() -> {
                s.close();
                discard(s);
            });
        }
        for (int i = 0; i < toOpen; i++) connect(gateway.nextLoop());
    }

    synchronized void pause() {
        paused = true;
    }

    void resume() {
        synchronized (this) {
            paused = false;
        }
        List<ServerConnection> free = new ArrayList<>();
        synchronized (this) {
            while (!waiters.isEmpty() && !idle.isEmpty()) free.add(idle.pop());
        }
        for (ServerConnection s : free) s.loop().execute(() -> release(s));
        fill();
    }

    /** Closes idle connections (shutdown, or a reload that dropped the database). */
    void closeIdle() {
        List<ServerConnection> all;
        synchronized (this) {
            all = new ArrayList<>(idle);
            idle.clear();
        }
        for (ServerConnection s : all) {
            Runnable close = () -> {
                s.close();
                discard(s);
            };
            if (s.loop().isShuttingDown()) s.channel.close(); // the gateway is stopping: no goodbye
            else s.loop().execute(close);
        }
    }

    synchronized int waiting() {
        return waiters.size();
    }

    synchronized int idleCount() {
        return idle.size();
    }

    synchronized int total() {
        return total;
    }

    synchronized boolean paused() {
        return paused;
    }

    int activeServers() {
        int n = 0;
        for (ServerConnection s : servers) if (s.client != null) n++;
        return n;
    }

    /** The longest current wait, in microseconds. */
    synchronized long maxWaitMicros() {
        ClientSession c = waiters.peek();
        return c == null ? 0 : (System.nanoTime() - c.waitStartNanos) / 1000;
    }
}
