package dev.pgwire.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * PostgreSQL's md5 password scheme (protocol section 53.2.2, "AuthenticationMD5Password"):
 * the server stores {@code "md5" + hex(md5(password + user))}; the client answers a 4-byte salt
 * with {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}.
 *
 * <pre>{@code
 * String stored = Md5Password.hash("alice", "secret");      // "md5..." 35 characters
 * byte[] salt = Md5Password.newSalt();                     // sent in AuthenticationMD5Password
 * boolean ok = Md5Password.verify(stored, salt, response); // response from PasswordMessage
 * }</pre>
 */
public final class Md5Password {
    private Md5Password() {}

    /** Length of a stored hash: "md5" and 32 lowercase hex digits. */
    public static final int HASH_LENGTH = 35;

    private static final HexFormat HEX = HexFormat.of();

    /** The stored form {@code "md5" + hex(md5(password + user))}. */
    public static String hash(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        return "md5" + HEX.formatHex(md5((password + user).getBytes(StandardCharsets.UTF_8)));
    }

    /** True for a string of the stored form: "md5" followed by 32 lowercase hex digits. */
    public static boolean isMd5Hash(String s) {
        if (s == null || s.length() != HASH_LENGTH || !s.startsWith("md5")) return false;
        for (int i = 3; i < HASH_LENGTH; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    /** Four random bytes for AuthenticationMD5Password. */
    public static byte[] newSalt() {
        return ScramCrypto.randomBytes(4);
    }

    /** What a client sends for a stored hash and salt: {@code "md5" + hex(md5(hex + salt))}. */
    public static String response(String storedMd5Hash, byte[] salt4) {
        if (!isMd5Hash(storedMd5Hash)) throw new IllegalArgumentException("not an md5 password hash");
        if (salt4.length != 4) throw new IllegalArgumentException("the md5 salt is 4 bytes");
        byte[] hex = storedMd5Hash.substring(3).getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[hex.length + 4];
        System.arraycopy(hex, 0, input, 0, hex.length);
        System.arraycopy(salt4, 0, input, hex.length, 4);
        return "md5" + HEX.formatHex(md5(input));
    }

    /**
     * Checks a client's md5 response against the stored hash, in constant time. A malformed
     * stored hash or response is simply not a match.
     */
    public static boolean verify(String storedMd5Hash, byte[] salt4, String clientResponse) {
        if (!isMd5Hash(storedMd5Hash) || salt4 == null || salt4.length != 4 || clientResponse == null) {
            return false;
        }
        byte[] expected = response(storedMd5Hash, salt4).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, clientResponse.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
