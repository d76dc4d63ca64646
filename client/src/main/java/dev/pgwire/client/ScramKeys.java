package dev.pgwire.client;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a SCRAM-SHA-256 login needs in place of a password (RFC 5802 section 3): the salt and
 * iteration count of the server's verifier, the {@code ClientKey} that proves the user's
 * knowledge, and the {@code ServerKey} that checks the server's signature.
 *
 * <p>A server recovers the ClientKey from a client's proof ({@code ClientKey = ClientProof XOR
 * HMAC(StoredKey, AuthMessage)}); a proxy can then log in to the server whose verifier it checked
 * against as that user, without the password (SCRAM pass-through, as PgBouncer does):
 * <pre>{@code
 * ScramKeys keys = new ScramKeys(verifier.iterations(), verifier.salt(), clientKey, verifier.serverKey());
 * PgRawConnection.connect(options, loop, Map.of(), keys);            // the same user, upstream
 * }</pre>
 * The ClientKey is as good as the password for logging in to servers with this verifier: keep it
 * in memory only. The arrays are copied in and out; {@link #toString()} shows neither key.
 */
public final class ScramKeys {
    /** SHA-256 output: the length of ClientKey and ServerKey. */
    public static final int KEY_LENGTH = 32;

    private final int iterations;
    private final byte[] salt;
    private final byte[] clientKey;
    private final byte[] serverKey;

    public ScramKeys(int iterations, byte[] salt, byte[] clientKey, byte[] serverKey) {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        if (Objects.requireNonNull(salt, "salt").length == 0) throw new IllegalArgumentException("salt must not be empty");
        if (Objects.requireNonNull(clientKey, "clientKey").length != KEY_LENGTH
                || Objects.requireNonNull(serverKey, "serverKey").length != KEY_LENGTH) {
            throw new IllegalArgumentException("ClientKey and ServerKey must be " + KEY_LENGTH + " bytes");
        }
        this.iterations = iterations;
        this.salt = salt.clone();
        this.clientKey = clientKey.clone();
        this.serverKey = serverKey.clone();
    }

    public int iterations() { return iterations; }
    public byte[] salt() { return salt.clone(); }
    public byte[] clientKey() { return clientKey.clone(); }
    public byte[] serverKey() { return serverKey.clone(); }

    /** Whether a server-first-message's salt and iteration count are the ones these keys belong to. */
    public boolean matches(byte[] salt, int iterations) {
        return this.iterations == iterations && Arrays.equals(this.salt, salt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramKeys k && k.iterations == iterations && Arrays.equals(k.salt, salt)
                && MessageDigest.isEqual(k.clientKey, clientKey)
                && MessageDigest.isEqual(k.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iterations, Arrays.hashCode(salt));
    }

    @Override
    public String toString() {
        return "ScramKeys[iterations=" + iterations + ", keys hidden]";
    }
}
