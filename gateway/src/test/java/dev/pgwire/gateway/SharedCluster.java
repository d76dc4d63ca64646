package dev.pgwire.gateway;

import dev.pgwire.testkit.PgCluster;

/**
 * One PostgreSQL 15 cluster for the gateway's tests in a JVM (starting one takes seconds); tests
 * that restart or break it start their own. Stopped by PgCluster's shutdown hook.
 */
final class SharedCluster {
    private SharedCluster() {}

    private static PgCluster cluster;

    static synchronized PgCluster get() {
        if (cluster == null) {
            cluster = PgCluster.builder().setting("max_connections", "200").start();
            cluster.psql("CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, name text)");
        }
        return cluster;
    }

    /** The upstream URI of a cluster for {@code --upstream} / a [databases] entry. */
    static String upstream(PgCluster pg) {
        return "postgresql://" + pg.superuser() + ":" + pg.password() + "@" + pg.host() + ":" + pg.port() + "/postgres?sslmode=disable";
    }

    /** A gateway on a free port in front of {@code pg}, every database name mapped to the same-named one. */
    static Gateway gateway(PgCluster pg, PoolMode mode, int poolSize) throws Exception {
        return Gateway.start(config(pg, mode, poolSize).build());
    }

    static GatewayConfig.Builder config(PgCluster pg, PoolMode mode, int poolSize) {
        java.util.Map<String, String> k = new java.util.LinkedHashMap<>(IniConfig.uriKeywords(upstream(pg)));
        k.remove("dbname");
        return GatewayConfig.builder().listen("127.0.0.1", 0).poolMode(mode).defaultPoolSize(poolSize)
                .database("*", k).queryWaitTimeout(java.time.Duration.ofSeconds(20));
    }

    static String jdbc(Gateway gw, String db) {
        return "jdbc:postgresql://127.0.0.1:" + gw.port() + "/" + db + "?user=postgres&sslmode=disable";
    }
}
