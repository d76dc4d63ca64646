package dev.pgwire.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    /** An IPv4-mapped IPv6 address kept as Inet6Address, as a dual-stack socket may report it. */
    private static InetAddress mapped(int a, int b, int c, int d) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = bytes[11] = (byte) 0xFF;
        bytes[12] = (byte) a; bytes[13] = (byte) b; bytes[14] = (byte) c; bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @Test
    void ipv4Ranges() throws Exception {
        assertThat(Cidr.parse("127.0.0.1/32").contains(ip("127.0.0.1"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1/32").contains(ip("127.0.0.2"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("10.255.1.2"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("192.168.1.128/25").contains(ip("192.168.1.200"))).isTrue();
        assertThat(Cidr.parse("192.168.1.128/25").contains(ip("192.168.1.127"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void ipv6Ranges() throws Exception {
        assertThat(Cidr.parse("::1/128").contains(ip("::1"))).isTrue();
        assertThat(Cidr.parse("::1/128").contains(ip("::2"))).isFalse();
        assertThat(Cidr.parse("fe80::/10").contains(ip("febf::1"))).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(ip("fec0::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    }

    @Test
    void familiesDoNotMix() throws Exception {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void ipv4MappedIpv6AddressesMatchIpv4Rules() throws Exception {
        assertThat(Cidr.parse("127.0.0.1/32").contains(mapped(127, 0, 0, 1))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(mapped(10, 9, 8, 7))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(mapped(11, 9, 8, 7))).isFalse();
    }

    @Test
    void mappedRulesMatchIpv4Clients() throws Exception {
        Cidr c = Cidr.parse("::ffff:127.0.0.1/128");
        assertThat(c.prefixLength()).isEqualTo(128);
        assertThat(c.contains(ip("127.0.0.1"))).isTrue();
        assertThat(c.contains(mapped(127, 0, 0, 1))).isTrue();
        assertThat(c.contains(ip("127.0.0.2"))).isFalse();
        assertThat(Cidr.parse("::ffff:10.0.0.0/104").contains(ip("10.20.30.40"))).isTrue();
        assertThat(Cidr.parse("::ffff:10.0.0.0/104").contains(ip("11.20.30.40"))).isFalse();
    }

    @Test
    void bareAddressIsASingleHost() throws Exception {
        assertThat(Cidr.parse("192.0.2.7")).isEqualTo(Cidr.parse("192.0.2.7/32"));
        assertThat(Cidr.parse("2001:db8::7")).isEqualTo(Cidr.parse("2001:db8::7/128"));
        assertThat(Cidr.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
    }

    @Test
    void hostBitsBelowThePrefixAreIgnored() {
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    }

    @Test
    void netmaskForm() {
        assertThat(Cidr.fromMask("192.168.0.0", "255.255.0.0")).isEqualTo(Cidr.parse("192.168.0.0/16"));
        assertThat(Cidr.fromMask("127.0.0.1", "255.255.255.255")).isEqualTo(Cidr.parse("127.0.0.1/32"));
        assertThatThrownBy(() -> Cidr.fromMask("10.0.0.0", "255.0.255.0")).hasMessageContaining("not contiguous");
        assertThatThrownBy(() -> Cidr.fromMask("10.0.0.0", "ffff::")).hasMessageContaining("do not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com/32", "10.0.0.0/33", "::1/129", "10.0.0/8", "256.0.0.1",
            "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/x", "1.2.3.4.5", "fe80::1%eth0", "::g", ""})
    void rejectsHostNamesAndBadSyntax(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
