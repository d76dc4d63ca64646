package dev.pgwire.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the CLI needs to know about a {@code --host} value, decided without DNS lookups. */
final class Hosts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Hosts() {
    }

    /**
     * True for {@code localhost}, 127.0.0.0/8 and {@code ::1}. Any other name counts as
     * reachable from elsewhere: it could resolve to anything.
     */
    static boolean isLoopback(String host) {
        String h = unbracket(host.trim()).toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) return true;
        if (!IPV4.matcher(h).matches() && !h.contains(":")) return false;
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code host:port}, with IPv6 literals in brackets. */
    static String withPort(String host, int port) {
        String h = unbracket(host);
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    /** Accepts {@code [::1]} as well as {@code ::1}. */
    static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
