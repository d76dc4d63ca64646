package dev.pgwire.server.auth;

import dev.pgwire.protocol.auth.SaslPrep;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The functions of RFC 5802 section 2.2 instantiated with SHA-256 (RFC 7677). */
final class ScramCrypto {
    private ScramCrypto() {}

    static final int KEY_LENGTH = 32;
    static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads short keys with zeros, so an empty key equals a single zero byte; the
            // JDK refuses empty keys, hence the substitution.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return hmac(key).doFinal(data);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Hi(str, salt, i): PBKDF2 with HMAC-SHA-256 and one output block. */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
        Mac mac = hmac(password);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) result[j] ^= u[j];
        }
        return result;
    }

    /** SaltedPassword for a password, after SASLprep as PostgreSQL applies it. */
    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        return hi(SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8), salt, iterations);
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (byte) (a[i] ^ b[i]);
        return r;
    }
}
