package dev.pgwire.compat;

import dev.pgwire.serve.DuckDbSessionFactory;
import dev.pgwire.serve.ServeOptions;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.testkit.PgCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two servers every compat test talks to, started once per test JVM and shared by all classes:
 * serve (in this JVM, DuckDB files in a temporary directory, databases created on first connect)
 * and a throwaway PostgreSQL 15 cluster. Both authenticate user {@value #USER} with password
 * {@value #PASSWORD} by SCRAM-SHA-256 over TCP. serve's errors are noted with their SQL in
 * {@link ServeErrors}. Each test class works in databases of its own,
 * made with {@link #database}.
 */
public final class Servers {
    public static final String SERVE = "serve";
    public static final String POSTGRES = "postgres";
    public static final String USER = "postgres";
    public static final String PASSWORD = "compat pw";

    private static Target serve;
    private static Target postgres;
    private static PgCluster cluster;
    private static final Set<String> pgDatabases = ConcurrentHashMap.newKeySet();

    private Servers() {
    }

    public static synchronized Target serve() {
        if (serve == null) {
            try {
                Path dir = Files.createTempDirectory("pgwire-compat-serve-");
                DuckDbSessionFactory engine = new DuckDbSessionFactory(
                        ServeOptions.inDirectory(dir).withCreateDatabasesOnConnect(true));
                PgServer server = PgServer.builder().host("127.0.0.1").port(0)
                        .auth(AuthConfig.all(AuthMethod.SCRAM_SHA_256))
                        .credentials(new InMemoryCredentialStore().addPassword(USER, PASSWORD))
                        .sessionFactory(ServeErrors.recording(engine)).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    engine.close();
                    deleteRecursively(dir);
                }, "compat-serve-shutdown"));
                serve = new Target(SERVE, "127.0.0.1", server.port(), USER, PASSWORD);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return serve;
    }

    public static synchronized Target postgres() {
        if (postgres == null) {
            // PgCluster stops itself from its own shutdown hook when the test JVM ends.
            cluster = PgCluster.builder().superuser(USER, PASSWORD).start();
            postgres = new Target(POSTGRES, cluster.host(), cluster.port(), USER, PASSWORD);
        }
        return postgres;
    }

    /** serve and PostgreSQL, in that order: the sides a comparing test runs on. */
    public static List<Target> both() {
        return List.of(serve(), postgres());
    }

    /**
     * Makes sure {@code name} exists on {@code target} and returns it. serve creates a database
     * when it is first connected to; PostgreSQL gets a CREATE DATABASE.
     */
    public static String database(Target target, String name) {
        if (!target.isServe() && pgDatabases.add(name)) {
            try (Connection c = target.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
                st.execute("CREATE DATABASE \"" + name + "\"");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name + " on PostgreSQL", e);
            }
        }
        return name;
    }

    static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
