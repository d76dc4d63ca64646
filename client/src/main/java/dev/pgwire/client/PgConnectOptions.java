package dev.pgwire.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to connect, read from a libpq connection string: a URI or key/value pairs, with
 * the {@code PG*} environment variables filling in what the string leaves out, and libpq's
 * defaults after that.
 *
 * <pre>{@code
 * PgConnectOptions a = PgConnectOptions.parse("postgresql://app:secret@db1:5432,db2:5432/shop?sslmode=verify-full&target_session_attrs=read-write");
 * PgConnectOptions b = PgConnectOptions.parse("host=/var/run/postgresql dbname=shop user=app application_name='nightly job'");
 * }</pre>
 *
 * <p>Supported keywords: host, hostaddr, port, dbname, user, password, passfile, connect_timeout,
 * options, application_name, fallback_application_name, client_encoding (UTF8 only), keepalives,
 * sslmode, sslnegotiation, sslrootcert, sslcert, sslkey, sslpassword, sslsni,
 * ssl_min_protocol_version, ssl_max_protocol_version, channel_binding, target_session_attrs,
 * load_balance_hosts, min_protocol_version, max_protocol_version, gssencmode (no GSSAPI: disable or
 * prefer). Keywords that only tune things this client does not do (keepalives_idle,
 * tcp_user_timeout, krbsrvname, …) are accepted and ignored. A keyword that would change security
 * or routing but is not implemented (service, sslcrl, requirepeer, require_auth, replication) is
 * rejected rather than silently ignored. Every bad value raises an {@link IllegalArgumentException}
 * naming the option.
 */
public final class PgConnectOptions {

    /** libpq's {@code sslmode}. */
    public enum SslMode {
        DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether the mode refuses a connection without TLS. */
        public boolean requiresTls() {
            return compareTo(REQUIRE) >= 0;
        }
    }

    /** libpq's {@code sslnegotiation}: an SSLRequest first, or TLS straight away (PostgreSQL 17+). */
    public enum SslNegotiation { POSTGRES, DIRECT }

    /** libpq's {@code channel_binding} for SCRAM-SHA-256-PLUS. */
    public enum ChannelBinding { DISABLE, PREFER, REQUIRE }

    /** libpq's {@code target_session_attrs}: which server of a host list is acceptable. */
    public enum TargetSessionAttrs {
        ANY, READ_WRITE, READ_ONLY, PRIMARY, STANDBY, PREFER_STANDBY;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One entry of the host list. {@code host} is a name, an IP address, or, when it starts with
     * '/', the directory of a Unix socket; {@code hostaddr}, when set, is the numeric address to
     * connect to while {@code host} still names the server for certificate checks.
     */
    public record Host(String host, String hostaddr, int port) {
        public boolean isUnixSocket() {
            return hostaddr == null && host.startsWith("/");
        }

        /** {@code <dir>/.s.PGSQL.<port>} for a Unix socket host. */
        public Path socketFile() {
            return Path.of(host, ".s.PGSQL." + port);
        }

        @Override
        public String toString() {
            return isUnixSocket() ? socketFile().toString()
                    : (hostaddr != null ? host + " (" + hostaddr + ")" : host) + ":" + port;
        }
    }

    /** Protocol versions as the StartupMessage carries them. */
    static final int PROTOCOL_3_0 = 3 << 16;
    static final int PROTOCOL_3_2 = 3 << 16 | 2;

    private final Map<String, String> values;
    private final List<Host> hosts;
    private final String user;
    private final String password;
    private final String database;
    private final Path passfile;
    private final Duration connectTimeout;
    private final String options;
    private final String applicationName;
    private final boolean keepalives;
    private final SslMode sslMode;
    private final SslNegotiation sslNegotiation;
    private final String sslRootCert;
    private final Path sslCert;
    private final Path sslKey;
    private final String sslPassword;
    private final boolean sslSni;
    private final String sslMinProtocolVersion;
    private final String sslMaxProtocolVersion;
    private final ChannelBinding channelBinding;
    private final TargetSessionAttrs targetSessionAttrs;
    private final boolean loadBalanceHosts;
    private final int minProtocolVersion;
    private final int maxProtocolVersion;

    private PgConnectOptions(Map<String, String> v) {
        this.values = Collections.unmodifiableMap(v);
        this.user = v.get("user");
        this.password = v.get("password");
        this.database = v.get("dbname");
        this.passfile = Path.of(v.get("passfile"));
        this.options = v.get("options");
        this.applicationName = v.get("application_name");
        this.connectTimeout = Duration.ofSeconds(nonNegativeInt(v, "connect_timeout"));
        this.keepalives = bool(v, "keepalives");
        this.sslMode = choice(v, "sslmode", SslMode.class);
        this.sslNegotiation = choice(v, "sslnegotiation", SslNegotiation.class);
        this.channelBinding = choice(v, "channel_binding", ChannelBinding.class);
        this.targetSessionAttrs = choice(v, "target_session_attrs", TargetSessionAttrs.class);
        this.sslSni = bool(v, "sslsni");
        this.sslMinProtocolVersion = tlsVersion(v, "ssl_min_protocol_version");
        this.sslMaxProtocolVersion = tlsVersion(v, "ssl_max_protocol_version");
        this.sslRootCert = v.get("sslrootcert");
        this.sslCert = Path.of(v.get("sslcert"));
        this.sslKey = Path.of(v.get("sslkey"));
        this.sslPassword = v.get("sslpassword");
        String lb = v.get("load_balance_hosts");
        if (!lb.equals("disable") && !lb.equals("random")) throw invalidValue("load_balance_hosts", lb);
        this.loadBalanceHosts = lb.equals("random");
        this.minProtocolVersion = protocolVersion(v, "min_protocol_version");
        this.maxProtocolVersion = protocolVersion(v, "max_protocol_version");
        if (minProtocolVersion > maxProtocolVersion) {
            throw new IllegalArgumentException("min_protocol_version \"" + v.get("min_protocol_version")
                    + "\" is greater than max_protocol_version \"" + v.get("max_protocol_version") + "\"");
        }
        this.hosts = hosts(v);
        String encoding = v.get("client_encoding").toUpperCase(Locale.ROOT).replace("-", "");
        if (!encoding.equals("UTF8") && !encoding.equals("UNICODE") && !encoding.equals("AUTO")) {
            throw new IllegalArgumentException("client_encoding \"" + v.get("client_encoding")
                    + "\" is not supported: this client speaks UTF8 only");
        }
        String gss = v.get("gssencmode");
        if (gss.equals("require")) {
            throw new IllegalArgumentException("gssencmode value \"require\" invalid when GSSAPI support is not compiled in");
        }
        if (!gss.equals("disable") && !gss.equals("prefer")) throw invalidValue("gssencmode", gss);
        if (sslNegotiation == SslNegotiation.DIRECT && !sslMode.requiresTls()) {
            throw new IllegalArgumentException("weak sslmode \"" + sslMode.keyword() + "\" may not be used with "
                    + "sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")");
        }
        if ("system".equals(sslRootCert) && sslMode != SslMode.VERIFY_FULL) {
            throw new IllegalArgumentException("weak sslmode \"" + sslMode.keyword()
                    + "\" may not be used with sslrootcert=system (use \"verify-full\")");
        }
    }

    /** Parses a connection string, with the process environment for options it leaves out. */
    public static PgConnectOptions parse(String conninfo) {
        return parse(conninfo, System.getenv());
    }

    /** Parses a connection string with {@code environment} standing in for the process environment. */
    public static PgConnectOptions parse(String conninfo, Map<String, String> environment) {
        return of(ConnInfoParser.parse(Objects.requireNonNull(conninfo, "conninfo")), environment);
    }

    /** Options from keyword/value pairs, as libpq's {@code PQconnectdbParams}. */
    public static PgConnectOptions of(Map<String, String> keywords, Map<String, String> environment) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keywords.entrySet()) {
            String key = e.getKey();
            ConnKeywords.Keyword k = ConnKeywords.find(key);
            if (k == null) throw new IllegalArgumentException("invalid connection option \"" + key + "\"");
            if (k.rejected() && !e.getValue().isEmpty()) {
                throw new IllegalArgumentException("connection option \"" + key + "\" is not supported by this client");
            }
            v.put(key, Objects.requireNonNull(e.getValue(), key));
        }
        Path home = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
        for (ConnKeywords.Keyword k : ConnKeywords.ALL) {
            if (v.containsKey(k.name())) continue;
            String env = k.envVar() == null ? null : environment.get(k.envVar());
            if (env != null) {
                if (k.rejected() && !env.isEmpty()) {
                    throw new IllegalArgumentException("connection option \"" + k.name() + "\" (from " + k.envVar()
                            + ") is not supported by this client");
                }
                v.put(k.name(), env);
            }
        }
        applyDefaults(v, home);
        return new PgConnectOptions(v);
    }

    /** A copy with one option changed, checked as in {@link #parse}. */
    public PgConnectOptions with(String keyword, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put(keyword, value);
        return of(v, Map.of());
    }

    private static void applyDefaults(Map<String, String> v, Path home) {
        v.putIfAbsent("user", System.getProperty("user.name"));
        if (v.getOrDefault("dbname", "").isEmpty()) v.put("dbname", v.get("user"));
        v.putIfAbsent("passfile", home.resolve(".pgpass").toString());
        v.putIfAbsent("connect_timeout", "0");
        v.putIfAbsent("client_encoding", "UTF8");
        v.putIfAbsent("keepalives", "1");
        v.putIfAbsent("sslmode", "prefer");
        v.putIfAbsent("sslnegotiation", "postgres");
        v.putIfAbsent("sslsni", "1");
        v.putIfAbsent("channel_binding", "prefer");
        v.putIfAbsent("target_session_attrs", "any");
        v.putIfAbsent("load_balance_hosts", "disable");
        v.putIfAbsent("min_protocol_version", "3.0");
        v.putIfAbsent("max_protocol_version", "3.0");
        v.putIfAbsent("gssencmode", "disable");
        v.putIfAbsent("sslrootcert", home.resolve(".postgresql/root.crt").toString());
        v.putIfAbsent("sslcert", home.resolve(".postgresql/postgresql.crt").toString());
        v.putIfAbsent("sslkey", home.resolve(".postgresql/postgresql.key").toString());
        if (v.getOrDefault("application_name", "").isEmpty() && v.containsKey("fallback_application_name")) {
            v.put("application_name", v.get("fallback_application_name"));
        }
    }

    private static List<Host> hosts(Map<String, String> v) {
        List<String> names = split(v.getOrDefault("host", ""));
        List<String> addrs = v.containsKey("hostaddr") ? split(v.get("hostaddr")) : null;
        List<String> ports = split(v.getOrDefault("port", ""));
        int n = Math.max(names.size(), addrs == null ? 0 : addrs.size());
        if (addrs != null && names.size() > 1 && addrs.size() != names.size()) {
            throw new IllegalArgumentException("could not match " + names.size() + " host names to " + addrs.size()
                    + " hostaddr values");
        }
        if (ports.size() != 1 && ports.size() != n) {
            throw new IllegalArgumentException("could not match " + ports.size() + " port numbers to " + n + " hosts");
        }
        List<Host> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String addr = addrs == null || addrs.get(i).isEmpty() ? null : addrs.get(i);
            String name = names.size() == 1 ? names.get(0) : names.get(i);
            if (name.isEmpty()) name = addr != null ? addr : defaultHost();
            String p = ports.get(ports.size() == 1 ? 0 : i);
            out.add(new Host(name, addr, p.isEmpty() ? 5432 : port(p)));
        }
        return List.copyOf(out);
    }

    /** libpq's compiled-in default: the Unix socket directory (Debian's, else upstream's /tmp). */
    static String defaultHost() {
        return Files.isDirectory(Path.of("/var/run/postgresql")) ? "/var/run/postgresql" : "/tmp";
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            if (i == list.length() || list.charAt(i) == ',') {
                out.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        return out;
    }

    private static int port(String p) {
        int port;
        try {
            port = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid integer value \"" + p + "\" for connection option \"port\"");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("invalid port number: \"" + p + "\"");
        return port;
    }

    private static int nonNegativeInt(Map<String, String> v, String key) {
        String s = v.get(key).trim();
        try {
            int n = Integer.parseInt(s);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid integer value \"" + v.get(key) + "\" for connection option \"" + key + "\"");
    }

    private static boolean bool(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s.equals("1")) return true;
        if (s.equals("0")) return false;
        throw invalidValue(key, s);
    }

    private static <E extends Enum<E>> E choice(Map<String, String> v, String key, Class<E> type) {
        String s = v.get(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(s)) return e;
        }
        throw invalidValue(key, s);
    }

    private static String tlsVersion(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null || s.isEmpty()) return null;
        return switch (s) {
            case "TLSv1.2", "TLSv1.3" -> s;
            case "TLSv1", "TLSv1.1" -> throw new IllegalArgumentException(key + " \"" + s
                    + "\" is not supported: TLS 1.2 is the oldest this client speaks");
            default -> throw invalidValue(key, s);
        };
    }

    private static int protocolVersion(Map<String, String> v, String key) {
        String s = v.get(key);
        return switch (s) {
            case "3.0" -> PROTOCOL_3_0;
            case "3.2", "latest" -> PROTOCOL_3_2;
            default -> throw invalidValue(key, s);
        };
    }

    private static IllegalArgumentException invalidValue(String key, String value) {
        return new IllegalArgumentException("invalid " + key + " value: \"" + value + "\"");
    }

    // ---- accessors ---------------------------------------------------------------------------

    /** The hosts to try, in order (shuffled per connection attempt when {@link #loadBalanceHosts()}). */
    public List<Host> hosts() { return hosts; }
    public String user() { return user; }
    /** The password given in the string or PGPASSWORD; null if none (the password file may supply one). */
    public String password() { return password; }
    public String database() { return database; }
    public Path passfile() { return passfile; }
    /** Per-host connection timeout; zero means none beyond the operating system's. */
    public Duration connectTimeout() { return connectTimeout; }
    public String options() { return options; }
    public String applicationName() { return applicationName; }
    public boolean keepalives() { return keepalives; }
    public SslMode sslMode() { return sslMode; }
    public SslNegotiation sslNegotiation() { return sslNegotiation; }
    /** A PEM file of trusted CA certificates, or {@code system} for the JDK's trusted roots. */
    public String sslRootCert() { return sslRootCert; }
    public Path sslCert() { return sslCert; }
    public Path sslKey() { return sslKey; }
    public String sslPassword() { return sslPassword; }
    public boolean sslSni() { return sslSni; }
    public String sslMinProtocolVersion() { return sslMinProtocolVersion; }
    public String sslMaxProtocolVersion() { return sslMaxProtocolVersion; }
    public ChannelBinding channelBinding() { return channelBinding; }
    public TargetSessionAttrs targetSessionAttrs() { return targetSessionAttrs; }
    public boolean loadBalanceHosts() { return loadBalanceHosts; }
    int minProtocolVersion() { return minProtocolVersion; }
    int maxProtocolVersion() { return maxProtocolVersion; }

    /** The value of any keyword after environment and defaults, or null. */
    public String get(String keyword) {
        return values.get(keyword);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, val) -> {
            if (b.length() > 0) b.append(' ');
            b.append(k).append('=').append(k.equals("password") || k.equals("sslpassword") ? "********" : quote(val));
        });
        return b.toString();
    }

    private static String quote(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '\\')) return value;
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
