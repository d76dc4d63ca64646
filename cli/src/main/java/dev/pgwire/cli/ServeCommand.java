package dev.pgwire.cli;

import dev.pgwire.serve.DuckDbSessionFactory;
import dev.pgwire.serve.ServeOptions;
import dev.pgwire.serve.sql.PgParser;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pgwire serve}: a DuckDB database behind a PostgreSQL wire-protocol server. Runs until
 * SIGTERM or SIGINT, then shuts down gracefully: in-flight queries get {@link #SHUTDOWN_DEADLINE}
 * to finish, then the database is closed.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Serve a DuckDB database over the PostgreSQL wire protocol.",
                "",
                "Without --auth or --hba-file, connections over loopback and the Unix socket are trusted"
                        + " and all others rejected. Listening on any other address needs passwords:"
                        + " --auth scram-sha-256 with --password-file or --credentials-file.",
                ""})
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(10);
    static final Path DEFAULT_DATA_DIR = Path.of("pgwire-data");
    static final String DEFAULT_USER = "postgres";
    private static final Set<AuthMethod> PASSWORD_METHODS =
            EnumSet.of(AuthMethod.PASSWORD, AuthMethod.MD5, AuthMethod.SCRAM_SHA_256);

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on; * or 0.0.0.0 for every IPv4 interface (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5432",
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--socket-dir", paramLabel = "DIR",
            description = "Also listen on the Unix socket DIR/.s.PGSQL.<port> (default: none).")
    Path socketDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the DuckDB database, created if missing (default: ./pgwire-data).")
    Path dataDir;

    @Option(names = "--in-memory", description = "Keep the database in memory only; it is gone at exit.")
    boolean inMemory;

    @Option(names = "--create-databases-on-connect",
            description = "Create a database when a client connects to one that does not exist"
                    + " (default: only CREATE DATABASE creates one; a fresh data directory has postgres).")
    boolean createDatabasesOnConnect;

    @Option(names = "--max-databases", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_MAX_DATABASES,
            description = "Databases allowed to exist at once (default: ${DEFAULT-VALUE}).")
    int maxDatabases;

    @Option(names = "--idle-close", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10min",
            description = "How long a database's engine stays open after its last session ends (default: ${DEFAULT-VALUE};"
                    + " 0 closes it at once). Opening it again builds its catalog anew.")
    Duration idleClose;

    @Option(names = "--idle-engines", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_IDLE_ENGINES,
            description = "Engines of databases without sessions kept open at most; beyond that the one idle longest"
                    + " closes at once (default: ${DEFAULT-VALUE}).")
    int idleEngines;

    @Option(names = "--allow-external-access",
            description = "Let SQL read and write server files, reach the network and load installed extensions"
                    + " (DuckDB's read_csv, COPY ... TO 'file', ATTACH, LOAD). Every client then has the power of the"
                    + " server's operating-system user: use only where all clients are trusted. (default: off)")
    boolean allowExternalAccess;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain; enables TLS (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-required", description = "Refuse TCP connections that do not use TLS.")
    boolean tlsRequired;

    @Option(names = "--auth", paramLabel = "METHOD", converter = AuthMethodConverter.class,
            description = "Authentication of every connection: trust, password, md5 or scram-sha-256"
                    + " (default: trust on loopback and the Unix socket, reject others).")
    AuthMethod auth;

    @Option(names = "--user", paramLabel = "NAME",
            description = "User whose password --password-file holds (default: " + DEFAULT_USER + ").")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of --user; kept in memory only as SCRAM and md5 verifiers.")
    Path passwordFile;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Users and password verifiers, as written by 'pgwire user add'.")
    Path credentialsFile;

    @Option(names = "--hba-file", paramLabel = "FILE",
            description = "pg_hba.conf-style rules choosing the method per connection; overrides --auth.")
    Path hbaFile;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "100",
            description = "Sessions allowed at once (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-session-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Close sessions idle this long, e.g. 30s, 5m, 1h (default: never).")
    Duration idleSessionTimeout;

    @Option(names = "--auth-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "Time a client has to complete startup and authentication (default: ${DEFAULT-VALUE}).")
    Duration authTimeout;

    private final CompletableFuture<PgServer> started = new CompletableFuture<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        try {
            logging.apply();
            ServeSetup setup = ServeSetup.prepare(this);
            DuckDbSessionFactory factory = openDatabase();
            PgServer server = listen(setup, factory);
            PrintWriter out = spec.commandLine().getOut();
            out.println("pgwire serve listening on " + describeListeners(server) + " (data: " + describeData() + ")");
            out.flush();
            Thread hook = new Thread(this::stop, "pgwire-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            started.complete(server);
            try {
                stopRequested.await();
            } finally {
                shutdown(server, factory);
                removeHook(hook);
            }
            return 0;
        } catch (RuntimeException | InterruptedException e) {
            started.completeExceptionally(e);
            throw e;
        } finally {
            terminated.countDown();
        }
    }

    /** Completes with the running server once it listens, or exceptionally if it cannot start. */
    CompletableFuture<PgServer> started() {
        return started;
    }

    /**
     * Asks a running {@code serve} to shut down and waits until it has (the shutdown hook's
     * job, also handy in tests). Returns at once if the command already ended.
     */
    void stop() {
        stopRequested.countDown();
        try {
            terminated.await(SHUTDOWN_DEADLINE.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DuckDbSessionFactory openDatabase() {
        try {
            PgParser.ensureAvailable();
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage(), e);
        }
        Path dir = inMemory ? null : dataDirectory();
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new CliException("cannot create data directory " + dir + ": " + describe(e));
            }
        }
        try {
            return new DuckDbSessionFactory(serveOptions(dir));
        } catch (RuntimeException e) {
            throw new CliException("cannot open the database in " + (dir == null ? "memory" : dir) + ": " + e.getMessage(), e);
        }
    }

    ServeOptions serveOptions(Path dir) {
        if (maxDatabases < 1) throw new CliException("--max-databases must be at least 1, not " + maxDatabases);
        if (idleEngines < 0) throw new CliException("--idle-engines must not be negative, not " + idleEngines);
        return ServeOptions.inDirectory(dir)
                .withCreateDatabasesOnConnect(createDatabasesOnConnect)
                .withExternalAccess(allowExternalAccess)
                .withMaxDatabases(maxDatabases)
                .withIdleClose(idleClose)
                .withIdleEngines(idleEngines);
    }

    private PgServer listen(ServeSetup setup, DuckDbSessionFactory factory) {
        try {
            setup.ensureRoles(factory.roles());
            return setup.builder(factory.roles()).sessionFactory(factory).start();
        } catch (IOException e) {
            closeQuietly(factory);
            String where = Hosts.withPort(listenHost(), port);
            if (causes(e, BindException.class) || messages(e).contains("Address already in use")) {
                throw new CliException("cannot listen on " + where
                        + ": the address is already in use (is another server running? choose another --port)", e);
            }
            throw new CliException("cannot listen on " + where + ": " + messages(e), e);
        } catch (CliException e) {
            closeQuietly(factory);
            throw e;
        } catch (RuntimeException e) {
            // e.g. a certificate or key that does not parse
            closeQuietly(factory);
            throw new CliException("cannot start the server: " + messages(e), e);
        }
    }

    private void shutdown(PgServer server, DuckDbSessionFactory factory) {
        log.info("shutting down (in-flight queries get up to {}s)", SHUTDOWN_DEADLINE.toSeconds());
        try {
            server.shutdown(SHUTDOWN_DEADLINE);
        } finally {
            closeQuietly(factory);
        }
        log.info("stopped");
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook itself asked us to stop; the JVM exits when it returns
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("closing the database failed: {}", e.toString());
        }
    }

    /** The host to bind: PostgreSQL's listen_addresses spelling {@code *} means every IPv4 interface. */
    String listenHost() {
        String h = Hosts.unbracket(host.trim());
        return h.equals("*") ? "0.0.0.0" : h;
    }

    Path dataDirectory() {
        return dataDir != null ? dataDir : DEFAULT_DATA_DIR;
    }

    boolean usesPasswords() {
        return auth != null && PASSWORD_METHODS.contains(auth);
    }

    static boolean isPasswordMethod(AuthMethod method) {
        return PASSWORD_METHODS.contains(method);
    }

    private String describeListeners(PgServer server) {
        String tcp = Hosts.withPort(listenHost(), server.port());
        return server.unixSocket() == null ? tcp : tcp + " and " + server.unixSocket();
    }

    private String describeData() {
        if (inMemory) return "in-memory";
        return dataDir != null ? dataDir.toString() : "./" + DEFAULT_DATA_DIR;
    }

    private static boolean causes(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    /** The messages of an exception and its causes, without repeats: wrappers often add context. */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || sb.indexOf(m) >= 0) continue;
            if (sb.length() > 0) sb.append(": ");
            sb.append(m);
        }
        return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString();
    }

    static String describe(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return e.getMessage() == null ? name.toLowerCase() : name.toLowerCase() + ": " + e.getMessage();
    }

    /** {@code --auth}: the methods that make sense for every connection at once. */
    static final class AuthMethodConverter implements ITypeConverter<AuthMethod> {
        @Override
        public AuthMethod convert(String value) {
            try {
                AuthMethod m = AuthMethod.parse(value);
                if (m == AuthMethod.TRUST || PASSWORD_METHODS.contains(m)) return m;
            } catch (IllegalArgumentException e) {
                // fall through to the message naming the choices
            }
            throw new TypeConversionException("'" + value + "' is not a method; use trust, password, md5 or scram-sha-256");
        }
    }
}
