package dev.pgwire.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration file: what a [databases] entry takes, and what it refuses instead of ignoring. */
class IniConfigTest {

    @Test
    void aDatabaseEntryTakesItsPoolSettings() {
        GatewayConfig c = IniConfig.parse("[databases]\napp = host=127.0.0.1 port=5432 dbname=app pool_size=7\n", null);
        assertThat(c.databases().get("app").poolSize()).isEqualTo(7);
        assertThat(c.databases().get("app").upstream()).containsEntry("dbname", "app").doesNotContainKey("pool_size");
    }

    @Test
    void limitsTheGatewayDoesNotEnforceAreRefusedNamingTheLine() {
        for (String key : new String[] {"max_db_connections", "reserve_pool"}) {
            assertThatThrownBy(() -> IniConfig.parse("[databases]\n\napp = host=127.0.0.1 dbname=app " + key + "=5\n", null))
                    .hasMessageContaining("config:3:").hasMessageContaining(key).hasMessageContaining("not supported");
        }
    }

    @Test
    void authUserAndAuthQueryAreReadAsPgBouncerNamesThemWithItsDefaultQuery() {
        GatewayConfig c = IniConfig.parse("[databases]\n* = host=127.0.0.1\n[pgbouncer]\nauth_user = pgbouncer_auth\n", null);
        assertThat(c.authUser()).isEqualTo("pgbouncer_auth");
        assertThat(c.authQuery()).isEqualTo("SELECT usename, passwd FROM pg_shadow WHERE usename=$1");
        assertThat(c.authDbname()).isNull();
        GatewayConfig own = IniConfig.parse("[databases]\n* = host=127.0.0.1\n[pgwire]\nauth_user = lookup\n"
                + "auth_query = SELECT * FROM pgbouncer.user_lookup($1)\nauth_dbname = postgres\n", null);
        assertThat(own.authQuery()).isEqualTo("SELECT * FROM pgbouncer.user_lookup($1)");
        assertThat(own.authDbname()).isEqualTo("postgres");
        assertThat(GatewayConfig.builder().database("*", "postgresql://127.0.0.1").build().authUser())
                .as("no lookups unless asked for").isNull();
    }

    @Test
    void tcpDeferAcceptIsOnAndSoReuseportOffUnlessSetWithPgBouncersBooleans() {
        GatewayConfig d = IniConfig.parse("[databases]\n* = host=127.0.0.1\n", null);
        assertThat(d.tcpDeferAccept()).isTrue();
        assertThat(d.soReuseport()).isFalse();
        GatewayConfig c = IniConfig.parse("[databases]\n* = host=127.0.0.1\n[pgbouncer]\ntcp_defer_accept = 0\nso_reuseport = 1\n", null);
        assertThat(c.tcpDeferAccept()).isFalse();
        assertThat(c.soReuseport()).isTrue();
        assertThatThrownBy(() -> IniConfig.parse("[databases]\n* = host=127.0.0.1\n[pgbouncer]\nso_reuseport = maybe\n", null))
                .hasMessageContaining("so_reuseport must be 1 or 0");
    }
}
