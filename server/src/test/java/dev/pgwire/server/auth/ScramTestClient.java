package dev.pgwire.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802 section 3), written independently of the server
 * code: Hi() comes from the JDK's PBKDF2WithHmacSHA256. The password is used as given (no
 * SASLprep), so tests pass ASCII or already prepared passwords.
 */
final class ScramTestClient {
    private final String user;
    private final String password;
    private final String clientNonce;
    private final String gs2Header;
    private final byte[] channelBindingData;

    private String clientFirstBare;
    private byte[] serverKey;
    private String authMessage;

    /** Without channel binding: gs2 header "n,,". */
    ScramTestClient(String user, String password, String clientNonce) {
        this(user, password, clientNonce, "n,,", null);
    }

    /**
     * @param gs2Header          "n,,", "y,," or "p=tls-server-end-point,,"
     * @param channelBindingData the tls-server-end-point hash sent with "p=", else null
     */
    ScramTestClient(String user, String password, String clientNonce, String gs2Header, byte[] channelBindingData) {
        this.user = user;
        this.password = password;
        this.clientNonce = clientNonce;
        this.gs2Header = gs2Header;
        this.channelBindingData = channelBindingData;
    }

    /** A client using tls-server-end-point channel binding with the given hash. */
    static ScramTestClient withChannelBinding(String user, String password, byte[] endPoint) {
        return new ScramTestClient(user, password, "fyko+d2lbbFgONRv9qkxdawL", "p=tls-server-end-point,,", endPoint);
    }

    byte[] clientFirst() {
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String attr : serverFirst.split(",")) {
            switch (attr.charAt(0)) {
                case 'r' -> nonce = attr.substring(2);
                case 's' -> salt = Base64.getDecoder().decode(attr.substring(2));
                case 'i' -> iterations = Integer.parseInt(attr.substring(2));
                default -> throw new IllegalStateException("unexpected attribute in " + serverFirst);
            }
        }
        if (nonce == null || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new IllegalStateException("server nonce does not extend the client nonce: " + serverFirst);
        }
        byte[] cbindInput = gs2Header.getBytes(StandardCharsets.UTF_8);
        if (channelBindingData != null) cbindInput = concat(cbindInput, channelBindingData);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + nonce;
        return (withoutProof + ",p=" + proof(salt, iterations, serverFirst, withoutProof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Computes the proof for the given client-final-message-without-proof. */
    String proof(byte[] salt, int iterations, String serverFirst, String withoutProof) {
        byte[] salted = pbkdf2(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = sha256(clientKey);
        serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
        return Base64.getEncoder().encodeToString(proof);
    }

    /** True if the server-final-message proves the server knows the ServerKey. */
    boolean serverFinalValid(byte[] serverFinal) {
        String expected = "v=" + Base64.getEncoder().encodeToString(
                hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8)));
        return expected.equals(new String(serverFinal, StandardCharsets.UTF_8));
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
