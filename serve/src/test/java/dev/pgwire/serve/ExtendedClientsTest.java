package dev.pgwire.serve;

import dev.pgwire.server.PgServer;
import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * psycopg 3, asyncpg, node-postgres and pgbench use the extended query protocol against serve and
 * against a real PostgreSQL 15; each scenario script prints what its driver returned, and serve
 * must give the same answers (Python and JavaScript values, SQLSTATEs, exception classes).
 */
class ExtendedClientsTest {
    @TempDir
    static Path dir;
    static PgCluster postgres;
    static DuckDbSessionFactory engine;
    static PgServer serve;

    @BeforeAll
    static void start() throws Exception {
        postgres = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
        engine = new DuckDbSessionFactory(ServeOptions.inMemory().withCreateDatabasesOnConnect(true));
        serve = PgServer.builder().port(0).sessionFactory(engine).start();
    }

    @AfterAll
    static void stop() {
        if (serve != null) serve.close();
        if (engine != null) engine.close();
        if (postgres != null) postgres.close();
    }

    static String serveConninfo(String db) {
        return "host=127.0.0.1 port=" + serve.port() + " user=postgres dbname=" + db + " sslmode=disable";
    }

    static String postgresConninfo() {
        return "host=127.0.0.1 port=" + postgres.port() + " user=" + postgres.superuser() + " dbname=postgres sslmode=disable";
    }

    /** The script's JSON lines by step name, after checking it ran to the end. */
    static Map<String, Map<String, Object>> steps(ExternalProcess.Result r) {
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        Map<String, Map<String, Object>> byStep = new LinkedHashMap<>();
        for (Map<String, Object> line : Clients.jsonLines(r)) byStep.put((String) line.get("step"), line);
        return byStep;
    }

    static void assertSameAnswers(Map<String, Map<String, Object>> serve, Map<String, Map<String, Object>> postgres,
                                  String... knownDifferences) {
        assertThat(serve.keySet()).containsExactlyElementsOf(postgres.keySet());
        for (String step : postgres.keySet()) {
            if (List.of(knownDifferences).contains(step)) continue;
            assertThat(serve.get(step)).as("step %s", step).isEqualTo(postgres.get(step));
        }
    }

    @Test
    void psycopg3BinaryCursorsExecutemanyAndPipelinesAnswerAsPostgres() {
        Duration timeout = Duration.ofSeconds(60);
        var onServe = steps(Clients.python("extended_psycopg.py", List.of(serveConninfo("psycopg")), Map.of(), timeout));
        var onPostgres = steps(Clients.python("extended_psycopg.py", List.of(postgresConninfo()), Map.of(), timeout));
        assertSameAnswers(onServe, onPostgres);
        assertThat(onServe.get("executemany").get("value")).isEqualTo(List.of(100L, 5050L, Map.of("Decimal", "1274.75")));
        assertThat(onServe.get("pipeline_error").get("value")).isEqualTo(List.of("DivisionByZero", "22012", List.of(0L)));
        assertThat(onServe.get("unique_violation")).containsEntry("sqlstate", "23505").containsEntry("error", "UniqueViolation");
        assertThat(onServe.get("binary_cursor").get("value")).isEqualTo(onServe.get("text_cursor").get("value"));
    }

    @Test
    void asyncpgBinaryParametersPreparedStatementsAndErrorsAnswerAsPostgres() {
        Duration timeout = Duration.ofSeconds(60);
        var onServe = steps(Clients.python("extended_asyncpg.py",
                List.of("postgresql://postgres@127.0.0.1:" + serve.port() + "/asyncpg"), Map.of(), timeout));
        var onPostgres = steps(Clients.python("extended_asyncpg.py",
                List.of("postgresql://" + postgres.superuser() + "@127.0.0.1:" + postgres.port() + "/postgres"), Map.of(), timeout));
        assertSameAnswers(onServe, onPostgres);
        // asyncpg resolves array types with a catalog query (pg_type, pg_range) and an oid[] parameter
        assertThat(onServe.get("array_parameters")).containsEntry("ok", true);
        assertThat(onServe.get("parameters").get("value")).asString().contains("ünï ✓").contains("1.50");
        assertThat(onServe.get("division_by_zero")).containsEntry("error", "DivisionByZeroError");
        assertThat(onServe.get("undefined_table")).containsEntry("error", "UndefinedTableError");
        assertThat(onServe.get("unique_violation")).containsEntry("error", "UniqueViolationError");
        assertThat(onServe.get("after_errors").get("value")).isEqualTo(52L); // 50 by executemany, 2 by the bulk insert
        assertThat(onServe.get("bulk_insert_returning")).doesNotContainKey("error");
        assertThat(onServe.get("untyped_in_transaction")).doesNotContainKey("error");
        assertThat(onServe.get("prepared_again_after_alter")).doesNotContainKey("error");
    }

    @Test
    void nodePostgresNamedPreparedQueriesAndParameterizedInsertsAnswerAsPostgres() {
        Duration timeout = Duration.ofSeconds(60);
        var onServe = steps(Clients.node("extended_pg.js",
                List.of("127.0.0.1", String.valueOf(serve.port()), "postgres", "nodepg"), Map.of(), timeout));
        var onPostgres = steps(Clients.node("extended_pg.js",
                List.of("127.0.0.1", String.valueOf(postgres.port()), postgres.superuser(), "postgres"), Map.of(), timeout));
        assertSameAnswers(onServe, onPostgres);
        assertThat(onServe.get("named_first").get("rows")).isEqualTo(List.of(Map.of("n", 42L)));
        assertThat(onServe.get("named_second").get("rows")).isEqualTo(List.of(Map.of("n", 100L)));
        assertThat(onServe.get("duplicate")).containsEntry("sqlstate", "23505");
    }

    @ParameterizedTest(name = "pgbench -M {0}")
    @ValueSource(strings = {"extended", "prepared"})
    void pgbenchRunsACustomScriptWithoutErrors(String mode) throws Exception {
        String db = "bench_" + mode;
        ExternalProcess.Result setup = Clients.psql(List.of("-d", serveConninfo(db), "-v", "ON_ERROR_STOP=1", "-c",
                "CREATE TABLE t AS SELECT range::INT AS id, 'v' || range AS v FROM range(1, 1001)"), null, Map.of(),
                Duration.ofSeconds(30));
        assertThat(setup.exitCode()).as(setup.stderr()).isZero();
        Path script = dir.resolve("select_" + mode + ".sql");
        Files.writeString(script, "\\set id random(1, 1000)\nSELECT v FROM t WHERE id = :id;\n");
        List<String> command = new ArrayList<>(List.of(pgbench(), "-n", "-M", mode, "-c", "4", "-j", "2", "-t", "200",
                "-f", script.toString(), "-h", "127.0.0.1", "-p", String.valueOf(serve.port()), "-U", "postgres", db));
        ExternalProcess.Result r = ExternalProcess.command(command).timeout(Duration.ofSeconds(60)).run();
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("query mode: " + mode)
                .contains("number of transactions actually processed: 800/800")
                .contains("number of failed transactions: 0");
        assertThat(r.stderr()).doesNotContain("error");
    }

    private static String pgbench() {
        Path bundled = PgCluster.BIN.resolve("pgbench");
        return Files.isExecutable(bundled) ? bundled.toString() : "pgbench";
    }
}
