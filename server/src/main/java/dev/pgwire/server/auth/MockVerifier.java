package dev.pgwire.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Stand-in verifiers for users that do not exist, so that a SCRAM exchange looks the same on the
 * wire for unknown and known users (as PostgreSQL's mock authentication): the salt is stable per
 * user name within this process — a client asking twice sees the same salt — but unpredictable
 * across processes, being derived from a random secret.
 */
final class MockVerifier {
    private MockVerifier() {}

    private static final byte[] SECRET = ScramCrypto.randomBytes(32);

    static ScramVerifier forUser(String user) {
        byte[] name = String.valueOf(user).getBytes(StandardCharsets.UTF_8);
        byte[] salt = Arrays.copyOf(ScramCrypto.hmac(SECRET, concat("salt:", name)), ScramVerifier.DEFAULT_SALT_LENGTH);
        // The keys only have to be well-formed: the exchange is failed regardless of the proof.
        byte[] storedKey = ScramCrypto.hmac(SECRET, concat("stored-key:", name));
        byte[] serverKey = ScramCrypto.hmac(SECRET, concat("server-key:", name));
        return new ScramVerifier(ScramVerifier.DEFAULT_ITERATIONS, salt, storedKey, serverKey);
    }

    private static byte[] concat(String label, byte[] name) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] r = Arrays.copyOf(l, l.length + name.length);
        System.arraycopy(name, 0, r, l.length, name.length);
        return r;
    }
}
