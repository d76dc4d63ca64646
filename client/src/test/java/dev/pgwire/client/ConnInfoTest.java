package dev.pgwire.client;

import dev.pgwire.client.PgConnectOptions.Host;
import dev.pgwire.client.PgConnectOptions.SslMode;
import dev.pgwire.client.PgConnectOptions.TargetSessionAttrs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection strings read as libpq reads them (libpq documentation, "Connection Strings"). */
class ConnInfoTest {
    private static final Map<String, String> NO_ENV = Map.of("HOME", "/nonexistent-home");

    private static PgConnectOptions parse(String s) {
        return PgConnectOptions.parse(s, NO_ENV);
    }

    @Test
    void uriWithEveryComponent() {
        PgConnectOptions o = parse("postgresql://app:s3cret@db.example.com:6543/shop?sslmode=verify-full&application_name=nightly");
        assertThat(o.user()).isEqualTo("app");
        assertThat(o.password()).isEqualTo("s3cret");
        assertThat(o.hosts()).containsExactly(new Host("db.example.com", null, 6543));
        assertThat(o.database()).isEqualTo("shop");
        assertThat(o.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(o.applicationName()).isEqualTo("nightly");
    }

    @Test
    void uriComponentsArePercentDecoded() {
        PgConnectOptions o = parse("postgres://us%40er:p%3Aw%2Fd%20x@%2Fvar%2Frun%2Fpostgresql/my%20db?options=-c%20x%3D1");
        assertThat(o.user()).isEqualTo("us@er");
        assertThat(o.password()).isEqualTo("p:w/d x");
        assertThat(o.hosts()).containsExactly(new Host("/var/run/postgresql", null, 5432));
        assertThat(o.hosts().get(0).isUnixSocket()).isTrue();
        assertThat(o.hosts().get(0).socketFile()).isEqualTo(Path.of("/var/run/postgresql/.s.PGSQL.5432"));
        assertThat(o.database()).isEqualTo("my db");
        assertThat(o.options()).isEqualTo("-c x=1");
    }

    @Test
    void uriWithSeveralHostsAndIpv6() {
        PgConnectOptions o = parse("postgresql://host1:5432,[::1]:5433,host3/db");
        assertThat(o.hosts()).containsExactly(new Host("host1", null, 5432), new Host("::1", null, 5433),
                new Host("host3", null, 5432));
    }

    @Test
    void uriQueryParametersAndJdbcSslTrue() {
        PgConnectOptions o = parse("postgresql:///db?host=/tmp&port=5999&ssl=true&target_session_attrs=read-write");
        assertThat(o.hosts()).containsExactly(new Host("/tmp", null, 5999));
        assertThat(o.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(o.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.READ_WRITE);
    }

    @Test
    void badPercentEncodingIsRejected() {
        assertThatThrownBy(() -> parse("postgresql://u@h/d%zz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid percent-encoded token");
        assertThatThrownBy(() -> parse("postgresql://u@h/d%00")).hasMessageContaining("%00");
        assertThatThrownBy(() -> parse("postgresql://u@h/d?sslmode")).hasMessageContaining("missing key/value separator");
    }

    @Test
    void keyValueWithQuotingAndEscapes() {
        PgConnectOptions o = parse("host=localhost port = 5433 dbname='my db' user=o\\'brien "
                + "application_name='a \\'quoted\\' \\\\ name'");
        assertThat(o.hosts()).containsExactly(new Host("localhost", null, 5433));
        assertThat(o.database()).isEqualTo("my db");
        assertThat(o.user()).isEqualTo("o'brien");
        assertThat(o.applicationName()).isEqualTo("a 'quoted' \\ name");
    }

    @Test
    void emptyQuotedValue() {
        PgConnectOptions o = parse("host=h password='' dbname=d");
        assertThat(o.password()).isEmpty();
    }

    @Test
    void keyValueErrorsAreLibpqs() {
        assertThatThrownBy(() -> parse("host")).hasMessage("missing \"=\" after \"host\" in connection info string");
        assertThatThrownBy(() -> parse("host='unterminated")).hasMessageContaining("unterminated quoted string");
        assertThatThrownBy(() -> parse("hots=localhost")).hasMessage("invalid connection option \"hots\"");
        // adjacent quoted strings are not concatenated: the second starts a keyword without "="
        assertThatThrownBy(() -> parse("password='it''s'")).hasMessageContaining("missing \"=\"");
    }

    @Test
    void severalHostsWithPortsAndHostaddr() {
        PgConnectOptions o = parse("host=a,b,c port=1,2,3");
        assertThat(o.hosts()).extracting(Host::port).containsExactly(1, 2, 3);
        assertThat(parse("host=a,b port=7").hosts()).extracting(Host::port).containsExactly(7, 7);
        PgConnectOptions h = parse("host=db.internal hostaddr=10.0.0.5 port=5432");
        assertThat(h.hosts()).containsExactly(new Host("db.internal", "10.0.0.5", 5432));
        assertThat(h.hosts().get(0).isUnixSocket()).isFalse();
        assertThatThrownBy(() -> parse("host=a,b,c port=1,2")).hasMessage("could not match 2 port numbers to 3 hosts");
        assertThatThrownBy(() -> parse("host=a,b hostaddr=1.2.3.4,5.6.7.8,9.9.9.9"))
                .hasMessage("could not match 2 host names to 3 hostaddr values");
    }

    @Test
    void badValuesNameTheirOption() {
        assertThatThrownBy(() -> parse("port=abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid integer value \"abc\" for connection option \"port\"");
        assertThatThrownBy(() -> parse("port=70000")).hasMessage("invalid port number: \"70000\"");
        assertThatThrownBy(() -> parse("sslmode=sometimes")).hasMessage("invalid sslmode value: \"sometimes\"");
        assertThatThrownBy(() -> parse("channel_binding=maybe")).hasMessage("invalid channel_binding value: \"maybe\"");
        assertThatThrownBy(() -> parse("target_session_attrs=fast"))
                .hasMessage("invalid target_session_attrs value: \"fast\"");
        assertThatThrownBy(() -> parse("connect_timeout=-1")).hasMessageContaining("\"connect_timeout\"");
        assertThatThrownBy(() -> parse("sslnegotiation=sideways")).hasMessage("invalid sslnegotiation value: \"sideways\"");
        assertThatThrownBy(() -> parse("max_protocol_version=4.0")).hasMessage("invalid max_protocol_version value: \"4.0\"");
        assertThatThrownBy(() -> parse("min_protocol_version=3.2 max_protocol_version=3.0"))
                .hasMessageContaining("min_protocol_version");
        assertThatThrownBy(() -> parse("client_encoding=LATIN1")).hasMessageContaining("client_encoding");
        assertThatThrownBy(() -> parse("service=prod")).hasMessageContaining("\"service\" is not supported");
        assertThatThrownBy(() -> parse("sslmode=prefer sslnegotiation=direct"))
                .hasMessageContaining("weak sslmode \"prefer\" may not be used with sslnegotiation=direct");
        assertThatThrownBy(() -> parse("sslmode=require sslrootcert=system"))
                .hasMessageContaining("sslrootcert=system");
    }

    @Test
    void environmentFillsWhatTheStringLeavesOut() {
        Map<String, String> env = Map.of("HOME", "/nonexistent-home", "PGHOST", "envhost1,envhost2", "PGPORT", "6000",
                "PGUSER", "envuser", "PGPASSWORD", "envpw", "PGDATABASE", "envdb", "PGSSLMODE", "require",
                "PGAPPNAME", "envapp", "PGCONNECT_TIMEOUT", "7", "PGTARGETSESSIONATTRS", "read-only");
        PgConnectOptions o = PgConnectOptions.parse("", env);
        assertThat(o.hosts()).containsExactly(new Host("envhost1", null, 6000), new Host("envhost2", null, 6000));
        assertThat(o.user()).isEqualTo("envuser");
        assertThat(o.password()).isEqualTo("envpw");
        assertThat(o.database()).isEqualTo("envdb");
        assertThat(o.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(o.applicationName()).isEqualTo("envapp");
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(o.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.READ_ONLY);

        PgConnectOptions overridden = PgConnectOptions.parse("postgresql://other@h/otherdb?sslmode=disable", env);
        assertThat(overridden.user()).isEqualTo("other");
        assertThat(overridden.database()).isEqualTo("otherdb");
        assertThat(overridden.hosts()).containsExactly(new Host("h", null, 6000));
        assertThat(overridden.sslMode()).isEqualTo(SslMode.DISABLE);
        assertThat(overridden.password()).isEqualTo("envpw");
    }

    @Test
    void badEnvironmentValuesNameTheOption() {
        assertThatThrownBy(() -> PgConnectOptions.parse("", Map.of("PGSSLMODE", "on")))
                .hasMessage("invalid sslmode value: \"on\"");
    }

    @Test
    void defaultsAreLibpqs() {
        PgConnectOptions o = PgConnectOptions.parse("user=alice", NO_ENV);
        assertThat(o.database()).isEqualTo("alice");
        assertThat(o.hosts()).hasSize(1);
        assertThat(o.hosts().get(0).port()).isEqualTo(5432);
        assertThat(o.hosts().get(0).isUnixSocket()).isTrue();
        assertThat(o.sslMode()).isEqualTo(SslMode.PREFER);
        assertThat(o.channelBinding()).isEqualTo(PgConnectOptions.ChannelBinding.PREFER);
        assertThat(o.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.ANY);
        assertThat(o.sslRootCert()).isEqualTo("/nonexistent-home/.postgresql/root.crt");
        assertThat(o.passfile()).isEqualTo(Path.of("/nonexistent-home/.pgpass"));
        assertThat(o.connectTimeout()).isZero();
        assertThat(o.toString()).doesNotContain("password=");
        assertThat(parse("password=topsecret").toString()).contains("password=********").doesNotContain("topsecret");
    }

    @Test
    void withChangesOneOption() {
        PgConnectOptions o = parse("host=h user=u").with("sslmode", "disable");
        assertThat(o.sslMode()).isEqualTo(SslMode.DISABLE);
        assertThat(o.user()).isEqualTo("u");
        assertThatThrownBy(() -> o.with("sslmode", "bogus")).hasMessageContaining("sslmode");
    }

    @Test
    void passwordFileMatchesHostPortDatabaseAndUser(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, String.join("\n", List.of(
                "# comment",
                "otherhost:5432:*:bob:wrong",
                "db.example.com:5432:shop:bob:pa\\:ss\\\\word",
                "*:*:*:*:fallback")) + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Host host = new Host("db.example.com", null, 5432);
        assertThat(PgPassFile.find(pgpass, host, "shop", "bob")).isEqualTo("pa:ss\\word");
        assertThat(PgPassFile.find(pgpass, host, "other", "bob")).isEqualTo("fallback");
        assertThat(PgPassFile.find(pgpass, new Host("/tmp", null, 5432), "x", "y")).isEqualTo("fallback");

        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PgPassFile.find(pgpass, host, "shop", "bob")).as("world-readable files are ignored").isNull();
    }
}
