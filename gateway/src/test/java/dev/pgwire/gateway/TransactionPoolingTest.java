package dev.pgwire.gateway;

import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Transaction pooling against PostgreSQL 15: many clients on few server connections. */
@org.junit.jupiter.api.Timeout(60)
class TransactionPoolingTest {
    static PgCluster pg;
    static Gateway gw;

    @BeforeAll
    static void start() throws Exception {
        pg = SharedCluster.get();
        gw = SharedCluster.gateway(pg, PoolMode.TRANSACTION, 3);
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
    }

    @Test
    void a_simple_query_goes_through() throws Exception {
        try (Connection c = DriverManager.getConnection(SharedCluster.jdbc(gw, "postgres") + "&preferQueryMode=simple");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 + 1, current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo("postgres");
        }
    }

    @Test
    void twenty_clients_share_three_server_connections() throws Exception {
        Set<Integer> backends = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(SharedCluster.jdbc(gw, "postgres") + "&prepareThreshold=1")) {
                        PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid(), ?::int * 2");
                        for (int i = 0; i < 50; i++) {
                            ps.setInt(1, i);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                backends.add(rs.getInt(1));
                                assertThat(rs.getInt(2)).isEqualTo(i * 2);
                            }
                            if (i % 10 == 0) {
                                c.setAutoCommit(false);
                                try (Statement st = c.createStatement()) {
                                    st.execute("INSERT INTO items VALUES (" + (id * 1000 + i) + ", 'x') ON CONFLICT DO NOTHING");
                                }
                                c.commit();
                                c.setAutoCommit(true);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(backends).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void settings_follow_the_client_from_one_server_connection_to_the_next() throws Exception {
        try (Connection a = DriverManager.getConnection(SharedCluster.jdbc(gw, "postgres") + "&ApplicationName=alpha");
             Connection b = DriverManager.getConnection(SharedCluster.jdbc(gw, "postgres"))) {
            try (Statement st = a.createStatement()) {
                st.execute("SET search_path TO pg_catalog, public");
                st.execute("SET statement_timeout = '7s'");
            }
            for (int i = 0; i < 10; i++) {
                try (Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                    ResultSet ra = sa.executeQuery("SELECT current_setting('search_path'), current_setting('statement_timeout'), current_setting('application_name')");
                    ra.next();
                    assertThat(ra.getString(1)).isEqualTo("pg_catalog, public");
                    assertThat(ra.getString(2)).isEqualTo("7s");
                    assertThat(ra.getString(3)).isEqualTo("alpha");
                    ResultSet rb = sb.executeQuery("SELECT current_setting('search_path'), current_setting('statement_timeout'), current_setting('application_name')");
                    rb.next();
                    assertThat(rb.getString(1)).isEqualTo("\"$user\", public");
                    assertThat(rb.getString(2)).isEqualTo("0");
                    assertThat(rb.getString(3)).isEqualTo("PostgreSQL JDBC Driver");
                }
            }
        }
    }
}
