package dev.pgwire.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the gateway's configuration file, in PgBouncer's INI format:
 * <pre>
 * [databases]
 * shop = host=127.0.0.1 port=5432 dbname=shop user=app pool_size=20
 * *    = host=127.0.0.1 port=5432            ; any other name: the same-named database
 *
 * [users]
 * reporting = pool_mode=session
 *
 * [pgwire]                                  ; [pgbouncer] is read the same way
 * listen_addr = 127.0.0.1
 * listen_port = 6432
 * auth_type = scram-sha-256
 * auth_file = users.txt
 * pool_mode = transaction
 * default_pool_size = 20
 * </pre>
 * Durations are seconds, or a number with a unit (500ms, 30s, 5min, 1h). Unknown settings are
 * errors naming the line, so a typo never passes silently.
 */
public final class IniConfig {
    private IniConfig() {}

    public static GatewayConfig load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static GatewayConfig parse(String text, Path file) {
        GatewayConfig.Builder b = GatewayConfig.builder().source(file);
        Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of(".") : file.toAbsolutePath().getParent();
        String section = "";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) continue;
            String where = (file == null ? "config" : file.toString()) + ":" + (i + 1) + ": ";
            try {
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                    if (!List.of("databases", "users", "pgwire", "pgbouncer").contains(section)) {
                        throw new IllegalArgumentException("unknown section [" + section + "]");
                    }
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("expected key = value");
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                switch (section) {
                    case "databases" -> b.database(unquote(key), keywords(value));
                    case "users" -> {
                        String mode = keywords(value).get("pool_mode");
                        if (mode != null) b.userPoolMode(unquote(key), PoolMode.parse(mode));
                    }
                    case "pgwire", "pgbouncer" -> setting(b, key.toLowerCase(Locale.ROOT), unquote(value), base);
                    default -> throw new IllegalArgumentException("setting outside a section");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return b.build();
    }

    private static void setting(GatewayConfig.Builder b, String key, String v, Path base) {
        switch (key) {
            case "listen_addr" -> b.listenHost = v.equals("*") ? "0.0.0.0" : v;
            case "listen_port" -> b.listenPort = integer(key, v);
            case "unix_socket_dir" -> b.unixSocketDir = v.isEmpty() ? null : base.resolve(v);
            case "auth_type" -> b.authType = v.toLowerCase(Locale.ROOT);
            case "auth_file" -> b.authFile = base.resolve(v);
            case "auth_hba_file" -> b.hbaFile = base.resolve(v);
            case "admin_users" -> b.adminUsers = list(v);
            case "auth_user" -> b.authUser = v;
            case "auth_query" -> b.authQuery = v;
            case "auth_dbname" -> b.authDbname = v;
            case "client_tls_cert_file" -> b.tlsCert = base.resolve(v);
            case "client_tls_key_file" -> b.tlsKey = base.resolve(v);
            case "pool_mode" -> b.poolMode = PoolMode.parse(v);
            case "default_pool_size" -> b.defaultPoolSize = integer(key, v);
            case "min_pool_size" -> b.minPoolSize = integer(key, v);
            case "max_client_conn" -> b.maxClientConn = integer(key, v);
            case "server_idle_timeout" -> b.serverIdleTimeout = duration(key, v);
            case "server_lifetime" -> b.serverLifetime = duration(key, v);
            case "query_wait_timeout" -> b.queryWaitTimeout = duration(key, v);
            case "server_connect_timeout" -> b.serverConnectTimeout = duration(key, v);
            case "max_prepared_statements" -> b.maxPreparedStatements = integer(key, v);
            case "io_threads" -> b.ioThreads = integer(key, v);
            case "tcp_defer_accept" -> b.tcpDeferAccept = bool(key, v);
            case "so_reuseport" -> b.soReuseport = bool(key, v);
            case "server_reset_query" -> b.serverResetQuery = v;
            case "metrics_listen" -> {
                int colon = v.lastIndexOf(':');
                if (colon <= 0) throw new IllegalArgumentException("metrics_listen must be HOST:PORT");
                b.metricsHost = v.substring(0, colon);
                b.metricsPort = integer(key, v.substring(colon + 1));
            }
            case "logfile", "pidfile", "stats_users", "ignore_startup_parameters", "server_round_robin" -> { }
            default -> throw new IllegalArgumentException("unknown setting " + key);
        }
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') quoted = !quoted;
            if (!quoted && (c == ';' || c == '#')) return line.substring(0, i);
        }
        return line;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static java.util.Set<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static int integer(String key, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not \"" + v + "\"");
        }
    }

    /** PgBouncer's booleans: 1, 0 (and true, false, yes, no, on, off). */
    static boolean bool(String key, String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be 1 or 0, not \"" + v + "\"");
        };
    }

    /** Seconds, or a number with ms, s, min or h. */
    static Duration duration(String key, String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            if (s.endsWith("min")) return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 3).strip()));
            if (s.endsWith("s")) return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).strip()));
            if (s.endsWith("h")) return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1).strip()));
            return Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a duration (seconds, or 500ms, 30s, 5min, 1h), not \"" + v + "\"");
        }
    }

    /** libpq-style {@code key=value key='quoted value'} pairs. */
    static Map<String, String> keywords(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n) break;
            int eq = s.indexOf('=', i);
            if (eq < 0) throw new IllegalArgumentException("expected key=value in \"" + s + "\"");
            String key = s.substring(i, eq).strip();
            i = eq + 1;
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                while (i < n && s.charAt(i) != '\'') {
                    if (s.charAt(i) == '\\' && i + 1 < n) i++;
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) v.append(s.charAt(i++));
            }
            out.put(key, v.toString());
        }
        return out;
    }

    /** The libpq keywords of a {@code postgresql://} URI (user, password, host, port, dbname, query parameters). */
    static Map<String, String> uriKeywords(String uri) {
        if (!uri.startsWith("postgresql://") && !uri.startsWith("postgres://")) {
            return keywords(uri); // key=value form
        }
        URI u = URI.create(uri.replaceFirst("^postgres(ql)?://", "pg://"));
        Map<String, String> k = new LinkedHashMap<>();
        if (u.getRawUserInfo() != null) {
            String[] up = u.getRawUserInfo().split(":", 2);
            if (!up[0].isEmpty()) k.put("user", decode(up[0]));
            if (up.length > 1) k.put("password", decode(up[1]));
        }
        if (u.getHost() != null) k.put("host", u.getHost());
        if (u.getPort() > 0) k.put("port", Integer.toString(u.getPort()));
        String path = u.getRawPath();
        if (path != null && path.length() > 1) k.put("dbname", decode(path.substring(1)));
        if (u.getRawQuery() != null) {
            for (String pair : u.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) k.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return k;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
