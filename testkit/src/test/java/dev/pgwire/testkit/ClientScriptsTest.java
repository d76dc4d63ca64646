package dev.pgwire.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One md5 cluster without TLS for the class; every client script must print the same JSON lines
 * for the same statements.
 */
class ClientScriptsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static PgCluster pg;

    @BeforeAll
    static void startCluster() {
        pg = PgCluster.builder().superuser("postgres", "md5 secret").auth(PgCluster.AuthMethod.MD5).start();
    }

    @AfterAll
    static void stopCluster() {
        if (pg != null) {
            pg.close();
        }
    }

    /** Runs one of the client scripts by file name: .py with python3, .js with node. */
    private static ExternalProcess.Result runScript(String script, String conninfo, String... sql) {
        List<String> args = new ArrayList<>();
        args.add(conninfo);
        args.addAll(List.of(sql));
        return script.endsWith(".py")
                ? Clients.python(script, args, Map.of(), TIMEOUT)
                : Clients.node(script, args, Map.of(), TIMEOUT);
    }

    @Test
    void pgjdbcAuthenticatesWithMd5AndThePasswordIsStoredAsMd5() throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), pg.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("md5").hasSize(35);
        }
        assertThat(pg.psql("SELECT auth_method FROM pg_hba_file_rules WHERE type = 'host'")).isEqualTo("md5\nmd5\n");
    }

    @Test
    void pgjdbcRequiringChannelBindingIsRefusedByAnMd5Cluster() {
        // The control for the TLS test's channelBinding=require: the property is honoured.
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres") + "?channelBinding=require",
                pg.superuser(), pg.password()))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void pgjdbcWithAWrongPasswordIsRejected() {
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), "nope"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void psqlFromClientsRunsStdinOverTcpWithAPasswordFromTheEnvironment() {
        ExternalProcess.Result r = Clients.psql(
                List.of("-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.superuser(), "-d", "postgres",
                        "-At", "-v", "ON_ERROR_STOP=1"),
                "SELECT 40 + 2;\nSELECT current_user;\n", Map.of("PGPASSWORD", pg.password()), TIMEOUT);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("42\npostgres\n");
    }

    @Test
    void psqlFromClientsFailsRatherThanPromptWithoutAPassword() {
        ExternalProcess.Result r = Clients.psql(
                List.of("-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.superuser(), "-c", "SELECT 1"),
                null, Map.of("PGPASSWORD", ""), TIMEOUT);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_psycopg.py", "run_psycopg2.py", "run_pg.js"})
    void aResultAnErrorAndTheStatementAfterItPrintOneJsonLineEach(String script) {
        ExternalProcess.Result r = runScript(script, pg.conninfo("postgres"),
                "SELECT 1 AS a, NULL AS b", "SELECT * FROM no_such_table", "SELECT 'after' AS c");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String[] lines = r.stdout().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("{\"ok\":true,\"status\":\"SELECT 1\",\"columns\":[\"a\",\"b\"],\"rows\":[[\"1\",null]]}");
        assertThat(lines[2]).isEqualTo("{\"ok\":true,\"status\":\"SELECT 1\",\"columns\":[\"c\"],\"rows\":[[\"after\"]]}");
        Map<String, Object> error = Clients.jsonLines(r).get(1);
        assertThat(error).containsEntry("ok", false).containsEntry("sqlstate", "42P01");
        assertThat((String) error.get("message")).contains("relation \"no_such_table\" does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_psycopg.py", "run_psycopg2.py", "run_pg.js"})
    void valuesArePrintedInTheServersTextFormAndStatusIsTheFullCommandTag(String script) {
        ExternalProcess.Result r = runScript(script, pg.conninfo("postgres"),
                "SELECT true AS b, '\\x01ff'::bytea AS y, ARRAY[1,2] AS a, 1.50::numeric AS n, "
                        + "'{\"k\": [1]}'::jsonb AS j, DATE '2024-01-02' AS d, 'ünï' AS u",
                "CREATE TEMP TABLE t (x int)",
                "INSERT INTO t VALUES (1), (2)",
                "SELECT 1 AS first; SELECT x FROM t ORDER BY x");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(String.join("\n",
                "{\"ok\":true,\"status\":\"SELECT 1\",\"columns\":[\"b\",\"y\",\"a\",\"n\",\"j\",\"d\",\"u\"],"
                        + "\"rows\":[[\"t\",\"\\\\x01ff\",\"{1,2}\",\"1.50\",\"{\\\"k\\\": [1]}\",\"2024-01-02\",\"ünï\"]]}",
                "{\"ok\":true,\"status\":\"CREATE TABLE\",\"columns\":[],\"rows\":[]}",
                "{\"ok\":true,\"status\":\"INSERT 0 2\",\"columns\":[],\"rows\":[]}",
                "{\"ok\":true,\"status\":\"SELECT 2\",\"columns\":[\"x\"],\"rows\":[[\"1\"],[\"2\"]]}",
                ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_psycopg.py", "run_psycopg2.py", "run_pg.js"})
    void aFailedConnectionPrintsConnectErrorAndExitsWithTwo(String script) {
        String conninfo = "host=" + pg.host() + " port=" + pg.port() + " dbname=postgres user=postgres password=wrong";

        ExternalProcess.Result r = runScript(script, conninfo, "SELECT 1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(Clients.jsonLines(r)).singleElement().satisfies(line -> {
            assertThat(line).containsEntry("connect_error", true);
            assertThat((String) line.get("message")).contains("password authentication failed for user \"postgres\"");
        });
    }
}
