package dev.pgwire.gateway;

import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration file and its reload, the admin console, limits and the Prometheus endpoint. */
@Timeout(60)
class OperationsTest {
    static PgCluster pg;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = SharedCluster.get();
    }

    static Connection connect(Gateway gw, String db) throws SQLException {
        return DriverManager.getConnection(SharedCluster.jdbc(gw, db));
    }

    static List<Map<String, String>> admin(Gateway gw, String command) throws SQLException {
        try (Connection c = DriverManager.getConnection(SharedCluster.jdbc(gw, "pgwire") + "&preferQueryMode=simple");
             Statement st = c.createStatement()) {
            List<Map<String, String>> rows = new ArrayList<>();
            if (!st.execute(command)) return rows;
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String ini(int poolSize, String extra) {
        return "; the shop's pools\n"
                + "[databases]\n"
                + "shop = host=" + pg.host() + " port=" + pg.port() + " dbname=postgres user=" + pg.superuser()
                + " password='" + pg.password() + "' sslmode=disable pool_size=" + poolSize + "\n"
                + "[users]\n"
                + "reporting = pool_mode=session\n"
                + "[pgwire]\n"
                + "listen_addr = 127.0.0.1\n"
                + "listen_port = 0\n"
                + "pool_mode = transaction\n"
                + "default_pool_size = 7\n"
                + "query_wait_timeout = 20s\n"
                + extra;
    }

    @Test
    void a_configuration_file_names_databases_and_pools_and_reload_applies_changes_without_dropping_clients() throws Exception {
        Path file = dir.resolve("gateway.ini");
        Files.writeString(file, ini(2, ""));
        try (Gateway gw = Gateway.start(IniConfig.load(file)); Connection c = connect(gw, "shop")) {
            assertThat(one(c, "SELECT current_database()")).isEqualTo("postgres");
            Map<String, String> pool = admin(gw, "SHOW POOLS").get(0);
            assertThat(pool).containsEntry("database", "shop").containsEntry("user", "postgres")
                    .containsEntry("pool_size", "2").containsEntry("pool_mode", "transaction");
            assertThatThrownBy(() -> connect(gw, "nowhere")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("3D000"));

            Files.writeString(file, ini(3, "server_idle_timeout = 45s\n"));
            admin(gw, "RELOAD");
            assertThat(admin(gw, "SHOW POOLS").get(0)).containsEntry("pool_size", "3");
            assertThat(admin(gw, "SHOW CONFIG")).contains(Map.of("key", "server_idle_timeout", "value", "45"));
            assertThat(one(c, "SELECT 'still here'")).isEqualTo("still here");

            // A file that does not parse is refused, naming the line; the configuration in use stays.
            Files.writeString(file, ini(4, "pool_size_typo = 9\n"));
            assertThatThrownBy(() -> admin(gw, "RELOAD")).isInstanceOf(SQLException.class).hasMessageContaining(":12:")
                    .hasMessageContaining("pool_size_typo");
            assertThat(admin(gw, "SHOW POOLS").get(0)).containsEntry("pool_size", "3");
            assertThat(one(c, "SELECT 'and still'")).isEqualTo("and still");
        }
    }

    @Test
    void show_stats_servers_and_clients_and_pause_holds_clients_until_resume() throws Exception {
        try (Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 2); Connection a = connect(gw, "postgres");
             Connection b = connect(gw, "postgres")) {
            for (int i = 0; i < 5; i++) one(a, "SELECT " + i);
            Map<String, String> stats = admin(gw, "SHOW STATS").get(0);
            assertThat(Long.parseLong(stats.get("total_xact_count"))).isGreaterThanOrEqualTo(5);
            assertThat(Long.parseLong(stats.get("total_query_count"))).isGreaterThanOrEqualTo(5);
            List<Map<String, String>> servers = admin(gw, "SHOW SERVERS");
            assertThat(servers).hasSizeBetween(1, 2);
            String remotePid = servers.get(0).get("remote_pid");
            assertThat(pg.psql("SELECT count(*) FROM pg_stat_activity WHERE pid = " + remotePid).strip()).isEqualTo("1");
            assertThat(admin(gw, "SHOW CLIENTS")).hasSize(2).allSatisfy(r -> assertThat(r.get("state")).isEqualTo("idle"));

            admin(gw, "PAUSE");
            assertThat(admin(gw, "SHOW POOLS").get(0)).containsEntry("paused", "yes");
            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return one(b, "SELECT 'after resume'");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!admin(gw, "SHOW POOLS").get(0).get("cl_waiting").equals("1")) {
                assertThat(System.nanoTime()).as("b waits while paused").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(held).isNotDone();
            admin(gw, "RESUME");
            assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("after resume");
        }
    }

    @Test
    void a_client_waiting_past_query_wait_timeout_is_told_why() throws Exception {
        GatewayConfig config = SharedCluster.config(pg, PoolMode.TRANSACTION, 1).queryWaitTimeout(Duration.ofMillis(500)).build();
        try (Gateway gw = Gateway.start(config); Connection a = connect(gw, "postgres"); Connection b = connect(gw, "postgres")) {
            a.setAutoCommit(false);
            one(a, "SELECT 1"); // a holds the only server connection
            assertThatThrownBy(() -> one(b, "SELECT 2")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("query_wait_timeout")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
            a.commit();
            assertThat(Long.parseLong(admin(gw, "SHOW STATS").get(0).get("wait_timeouts"))).isEqualTo(1);
        }
    }

    @Test
    void clients_beyond_max_client_conn_are_refused_with_53300() throws Exception {
        GatewayConfig config = SharedCluster.config(pg, PoolMode.TRANSACTION, 1).maxClientConn(2).build();
        try (Gateway gw = Gateway.start(config); Connection a = connect(gw, "postgres"); Connection b = connect(gw, "postgres")) {
            assertThatThrownBy(() -> connect(gw, "postgres").close()).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"));
            assertThat(one(a, "SELECT 'a'") + one(b, "SELECT 'b'")).isEqualTo("ab");
        }
    }

    @Test
    void prometheus_endpoint_serves_pool_gauges_and_latency_histograms() throws Exception {
        GatewayConfig config = SharedCluster.config(pg, PoolMode.TRANSACTION, 2).metrics("127.0.0.1", 0).build();
        try (Gateway gw = Gateway.start(config); Connection a = connect(gw, "postgres")) {
            for (int i = 0; i < 3; i++) one(a, "SELECT " + i);
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body())
                    .contains("pgwire_gateway_clients_active{database=\"postgres\",user=\"postgres\"} 1.0")
                    .contains("pgwire_gateway_clients_waiting{")
                    .contains("pgwire_gateway_servers_idle{")
                    .contains("pgwire_gateway_wait_seconds_bucket{")
                    .contains("pgwire_gateway_query_seconds_bucket{")
                    .contains("pgwire_gateway_transaction_seconds_count{");
            assertThat(r.body()).containsPattern("pgwire_gateway_transactions_total\\{[^}]*\\} [3-9]");
        }
    }

    @Test
    void shutdown_lets_a_transaction_in_flight_finish_and_tells_idle_clients_57P01() throws Exception {
        pg.psql("CREATE TABLE IF NOT EXISTS drained (id int)");
        Gateway gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 2);
        try (Connection busy = connect(gw, "postgres"); Connection idle = connect(gw, "postgres")) {
            busy.setAutoCommit(false);
            try (Statement st = busy.createStatement()) {
                st.execute("INSERT INTO drained VALUES (1)");
            }
            long t0 = System.nanoTime();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> gw.shutdown(Duration.ofSeconds(20)));
            // New clients are refused at once; the idle one is told 57P01.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    connect(gw, "postgres").close();
                } catch (SQLException refused) {
                    break;
                }
                assertThat(System.nanoTime()).as("new connections refused").isLessThan(deadline);
                Thread.sleep(10);
            }
            // The listener closes first; the idle client is told 57P01 right after (a query it sends
            // before that may still be answered).
            while (true) {
                try {
                    one(idle, "SELECT 1");
                } catch (SQLException told) {
                    break;
                }
                assertThat(System.nanoTime()).as("the idle client is let go").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(stopped).isNotDone();
            // The transaction in flight goes on and commits; then its client is let go too.
            try (Statement st = busy.createStatement()) {
                st.execute("INSERT INTO drained VALUES (2)");
            }
            busy.commit();
            stopped.get(10, TimeUnit.SECONDS);
            assertThat(System.nanoTime() - t0).as("drained well before the deadline").isLessThan(TimeUnit.SECONDS.toNanos(15));
            assertThatThrownBy(() -> one(busy, "SELECT 1")).isInstanceOf(SQLException.class);
            assertThat(pg.psql("SELECT count(*) FROM drained").strip()).isEqualTo("2");
        } finally {
            gw.close();
        }
    }
}
