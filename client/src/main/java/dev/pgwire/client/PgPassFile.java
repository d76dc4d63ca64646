package dev.pgwire.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The password file (libpq documentation, "The Password File"): lines of
 * {@code hostname:port:database:username:password}, {@code *} matching anything, {@code \:} and
 * {@code \\} escaping, {@code #} starting a comment. The first matching line wins. A file that the
 * group or others can read is ignored, as libpq does.
 */
final class PgPassFile {
    private static final Logger log = LoggerFactory.getLogger(PgPassFile.class);

    private PgPassFile() {}

    /** The password for this host, port, database and user, or null. */
    static String find(Path file, PgConnectOptions.Host host, String database, String user) {
        if (!Files.isRegularFile(file)) return null;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("password file \"{}\" has group or world access; permissions should be u=rw (0600) or less", file);
                return null;
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot read password file \"{}\": {}", file, e.getMessage());
            return null;
        }
        // libpq matches "localhost" for a Unix socket connection
        String hostName = host.isUnixSocket() ? "localhost" : host.host();
        String port = Integer.toString(host.port());
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            List<String> f = fields(line);
            if (f.size() < 5) continue;
            if (matches(f.get(0), hostName) && matches(f.get(1), port) && matches(f.get(2), database)
                    && matches(f.get(3), user)) {
                return f.get(4);
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /** Splits at unescaped colons, removing the escapes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(5);
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
