package dev.pgwire.protocol.types;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A value of PostgreSQL's {@code inet} or {@code cidr}: an IPv4 or IPv6 address with a netmask
 * length. IPv4-mapped IPv6 addresses keep their family (use
 * {@link java.net.Inet6Address#getByAddress(String, byte[], int)} to build one).
 *
 * <pre>{@code
 * PgInet host = PgInet.host(InetAddress.getByName("192.168.0.1"));   // inet 192.168.0.1
 * PgInet net = PgInet.parse("10.0.0.0/8");
 * }</pre>
 *
 * @param address the address
 * @param netmask prefix length, 0..32 for IPv4 and 0..128 for IPv6
 * @param cidr    true for a cidr value (no bits right of the mask), false for inet
 */
public record PgInet(InetAddress address, int netmask, boolean cidr) {

    public PgInet {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (netmask < 0 || netmask > max) {
            throw new IllegalArgumentException("netmask " + netmask + " out of range 0.." + max);
        }
    }

    /** An inet host address: netmask /32 or /128. */
    public static PgInet host(InetAddress address) {
        return new PgInet(address, address instanceof Inet4Address ? 32 : 128, false);
    }

    /** Reads inet input syntax ({@code 192.168.0.1/24}, {@code ::1}). */
    public static PgInet parse(String text) {
        return InetCodec.parse(text, false);
    }

    public boolean isIPv4() {
        return address instanceof Inet4Address;
    }

    /** PostgreSQL's text output for the type this value is ({@code inet} or {@code cidr}). */
    @Override
    public String toString() {
        return InetCodec.format(this, cidr);
    }
}
