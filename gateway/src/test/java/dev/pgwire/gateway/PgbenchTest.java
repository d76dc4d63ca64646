package dev.pgwire.gateway;

import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** pgbench through the gateway in transaction mode: many clients on few server connections, no failure. */
@Timeout(180)
class PgbenchTest {
    static PgCluster pg;
    static Gateway gw;

    @BeforeAll
    static void start() throws Exception {
        pg = SharedCluster.get();
        pg.psql("DROP DATABASE IF EXISTS bench");
        pg.psql("CREATE DATABASE bench");
        ExternalProcess.command(List.of(PgCluster.BIN.resolve("pgbench").toString(), "-i", "-q", "-s", "1", "-h",
                        pg.socketDir().toString(), "-p", Integer.toString(pg.port()), "-U", "postgres", "bench"))
                .timeout(Duration.ofSeconds(120)).run().requireSuccess("pgbench -i");
        gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 8);
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
    }

    static ExternalProcess.Result pgbench(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(PgCluster.BIN.resolve("pgbench").toString(), "-h", "127.0.0.1",
                "-p", Integer.toString(gw.port()), "-U", "postgres", "-n"));
        cmd.addAll(List.of(args));
        cmd.add("bench");
        ExternalProcess.Result r = ExternalProcess.command(cmd).env(Map.of("PGSSLMODE", "disable"))
                .timeout(Duration.ofSeconds(90)).run();
        assertThat(r.succeeded()).as(() -> r.stdout() + r.stderr() + "\n" + state()).isTrue();
        return r;
    }

    static String state() {
        StringBuilder b = new StringBuilder();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + gw.port() + "/pgwire?user=postgres&sslmode=disable&preferQueryMode=simple");
             java.sql.Statement st = c.createStatement()) {
            for (String q : List.of("SHOW POOLS", "SHOW SERVERS", "SHOW CLIENTS")) {
                try (java.sql.ResultSet rs = st.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) b.append(rs.getString(i)).append('|');
                        b.append('\n');
                    }
                }
            }
        } catch (Exception e) {
            b.append(e);
        }
        b.append(pg.psql("SELECT pid, state, left(query, 40) FROM pg_stat_activity WHERE backend_type = 'client backend'"));
        return b.toString();
    }

    static long processed(ExternalProcess.Result r) {
        Matcher m = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(r.stdout());
        assertThat(m.find()).as(r.stdout()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void tpcb_with_64_clients_on_8_server_connections_has_no_failure_and_consistent_balances() {
        ExternalProcess.Result r = pgbench("-c", "64", "-j", "2", "-T", "8", "-M", "simple");
        assertThat(r.stdout()).contains("number of failed transactions: 0 (0.000%)");
        assertThat(processed(r)).isPositive();
        ExternalProcess.Result p = pgbench("-c", "64", "-j", "2", "-T", "4", "-M", "prepared");
        assertThat(p.stdout()).contains("number of failed transactions: 0 (0.000%)");
        String sums = pg.psql("bench", "SELECT (SELECT sum(abalance) FROM pgbench_accounts), (SELECT sum(bbalance) FROM pgbench_branches),"
                + " (SELECT sum(tbalance) FROM pgbench_tellers), (SELECT sum(delta) FROM pgbench_history)").strip();
        String[] v = sums.split("\\|");
        assertThat(v).hasSize(4);
        assertThat(v[0]).isEqualTo(v[1]).isEqualTo(v[2]).isEqualTo(v[3]);
        assertThat(pg.psql("bench", "SELECT count(*) FROM pg_stat_activity WHERE datname = 'bench' AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
                .strip()).satisfies(n -> assertThat(Integer.parseInt(n)).isLessThanOrEqualTo(8));
    }

    @Test
    void select_only_in_all_three_protocol_modes() {
        for (String mode : List.of("simple", "extended", "prepared")) {
            ExternalProcess.Result r = pgbench("-S", "-c", "16", "-j", "2", "-T", "2", "-M", mode);
            assertThat(r.stdout()).as(mode).contains("number of failed transactions: 0 (0.000%)");
            assertThat(processed(r)).as(mode).isPositive();
        }
    }
}
