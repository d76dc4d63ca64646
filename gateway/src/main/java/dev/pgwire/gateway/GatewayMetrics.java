package dev.pgwire.gateway;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The gateway's Micrometer registry and, when configured, its Prometheus endpoint: GET /metrics
 * on a plain HTTP listener of its own (one small thread; scrapes never touch an event loop).
 */
final class GatewayMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer http;

    MeterRegistry registry() {
        return registry;
    }

    String scrape() {
        return registry.scrape();
    }

    /** Gauges of one pool: clients active and waiting, server connections active, idle and open. */
    void pool(Pool p) {
        Tags tags = Tags.of("database", p.database, "user", p.user);
        Gauge.builder("pgwire_gateway_clients_active", p, x -> x.clients.size() - x.waiting()).tags(tags).register(registry);
        Gauge.builder("pgwire_gateway_clients_waiting", p, Pool::waiting).tags(tags).register(registry);
        Gauge.builder("pgwire_gateway_servers_active", p, Pool::activeServers).tags(tags).register(registry);
        Gauge.builder("pgwire_gateway_servers_idle", p, Pool::idleCount).tags(tags).register(registry);
        Gauge.builder("pgwire_gateway_servers_total", p, Pool::total).tags(tags).register(registry);
        Gauge.builder("pgwire_gateway_max_wait_seconds", p, x -> x.maxWaitMicros() / 1e6).tags(tags).register(registry);
    }

    /** Starts the HTTP listener; returns the bound port. */
    int listen(String host, int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress(host, port), 16);
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pgwire-metrics");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/metrics", exchange -> {
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        if (http != null) http.stop(0);
        registry.close();
    }
}
