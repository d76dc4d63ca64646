package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import io.netty.buffer.ByteBuf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * inet and cidr. Text as PostgreSQL's network_in/network_out (IPv4 always as four octets, IPv6
 * compressed as inet_net_ntop does; inet hides /32 and /128, cidr always shows the mask). Binary
 * (inet_send): family (2 = IPv4, 3 = IPv6), mask bits, is_cidr, address length, address bytes.
 */
final class InetCodec extends BaseCodec<PgInet> {

    static final InetCodec INET = new InetCodec(PgType.INET, false);
    static final InetCodec CIDR = new InetCodec(PgType.CIDR, true);

    private static final int FAMILY_INET = 2;
    private static final int FAMILY_INET6 = 3;

    private final boolean cidr;

    private InetCodec(PgType type, boolean cidr) {
        super(type, PgInet.class);
        this.cidr = cidr;
    }

    @Override
    public String encodeText(PgInet value, CodecContext ctx) {
        return format(value, cidr);
    }

    @Override
    public PgInet decodeText(String text, CodecContext ctx) {
        return parse(text, cidr);
    }

    @Override
    public void encodeBinary(PgInet value, ByteBuf out, CodecContext ctx) {
        byte[] addr = value.address().getAddress();
        if (cidr) checkCidr(addr, value.netmask(), () -> invalidCidrValue(format(value, true)));
        out.writeByte(addr.length == 4 ? FAMILY_INET : FAMILY_INET6);
        out.writeByte(value.netmask());
        out.writeByte(cidr ? 1 : 0);
        out.writeByte(addr.length);
        out.writeBytes(addr);
    }

    @Override
    public PgInet decodeBinary(ByteBuf in, int length, CodecContext ctx) {
        String name = type().name();
        if (length < 4) throw Errors.invalidBinary("insufficient data left in message");
        int family = in.readUnsignedByte();
        if (family != FAMILY_INET && family != FAMILY_INET6) {
            throw Errors.invalidBinary("invalid address family in external \"" + name + "\" value");
        }
        int size = family == FAMILY_INET ? 4 : 16;
        int bits = in.readUnsignedByte();
        if (bits > size * 8) throw Errors.invalidBinary("invalid bits in external \"" + name + "\" value");
        in.readUnsignedByte();  // is_cidr: the type decides
        int nb = in.readUnsignedByte();
        if (nb != size || length != 4 + nb) throw Errors.invalidBinary("invalid length in external \"" + name + "\" value");
        byte[] addr = new byte[nb];
        in.readBytes(addr);
        if (cidr) {
            checkCidr(addr, bits, () -> Errors.invalidBinary("invalid external \"cidr\" value")
                    .withDetail("Value has bits set to right of mask."));
        }
        return new PgInet(toAddress(addr), bits, cidr);
    }

    // ---- text ------------------------------------------------------------------------------

    static String format(PgInet v, boolean cidr) {
        byte[] a = v.address().getAddress();
        StringBuilder sb = new StringBuilder(48);
        if (a.length == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) sb.append('.');
                sb.append(a[i] & 0xFF);
            }
        } else {
            appendIpv6(sb, a);
        }
        if (cidr || v.netmask() != a.length * 8) sb.append('/').append(v.netmask());
        return sb.toString();
    }

    /** inet_net_ntop_ipv6: the first longest run (2+) of zero words becomes "::"; embedded IPv4. */
    private static void appendIpv6(StringBuilder sb, byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = (a[2 * i] & 0xFF) << 8 | (a[2 * i + 1] & 0xFF);
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) bestBase = -1;
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) sb.append(':');
                continue;
            }
            if (i != 0) sb.append(':');
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(a[12] & 0xFF).append('.').append(a[13] & 0xFF).append('.')
                        .append(a[14] & 0xFF).append('.').append(a[15] & 0xFF);
                return;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) sb.append(':');
    }

    static PgInet parse(String text, boolean cidr) {
        String typeName = cidr ? "cidr" : "inet";
        byte[] addr;
        int bits;
        if (text.indexOf(':') >= 0) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            addr = parseIpv6(host);
            if (addr == null) throw Errors.invalidText(typeName, text);
            bits = 128;
            if (slash >= 0) {
                String b = text.substring(slash + 1);
                // getbits: digits without leading zeros, at most 128
                if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(c -> c >= '0' && c <= '9')
                        || (b.length() > 1 && b.charAt(0) == '0')) {
                    throw Errors.invalidText(typeName, text);
                }
                bits = Integer.parseInt(b);
                if (bits > 128) throw Errors.invalidText(typeName, text);
            }
        } else {
            addr = new byte[4];
            bits = cidr ? parseCidrIpv4(text, addr) : parseInetIpv4(text, addr);
            if (bits < 0) throw Errors.invalidText(typeName, text);
        }
        if (cidr) checkCidr(addr, bits, () -> invalidCidrValue(text));
        return new PgInet(toAddress(addr), bits, cidr);
    }

    private static PgException invalidCidrValue(String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid cidr value: \"" + text + "\"")
                .withDetail("Value has bits set to right of mask.");
    }

    private static void checkCidr(byte[] addr, int bits, java.util.function.Supplier<PgException> error) {
        for (int i = 0; i < addr.length * 8; i++) {
            if (i >= bits && (addr[i / 8] & (0x80 >> (i % 8))) != 0) throw error.get();
        }
    }

    private static InetAddress toAddress(byte[] addr) {
        try {
            // built from bytes: no name lookup; IPv4-mapped IPv6 addresses stay IPv6
            return addr.length == 4 ? InetAddress.getByAddress(addr) : Inet6Address.getByAddress(null, addr, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * inet_net_pton_ipv4 (inet): 1 to 4 decimal octets, optional /bits; without /bits all four
     * octets are required. Returns the bits, or -1 for bad syntax.
     */
    private static int parseInetIpv4(String s, byte[] dst) {
        int[] pos = {0};
        int octets = readOctets(s, pos, dst);
        if (octets <= 0) return -1;
        int bits = readBits(s, pos);
        if (bits == -2) return -1;
        if (pos[0] != s.length()) return -1;
        if (bits == -1) return octets == 4 ? 32 : -1;
        if (bits / 8 > octets) return -1;
        return bits;
    }

    /**
     * inet_cidr_pton_ipv4 (cidr): abbreviated networks ("10", "192.168.1") whose mask, when not
     * given, follows the old address classes and covers the octets written.
     */
    private static int parseCidrIpv4(String s, byte[] dst) {
        int[] pos = {0};
        int octets = readOctets(s, pos, dst);
        if (octets <= 0) return -1;
        int bits = readBits(s, pos);
        if (bits == -2 || pos[0] != s.length()) return -1;
        if (bits == -1) {
            int first = dst[0] & 0xFF;
            if (first >= 240) bits = 32;
            else if (first >= 224) bits = 8;
            else if (first >= 192) bits = 24;
            else if (first >= 128) bits = 16;
            else bits = 8;
            if (bits < octets * 8) bits = octets * 8;
            if (bits == 8 && first == 224) bits = 4;
        }
        return bits;
    }

    /** Decimal octets separated by dots into dst; returns how many, or -1. */
    private static int readOctets(String s, int[] pos, byte[] dst) {
        int n = 0;
        int i = pos[0];
        while (true) {
            if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
            int v = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i++) - '0');
                if (v > 255) return -1;
            }
            if (n == 4) return -1;
            dst[n++] = (byte) v;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                continue;
            }
            break;
        }
        pos[0] = i;
        return n;
    }

    /** "/bits" (0..32): the bits, -1 if absent, -2 if malformed. */
    private static int readBits(String s, int[] pos) {
        int i = pos[0];
        if (i >= s.length() || s.charAt(i) != '/') return -1;
        i++;
        if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '9') return -2;
        int bits = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            bits = bits * 10 + (s.charAt(i++) - '0');
            if (bits > 32) return -2;
        }
        pos[0] = i;
        return bits;
    }

    /** An IPv6 address with optional "::" and trailing dotted IPv4; null if malformed. */
    private static byte[] parseIpv6(String s) {
        if (s.isEmpty()) return null;
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) return null;
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int[] hw = words(head, dc < 0);
        int[] tw = dc >= 0 ? words(tail, true) : new int[0];
        if (hw == null || tw == null) return null;
        int total = hw.length + tw.length;
        if (dc >= 0 ? total > 7 : total != 8) return null;
        byte[] out = new byte[16];
        for (int i = 0; i < hw.length; i++) {
            out[2 * i] = (byte) (hw[i] >> 8);
            out[2 * i + 1] = (byte) hw[i];
        }
        int start = 8 - tw.length;
        for (int i = 0; i < tw.length; i++) {
            out[2 * (start + i)] = (byte) (tw[i] >> 8);
            out[2 * (start + i) + 1] = (byte) tw[i];
        }
        return out;
    }

    /** Colon-separated hex words; the last may be dotted IPv4 (two words) if allowed. */
    private static int[] words(String part, boolean ipv4Allowed) {
        if (part.isEmpty()) return new int[0];
        String[] groups = part.split(":", -1);
        int[] out = new int[groups.length + 1];
        int n = 0;
        for (int g = 0; g < groups.length; g++) {
            String grp = groups[g];
            if (g == groups.length - 1 && ipv4Allowed && grp.indexOf('.') >= 0) {
                String[] o = grp.split("\\.", -1);
                if (o.length != 4) return null;
                int[] b = new int[4];
                for (int k = 0; k < 4; k++) {
                    String oc = o[k];
                    if (oc.isEmpty() || oc.length() > 3 || !oc.chars().allMatch(c -> c >= '0' && c <= '9')
                            || (oc.length() > 1 && oc.charAt(0) == '0')) {
                        return null;
                    }
                    b[k] = Integer.parseInt(oc);
                    if (b[k] > 255) return null;
                }
                out[n++] = b[0] << 8 | b[1];
                out[n++] = b[2] << 8 | b[3];
                continue;
            }
            if (grp.isEmpty() || grp.length() > 4) return null;
            int v = 0;
            for (int k = 0; k < grp.length(); k++) {
                int d = Character.digit(grp.charAt(k), 16);
                if (d < 0 || grp.charAt(k) > 'f') return null;
                v = v << 4 | d;
            }
            out[n++] = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
