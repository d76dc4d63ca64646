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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * auth_user / auth_query and SCRAM pass-through against a PostgreSQL 15 whose pg_hba.conf allows
 * only scram-sha-256 over TCP. The gateway has no auth_file and no password for {@code app}: it
 * learns app's verifier from the auth_query, checks the client's SCRAM proof against it, and logs
 * in upstream as app with the ClientKey recovered from that proof.
 */
@Timeout(120)
class AuthQueryTest {
    static PgCluster pg;
    static Path passfile;

    @TempDir
    static Path dir;

    Gateway gw;

    @BeforeAll
    static void startCluster() throws Exception {
        pg = PgCluster.builder().auth(PgCluster.AuthMethod.SCRAM_SHA_256).setting("log_connections", "on").start();
        pg.psql(String.join("\n",
                "SET password_encryption = 'scram-sha-256';",
                "CREATE ROLE app LOGIN PASSWORD 'app-secret';",
                "CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, balance int);",
                "GRANT SELECT, INSERT, UPDATE ON accounts TO app;",
                // the lookup role, as PgBouncer's documentation advises: no superuser, a SECURITY
                // DEFINER function that only it may call
                "CREATE ROLE gw_auth LOGIN PASSWORD 'lookup-secret';",
                "ALTER ROLE gw_auth SET log_statement = 'all';",
                "CREATE SCHEMA gateway;",
                "CREATE FUNCTION gateway.user_lookup(p_user text, OUT usename name, OUT passwd text) RETURNS SETOF record",
                "    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog",
                "    AS $$SELECT usename, passwd FROM pg_shadow WHERE usename = p_user$$;",
                "REVOKE ALL ON FUNCTION gateway.user_lookup(text) FROM PUBLIC;",
                "GRANT USAGE ON SCHEMA gateway TO gw_auth;",
                "GRANT EXECUTE ON FUNCTION gateway.user_lookup(text) TO gw_auth;"));
        // The gateway's only password: auth_user's, in a password file as libpq reads it.
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
    }

    private Gateway start(String authUser, String authQuery) throws Exception {
        return start(authUser, authQuery, null);
    }

    private Gateway start(String authUser, String authQuery, Path authFile) throws Exception {
        return start(authUser, authQuery, authFile, "scram-sha-256");
    }

    private Gateway start(String authUser, String authQuery, Path authFile, String authType) throws Exception {
        return start(authUser, authQuery, authFile, authType, Duration.ofSeconds(15));
    }

    private Gateway start(String authUser, String authQuery, Path authFile, String authType, Duration connectTimeout)
            throws Exception {
        Map<String, String> upstream = new LinkedHashMap<>();
        upstream.put("host", pg.host());
        upstream.put("port", Integer.toString(pg.port()));
        upstream.put("sslmode", "disable");
        upstream.put("passfile", passfile.toString());
        gw = Gateway.start(GatewayConfig.builder().listen("127.0.0.1", 0).authType(authType)
                .authUser(authUser).authQuery(authQuery).authFile(authFile)
                .poolMode(PoolMode.TRANSACTION).defaultPoolSize(2).queryWaitTimeout(Duration.ofSeconds(20))
                .serverConnectTimeout(connectTimeout)
                .database("*", upstream).build());
        return gw;
    }

    private Gateway startWithLookupFunction() throws Exception {
        return start("gw_auth", "SELECT usename, passwd FROM gateway.user_lookup($1)");
    }

    private Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gw.port() + "/postgres", p);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** How many times the server log says app logged in over TCP by scram-sha-256. */
    private static int appScramLogins() {
        Matcher m = Pattern.compile("connection authenticated: identity=\"app\" method=scram-sha-256").matcher(pg.serverLog());
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void app_logs_in_with_its_password_and_the_gateway_logs_in_upstream_with_the_recovered_client_key() throws Exception {
        startWithLookupFunction();
        int before = appScramLogins();
        pg.psql("DELETE FROM accounts; INSERT INTO accounts VALUES (1, 100), (2, 100);");
        try (Connection c = connect("app", "app-secret")) {
            assertThat(one(c, "SELECT current_user")).isEqualTo("app");
            // transactions in transaction pooling mode, with a prepared statement
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
            assertThat(one(c, "SELECT string_agg(balance::text, ',' ORDER BY id) FROM accounts")).isEqualTo("50,150");
        }
        // PostgreSQL authenticated app by SCRAM: the gateway holds no password for app, so the
        // proof it sent upstream can only have come from the ClientKey of app's own login.
        assertThat(appScramLogins()).isGreaterThan(before);
    }

    @Test
    void many_clients_share_the_pass_through_pool() throws Exception {
        startWithLookupFunction();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int id = i;
                Callable<Integer> client = () -> {
                    int sum = 0;
                    try (Connection c = connect("app", "app-secret")) {
                        for (int q = 0; q < 20; q++) sum += Integer.parseInt(one(c, "SELECT " + id + " + " + q));
                    }
                    return sum;
                };
                results.add(clients.submit(client));
            }
            for (int i = 0; i < 8; i++) assertThat(results.get(i).get()).isEqualTo(20 * i + 190);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_28P01() throws Exception {
        startWithLookupFunction();
        SQLException wrong = catchThrowableOfType(() -> connect("app", "not-the-password").close(), SQLException.class);
        SQLException unknown = catchThrowableOfType(() -> connect("nobody", "app-secret").close(), SQLException.class);
        assertThat(wrong.getSQLState()).isEqualTo("28P01");
        assertThat(unknown.getSQLState()).isEqualTo("28P01");
        assertThat(wrong.getMessage()).contains("password authentication failed for user \"app\"");
        assertThat(unknown.getMessage()).contains("password authentication failed for user \"nobody\"");
        assertThat(unknown.getMessage().replace("nobody", "app")).isEqualTo(wrong.getMessage());
    }

    @Test
    void the_user_name_reaches_the_lookup_as_a_parameter_never_as_sql() throws Exception {
        startWithLookupFunction();
        // spliced into the query, this name would find app's verifier, and app's password would pass
        SQLException injected = catchThrowableOfType(() -> connect("app' --", "app-secret").close(), SQLException.class);
        assertThat(injected.getSQLState()).isEqualTo("28P01");
        // gw_auth's statements are logged (log_statement = all): the query text, then the name as $1
        String log = pg.serverLog();
        assertThat(log).contains("SELECT usename, passwd FROM gateway.user_lookup($1)");
        assertThat(log).contains("parameters: $1 = 'app'' --'");
        assertThat(log).doesNotContain("user_lookup('app");
    }

    @Test
    void a_changed_password_counts_from_the_next_login() throws Exception {
        startWithLookupFunction();
        try (Connection c = connect("app", "app-secret")) {
            assertThat(one(c, "SELECT 1")).isEqualTo("1");
        }
        pg.psql("ALTER ROLE app PASSWORD 'second-secret'");
        try {
            // nothing cached: the next login is checked against the new verifier
            SQLException old = catchThrowableOfType(() -> connect("app", "app-secret").close(), SQLException.class);
            assertThat(old.getSQLState()).isEqualTo("28P01");
            try (Connection c = connect("app", "second-secret")) {
                assertThat(one(c, "SELECT current_user")).isEqualTo("app");
            }
            // and a fresh gateway, with no connection pooled, logs in upstream with the new key
            gw.close();
            startWithLookupFunction();
            int before = appScramLogins();
            try (Connection c = connect("app", "second-secret")) {
                assertThat(one(c, "SELECT current_user")).isEqualTo("app");
            }
            assertThat(appScramLogins()).isGreaterThan(before);
        } finally {
            pg.psql("ALTER ROLE app PASSWORD 'app-secret'");
        }
    }

    @Test
    void the_default_auth_query_reads_pg_shadow_as_a_superuser_auth_user() throws Exception {
        Files.writeString(passfile, "127.0.0.1:" + pg.port() + ":*:" + pg.superuser() + ":" + pg.password() + "\n"
                + "127.0.0.1:" + pg.port() + ":*:gw_auth:lookup-secret\n");
        try {
            start(pg.superuser(), null);
            assertThat(gw.config().authQuery()).isEqualTo("SELECT usename, passwd FROM pg_shadow WHERE usename=$1");
            try (Connection c = connect("app", "app-secret")) {
                assertThat(one(c, "SELECT current_user")).isEqualTo("app");
            }
        } finally {
            Files.writeString(passfile, "127.0.0.1:" + pg.port() + ":*:gw_auth:lookup-secret\n");
        }
    }

    @Test
    void a_lookup_that_fails_refuses_the_login_as_a_wrong_password_would() throws Exception {
        // gw_auth may not read pg_shadow itself: the query fails upstream with 42501
        start("gw_auth", null);
        SQLException e = catchThrowableOfType(() -> connect("app", "app-secret").close(), SQLException.class);
        assertThat(e.getSQLState()).isEqualTo("28P01");
        assertThat(e.getMessage()).contains("password authentication failed for user \"app\"");
    }

    @Test
    void an_auth_file_verifier_with_another_salt_than_postgresql_falls_back_to_a_password_or_fails_with_28P01() throws Exception {
        // the gateway's own verifier for app: the same password, another salt than PostgreSQL's
        Path users = dir.resolve("users-" + System.nanoTime());
        dev.pgwire.server.auth.CredentialFile.addUser(users, "app", "app-secret");
        start(null, null, users);
        SQLException noPassword = catchThrowableOfType(() -> connect("app", "app-secret").close(), SQLException.class);
        assertThat(noPassword.getSQLState()).isEqualTo("28P01");
        assertThat(noPassword.getMessage()).contains("SCRAM pass-through failed");
        gw.close();
        gw = null;
        Files.writeString(passfile, "127.0.0.1:" + pg.port() + ":*:gw_auth:lookup-secret\n"
                + "127.0.0.1:" + pg.port() + ":*:app:app-secret\n");
        try {
            start(null, null, users);
            try (Connection c = connect("app", "app-secret")) {
                assertThat(one(c, "SELECT current_user")).isEqualTo("app");
            }
        } finally {
            Files.writeString(passfile, "127.0.0.1:" + pg.port() + ":*:gw_auth:lookup-secret\n");
        }
    }

    @Test
    void a_plaintext_password_or_a_null_from_the_lookup_is_refused_as_a_wrong_password() throws Exception {
        for (String query : new String[] {"SELECT $1::text, 'app-secret'::text", "SELECT $1::text, NULL::text"}) {
            start("gw_auth", query);
            SQLException e = catchThrowableOfType(() -> connect("app", "app-secret").close(), SQLException.class);
            assertThat(e.getSQLState()).as(query).isEqualTo("28P01");
            assertThat(e.getMessage()).contains("password authentication failed for user \"app\"");
            gw.close();
            gw = null;
        }
    }

    @Test
    void an_md5_hash_from_the_lookup_checks_an_md5_login() throws Exception {
        // the md5 hash PostgreSQL would store for app-secret; upstream, app logs in with its password from .pgpass
        String query = "SELECT $1::text, 'md5' || md5('app-secret' || $1::text)";
        Files.writeString(passfile, "127.0.0.1:" + pg.port() + ":*:gw_auth:lookup-secret\n"
                + "127.0.0.1:" + pg.port() + ":*:app:app-secret\n");
        try {
            start("gw_auth", query, null, "md5");
            try (Connection c = connect("app", "app-secret")) {
                assertThat(one(c, "SELECT current_user")).isEqualTo("app");
            }
            SQLException wrong = catchThrowableOfType(() -> connect("app", "wrong").close(), SQLException.class);
            assertThat(wrong.getSQLState()).isEqualTo("28P01");
        } finally {
            Files.writeString(passfile, "127.0.0.1:" + pg.port() + ":*:gw_auth:lookup-secret\n");
        }
    }

    @Test
    void a_lookup_stuck_upstream_fails_alone_and_the_next_one_gets_a_connection_of_its_own() throws Exception {
        // the lookup of "slow" sleeps far longer than server_connect_timeout (once per row: slow
        // must exist); app's does not
        pg.psql("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'slow') THEN "
                + "CREATE ROLE slow LOGIN PASSWORD 'slow-secret'; END IF; END$$");
        start("gw_auth", "SELECT usename, passwd FROM gateway.user_lookup($1) "
                + "WHERE pg_sleep(CASE WHEN $1 = 'slow' THEN 60 ELSE 0 END) IS NOT NULL", null, "scram-sha-256",
                Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        SQLException slow = catchThrowableOfType(() -> connect("slow", "slow-secret").close(), SQLException.class);
        assertThat(slow.getSQLState()).isEqualTo("28P01");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        try (Connection c = connect("app", "app-secret")) {
            assertThat(one(c, "SELECT current_user")).isEqualTo("app");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("app's lookup did not wait behind the stuck one")
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void psql_logs_in_through_the_gateway_with_the_password_of_app() throws Exception {
        startWithLookupFunction();
        ExternalProcess.Result r = Clients.psql(List.of("-h", "127.0.0.1", "-p", Integer.toString(gw.port()), "-U", "app",
                "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", "SELECT current_user, count(*) FROM accounts"),
                null, Map.of("PGPASSWORD", "app-secret", "PGSSLMODE", "disable"), Duration.ofSeconds(60));
        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout().strip()).startsWith("app|");
        ExternalProcess.Result bad = Clients.psql(List.of("-h", "127.0.0.1", "-p", Integer.toString(gw.port()), "-U", "app",
                "-d", "postgres", "-c", "SELECT 1"), null, Map.of("PGPASSWORD", "wrong", "PGSSLMODE", "disable"),
                Duration.ofSeconds(60));
        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.stderr()).contains("password authentication failed for user \"app\"");
    }
}
