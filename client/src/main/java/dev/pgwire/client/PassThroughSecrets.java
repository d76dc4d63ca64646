package dev.pgwire.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a proxy holds in place of a user's password to log in upstream as that user: SCRAM keys
 * ({@link ScramKeys}, recovered from the user's own SCRAM login) and/or the user's md5 hash as
 * PostgreSQL stores it ({@code "md5" + hex(md5(password + user))}). A server's
 * AuthenticationMD5Password is answered from the hash alone — the response is {@code "md5" +
 * hex(md5(hashWithoutPrefix + salt))} (protocol section 55.3), so no password is needed:
 * <pre>{@code
 * PassThroughSecrets secrets = PassThroughSecrets.of(scramKeysOrNull, "md5" + storedHex);
 * PgRawConnection.connect(options, loop, Map.of(), secrets);    // the same user, upstream
 * }</pre>
 * The hash logs in to every server storing it by md5, as the password would: keep it in memory
 * only. {@link #toString()} shows neither secret.
 */
public final class PassThroughSecrets {
    private static final HexFormat HEX = HexFormat.of();

    private final ScramKeys scramKeys;
    private final String md5Hash;

    private PassThroughSecrets(ScramKeys scramKeys, String md5Hash) {
        this.scramKeys = scramKeys;
        this.md5Hash = md5Hash;
    }

    /**
     * Either or both of the secrets (the other null). {@code md5Hash} must be PostgreSQL's stored
     * form: {@code "md5"} and 32 lowercase hex digits.
     */
    public static PassThroughSecrets of(ScramKeys scramKeys, String md5Hash) {
        if (scramKeys == null && md5Hash == null) throw new IllegalArgumentException("ScramKeys or an md5 hash is needed");
        if (md5Hash != null && !isMd5Hash(md5Hash)) {
            throw new IllegalArgumentException("not an md5 password hash (\"md5\" and 32 lowercase hex digits)");
        }
        return new PassThroughSecrets(scramKeys, md5Hash);
    }

    /** The SCRAM keys, if held. */
    public Optional<ScramKeys> scramKeys() {
        return Optional.ofNullable(scramKeys);
    }

    /** Whether an md5 hash is held. */
    public boolean hasMd5Hash() {
        return md5Hash != null;
    }

    /** The answer to AuthenticationMD5Password with {@code salt}: {@code "md5" + hex(md5(hex + salt))}. */
    String md5Response(byte[] salt) {
        if (md5Hash == null) throw new IllegalStateException("no md5 hash held");
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(md5Hash.substring(3).getBytes(StandardCharsets.US_ASCII));
            md.update(salt);
            return "md5" + HEX.formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isMd5Hash(String s) {
        if (s.length() != 35 || !s.startsWith("md5")) return false;
        for (int i = 3; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PassThroughSecrets p && Objects.equals(p.scramKeys, scramKeys)
                && (p.md5Hash == null ? md5Hash == null : md5Hash != null && MessageDigest.isEqual(
                        p.md5Hash.getBytes(StandardCharsets.US_ASCII), md5Hash.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public int hashCode() {
        return Objects.hash(scramKeys, md5Hash != null);
    }

    @Override
    public String toString() {
        return "PassThroughSecrets[scram=" + (scramKeys != null) + ", md5=" + (md5Hash != null) + ", secrets hidden]";
    }
}
