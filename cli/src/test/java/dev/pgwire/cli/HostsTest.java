package dev.pgwire.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LocalHost"})
    void loopback(String host) {
        assertThat(Hosts.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "192.168.1.1", "fe80::1", "example.com",
            "localhost.example.com", "127.0.0.1.nip.io"})
    void notLoopback(String host) {
        assertThat(Hosts.isLoopback(host)).isFalse();
    }

    @Test
    void ipv6AddressesGetBracketsNextToThePort() {
        assertThat(Hosts.withPort("::1", 5432)).isEqualTo("[::1]:5432");
        assertThat(Hosts.withPort("[::1]", 5432)).isEqualTo("[::1]:5432");
        assertThat(Hosts.withPort("127.0.0.1", 5432)).isEqualTo("127.0.0.1:5432");
    }
}
