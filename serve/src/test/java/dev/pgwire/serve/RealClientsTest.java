package dev.pgwire.serve;

import dev.pgwire.server.PgServer;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.TlsCerts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} with the clients people use: psql, pgjdbc, psycopg 3, psycopg2 and node-postgres,
 * each over plain TCP and TLS, authenticating with SCRAM-SHA-256 and with md5.
 */
class RealClientsTest {
    @TempDir
    static Path dir;
    static TlsCerts certs;
    static DuckDbSessionFactory engine;
    static PgServer scram;
    static PgServer md5;
    static final String PASSWORD = "s3cret pass";

    @BeforeAll
    static void start() throws Exception {
        certs = TlsCerts.generate(dir.resolve("certs"), "app");
        engine = new DuckDbSessionFactory(ServeOptions.inDirectory(dir.resolve("data")).withCreateDatabasesOnConnect(true));
        engine.roles().ensureSuperuser("app");
        InMemoryCredentialStore users = new InMemoryCredentialStore().addPassword("app", PASSWORD);
        scram = server(AuthMethod.SCRAM_SHA_256, users);
        md5 = server(AuthMethod.MD5, users);
    }

    static PgServer server(AuthMethod method, InMemoryCredentialStore users) throws Exception {
        return PgServer.builder().port(0).auth(AuthConfig.all(method)).credentials(users)
                .tls(certs.serverCert(), certs.serverKey()).sessionFactory(engine).start();
    }

    @AfterAll
    static void stop() {
        scram.close();
        md5.close();
        engine.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String auth : List.of("scram", "md5")) {
            for (boolean tls : List.of(false, true)) out.add(Arguments.of(auth, tls));
        }
        return out.stream();
    }

    static PgServer server(String auth) {
        return auth.equals("scram") ? scram : md5;
    }

    static String conninfo(String auth, boolean tls, String db) {
        return "host=localhost port=" + server(auth).port() + " user=app password='" + PASSWORD + "' dbname=" + db
                + (tls ? " sslmode=verify-full sslrootcert=" + certs.caCert() : " sslmode=disable");
    }

    /** The same workload for every driver script; each prints one JSON line per statement. */
    static final List<String> WORKLOAD = List.of(
            "CREATE TABLE items (id INT PRIMARY KEY, name TEXT, price NUMERIC(10,2), ts TIMESTAMP, ok BOOLEAN)",
            "INSERT INTO items VALUES (1, 'one', 1.50, '2024-01-31 13:45:00', true), (2, NULL, NULL, NULL, false)",
            "SELECT id, name, price, ts, ok FROM items ORDER BY id",
            "SELECT 1/0",
            "SELECT * FROM missing_table",
            "INSERT INTO items VALUES (1, 'dup', 0, NULL, true)",
            "SELECT count(*)::int AS n, 'ünïcode ✓' AS u FROM items");

    static void assertWorkload(ExternalProcess.Result r) {
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        List<Map<String, Object>> lines = Clients.jsonLines(r);
        assertThat(lines).hasSize(WORKLOAD.size());
        assertThat(lines.get(0)).containsEntry("ok", true).containsEntry("status", "CREATE TABLE");
        assertThat(lines.get(1)).containsEntry("status", "INSERT 0 2");
        assertThat(lines.get(2)).containsEntry("status", "SELECT 2")
                .containsEntry("columns", List.of("id", "name", "price", "ts", "ok"))
                .containsEntry("rows", List.of(
                        List.of("1", "one", "1.50", "2024-01-31 13:45:00", "t"),
                        java.util.Arrays.asList("2", null, null, null, "f")));
        assertThat(lines.get(3)).containsEntry("ok", false).containsEntry("sqlstate", "22012");
        assertThat(lines.get(4)).containsEntry("ok", false).containsEntry("sqlstate", "42P01");
        assertThat(lines.get(5)).containsEntry("ok", false).containsEntry("sqlstate", "23505");
        assertThat(lines.get(6)).containsEntry("rows", List.of(List.of("2", "ünïcode ✓")));
    }

    static String db(String client, String auth, boolean tls) {
        return client + "_" + auth + (tls ? "_tls" : "_plain");
    }

    /** The conninfo, then the workload's statements: what every driver script takes. */
    static List<String> scriptArgs(String client, String auth, boolean tls) {
        List<String> args = new ArrayList<>(List.of(conninfo(auth, tls, db(client, auth, tls))));
        args.addAll(WORKLOAD);
        return args;
    }

    @ParameterizedTest(name = "psycopg 3, {0}, tls={1}")
    @MethodSource("matrix")
    void psycopg3(String auth, boolean tls) throws Exception {
        assertWorkload(Clients.python("run_psycopg.py", scriptArgs("psycopg", auth, tls), Map.of(), Duration.ofSeconds(60)));
    }

    @ParameterizedTest(name = "psycopg2, {0}, tls={1}")
    @MethodSource("matrix")
    void psycopg2(String auth, boolean tls) throws Exception {
        assertWorkload(Clients.python("run_psycopg2.py", scriptArgs("psycopg2", auth, tls), Map.of(), Duration.ofSeconds(60)));
    }

    @ParameterizedTest(name = "node-postgres, {0}, tls={1}")
    @MethodSource("matrix")
    void nodePostgres(String auth, boolean tls) throws Exception {
        assertWorkload(Clients.node("run_pg.js", scriptArgs("nodepg", auth, tls), Map.of(), Duration.ofSeconds(60)));
    }

    @ParameterizedTest(name = "pgjdbc, {0}, tls={1}")
    @MethodSource("matrix")
    void pgjdbc(String auth, boolean tls) throws Exception {
        String url = "jdbc:postgresql://localhost:" + server(auth).port() + "/" + db("pgjdbc", auth, tls)
                + "?user=app&password=" + PASSWORD.replace(" ", "%20")
                + (tls ? "&sslmode=verify-full&sslrootcert=" + certs.caCert()
                        + (auth.equals("scram") ? "&channelBinding=require" : "") : "&sslmode=disable");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(WORKLOAD.get(0));
            assertThat(st.executeUpdate(WORKLOAD.get(1))).isEqualTo(2);
            try (ResultSet rs = st.executeQuery(WORKLOAD.get(2))) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("one");
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("1.50");
                assertThat(rs.getTimestamp(4).toLocalDateTime()).isEqualTo("2024-01-31T13:45:00");
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isNull();
                assertThat(rs.getBoolean(5)).isFalse();
                assertThat(rs.next()).isFalse();
            }
            for (int i = 3; i <= 5; i++) {
                String expected = List.of("22012", "42P01", "23505").get(i - 3);
                String sql = WORKLOAD.get(i);
                SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> st.execute(sql));
                assertThat(e.getSQLState()).isEqualTo(expected);
            }
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO items VALUES (3, 'three', 3, NULL, true)");
            c.rollback();
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM items")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest(name = "psql, {0}, tls={1}")
    @MethodSource("matrix")
    void psqlScript(String auth, boolean tls) throws Exception {
        String db = db("psql", auth, tls);
        Path script = dir.resolve(db + ".sql");
        Files.writeString(script, String.join("\n",
                "CREATE TABLE s (a INT); INSERT INTO s VALUES (1); INSERT INTO s VALUES (2);",
                "SELECT count(*) FROM s;",
                "\\c " + db,
                "SELECT sum(a) FROM s;",
                "SELECT 'tls:' || CASE WHEN " + tls + " THEN 'yes' ELSE 'no' END;",
                "SELECT 1/0;",
                "SELECT 'never reached';",
                ""));
        ExternalProcess.Result r = Clients.psql(List.of("-d", conninfo(auth, tls, db), "-At", "-v", "ON_ERROR_STOP=1",
                "-f", script.toString()), null, Map.of(), Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3); // stopped by the error
        assertThat(r.stdout()).contains("2\n").contains("3\n").contains("tls:" + (tls ? "yes" : "no"))
                .doesNotContain("never reached");
        assertThat(r.stderr()).contains("division by zero");
        if (tls) assertThat(r.stdout()).doesNotContain("SSL off");
    }

    @Test
    void psql_sends_several_statements_in_one_query_and_an_error_rolls_back_the_whole_message() throws Exception {
        String ci = conninfo("scram", true, "psql_multi");
        ExternalProcess.Result r = Clients.psql(List.of("-d", ci, "-At",
                "-c", "CREATE TABLE m (a INT); INSERT INTO m VALUES (1)",
                "-c", "INSERT INTO m VALUES (2); SELECT 1/0",
                "-c", "SELECT 'rows=' || count(*) FROM m"), null, Map.of(), Duration.ofSeconds(60));
        assertThat(r.stdout()).contains("rows=1");
        assertThat(r.stderr()).contains("division by zero");
    }
}
