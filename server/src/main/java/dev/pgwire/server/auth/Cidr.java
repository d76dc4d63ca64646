package dev.pgwire.server.auth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP address range in CIDR notation, as in the address field of pg_hba.conf:
 * {@code 127.0.0.1/32}, {@code 10.0.0.0/8}, {@code ::1/128}, {@code 0.0.0.0/0} (every IPv4
 * address), {@code ::/0} (every IPv6 address). A bare address stands for that one host.
 *
 * <p>IPv4 ranges also match IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}), which is how
 * IPv4 clients may appear on a dual-stack socket, and a range written in mapped form
 * ({@code ::ffff:10.0.0.0/104}) matches the IPv4 addresses it covers. Otherwise IPv4 and IPv6
 * do not mix: {@code ::/0} matches no IPv4 client. Host bits below the prefix are ignored, as
 * PostgreSQL compares only the masked bits.
 *
 * <pre>{@code
 * Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("10.1.2.3")) // true
 * }</pre>
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + bits);
        }
        network = masked(network, prefixLength);
    }

    /**
     * Parses {@code address/prefix} or a bare address. Only numeric addresses are accepted —
     * host names are never looked up.
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        InetAddress address = parseAddress(addressPart, text);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("invalid CIDR mask in address \"" + text + "\"");
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                throw new IllegalArgumentException("invalid CIDR mask in address \"" + text + "\": at most " + bits);
            }
        }
        return new Cidr(address, prefix);
    }

    /**
     * A range from an address and a netmask such as {@code 255.255.255.0} (the two-field form of
     * pg_hba.conf). The mask must be of the same family and contiguous.
     */
    public static Cidr fromMask(String address, String mask) {
        InetAddress a = parseAddress(address, address);
        byte[] m = parseAddress(mask, mask).getAddress();
        if (m.length != a.getAddress().length) {
            throw new IllegalArgumentException("IP address and mask do not match: " + address + " " + mask);
        }
        int prefix = 0;
        boolean ended = false;
        for (byte b : m) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean set = (b >> bit & 1) != 0;
                if (set && ended) throw new IllegalArgumentException("invalid IP mask \"" + mask + "\": not contiguous");
                if (set) prefix++; else ended = true;
            }
        }
        return new Cidr(a, prefix);
    }

    /** True if the address lies in this range. */
    public boolean contains(InetAddress address) {
        if (address == null) return false;
        byte[] candidate = address.getAddress();
        byte[] net = network.getAddress();
        if (candidate.length == 16 && net.length == 4 && isIpv4Mapped(candidate)) {
            candidate = java.util.Arrays.copyOfRange(candidate, 12, 16);
        } else if (candidate.length == 4 && net.length == 16 && prefixLength >= 96 && isIpv4Mapped(net)) {
            // A rule written as ::ffff:a.b.c.d/n: the JDK reports such clients as IPv4.
            candidate = ipv4Mapped(candidate);
        }
        if (candidate.length != net.length) return false;
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != net[i]) return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) return true;
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[full] & mask) == (net[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress parseAddress(String s, String original) {
        try {
            if (s.indexOf(':') >= 0) {
                // IPv6: only hex digits, colons and an embedded dotted quad, so the JDK treats it
                // as a literal and never resolves it.
                if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    throw new UnknownHostException(s);
                }
                InetAddress a = InetAddress.getByName(s);
                // The JDK turns "::ffff:a.b.c.d" into an IPv4 address; keep it IPv6 so that the
                // prefix length counts 128 bits as written.
                if (a instanceof Inet4Address) {
                    a = Inet6Address.getByAddress(null, ipv4Mapped(a.getAddress()), -1);
                }
                return a;
            }
            return InetAddress.getByAddress(parseIpv4(s));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid IP address \"" + original
                    + "\" (host names are not supported, only numeric addresses)");
        }
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException(s);
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(s);
            }
            int v = Integer.parseInt(p);
            if (v > 255) throw new IllegalArgumentException(s);
            b[i] = (byte) v;
        }
        return b;
    }

    private static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) return false;
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    private static byte[] ipv4Mapped(byte[] v4) {
        byte[] r = new byte[16];
        r[10] = (byte) 0xFF;
        r[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, r, 12, 4);
        return r;
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return b.length == 16 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
