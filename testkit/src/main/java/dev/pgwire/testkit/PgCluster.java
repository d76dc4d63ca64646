package dev.pgwire.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL 15 cluster in a fresh temporary directory, listening on 127.0.0.1 and on
 * a Unix socket inside that directory.
 *
 * <p>Host connections authenticate with the configured {@link AuthMethod}; Unix-socket connections
 * are always trusted so the kit itself ({@link #psql}, {@link #createUser}) works whatever the host
 * rules are. When the JVM runs as root, initdb and pg_ctl run as the {@code postgres} system user
 * (initdb refuses root), and the directory is handed to that user.
 *
 * <pre>{@code
 * TlsCerts certs = TlsCerts.generate(tmp.resolve("tls"), "alice");
 * try (PgCluster pg = PgCluster.builder()
 *         .superuser("postgres", "secret")
 *         .auth(PgCluster.AuthMethod.SCRAM_SHA_256)
 *         .tls(certs)
 *         .requireTls(true)
 *         .setting("max_connections", "20")
 *         .start()) {
 *     pg.createUser("alice", "pw");
 *     String url = pg.jdbcUrl("postgres") + "?sslmode=verify-full&sslrootcert=" + certs.caCert();
 * }
 * }</pre>
 */
public final class PgCluster implements AutoCloseable {

    /** Where the PostgreSQL 15 server binaries live on Debian. */
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    /** How host (TCP) connections authenticate: the pg_hba.conf method. */
    public enum AuthMethod {
        TRUST("trust"),
        /** Clear-text password (works with either stored password form). */
        PASSWORD("password"),
        /** MD5 challenge; passwords are stored as md5 hashes ({@code password_encryption = md5}). */
        MD5("md5"),
        SCRAM_SHA_256("scram-sha-256"),
        /** Client certificate whose CN is the user name; needs TLS with a CA file, implies hostssl. */
        CERT("cert");

        private final String hbaName;

        AuthMethod(String hbaName) {
            this.hbaName = hbaName;
        }

        public String hbaName() {
            return hbaName;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PgCluster.class);
    private static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;
    private static final Duration PG_CTL_WAIT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final String SYSTEM_USER = "postgres";

    private static final Set<PgCluster> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // A test run that ends without closing its clusters must not leave postmasters behind.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> List.copyOf(RUNNING).forEach(PgCluster::stopQuietly), "pgcluster-shutdown"));
    }

    private final Path dir;
    private final Path dataDir;
    private final Path socketDir;
    private final Path logFile;
    private final boolean asSystemUser;
    private final String superuser;
    private final String password;
    private final AuthMethod auth;
    private final boolean tls;
    private int port;
    private boolean running;

    private PgCluster(Builder b, Path dir, boolean asSystemUser) {
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.socketDir = dir.resolve("run");
        this.logFile = dir.resolve("server.log");
        this.asSystemUser = asSystemUser;
        this.superuser = b.superuser;
        this.password = b.password;
        this.auth = b.auth;
        this.tls = b.tlsCert != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a cluster with the defaults: superuser postgres/postgres, scram-sha-256, no TLS. */
    public static PgCluster start() {
        return builder().start();
    }

    /** Options of a cluster to start. */
    public static final class Builder {
        private String superuser = "postgres";
        private String password = "postgres";
        private AuthMethod auth = AuthMethod.SCRAM_SHA_256;
        private Path tlsCert;
        private Path tlsKey;
        private Path tlsCa;
        private boolean requireTls;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder superuser(String name, String password) {
            this.superuser = Objects.requireNonNull(name);
            this.password = Objects.requireNonNull(password);
            return this;
        }

        public Builder auth(AuthMethod method) {
            this.auth = Objects.requireNonNull(method);
            return this;
        }

        /** Turns on {@code ssl}; {@code ca} (may be null) becomes {@code ssl_ca_file} for client certificates. */
        public Builder tls(Path cert, Path key, Path ca) {
            this.tlsCert = Objects.requireNonNull(cert);
            this.tlsKey = Objects.requireNonNull(key);
            this.tlsCa = ca;
            return this;
        }

        /** Turns on {@code ssl} with the server certificate, key and CA of {@code certs}. */
        public Builder tls(TlsCerts certs) {
            return tls(certs.serverCert(), certs.serverKey(), certs.caCert());
        }

        /** When true, host connections must use TLS ({@code hostssl} lines only). */
        public Builder requireTls(boolean require) {
            this.requireTls = require;
            return this;
        }

        /** Adds a postgresql.conf setting; applied after, and so overriding, the kit's own. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** Creates, starts and returns the cluster; on failure everything is cleaned up. */
        public PgCluster start() {
            if ((requireTls || auth == AuthMethod.CERT) && tlsCert == null) {
                throw new IllegalStateException("TLS is required but no certificate was configured");
            }
            if (auth == AuthMethod.CERT && tlsCa == null) {
                throw new IllegalStateException("cert authentication needs a CA file");
            }
            Path dir;
            try {
                dir = Files.createTempDirectory("pgwire-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PgCluster cluster = new PgCluster(this, dir, runningAsRoot());
            try {
                cluster.create(this);
                cluster.startServer();
                cluster.psql("ALTER ROLE " + quoteIdent(superuser) + " PASSWORD " + quoteLiteral(password));
                return cluster;
            } catch (RuntimeException | Error e) {
                cluster.stopQuietly();
                throw e;
            }
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The directory holding the server's Unix socket (use as libpq {@code host}). */
    public Path socketDir() {
        return socketDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String superuser() {
        return superuser;
    }

    public String password() {
        return password;
    }

    public AuthMethod auth() {
        return auth;
    }

    public boolean tls() {
        return tls;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<db>}, without user, password or TLS parameters. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** A libpq key/value conninfo for the superuser over TCP, e.g. for psql or the client scripts. */
    public String conninfo(String database) {
        return "host=" + HOST + " port=" + port + " dbname=" + conninfoValue(database)
                + " user=" + conninfoValue(superuser) + " password=" + conninfoValue(password);
    }

    /** Creates a login role; a null password creates it without one. */
    public void createUser(String name, String userPassword) {
        psql("CREATE ROLE " + quoteIdent(name) + " LOGIN"
                + (userPassword == null ? "" : " PASSWORD " + quoteLiteral(userPassword)));
    }

    public void createDatabase(String name, String owner) {
        psql("CREATE DATABASE " + quoteIdent(name) + " OWNER " + quoteIdent(owner));
    }

    /**
     * Runs SQL (any number of statements, psql meta-commands allowed) in database postgres as the
     * superuser over the Unix socket, stopping at the first error. Returns psql's unaligned,
     * tuples-only output: one line per row, columns separated by {@code |}.
     */
    public String psql(String sql) {
        return psql("postgres", sql);
    }

    /** As {@link #psql(String)} in the given database. */
    public String psql(String database, String sql) {
        List<String> command = List.of(BIN.resolve("psql").toString(), "-X", "-w", "-q", "-A", "-t",
                "-v", "ON_ERROR_STOP=1", "-h", socketDir.toString(), "-p", Integer.toString(port),
                "-U", superuser, "-d", database);
        ExternalProcess.Result result = ExternalProcess.command(command).stdin(sql)
                .timeout(COMMAND_TIMEOUT).run();
        if (!result.succeeded()) {
            throw new ExternalProcess.Failed("psql failed on: " + sql
                    + ExternalProcess.describeOutput(result.stdout(), result.stderr()), result);
        }
        return result.stdout();
    }

    /** The server log so far (empty when it does not exist yet). */
    public String serverLog() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** Stops the server immediately and deletes its directory. Safe to call more than once. */
    public synchronized void stop() {
        if (running) {
            running = false;
            RUNNING.remove(this);
            ExternalProcess.Result result = null;
            try {
                result = ExternalProcess.command(asPostgres(BIN.resolve("pg_ctl").toString(), "-D",
                        dataDir.toString(), "-m", "immediate", "-w", "stop"))
                        .workDir(dir).timeout(COMMAND_TIMEOUT).run();
            } catch (RuntimeException e) {
                log.warn("pg_ctl stop failed for {}", dataDir, e);
            }
            if (result == null || !result.succeeded()) {
                killPostmaster();
            }
        }
        deleteRecursively(dir);
    }

    /**
     * {@code pg_ctl restart -m fast} on the same port: sessions are terminated (FATAL 57P01),
     * the server comes back with the same data. Returns once it accepts connections again.
     */
    public synchronized void restartFast() {
        if (!running) throw new IllegalStateException("not running");
        run("pg_ctl restart", BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", logFile.toString(),
                "-m", "fast", "-w", "-t", Long.toString(PG_CTL_WAIT.toSeconds()), "-o", "-p " + port, "restart");
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "PgCluster[" + HOST + ":" + port + ", " + dataDir + "]";
    }

    private void create(Builder b) {
        try {
            Files.createDirectories(socketDir);
            Map<String, String> conf = new LinkedHashMap<>();
            conf.put("listen_addresses", HOST);
            conf.put("unix_socket_directories", socketDir.toString());
            // A throwaway cluster needs no durability; this makes initdb-to-ready much faster.
            conf.put("fsync", "off");
            conf.put("synchronous_commit", "off");
            conf.put("full_page_writes", "off");
            conf.put("password_encryption", auth == AuthMethod.MD5 ? "md5" : "scram-sha-256");
            if (tls) {
                Path tlsDir = Files.createDirectories(dir.resolve("tls"));
                conf.put("ssl", "on");
                conf.put("ssl_cert_file", copy(b.tlsCert, tlsDir.resolve("server.crt"), "rw-r--r--").toString());
                conf.put("ssl_key_file", copy(b.tlsKey, tlsDir.resolve("server.key"), "rw-------").toString());
                if (b.tlsCa != null) {
                    conf.put("ssl_ca_file", copy(b.tlsCa, tlsDir.resolve("ca.crt"), "rw-r--r--").toString());
                }
            }
            conf.putAll(b.settings);
            if (asSystemUser) {
                chownRecursively(dir);
            }

            run("initdb", BIN.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", superuser,
                    "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions");

            StringBuilder text = new StringBuilder("\n# pgwire testkit\n");
            conf.forEach((k, v) -> text.append(k).append(" = ").append(quoteConf(v)).append('\n'));
            // Appending to files initdb created keeps their owner, so no chown is needed afterwards.
            Files.writeString(dataDir.resolve("postgresql.conf"), text, StandardOpenOption.APPEND);
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba(b), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare cluster in " + dir, e);
        }
    }

    private String hba(Builder b) {
        boolean sslOnly = b.requireTls || auth == AuthMethod.CERT;
        String type = sslOnly ? "hostssl" : "host";
        return "# TYPE  DATABASE USER ADDRESS METHOD\n"
                + "local all all trust\n"
                + type + " all all 127.0.0.1/32 " + auth.hbaName() + "\n"
                + type + " all all ::1/128 " + auth.hbaName() + "\n";
    }

    private void startServer() {
        for (int attempt = 1; ; attempt++) {
            port = FreePort.find();
            try {
                // A fresh log per attempt, so the failure report shows only this attempt.
                Files.deleteIfExists(logFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ExternalProcess.Result result;
            try {
                result = ExternalProcess.command(asPostgres(BIN.resolve("pg_ctl").toString(),
                                "-D", dataDir.toString(), "-l", logFile.toString(), "-w",
                                "-t", Long.toString(PG_CTL_WAIT.toSeconds()), "-o", "-p " + port, "start"))
                        .workDir(dir).timeout(PG_CTL_WAIT.plusSeconds(30)).run();
            } catch (ExternalProcess.TimedOut e) {
                throw new IllegalStateException("pg_ctl start timed out: " + e.getMessage() + serverLogSection(), e);
            }
            if (result.succeeded()) {
                running = true;
                RUNNING.add(this);
                return;
            }
            String serverLog = serverLog();
            // Another process may have taken the port between FreePort.find() and the bind.
            boolean portTaken = serverLog.contains("could not bind") || serverLog.contains("already in use");
            if (!portTaken || attempt == START_ATTEMPTS) {
                throw new IllegalStateException("PostgreSQL did not start on port " + port
                        + ExternalProcess.describeOutput(result.stdout(), result.stderr()) + serverLogSection());
            }
            killPostmaster();
        }
    }

    private String serverLogSection() {
        return "\n--- server log " + logFile + " ---\n" + serverLog().strip();
    }

    private void run(String what, String... command) {
        ExternalProcess.command(asPostgres(command)).workDir(dir).timeout(COMMAND_TIMEOUT).run().requireSuccess(what);
    }

    private List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (asSystemUser) {
            full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private Path copy(Path from, Path to, String mode) throws IOException {
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(mode));
        return to;
    }

    private void killPostmaster() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(ExternalProcess::killTree);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot kill postmaster of {}", dataDir, e);
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            log.warn("cannot stop {}", this, e);
        }
    }

    private static void chownRecursively(Path root) throws IOException {
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(SYSTEM_USER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(SYSTEM_USER);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Files vanishing while we walk (a dying backend's temp files) are fine.
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete {}", root, e);
        }
    }

    static boolean runningAsRoot() {
        try {
            // /proc/self belongs to the effective uid of this process.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String quoteConf(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Quotes a libpq conninfo value when it is empty or contains spaces, quotes or backslashes. */
    public static String conninfoValue(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '\\')) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
