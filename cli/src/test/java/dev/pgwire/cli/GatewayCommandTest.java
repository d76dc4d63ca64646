package dev.pgwire.cli;

import dev.pgwire.gateway.GatewayConfig;
import dev.pgwire.gateway.PoolMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** `pgwire gateway` options become the gateway's configuration; options given besides --config win. */
class GatewayCommandTest {
    @TempDir
    Path dir;

    static GatewayConfig config(String... args) {
        GatewayCommand cmd = new GatewayCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.buildConfig();
    }

    @Test
    void upstream_and_pool_options() {
        GatewayConfig c = config("--listen", "127.0.0.1:7000", "--upstream", "postgresql://app:secret@db.example:5433/shop?sslmode=require",
                "--pool-mode", "session", "--pool-size", "7", "--min-pool-size", "2", "--io-threads", "1",
                "--query-wait-timeout", "30s", "--max-prepared-statements", "50");
        assertThat(c.listenHost()).isEqualTo("127.0.0.1");
        assertThat(c.listenPort()).isEqualTo(7000);
        assertThat(c.poolMode()).isEqualTo(PoolMode.SESSION);
        assertThat(c.defaultPoolSize()).isEqualTo(7);
        assertThat(c.minPoolSize()).isEqualTo(2);
        assertThat(c.ioThreads()).isEqualTo(1);
        assertThat(c.queryWaitTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxPreparedStatements()).isEqualTo(50);
        // Every database name goes to the same server; the URI's own database under its name.
        assertThat(c.database("anything").upstream()).containsEntry("host", "db.example").containsEntry("port", "5433")
                .containsEntry("user", "app").containsEntry("sslmode", "require").doesNotContainKey("dbname");
        assertThat(c.database("shop").upstream()).containsEntry("dbname", "shop");
    }

    @Test
    void options_given_besides_the_configuration_file_override_it() throws Exception {
        Path ini = dir.resolve("gw.ini");
        Files.writeString(ini, "[databases]\nshop = host=127.0.0.1 dbname=shop pool_size=3\n"
                + "[pgwire]\nlisten_port = 6500\npool_mode = session\ndefault_pool_size = 5\nio_threads = 3\n");
        GatewayConfig c = config("--config", ini.toString(), "--pool-mode", "transaction");
        assertThat(c.listenPort()).isEqualTo(6500);
        assertThat(c.poolMode()).isEqualTo(PoolMode.TRANSACTION);
        assertThat(c.defaultPoolSize()).isEqualTo(5);
        assertThat(c.ioThreads()).isEqualTo(3);
        assertThat(c.database("shop").poolSize()).isEqualTo(3);
        assertThat(c.database("other")).isNull();
        assertThat(c.source()).isEqualTo(ini);
    }

    @Test
    void listener_options_so_reuseport_and_tcp_defer_accept() throws Exception {
        GatewayConfig d = config("--upstream", "postgresql://h/db");
        assertThat(d.soReuseport()).isFalse();
        assertThat(d.tcpDeferAccept()).isTrue();
        GatewayConfig c = config("--upstream", "postgresql://h/db", "--so-reuseport", "--no-tcp-defer-accept");
        assertThat(c.soReuseport()).isTrue();
        assertThat(c.tcpDeferAccept()).isFalse();
        Path ini = dir.resolve("listen.ini");
        Files.writeString(ini, "[databases]\n* = host=127.0.0.1\n[pgwire]\nso_reuseport = 1\ntcp_defer_accept = 0\n");
        GatewayConfig f = config("--config", ini.toString());
        assertThat(f.soReuseport()).isTrue();
        assertThat(f.tcpDeferAccept()).isFalse();
        GatewayConfig o = config("--config", ini.toString(), "--no-so-reuseport", "--tcp-defer-accept");
        assertThat(o.soReuseport()).isFalse();
        assertThat(o.tcpDeferAccept()).isTrue();
    }

    @Test
    void auth_user_options_and_their_ini_keys() throws Exception {
        GatewayConfig c = config("--upstream", "postgresql://db.example/shop", "--auth", "scram-sha-256",
                "--auth-user", "pgbouncer_auth", "--auth-dbname", "postgres");
        assertThat(c.authUser()).isEqualTo("pgbouncer_auth");
        assertThat(c.authQuery()).isEqualTo(GatewayConfig.DEFAULT_AUTH_QUERY);
        assertThat(c.authDbname()).isEqualTo("postgres");
        Path ini = dir.resolve("auth.ini");
        Files.writeString(ini, "[databases]\n* = host=127.0.0.1\n"
                + "[pgbouncer]\nauth_user = lookup\nauth_query = SELECT * FROM pgbouncer.user_lookup($1)\n");
        GatewayConfig fromFile = config("--config", ini.toString());
        assertThat(fromFile.authUser()).isEqualTo("lookup");
        assertThat(fromFile.authQuery()).isEqualTo("SELECT * FROM pgbouncer.user_lookup($1)");
        GatewayConfig overridden = config("--config", ini.toString(), "--auth-query", "SELECT usename, passwd FROM my_users($1)");
        assertThat(overridden.authUser()).isEqualTo("lookup");
        assertThat(overridden.authQuery()).isEqualTo("SELECT usename, passwd FROM my_users($1)");
    }

    @Test
    void without_upstream_or_config_it_says_what_is_missing() {
        assertThatThrownBy(() -> config("--pool-size", "3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--upstream").hasMessageContaining("--config");
        assertThatThrownBy(() -> config("--upstream", "postgresql://h/db", "--io-threads", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("io_threads");
    }
}
