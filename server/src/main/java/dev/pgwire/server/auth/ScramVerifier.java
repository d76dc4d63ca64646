package dev.pgwire.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * What a server keeps for SCRAM-SHA-256 instead of a password (RFC 5802 section 3): the salt and
 * iteration count sent to the client, {@code StoredKey = H(ClientKey)} to check the client's
 * proof and {@code ServerKey} to prove the server's own knowledge.
 *
 * <p>The text form is PostgreSQL's {@code pg_authid.rolpassword} format, so verifiers can be
 * copied from and to a PostgreSQL server:
 * <pre>{@code
 * ScramVerifier v = ScramVerifier.parse("SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>");
 * String text = ScramVerifier.derive("secret", ScramVerifier.newSalt(), 4096).encode();
 * }</pre>
 * The arrays are copied in and out; {@link #toString()} leaves the keys out.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    public static final String PREFIX = "SCRAM-SHA-256$";
    /** PostgreSQL's defaults (scram_iterations, SCRAM_DEFAULT_SALT_LEN). */
    public static final int DEFAULT_ITERATIONS = 4096;
    public static final int DEFAULT_SALT_LENGTH = 16;

    public ScramVerifier {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        Objects.requireNonNull(salt, "salt");
        if (salt.length == 0) throw new IllegalArgumentException("salt must not be empty");
        if (Objects.requireNonNull(storedKey, "storedKey").length != ScramCrypto.KEY_LENGTH
                || Objects.requireNonNull(serverKey, "serverKey").length != ScramCrypto.KEY_LENGTH) {
            throw new IllegalArgumentException("StoredKey and ServerKey must be " + ScramCrypto.KEY_LENGTH + " bytes");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override public byte[] salt() { return salt.clone(); }
    @Override public byte[] storedKey() { return storedKey.clone(); }
    @Override public byte[] serverKey() { return serverKey.clone(); }

    /** Derives the verifier of a password (after SASLprep, as PostgreSQL does). */
    public static ScramVerifier derive(String password, byte[] salt, int iterations) {
        Objects.requireNonNull(password, "password");
        byte[] salted = ScramCrypto.saltedPassword(password, salt, iterations);
        byte[] clientKey = ScramCrypto.hmac(salted, ScramCrypto.CLIENT_KEY);
        return new ScramVerifier(iterations, salt, ScramCrypto.sha256(clientKey),
                ScramCrypto.hmac(salted, ScramCrypto.SERVER_KEY));
    }

    /** Derives a verifier with a fresh random salt and PostgreSQL's default iteration count. */
    public static ScramVerifier derive(String password) {
        return derive(password, newSalt(), DEFAULT_ITERATIONS);
    }

    /** {@value #DEFAULT_SALT_LENGTH} random bytes from a SecureRandom. */
    public static byte[] newSalt() {
        return ScramCrypto.randomBytes(DEFAULT_SALT_LENGTH);
    }

    /** Parses {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64 fields). */
    public static ScramVerifier parse(String s) {
        Objects.requireNonNull(s, "s");
        if (!s.startsWith(PREFIX)) throw invalid("it does not start with " + PREFIX);
        String rest = s.substring(PREFIX.length());
        int dollar = rest.indexOf('$');
        if (dollar < 0) throw invalid("'$' between salt and keys missing");
        String[] params = rest.substring(0, dollar).split(":", -1);
        String[] keys = rest.substring(dollar + 1).split(":", -1);
        if (params.length != 2) throw invalid("expected <iterations>:<salt>");
        if (keys.length != 2) throw invalid("expected <StoredKey>:<ServerKey>");
        int iterations;
        try {
            iterations = Integer.parseInt(params[0]);
        } catch (NumberFormatException e) {
            throw invalid("iteration count is not a number");
        }
        if (iterations < 1) throw invalid("iteration count must be positive");
        byte[] salt = base64(params[1], "salt");
        if (salt.length == 0) throw invalid("salt is empty");
        byte[] storedKey = base64(keys[0], "StoredKey");
        byte[] serverKey = base64(keys[1], "ServerKey");
        if (storedKey.length != ScramCrypto.KEY_LENGTH || serverKey.length != ScramCrypto.KEY_LENGTH) {
            throw invalid("StoredKey and ServerKey must be " + ScramCrypto.KEY_LENGTH + " bytes");
        }
        return new ScramVerifier(iterations, salt, storedKey, serverKey);
    }

    /** The PostgreSQL text form, as accepted by {@link #parse}. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ':' + b64.encodeToString(salt) + '$'
                + b64.encodeToString(storedKey) + ':' + b64.encodeToString(serverKey);
    }

    /** True if the password yields this verifier (for cleartext password authentication). */
    public boolean matches(String password) {
        ScramVerifier other = derive(password, salt, iterations);
        // Both keys: a verifier whose ServerKey was tampered with must not pass either.
        return MessageDigest.isEqual(other.storedKey, storedKey) & MessageDigest.isEqual(other.serverKey, serverKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v && v.iterations == iterations && Arrays.equals(v.salt, salt)
                && Arrays.equals(v.storedKey, storedKey) && Arrays.equals(v.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey), Arrays.hashCode(serverKey));
    }

    @Override
    public String toString() {
        return "ScramVerifier[iterations=" + iterations + ", salt=" + Base64.getEncoder().encodeToString(salt) + "]";
    }

    private static byte[] base64(String s, String what) {
        try {
            return Base64.getDecoder().decode(s.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw invalid(what + " is not valid base64");
        }
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("invalid SCRAM-SHA-256 verifier: " + why);
    }
}
