package dev.pgwire.gateway;

import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * md5 pass-through against a PostgreSQL 15 whose pg_hba.conf asks TCP clients for md5 and whose
 * role {@code app} has an md5 password. The gateway holds app's md5 hash (from auth_file or
 * auth_query) and no password for app: it checks the client's md5 or cleartext login against the
 * hash, and answers PostgreSQL's md5 challenge with {@code "md5" + md5hex(hash + salt)}.
 */
@Timeout(120)
class Md5PassThroughTest {
    static PgCluster pg;
    static Path passfile;
    static String appHash;

    @TempDir
    static Path dir;

    Gateway gw;

    @BeforeAll
    static void startCluster() throws Exception {
        pg = PgCluster.builder().auth(PgCluster.AuthMethod.MD5).setting("log_connections", "on").start();
        pg.psql(String.join("\n",
                "SET password_encryption = 'md5';",
                "CREATE ROLE app LOGIN PASSWORD 'app-secret';",
                "CREATE TABLE accounts (id int PRIMARY KEY, balance int);",
                "GRANT SELECT, INSERT, UPDATE ON accounts TO app;",
                "CREATE ROLE gw_auth LOGIN PASSWORD 'lookup-secret';",
                "CREATE SCHEMA gateway;",
                "CREATE FUNCTION gateway.user_lookup(p_user text, OUT usename name, OUT passwd text) RETURNS SETOF record",
                "    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog",
                "    AS $$SELECT usename, passwd FROM pg_shadow WHERE usename = p_user$$;",
                "REVOKE ALL ON FUNCTION gateway.user_lookup(text) FROM PUBLIC;",
                "GRANT USAGE ON SCHEMA gateway TO gw_auth;",
                "GRANT EXECUTE ON FUNCTION gateway.user_lookup(text) TO gw_auth;"));
        appHash = pg.psql("SELECT rolpassword FROM pg_authid WHERE rolname = 'app'").strip();
        assertThat(appHash).as("app's password is stored as an md5 hash").matches("md5[0-9a-f]{32}");
        // The gateway's only password is auth_user's: nothing for app.
        passfile = dir.resolve("pgpass");
        Files.writeString(passfile, "127.0.0.1:" + pg.port() + ":*:gw_auth:lookup-secret\n");
        Files.setPosixFilePermissions(passfile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    static void stopCluster() {
        if (pg != null) pg.stop();
    }

    @AfterEach
    void stopGateway() {
        if (gw != null) gw.close();
        gw = null;
    }

    private static GatewayConfig config(String authType, Path authFile, String authUser, String authQuery) {
        Map<String, String> upstream = new LinkedHashMap<>();
        upstream.put("host", pg.host());
        upstream.put("port", Integer.toString(pg.port()));
        upstream.put("sslmode", "disable");
        upstream.put("passfile", passfile.toString());
        return GatewayConfig.builder().listen("127.0.0.1", 0).authType(authType).authFile(authFile)
                .authUser(authUser).authQuery(authQuery)
                .poolMode(PoolMode.TRANSACTION).defaultPoolSize(2).queryWaitTimeout(Duration.ofSeconds(20))
                .database("*", upstream).build();
    }

    private static Path authFile(String line) throws Exception {
        Path f = dir.resolve("users-" + System.nanoTime());
        Files.writeString(f, line + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    /** PostgreSQL's stored form for a password of app. */
    private static String md5Of(String password) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest((password + "app").getBytes(StandardCharsets.UTF_8));
        return "md5" + String.format("%032x", new BigInteger(1, d));
    }

    private Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        p.setProperty("prepareThreshold", "1");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gw.port() + "/postgres", p);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** How many times the server log says app logged in by md5. */
    private static int appMd5Logins() {
        Matcher m = Pattern.compile("connection authenticated: identity=\"app\" method=md5").matcher(pg.serverLog());
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private int appServerConnections() {
        int n = 0;
        for (Pool p : gw.pools()) {
            if (p.user.equals("app")) n += p.servers.size();
        }
        return n;
    }

    @Test
    void pgjdbc_logs_in_by_md5_or_cleartext_and_the_gateway_answers_postgresqls_md5_challenge_with_the_hash_from_auth_file()
            throws Exception {
        for (String authType : new String[] {"md5", "password"}) {
            gw = Gateway.start(config(authType, authFile("app:" + appHash), null, null));
            int before = appMd5Logins();
            pg.psql("DELETE FROM accounts; INSERT INTO accounts VALUES (1, 100), (2, 100);");
            try (Connection c = connect("app", "app-secret")) {
                assertThat(one(c, "SELECT current_user")).isEqualTo("app");
                c.setAutoCommit(false);
                try (PreparedStatement move = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                    for (int i = 0; i < 5; i++) {
                        move.setInt(1, -10);
                        move.setInt(2, 1);
                        move.executeUpdate();
                        move.setInt(1, 10);
                        move.setInt(2, 2);
                        move.executeUpdate();
                        c.commit();
                    }
                }
                c.setAutoCommit(true);
                assertThat(one(c, "SELECT string_agg(balance::text, ',' ORDER BY id) FROM accounts")).as(authType)
                        .isEqualTo("50,150");
            }
            // PostgreSQL authenticated app by md5, and the gateway has no password for app: the
            // answer to the challenge can only have come from the hash.
            assertThat(appMd5Logins()).as(authType).isGreaterThan(before);
            gw.close();
            gw = null;
        }
    }

    @Test
    void a_gateway_stopped_while_a_client_holds_a_server_connection_leaves_no_postgresql_backend() throws Exception {
        // The client's connection is in a transaction when the gateway stops: it is cancelled and
        // closed at the deadline, its server connection given back as the gateway stops, and closed
        // all the same (it once outlived the gateway, its event loop stopped before it was closed)
        for (int round = 0; round < 4; round++) {
            gw = Gateway.start(config("md5", authFile("app:" + appHash), null, null));
            try (Connection c = connect("app", "app-secret")) {
                c.setAutoCommit(false);
                assertThat(one(c, "SELECT " + round)).isEqualTo(Integer.toString(round));
                gw.shutdown(Duration.ofMillis(100));
                gw = null;
            }
            // (the backend exits once it reads the Terminate or the end of the stream: read until it has)
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            String backends = pg.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'app'").strip();
            while (!backends.equals("0") && System.nanoTime() < deadline) {
                backends = pg.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'app'").strip();
            }
            assertThat(backends).as("round %d: no PostgreSQL backend of app left", round).isEqualTo("0");
        }
    }

    @Test
    void psql_logs_in_through_a_gateway_that_looks_the_md5_hash_up_with_auth_query() throws Exception {
        gw = Gateway.start(config("md5", null, "gw_auth", "SELECT usename, passwd FROM gateway.user_lookup($1)"));
        int before = appMd5Logins();
        ExternalProcess.Result r = Clients.psql(List.of("-h", "127.0.0.1", "-p", Integer.toString(gw.port()), "-U", "app",
                "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", "SELECT current_user, count(*) FROM accounts"),
                null, Map.of("PGPASSWORD", "app-secret", "PGSSLMODE", "disable"), Duration.ofSeconds(60));
        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout().strip()).startsWith("app|");
        assertThat(appMd5Logins()).isGreaterThan(before);
        ExternalProcess.Result bad = Clients.psql(List.of("-h", "127.0.0.1", "-p", Integer.toString(gw.port()), "-U", "app",
                "-d", "postgres", "-c", "SELECT 1"), null, Map.of("PGPASSWORD", "wrong", "PGSSLMODE", "disable"),
                Duration.ofSeconds(60));
        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.stderr()).contains("password authentication failed for user \"app\"");
    }

    @Test
    void many_clients_share_the_pool_opened_with_the_hash() throws Exception {
        gw = Gateway.start(config("md5", null, "gw_auth", "SELECT usename, passwd FROM gateway.user_lookup($1)"));
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int id = i;
                results.add(clients.submit(() -> {
                    int sum = 0;
                    try (Connection c = connect("app", "app-secret")) {
                        for (int q = 0; q < 20; q++) sum += Integer.parseInt(one(c, "SELECT " + id + " + " + q));
                    }
                    return sum;
                }));
            }
            for (int i = 0; i < 6; i++) assertThat(results.get(i).get()).isEqualTo(20 * i + 190);
        } finally {
            clients.shutdownNow();
        }
        assertThat(appServerConnections()).isBetween(1, 2);
    }

    @Test
    void a_hash_postgresql_does_not_hold_fails_the_login_with_28P01_and_leaves_no_server_connection() throws Exception {
        // The gateway's hash is of another password: the client proves that one to the gateway,
        // and PostgreSQL refuses the answer made from it.
        gw = Gateway.start(config("md5", authFile("app:" + md5Of("other-secret")), null, null));
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<SQLException>> failures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                failures.add(clients.submit(() -> catchThrowableOfType(() -> connect("app", "other-secret").close(),
                        SQLException.class)));
            }
            for (Future<SQLException> f : failures) {
                SQLException e = f.get();
                assertThat((Throwable) e).as("the login failed").isNotNull();
                assertThat(e.getSQLState()).isEqualTo("28P01");
                assertThat(e.getMessage()).contains("password authentication failed for user \"app\"");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(appServerConnections()).as("no server connection of app kept").isZero();
        // (PostgreSQL's backend sends its FATAL error before it exits: its pg_stat_activity row goes a moment after
        // the client has the error, so the count is read until it is 0 or ten seconds have passed)
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        String backends = pg.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'app'").strip();
        while (!backends.equals("0") && System.nanoTime() < deadline) {
            backends = pg.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'app'").strip();
        }
        assertThat(backends).as("no PostgreSQL backend of app left").isEqualTo("0");

        // The right hash (a reload): the same pool logs in upstream and serves transactions.
        gw.reload(config("md5", authFile("app:" + appHash), null, null));
        SQLException old = catchThrowableOfType(() -> connect("app", "other-secret").close(), SQLException.class);
        assertThat(old.getSQLState()).isEqualTo("28P01");
        try (Connection c = connect("app", "app-secret")) {
            for (int i = 0; i < 3; i++) assertThat(one(c, "SELECT current_user")).isEqualTo("app");
        }
        assertThat(appServerConnections()).isBetween(1, 2);
    }
}
