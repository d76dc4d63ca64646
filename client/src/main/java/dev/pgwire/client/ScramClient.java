package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client side of SCRAM-SHA-256 and SCRAM-SHA-256-PLUS (RFC 5802, RFC 7677) as PostgreSQL uses
 * it (protocol section 53.3.1): the user name in the messages is empty (the server takes it from
 * the StartupMessage), and channel binding is {@code tls-server-end-point}.
 *
 * <pre>{@code
 * ScramClient scram = ScramClient.plain(password, tlsInUse);
 * byte[] first = scram.clientFirstMessage();          // SASLInitialResponse data
 * byte[] last = scram.clientFinalMessage(serverFirst); // SASLResponse data
 * scram.verifyServerFinal(serverFinal);                // throws unless the server proved the password
 * }</pre>
 * With {@link ScramKeys} instead of a password (SCRAM pass-through) the ClientKey makes the proof
 * and the ServerKey checks the server's signature. The server's salt and iteration count must be
 * the keys' own; if they are not, a password given besides answers instead, and without one the
 * exchange fails before a proof is sent.
 */
final class ScramClient {
    static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** libpq's nonce length in raw bytes before base64. */
    private static final int NONCE_BYTES = 18;

    private final String password;
    private final ScramKeys keys;
    private final String gs2Header;
    private final byte[] channelBindingData;
    private final String clientNonce;
    private final String clientFirstBare;
    private String authMessage;
    private byte[] serverKey;

    /** With a password, ScramKeys or both (the keys are used when the server's salt and iteration count are theirs). */
    ScramClient(String user, String password, ScramKeys keys, String gs2Header, byte[] channelBindingData, String clientNonce) {
        if (password == null && keys == null) throw new IllegalArgumentException("a password or ScramKeys is needed");
        this.password = password;
        this.keys = keys;
        this.gs2Header = gs2Header;
        this.channelBindingData = channelBindingData;
        this.clientNonce = clientNonce;
        this.clientFirstBare = "n=" + user + ",r=" + clientNonce;
    }

    /**
     * SCRAM-SHA-256 without binding: gs2 flag "y" when TLS is in use (the client could bind, but
     * the server did not offer PLUS: a downgrade the server can detect), "n" otherwise.
     */
    static ScramClient plain(String password, boolean tlsInUse) {
        return new ScramClient("", password, null, tlsInUse ? "y,," : "n,,", null, nonce());
    }

    /** SCRAM-SHA-256-PLUS bound to the server certificate's {@code tls-server-end-point} hash. */
    static ScramClient bound(String password, byte[] tlsServerEndPoint) {
        return new ScramClient("", password, null, "p=tls-server-end-point,,", tlsServerEndPoint, nonce());
    }

    /**
     * SCRAM-SHA-256 with a ClientKey in place of the password; see {@link #plain}. The password
     * (null if none) answers a server whose salt or iteration count is not the keys'.
     */
    static ScramClient plain(ScramKeys keys, String password, boolean tlsInUse) {
        return new ScramClient("", password, keys, tlsInUse ? "y,," : "n,,", null, nonce());
    }

    /** SCRAM-SHA-256-PLUS with a ClientKey in place of the password (or the password, as for {@link #plain(ScramKeys, String, boolean)}). */
    static ScramClient bound(ScramKeys keys, String password, byte[] tlsServerEndPoint) {
        return new ScramClient("", password, keys, "p=tls-server-end-point,,", tlsServerEndPoint, nonce());
    }

    String mechanism() {
        return channelBindingData != null ? SCRAM_SHA_256_PLUS : SCRAM_SHA_256;
    }

    byte[] clientFirstMessage() {
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads server-first-message ({@code r=...,s=...,i=...}) and returns client-final-message. */
    byte[] clientFinalMessage(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String nonce = null;
        String salt = null;
        String iterations = null;
        for (String attr : serverFirst.split(",")) {
            if (attr.startsWith("r=")) nonce = attr.substring(2);
            else if (attr.startsWith("s=")) salt = attr.substring(2);
            else if (attr.startsWith("i=")) iterations = attr.substring(2);
            else if (attr.startsWith("m=")) throw fail("unsupported SCRAM extension in server-first-message");
        }
        if (nonce == null || salt == null || iterations == null) throw fail("malformed SCRAM server-first-message");
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw fail("invalid SCRAM response (nonce mismatch)");
        }
        int i;
        byte[] saltBytes;
        try {
            i = Integer.parseInt(iterations);
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw fail("malformed SCRAM server-first-message");
        }
        if (i < 1) throw fail("malformed SCRAM server-first-message (iteration count " + iterations + ")");

        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] cbind = header;
        if (channelBindingData != null) {
            cbind = new byte[header.length + channelBindingData.length];
            System.arraycopy(header, 0, cbind, 0, header.length);
            System.arraycopy(channelBindingData, 0, cbind, header.length, channelBindingData.length);
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;

        byte[] clientKey;
        if (keys != null && (keys.matches(saltBytes, i) || password == null)) {
            // The ClientKey belongs to one salt and iteration count: another verifier (a changed
            // password) cannot be answered with it.
            if (!keys.matches(saltBytes, i)) {
                throw new PgException(SqlState.INVALID_PASSWORD, "SCRAM pass-through failed: the server's salt and iteration "
                        + "count are not those of the verifier the client logged in with (was the password changed?)");
            }
            clientKey = keys.clientKey();
            serverKey = keys.serverKey();
        } else {
            byte[] saltedPassword = hi(dev.pgwire.protocol.auth.SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8), saltBytes, i);
            clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
            serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int k = 0; k < proof.length; k++) proof[k] = (byte) (clientKey[k] ^ clientSignature[k]);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Checks server-final-message: the server must prove it knows the verifier too. */
    void verifyServerFinal(byte[] serverFinalBytes) {
        if (authMessage == null) throw fail("SCRAM server-final-message before server-first-message");
        String serverFinal = new String(serverFinalBytes, StandardCharsets.UTF_8);
        if (serverFinal.startsWith("e=")) throw fail("SCRAM authentication failed: " + serverFinal.substring(2));
        if (!serverFinal.startsWith("v=")) throw fail("malformed SCRAM server-final-message");
        int comma = serverFinal.indexOf(',');
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(serverFinal.substring(2, comma < 0 ? serverFinal.length() : comma));
        } catch (IllegalArgumentException e) {
            throw fail("malformed SCRAM server-final-message");
        }
        byte[] expected = hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(expected, signature)) throw fail("incorrect server signature");
    }

    private static String nonce() {
        byte[] b = new byte[NONCE_BYTES];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256 and one block of output. */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
        Mac mac = mac(password);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int n = 1; n < iterations; n++) {
            u = mac.doFinal(u);
            for (int k = 0; k < result.length; k++) result[k] ^= u[k];
        }
        return result;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // an empty key is valid for HMAC but not for SecretKeySpec, so pad it: HMAC zero-pads keys anyway
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
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

    private static PgException fail(String message) {
        return new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, message);
    }
}
