package dev.pgwire.gateway;

import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real client through the gateway in transaction mode, with more client connections than
 * server connections: named and unnamed prepared statements never fail with 26000 or 42P05.
 */
@Timeout(180)
class RealClientsTest {
    static PgCluster pg;
    static Gateway gw;
    static final Path SCRIPTS = Path.of("src/test/clients").toAbsolutePath();

    @BeforeAll
    static void start() throws Exception {
        pg = SharedCluster.get();
        gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 2);
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
    }

    private static String conninfo() {
        return "host=127.0.0.1 port=" + gw.port() + " dbname=postgres user=postgres sslmode=disable";
    }

    private static void assertOk(ExternalProcess.Result r) {
        assertThat(r.succeeded()).as(r.stdout() + r.stderr()).isTrue();
        List<Map<String, Object>> lines = Clients.jsonLines(r);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("ok")).as(r.stdout()).isEqualTo(true);
    }

    @Test
    void psycopg3_prepared_statements_and_pipelines_on_six_connections() {
        assertOk(ExternalProcess.command(List.of("python3", SCRIPTS.resolve("gateway_psycopg.py").toString(), conninfo(), "6", "30"))
                .timeout(Duration.ofSeconds(120)).run());
    }

    @Test
    void asyncpg_statement_cache_on_eight_concurrent_connections() {
        String dsn = "postgresql://postgres@127.0.0.1:" + gw.port() + "/postgres?sslmode=disable";
        assertOk(ExternalProcess.command(List.of("python3", SCRIPTS.resolve("gateway_asyncpg.py").toString(), dsn, "8", "40"))
                .timeout(Duration.ofSeconds(120)).run());
    }

    @Test
    void node_postgres_named_queries_on_eight_concurrent_connections() {
        String dsn = "postgresql://postgres@127.0.0.1:" + gw.port() + "/postgres?sslmode=disable";
        assertOk(Clients.node(SCRIPTS.resolve("gateway_pg.js").toString(), List.of(dsn, "8", "40"),
                Map.of("NODE_PATH", Clients.nodeDir().resolve("node_modules").toString()), Duration.ofSeconds(120)));
    }

    @Test
    void psql_session_with_prepare_execute_set_and_a_temporary_table() {
        String script = String.join("\n",
                "SET application_name = 'psql-through-gateway';",
                "PREPARE q(int) AS SELECT $1 + 100;",
                "EXECUTE q(1);",
                "SELECT pg_sleep(0.01);",
                "EXECUTE q(2);",
                "DEALLOCATE q;",
                "EXECUTE q(3);",
                "SHOW application_name;",
                "CREATE TEMP TABLE t AS SELECT 42 AS answer;",
                "SELECT answer FROM t;",
                "");
        ExternalProcess.Result r = Clients.psql(List.of("-h", "127.0.0.1", "-p", Integer.toString(gw.port()), "-U", "postgres",
                "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=0"), script, Map.of("PGSSLMODE", "disable"), Duration.ofSeconds(60));
        assertThat(r.stdout()).contains("101\n", "102\n", "psql-through-gateway\n", "42\n");
        assertThat(r.stderr()).contains("prepared statement \"q\" does not exist");
        assertThat(r.stderr()).doesNotContain("already exists");
    }

    @Test
    void pgjdbc_prepare_threshold_1_binary_and_batches_on_twelve_connections() throws Exception {
        try (Connection c = DriverManager.getConnection(SharedCluster.jdbc(gw, "postgres"));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS batch_items (id int PRIMARY KEY, v text)");
            st.execute("TRUNCATE batch_items");
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    String url = SharedCluster.jdbc(gw, "postgres") + "&prepareThreshold=1&binaryTransfer=true";
                    int n = 0;
                    try (Connection c = DriverManager.getConnection(url)) {
                        try (PreparedStatement ins = c.prepareStatement("INSERT INTO batch_items VALUES (?, ?)")) {
                            for (int i = 0; i < 20; i++) {
                                ins.setInt(1, id * 1000 + i);
                                ins.setString(2, "v" + i);
                                ins.addBatch();
                            }
                            n += ins.executeBatch().length;
                        } catch (BatchUpdateException e) {
                            throw e.getNextException() != null ? e.getNextException() : e;
                        }
                        try (PreparedStatement q = c.prepareStatement("SELECT count(*), max(v) FROM batch_items WHERE id / 1000 = ?")) {
                            for (int i = 0; i < 30; i++) {
                                q.setInt(1, id);
                                try (ResultSet rs = q.executeQuery()) {
                                    rs.next();
                                    assertThat(rs.getLong(1)).isEqualTo(20);
                                    n++;
                                }
                            }
                        }
                        c.setAutoCommit(false);
                        try (PreparedStatement u = c.prepareStatement("UPDATE batch_items SET v = v || ? WHERE id = ?")) {
                            u.setString(1, "!");
                            u.setInt(2, id * 1000);
                            n += u.executeUpdate();
                        }
                        c.commit();
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : fs) assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(20 + 30 + 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
