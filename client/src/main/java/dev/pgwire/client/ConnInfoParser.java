package dev.pgwire.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the two libpq connection string forms into keyword/value pairs, without interpreting the
 * values (libpq documentation, section "Connection Strings"):
 * <ul>
 *   <li>key/value: {@code host=localhost port=5432 dbname='my db'}: whitespace separated, spaces
 *       around '=' allowed, values in single quotes may hold spaces, and a backslash escapes the
 *       next character (quoted or not);</li>
 *   <li>URI: {@code postgresql://user:secret@host1:5432,[::1]:5433/db?sslmode=require}, every
 *       component percent-decoded; {@code ssl=true} becomes {@code sslmode=require}, as libpq
 *       does for JDBC compatibility.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s worded like libpq's.
 */
final class ConnInfoParser {
    private ConnInfoParser() {}

    static boolean isUri(String s) {
        return s.startsWith("postgresql://") || s.startsWith("postgres://");
    }

    static Map<String, String> parse(String conninfo) {
        return isUri(conninfo) ? parseUri(conninfo) : parseKeyValue(conninfo);
    }

    static Map<String, String> parseKeyValue(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n) return out;
            int start = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) i++;
            String key = s.substring(start, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n || s.charAt(i) != '=') {
                throw new IllegalArgumentException("missing \"=\" after \"" + key + "\" in connection info string");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) throw new IllegalArgumentException("unterminated quoted string in connection info string");
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) c = s.charAt(i++);
                    value.append(c);
                }
            }
            put(out, key, value.toString());
        }
    }

    static Map<String, String> parseUri(String uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String rest = uri.substring(uri.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String params = query >= 0 ? rest.substring(query + 1) : null;
        if (query >= 0) rest = rest.substring(0, query);
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : null;

        // user info ends at the last '@' before the path: a password may itself hold '@' when encoded
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            if (!user.isEmpty()) out.put("user", decode(user, uri));
            if (colon >= 0) out.put("password", decode(userInfo.substring(colon + 1), uri));
        }
        if (!authority.isEmpty()) parseHosts(authority, uri, out);
        if (path != null && !path.isEmpty()) out.put("dbname", decode(path, uri));
        if (params != null && !params.isEmpty()) {
            for (String pair : params.split("&", -1)) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("missing key/value separator \"=\" in URI query parameter: \"" + pair + "\"");
                }
                if (pair.indexOf('=', eq + 1) >= 0) {
                    throw new IllegalArgumentException("extra key/value separator \"=\" in URI query parameter: \"" + pair + "\"");
                }
                String key = decode(pair.substring(0, eq), uri);
                String value = decode(pair.substring(eq + 1), uri);
                if (key.equals("ssl") && value.equals("true")) {
                    key = "sslmode";
                    value = "require";
                }
                put(out, key, value);
            }
        }
        return out;
    }

    /** {@code host1:5432,[::1]:5433,host3}: hosts and ports as comma-separated lists, as key/value form has them. */
    private static void parseHosts(String authority, String uri, Map<String, String> out) {
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        boolean anyPort = false;
        int i = 0;
        boolean first = true;
        while (true) {
            String host;
            String port = "";
            if (i < authority.length() && authority.charAt(i) == '[') {
                int close = authority.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("end of string reached when looking for matching \"]\" in IPv6 host address in URI: \"" + uri + "\"");
                }
                host = authority.substring(i + 1, close);
                if (host.isEmpty()) throw new IllegalArgumentException("IPv6 host address may not be empty in URI: \"" + uri + "\"");
                i = close + 1;
                if (i < authority.length() && authority.charAt(i) != ':' && authority.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected character \"" + authority.charAt(i)
                            + "\" at position " + (i + 1) + " in URI (expected \":\" or \"/\"): \"" + uri + "\"");
                }
            } else {
                int end = i;
                while (end < authority.length() && authority.charAt(end) != ':' && authority.charAt(end) != ',') end++;
                host = decode(authority.substring(i, end), uri);
                i = end;
            }
            if (i < authority.length() && authority.charAt(i) == ':') {
                int end = authority.indexOf(',', i);
                if (end < 0) end = authority.length();
                port = decode(authority.substring(i + 1, end), uri);
                anyPort |= !port.isEmpty();
                i = end;
            }
            if (!first) {
                hosts.append(',');
                ports.append(',');
            }
            hosts.append(host);
            ports.append(port);
            first = false;
            if (i >= authority.length()) break;
            i++; // the comma
        }
        if (!hosts.toString().replace(",", "").isEmpty() || hosts.indexOf(",") >= 0) {
            out.put("host", hosts.toString());
        }
        if (anyPort) out.put("port", ports.toString());
    }

    /** Percent-decoding as libpq does it: %00 and malformed escapes are errors; '+' stays '+'. */
    static String decode(String s, String uri) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= s.length()) {
                throw new IllegalArgumentException("invalid percent-encoded token: \"" + s.substring(i) + "\" in URI: \"" + uri + "\"");
            }
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("invalid percent-encoded token: \"" + s.substring(i, i + 3) + "\" in URI: \"" + uri + "\"");
            }
            int b = hi << 4 | lo;
            if (b == 0) throw new IllegalArgumentException("forbidden value %00 in percent-encoded value: \"" + s + "\"");
            bytes.write(b);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (key.isEmpty()) throw new IllegalArgumentException("empty keyword in connection info string");
        out.put(key, value);
    }
}
