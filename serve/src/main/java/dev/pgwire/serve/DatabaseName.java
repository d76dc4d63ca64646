package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL database name and the file that holds it. Database names are names, not paths: any
 * text of 1 to 63 bytes (PostgreSQL's NAMEDATALEN − 1) without NUL, as PostgreSQL allows. The
 * file name is derived by an injective encoding that keeps ASCII lower-case letters, digits and
 * {@code _} and writes every other byte of the UTF-8 name as {@code -XX} (upper-case hex), so no
 * name can reach a path separator, a relative step, a URL option separator ({@code ;}, {@code ?})
 * or a case-insensitive file system's collision: {@code shop} → {@code shop.duckdb},
 * {@code My DB} → {@code -4Dy-20-44-42.duckdb}.
 */
final class DatabaseName {
    private DatabaseName() {}

    /** PostgreSQL's NAMEDATALEN − 1. */
    static final int MAX_BYTES = 63;
    static final String SUFFIX = ".duckdb";

    /**
     * Checks a name a client sent. Names too long or otherwise impossible cannot exist, so they are
     * reported as PostgreSQL reports any database that is not there (3D000).
     */
    static String check(String name) {
        if (!isValid(name)) {
            throw new PgException(SqlState.INVALID_CATALOG_NAME, "database \"" + printable(name) + "\" does not exist");
        }
        return name;
    }

    static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) return false;
        return name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** The file name (without directory) holding database {@code name}. */
    static String fileName(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                sb.append((char) c);
            } else {
                sb.append('-').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.append(SUFFIX).toString();
    }

    /** The database a file in the data directory holds, if the file is one of ours. */
    static Optional<String> fromFileName(String file) {
        if (!file.endsWith(SUFFIX)) return Optional.empty();
        String encoded = file.substring(0, file.length() - SUFFIX.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                bytes.write(c);
            } else if (c == '-' && i + 2 < encoded.length() && isUpperHex(encoded.charAt(i + 1)) && isUpperHex(encoded.charAt(i + 2))) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        String name = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        // only canonical encodings of valid names are databases; anything else is some other file
        return isValid(name) && fileName(name).equals(file) ? Optional.of(name) : Optional.empty();
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    /** A name as it may appear in a message: control characters shown as escapes. */
    static String printable(String name) {
        if (name == null) return "";
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) sb.append(String.format("\\x%02x", cp));
            else sb.appendCodePoint(cp);
        });
        return sb.toString();
    }
}
