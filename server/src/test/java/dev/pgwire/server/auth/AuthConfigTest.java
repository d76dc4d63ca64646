package dev.pgwire.server.auth;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Set;

import static dev.pgwire.server.auth.AuthMethod.MD5;
import static dev.pgwire.server.auth.AuthMethod.PASSWORD;
import static dev.pgwire.server.auth.AuthMethod.REJECT;
import static dev.pgwire.server.auth.AuthMethod.SCRAM_SHA_256;
import static dev.pgwire.server.auth.AuthMethod.TRUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthConfigTest {
    private static final SocketAddress UNIX = UnixDomainSocketAddress.of("/tmp/.s.PGSQL.5432");

    private static SocketAddress tcp(String ip) {
        return new InetSocketAddress(ip, 50000);
    }

    @Test
    void firstMatchingLineWins() {
        AuthConfig c = AuthConfig.parse("""
                host all alice 10.0.0.0/8 trust
                host all all   10.0.0.0/8 md5
                host all all   0.0.0.0/0  scram-sha-256
                """);
        assertThat(c.methodFor("alice", "db", tcp("10.1.1.1"), false)).isEqualTo(TRUST);
        assertThat(c.methodFor("bob", "db", tcp("10.1.1.1"), false)).isEqualTo(MD5);
        assertThat(c.methodFor("alice", "db", tcp("192.0.2.1"), false)).isEqualTo(SCRAM_SHA_256);
    }

    @Test
    void noMatchingLineRejects() {
        AuthConfig c = AuthConfig.parse("host all all 127.0.0.1/32 trust");
        assertThat(c.methodFor("alice", "db", tcp("192.0.2.1"), false)).isEqualTo(REJECT);
        assertThat(c.ruleFor("alice", "db", tcp("192.0.2.1"), false)).isEmpty();
        assertThat(c.methodFor("alice", "db", UNIX, false)).isEqualTo(REJECT);
    }

    @Test
    void localMatchesOnlyNonTcpConnections() {
        AuthConfig c = AuthConfig.parse("local all all trust");
        assertThat(c.methodFor("u", "d", UNIX, false)).isEqualTo(TRUST);
        assertThat(c.methodFor("u", "d", null, false)).isEqualTo(TRUST);
        assertThat(c.methodFor("u", "d", tcp("127.0.0.1"), false)).isEqualTo(REJECT);
    }

    @Test
    void hostMatchesTcpWithOrWithoutTlsButNeverLocal() {
        AuthConfig c = AuthConfig.parse("host all all all md5");
        assertThat(c.methodFor("u", "d", tcp("192.0.2.1"), true)).isEqualTo(MD5);
        assertThat(c.methodFor("u", "d", tcp("::1"), false)).isEqualTo(MD5);
        assertThat(c.methodFor("u", "d", UNIX, false)).isEqualTo(REJECT);
    }

    @Test
    void hostsslAndHostnosslSplitOnTls() {
        AuthConfig c = AuthConfig.parse("""
                hostssl   all all 0.0.0.0/0 scram-sha-256
                hostnossl all all 0.0.0.0/0 reject
                """);
        assertThat(c.methodFor("u", "d", tcp("192.0.2.1"), true)).isEqualTo(SCRAM_SHA_256);
        assertThat(c.methodFor("u", "d", tcp("192.0.2.1"), false)).isEqualTo(REJECT);
        assertThat(c.ruleFor("u", "d", tcp("192.0.2.1"), false).orElseThrow().type()).isEqualTo(ConnectionType.HOSTNOSSL);
    }

    @Test
    void ipv4AndIpv6RulesMatchTheirOwnFamily() {
        AuthConfig c = AuthConfig.parse("""
                host all all 127.0.0.1/32 trust
                host all all ::1/128      md5
                """);
        assertThat(c.methodFor("u", "d", tcp("127.0.0.1"), false)).isEqualTo(TRUST);
        assertThat(c.methodFor("u", "d", tcp("::1"), false)).isEqualTo(MD5);
        assertThat(c.methodFor("u", "d", tcp("::2"), false)).isEqualTo(REJECT);
    }

    @Test
    void databaseAndUserLists() {
        AuthConfig c = AuthConfig.parse("hostssl db1,db2 alice,bob ::1/128 scram-sha-256");
        AuthRule r = c.rules().get(0);
        assertThat(r.databases()).containsExactlyInAnyOrder("db1", "db2");
        assertThat(r.users()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(c.methodFor("bob", "db2", tcp("::1"), true)).isEqualTo(SCRAM_SHA_256);
        assertThat(c.methodFor("carol", "db2", tcp("::1"), true)).isEqualTo(REJECT);
        assertThat(c.methodFor("bob", "db3", tcp("::1"), true)).isEqualTo(REJECT);
        assertThat(c.methodFor("Bob", "db2", tcp("::1"), true)).as("names are case-sensitive").isEqualTo(REJECT);
    }

    @Test
    void listsMayContinueAfterACommaAndSpace() {
        AuthRule r = AuthConfig.parse("local db1, db2 alice trust").rules().get(0);
        assertThat(r.databases()).containsExactlyInAnyOrder("db1", "db2");
        assertThat(r.users()).containsExactly("alice");
    }

    @Test
    void allMeansEveryNameButQuotedAllIsAName() {
        AuthConfig c = AuthConfig.parse("""
                local "all" all trust
                local all,db1 "bob" md5
                """);
        assertThat(c.rules().get(0).databases()).containsExactly("all");
        assertThat(c.rules().get(1).databases()).isEmpty();
        assertThat(c.methodFor("u", "all", UNIX, false)).isEqualTo(TRUST);
        assertThat(c.methodFor("bob", "other", UNIX, false)).isEqualTo(MD5);
    }

    @Test
    void quotedNamesMayContainSpacesCommasAndHashes() {
        AuthRule r = AuthConfig.parse("local \"my db\",\"a,b\" \"#x\" trust # comment").rules().get(0);
        assertThat(r.databases()).containsExactlyInAnyOrder("my db", "a,b");
        assertThat(r.users()).containsExactly("#x");
    }

    @Test
    void commentsBlankLinesAndCaseInsensitiveMethods() {
        AuthConfig c = AuthConfig.parse("""
                # TYPE  DATABASE  USER  ADDRESS       METHOD

                local   all       all                 TRUST   # trailing comment
                \thost  all       all   10.0.0.0/8    Password
                """);
        assertThat(c.rules()).hasSize(2);
        assertThat(c.rules().get(1).method()).isEqualTo(PASSWORD);
    }

    @Test
    void addressWithSeparateNetmask() {
        AuthRule r = AuthConfig.parse("host all all 192.168.0.0 255.255.0.0 md5").rules().get(0);
        assertThat(r.address()).isEqualTo(Cidr.parse("192.168.0.0/16"));
        assertThat(AuthConfig.parse("host all all 192.168.0.1 md5").rules().get(0).address())
                .isEqualTo(Cidr.parse("192.168.0.1/32"));
    }

    @Test
    void ipv4MappedClientsMatchIpv4Rules() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        SocketAddress remote = new InetSocketAddress(java.net.Inet6Address.getByAddress(null, mapped, -1), 5000);
        assertThat(AuthConfig.trustLoopback().methodFor("u", "d", remote, false)).isEqualTo(TRUST);
    }

    @Test
    void trustLoopbackTrustsLocalAndLoopbackOnly() {
        AuthConfig c = AuthConfig.trustLoopback();
        assertThat(c.methodFor("u", "d", UNIX, false)).isEqualTo(TRUST);
        assertThat(c.methodFor("u", "d", tcp("127.0.0.1"), false)).isEqualTo(TRUST);
        assertThat(c.methodFor("u", "d", tcp("::1"), true)).isEqualTo(TRUST);
        assertThat(c.methodFor("u", "d", tcp("127.0.0.2"), false)).isEqualTo(REJECT);
        assertThat(c.methodFor("u", "d", tcp("192.0.2.1"), false)).isEqualTo(REJECT);
    }

    @Test
    void allUsesOneMethodEverywhere() {
        AuthConfig c = AuthConfig.all(SCRAM_SHA_256);
        assertThat(c.methodFor("u", "d", UNIX, false)).isEqualTo(SCRAM_SHA_256);
        assertThat(c.methodFor("u", "d", tcp("192.0.2.1"), true)).isEqualTo(SCRAM_SHA_256);
        assertThat(c.methodFor("u", "d", tcp("2001:db8::1"), false)).isEqualTo(SCRAM_SHA_256);
    }

    @Test
    void localRulesIgnoreTheAddress() {
        AuthRule r = new AuthRule(ConnectionType.LOCAL, Set.of(), Set.of(), Cidr.parse("10.0.0.0/8"), TRUST);
        assertThat(r.address()).isNull();
        assertThat(new AuthConfig(java.util.List.of(r)).methodFor("u", "d", UNIX, false)).isEqualTo(TRUST);
    }

    @Test
    void toStringParsesBackToTheSameRules() {
        AuthConfig c = AuthConfig.parse("""
                local all all trust
                hostssl db1,"my db","all" alice ::1/128 scram-sha-256
                hostnossl all bob 10.0.0.0/8 md5
                host all all ::ffff:10.0.0.0/104 password
                host all all all reject
                """);
        assertThat(AuthConfig.parse(c.toString())).isEqualTo(c);
    }

    @Test
    void errorsNameTheLine() {
        assertError("local all all trust\nhost all all 127.0.0.1/32 peer",
                "line 2: unsupported authentication method \"peer\"; valid methods: trust, reject, password, md5, scram-sha-256");
        assertError("\n\nhostgssenc all all all trust", "line 3: invalid connection type \"hostgssenc\"");
        assertError("host all all", "line 1: end of line before IP address specification");
        assertError("host all all 10.0.0.0/8", "line 1: end of line before authentication method specification");
        assertError("local all", "line 1: end of line before role specification");
        assertError("host all all localhost md5", "line 1: invalid IP address \"localhost\"");
        assertError("host all all 10.0.0.0/40 md5", "line 1: invalid CIDR mask");
        assertError("host all all samenet md5", "line 1: address keyword \"samenet\" is not supported");
        assertError("local replication all trust", "line 1: database keyword \"replication\" is not supported");
        assertError("local sameuser all trust", "line 1: database keyword \"sameuser\" is not supported");
        assertError("local all +admins trust", "line 1: group membership (+) and file inclusion (@) are not supported");
        assertError("local all @users.txt trust", "line 1: group membership (+) and file inclusion (@) are not supported");
        assertError("local all all trust extra=1", "line 1: authentication options are not supported");
        assertError("local db1,,db2 all trust", "line 1: empty name in a comma-separated list");
        assertError("local db1, all trust", "line 1: end of line before authentication method specification");
        assertError("local \"db all trust", "line 1: unterminated quoted string");
        assertError("local all all trust,md5", "line 1: multiple values in authentication method field");
    }

    private static void assertError(String text, String messageStart) {
        assertThatThrownBy(() -> AuthConfig.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Test
    void authMethodParse() {
        assertThat(AuthMethod.parse("SCRAM-SHA-256")).isEqualTo(SCRAM_SHA_256);
        assertThat(AuthMethod.parse("md5")).isEqualTo(MD5);
        assertThat(AuthMethod.parse("Trust")).isEqualTo(TRUST);
        assertThatThrownBy(() -> AuthMethod.parse("scram"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported authentication method \"scram\"; valid methods: trust, reject, password, md5, scram-sha-256");
    }
}
