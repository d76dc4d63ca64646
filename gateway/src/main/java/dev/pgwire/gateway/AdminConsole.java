package dev.pgwire.gateway;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.server.frame.FrameHandler;
import dev.pgwire.server.frame.FrameSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin console: database {@code pgwire} (or {@code pgbouncer}), simple queries only.
 * SHOW POOLS | STATS | CLIENTS | SERVERS | CONFIG | DATABASES | VERSION, RELOAD, PAUSE [db],
 * RESUME [db], SHUTDOWN — with PgBouncer's column names where they fit.
 */
final class AdminConsole implements FrameHandler {
    private final Gateway gateway;
    private final FrameSession session;
    private final Channel channel;
    private boolean skipUntilSync;

    AdminConsole(Gateway gateway, FrameSession session) {
        this.gateway = gateway;
        this.session = session;
        this.channel = session.channel();
    }

    @Override
    public Map<String, String> parameterStatus() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server_version", "15.0 (pgwire gateway)");
        p.put("server_encoding", "UTF8");
        p.put("client_encoding", "UTF8");
        p.put("DateStyle", "ISO, MDY");
        p.put("integer_datetimes", "on");
        p.put("standard_conforming_strings", "on");
        p.put("application_name", session.info().parameters().getOrDefault("application_name", ""));
        return p;
    }

    @Override
    public void frame(byte type, ByteBuf frame) {
        try {
            switch (type) {
                case 'Q' -> {
                    int start = frame.readerIndex();
                    String sql = frame.toString(start + 5, Frames.end(frame, start) - start - 6, StandardCharsets.UTF_8);
                    run(sql);
                }
                case 'X' -> channel.close();
                case 'S' -> {
                    skipUntilSync = false;
                    channel.write(Frames.readyForQuery(channel.alloc(), (byte) 'I'));
                }
                case 'H' -> channel.flush();
                default -> {
                    if (!skipUntilSync) {
                        skipUntilSync = true;
                        channel.write(Frames.error(channel.alloc(), new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                                "the admin console answers simple queries only")));
                    }
                }
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void readComplete() {
        channel.flush();
    }

    private void run(String sql) {
        List<String> stmts = SqlText.statements(sql);
        if (stmts.isEmpty()) {
            channel.write(Frames.encode(channel.alloc(), dev.pgwire.protocol.message.EmptyQueryResponse.INSTANCE));
            ready();
            return;
        }
        for (String st : stmts) {
            List<String> w = SqlText.words(st, 3);
            try {
                String cmd = w.get(0);
                String arg = w.size() > 1 ? w.get(1) : null;
                switch (cmd) {
                    case "show" -> show(arg == null ? "" : arg);
                    case "set", "reset", "begin", "commit", "rollback", "discard" -> complete(cmd.toUpperCase(java.util.Locale.ROOT));
                    case "reload" -> {
                        gateway.reload();
                        complete("RELOAD");
                    }
                    case "pause" -> {
                        // Answered once no server connection is in use, as PgBouncer does.
                        gateway.pause(arg).whenComplete((v, e) -> channel.eventLoop().execute(() -> {
                            complete("PAUSE");
                            ready();
                            channel.flush();
                        }));
                        return;
                    }
                    case "resume" -> {
                        gateway.resume(arg);
                        complete("RESUME");
                    }
                    case "shutdown" -> {
                        complete("SHUTDOWN");
                        ready();
                        channel.flush();
                        Thread t = new Thread(() -> gateway.shutdown(Duration.ofSeconds(10)), "pgwire-gateway-shutdown");
                        t.setDaemon(false);
                        t.start();
                        return;
                    }
                    default -> throw new PgException(SqlState.SYNTAX_ERROR, "unknown admin command: " + st);
                }
            } catch (PgException e) {
                channel.write(Frames.error(channel.alloc(), e));
                break;
            } catch (RuntimeException e) {
                channel.write(Frames.error(channel.alloc(), new PgException(SqlState.INTERNAL_ERROR, String.valueOf(e.getMessage()))));
                break;
            }
        }
        ready();
    }

    private void show(String what) {
        switch (what) {
            case "pools" -> pools();
            case "stats" -> stats();
            case "clients" -> clients();
            case "servers" -> servers();
            case "config" -> config();
            case "databases" -> databases();
            case "version" -> table(List.of("version"), List.of(List.of("pgwire gateway")));
            default -> throw new PgException(SqlState.SYNTAX_ERROR, "unknown SHOW: " + what
                    + " (POOLS, STATS, CLIENTS, SERVERS, CONFIG, DATABASES, VERSION)");
        }
    }

    private void pools() {
        List<List<String>> rows = new ArrayList<>();
        for (Pool p : sorted()) {
            int waiting = p.waiting();
            int active = p.activeServers();
            rows.add(List.of(p.database, p.user, s(p.clients.size() - waiting), s(waiting), s(active), s(p.idleCount()),
                    s(p.total() - active - p.idleCount()), s(p.maxWaitMicros() / 1_000_000), s(p.maxWaitMicros() % 1_000_000),
                    p.mode().keyword(), s(p.maxSize()), p.paused() ? "yes" : "no"));
        }
        table(List.of("database", "user", "cl_active", "cl_waiting", "sv_active", "sv_idle", "sv_used", "maxwait",
                "maxwait_us", "pool_mode", "pool_size", "paused"), rows);
    }

    private void stats() {
        List<List<String>> rows = new ArrayList<>();
        for (Pool p : sorted()) {
            PoolStats st = p.stats;
            long x = st.transactions.sum();
            long q = st.queries.sum();
            long w = st.waits.sum();
            rows.add(List.of(p.database, p.user, s(x), s(q), s(st.transactionNanos.sum() / 1000), s(st.queryNanos.sum() / 1000),
                    s(st.waitNanos.sum() / 1000), s(x == 0 ? 0 : st.transactionNanos.sum() / 1000 / x),
                    s(q == 0 ? 0 : st.queryNanos.sum() / 1000 / q), s(w == 0 ? 0 : st.waitNanos.sum() / 1000 / w),
                    s(st.serverConnects.sum()), s(st.serverConnectFailures.sum()), s(st.waitTimeouts.sum())));
        }
        table(List.of("database", "user", "total_xact_count", "total_query_count", "total_xact_time", "total_query_time",
                "total_wait_time", "avg_xact_time", "avg_query_time", "avg_wait_time", "server_connects",
                "server_connect_failures", "wait_timeouts"), rows);
    }

    private void clients() {
        List<List<String>> rows = new ArrayList<>();
        for (Pool p : sorted()) {
            for (ClientSession c : p.clients) {
                ServerConnection s = c.serverConnection();
                SocketAddress a = c.session.info().remoteAddress();
                rows.add(List.of("C", p.user, p.database, c.state(), host(a), port(a),
                        Instant.ofEpochMilli(c.connectedAtMillis).toString(), s(c.id), s(c.session.info().processId()),
                        s == null ? "" : s(s.id), c.pinnedReason == null ? "" : c.pinnedReason,
                        c.reported.getOrDefault("application_name", "")));
            }
        }
        table(List.of("type", "user", "database", "state", "addr", "port", "connect_time", "id", "pid", "server",
                "pinned", "application_name"), rows);
    }

    private void servers() {
        List<List<String>> rows = new ArrayList<>();
        for (Pool p : sorted()) {
            for (ServerConnection s : p.servers) {
                ClientSession c = s.client;
                rows.add(List.of("S", p.user, p.database, s.state(), s.raw.host().host(), s(s.raw.host().port()),
                        Instant.now().minusNanos(System.nanoTime() - s.createdNanos).toString(), s(s.id),
                        s(s.raw.processId()), c == null ? "" : s(c.id), s(s.prepared.size()), s.raw.tls() ? "yes" : "no"));
            }
        }
        table(List.of("type", "user", "database", "state", "addr", "port", "connect_time", "id", "remote_pid", "client",
                "prepared_statements", "tls"), rows);
    }

    private void config() {
        GatewayConfig c = gateway.config();
        Map<String, String> m = new TreeMap<>();
        m.put("listen_addr", c.listenHost());
        m.put("listen_port", s(c.listenPort()));
        m.put("auth_type", c.authType());
        m.put("auth_file", c.authFile() == null ? "" : c.authFile().toString());
        m.put("auth_user", c.authUser() == null ? "" : c.authUser());
        m.put("auth_query", c.authQuery());
        m.put("auth_dbname", c.authDbname() == null ? "" : c.authDbname());
        m.put("pool_mode", c.poolMode().keyword());
        m.put("default_pool_size", s(c.defaultPoolSize()));
        m.put("min_pool_size", s(c.minPoolSize()));
        m.put("max_client_conn", s(c.maxClientConn()));
        m.put("server_idle_timeout", s(c.serverIdleTimeout().toSeconds()));
        m.put("server_lifetime", s(c.serverLifetime().toSeconds()));
        m.put("query_wait_timeout", s(c.queryWaitTimeout().toSeconds()));
        m.put("server_connect_timeout", s(c.serverConnectTimeout().toSeconds()));
        m.put("max_prepared_statements", s(c.maxPreparedStatements()));
        m.put("io_threads", s(c.ioThreads()));
        m.put("server_reset_query", c.serverResetQuery());
        m.put("admin_users", String.join(",", c.adminUsers()));
        List<List<String>> rows = new ArrayList<>();
        m.forEach((k, v) -> rows.add(List.of(k, v == null ? "" : v)));
        table(List.of("key", "value"), rows);
    }

    private void databases() {
        List<List<String>> rows = new ArrayList<>();
        for (GatewayConfig.DatabaseConfig d : gateway.config().databases().values()) {
            Map<String, String> u = d.upstream();
            rows.add(List.of(d.name(), u.getOrDefault("host", ""), u.getOrDefault("port", "5432"), u.getOrDefault("dbname", ""),
                    u.getOrDefault("user", ""), d.poolSize() == null ? "" : s(d.poolSize()),
                    d.poolMode() == null ? "" : d.poolMode().keyword()));
        }
        table(List.of("name", "host", "port", "database", "force_user", "pool_size", "pool_mode"), rows);
    }

    private List<Pool> sorted() {
        List<Pool> l = new ArrayList<>(gateway.pools());
        l.sort((a, b) -> (a.database + '\0' + a.user).compareTo(b.database + '\0' + b.user));
        return l;
    }

    private void table(List<String> columns, List<List<String>> rows) {
        List<RowDescription.Field> fields = new ArrayList<>();
        for (String c : columns) fields.add(new RowDescription.Field(c, 25, (short) -1));
        channel.write(Frames.encode(channel.alloc(), new RowDescription(fields)));
        for (List<String> r : rows) {
            byte[][] v = new byte[r.size()][];
            for (int i = 0; i < v.length; i++) v[i] = r.get(i).getBytes(StandardCharsets.UTF_8);
            channel.write(Frames.encode(channel.alloc(), new DataRow(v)));
        }
        complete("SHOW");
    }

    private void complete(String tag) {
        channel.write(Frames.commandComplete(channel.alloc(), tag));
    }

    private void ready() {
        channel.write(Frames.readyForQuery(channel.alloc(), (byte) 'I'));
    }

    private static String s(long n) {
        return Long.toString(n);
    }

    private static String host(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() : "unix";
    }

    private static String port(SocketAddress a) {
        return a instanceof InetSocketAddress i ? Integer.toString(i.getPort()) : "0";
    }

    @Override
    public void cancel() {
    }

    @Override
    public void shutdown() {
        channel.close();
    }

    @Override
    public void closed() {
    }
}
