package dev.pgwire.server.auth;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it
 * (protocol section 53.3, "SASL Authentication"):
 * <pre>{@code
 * byte[] endPoint = tls ? ScramServer.tlsServerEndPoint(serverCert) : null;
 * // AuthenticationSASL lists ScramServer.mechanisms(endPoint != null)
 * ScramServer scram = new ScramServer(startupUser, store.scramVerifier(startupUser).orElse(null), endPoint);
 * byte[] serverFirst = scram.clientFirst(initial.mechanism(), initial.data()); // AuthenticationSASLContinue
 * byte[] serverFinal = scram.clientFinal(response.data());                     // AuthenticationSASLFinal
 * }</pre>
 * Failures are {@link PgException}s with PostgreSQL's SQLSTATEs and messages: 08P01 for malformed
 * messages, 28000 for channel binding failures, 28P01 {@code password authentication failed for
 * user "..."} for a wrong proof — identical for a wrong password and an unknown user, which runs
 * the exchange against a mock verifier. As in PostgreSQL, the user name in the client-first
 * message is ignored; the startup user is authenticated.
 *
 * <p>Messages are handled as bytes: each byte is one character, so the AuthMessage is hashed
 * exactly as the client sent it. One instance serves one exchange and is not thread-safe.
 */
public final class ScramServer {
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";
    /** The only channel binding type PostgreSQL supports (RFC 5929 section 4). */
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";
    /** Random bytes in the server's part of the nonce, as PostgreSQL (SCRAM_RAW_NONCE_LEN). */
    private static final int NONCE_BYTES = 18;

    private enum State { INITIAL, SERVER_FIRST_SENT, SUCCEEDED, FAILED }

    private final String user;
    private final ScramVerifier verifier;
    private final boolean doomed;
    private final byte[] tlsServerEndPoint;
    private final Supplier<String> serverNonce;

    private State state = State.INITIAL;
    private boolean channelBinding;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private byte[] clientKey;

    /**
     * @param user              the user from the StartupMessage
     * @param verifier          the user's verifier, or null for an unknown user (the exchange
     *                          then runs with a mock verifier and fails at the end)
     * @param tlsServerEndPoint channel binding data from {@link #tlsServerEndPoint}, or null when
     *                          not on TLS; SCRAM-SHA-256-PLUS is offered exactly when non-null
     */
    public ScramServer(String user, ScramVerifier verifier, byte[] tlsServerEndPoint) {
        this(user, verifier, tlsServerEndPoint, ScramServer::randomNonce);
    }

    /** With a chosen source of server nonces, to reproduce published test vectors. */
    ScramServer(String user, ScramVerifier verifier, byte[] tlsServerEndPoint, Supplier<String> serverNonce) {
        this.user = Objects.requireNonNull(user, "user");
        this.doomed = verifier == null;
        this.verifier = verifier != null ? verifier : MockVerifier.forUser(user);
        this.tlsServerEndPoint = tlsServerEndPoint == null ? null : tlsServerEndPoint.clone();
        this.serverNonce = Objects.requireNonNull(serverNonce, "serverNonce");
    }

    /** The mechanisms for AuthenticationSASL, preferred first. */
    public static List<String> mechanisms(boolean tls) {
        return tls ? List.of(SCRAM_SHA_256_PLUS, SCRAM_SHA_256) : List.of(SCRAM_SHA_256);
    }

    /** The user being authenticated (the startup user). */
    public String user() {
        return user;
    }

    /** True once the client has selected SCRAM-SHA-256-PLUS. */
    public boolean channelBindingUsed() {
        return channelBinding;
    }

    /** True after {@link #clientFinal} accepted the client's proof. */
    public boolean isSucceeded() {
        return state == State.SUCCEEDED;
    }

    /**
     * The ClientKey recovered from the client's proof, with the verifier it was checked against;
     * present only after {@link #clientFinal} accepted the proof of a known user.
     */
    public Optional<ScramClientKey> clientKey() {
        return state == State.SUCCEEDED ? Optional.of(new ScramClientKey(verifier, clientKey))
                : Optional.empty();
    }

    /**
     * Handles SASLInitialResponse: the selected mechanism and the client-first-message.
     *
     * @return the server-first-message, for AuthenticationSASLContinue
     */
    public byte[] clientFirst(String mechanism, byte[] clientFirstMessage) {
        expectState(State.INITIAL);
        state = State.FAILED; // until this message has been accepted
        if (SCRAM_SHA_256_PLUS.equals(mechanism) && tlsServerEndPoint != null) {
            channelBinding = true;
        } else if (!SCRAM_SHA_256.equals(mechanism)) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism");
        }
        Reader in = new Reader(text(clientFirstMessage));

        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        char flag = in.next("channel-binding flag");
        switch (flag) {
            case 'n', 'y' -> {
                if (channelBinding) {
                    throw malformed("The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include channel binding data.");
                }
                // 'y': the client could bind but believes the server cannot. We offered
                // SCRAM-SHA-256-PLUS, so someone removed it on the way (RFC 5802 section 6).
                if (flag == 'y' && tlsServerEndPoint != null) {
                    throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "SCRAM channel binding negotiation error")
                            .withDetail("The client supports SCRAM channel binding but thinks the server does not.  "
                                    + "However, this server does support channel binding.");
                }
                in.expect(',');
            }
            case 'p' -> {
                if (!channelBinding) {
                    throw malformed("The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message "
                            + "includes channel binding data.");
                }
                in.expect('=');
                String type = in.value();
                if (!TLS_SERVER_END_POINT.equals(type)) {
                    throw PgException.protocolViolation("unsupported SCRAM channel-binding type \"" + printable(type) + "\"");
                }
                in.expect(',');
            }
            default -> throw malformed("Unexpected channel-binding flag \"" + printable(String.valueOf(flag)) + "\".");
        }
        if (in.peek() == 'a') {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "client uses authorization identity, but it is not supported");
        }
        in.expect(',');
        gs2Header = in.consumed();

        // client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
        clientFirstBare = in.rest();
        if (in.peek() == 'm') {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "client requires an unsupported SCRAM extension");
        }
        in.attribute('n'); // PostgreSQL authenticates the startup user; the SCRAM user name is ignored
        in.expect(',');
        String clientNonce = in.attribute('r');
        if (clientNonce.isEmpty() || !isPrintable(clientNonce)) {
            throw malformed("The client nonce is empty or contains invalid characters.");
        }
        while (!in.atEnd()) {
            in.expect(',');
            in.anyAttribute();
        }

        nonce = clientNonce + serverNonce.get();
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt())
                + ",i=" + verifier.iterations();
        state = State.SERVER_FIRST_SENT;
        return serverFirst.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Handles the SASLResponse carrying the client-final-message.
     *
     * @return the server-final-message ({@code v=...}), for AuthenticationSASLFinal
     */
    public byte[] clientFinal(byte[] clientFinalMessage) {
        expectState(State.SERVER_FIRST_SENT);
        state = State.FAILED;
        String message = text(clientFinalMessage);
        Reader in = new Reader(message);

        // channel-binding = "c=" base64(cbind-input); cbind-input = gs2-header [cbind-data]
        byte[] cbindInput = base64(in.attribute('c'), "channel-binding data");
        byte[] header = gs2Header.getBytes(StandardCharsets.ISO_8859_1);
        if (channelBinding) {
            byte[] expected = new byte[header.length + tlsServerEndPoint.length];
            System.arraycopy(header, 0, expected, 0, header.length);
            System.arraycopy(tlsServerEndPoint, 0, expected, header.length, tlsServerEndPoint.length);
            if (!MessageDigest.isEqual(expected, cbindInput)) {
                throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "SCRAM channel binding check failed");
            }
        } else if (!MessageDigest.isEqual(header, cbindInput)) {
            throw PgException.protocolViolation("unexpected SCRAM channel-binding attribute in client-final-message");
        }
        in.expect(',');
        String finalNonce = in.attribute('r');

        // Extensions may precede the proof, which must come last.
        String withoutProof;
        while (true) {
            if (in.atEnd()) throw malformed("Could not find proof in client-final-message.");
            withoutProof = in.consumed();
            in.expect(',');
            if (in.peek() == 'p') break;
            in.anyAttribute();
        }
        byte[] proof = base64(in.attribute('p'), "proof");
        if (proof.length != ScramCrypto.KEY_LENGTH) throw malformed("Malformed proof in client-final-message.");
        if (!in.atEnd()) throw malformed("Garbage found at the end of client-final-message.");

        if (!MessageDigest.isEqual(finalNonce.getBytes(StandardCharsets.ISO_8859_1),
                nonce.getBytes(StandardCharsets.ISO_8859_1))) {
            throw authenticationFailed();
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.ISO_8859_1);
        byte[] storedKey = verifier.storedKey();
        byte[] clientKey = ScramCrypto.xor(proof, ScramCrypto.hmac(storedKey, authMessage));
        boolean proofValid = MessageDigest.isEqual(ScramCrypto.sha256(clientKey), storedKey);
        if (!proofValid || doomed) throw authenticationFailed();

        state = State.SUCCEEDED;
        this.clientKey = clientKey;
        byte[] serverSignature = ScramCrypto.hmac(verifier.serverKey(), authMessage);
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The channel binding data for {@code tls-server-end-point} (RFC 5929 section 4.1): the hash
     * of the DER-encoded certificate, using the hash of the certificate's signature algorithm,
     * except that MD5 and SHA-1 are replaced by SHA-256.
     *
     * @return the hash, or null when the signature algorithm does not use a single hash function
     *         (e.g. Ed25519) — channel binding is then undefined and only SCRAM-SHA-256 must be
     *         offered
     */
    public static byte[] tlsServerEndPoint(X509Certificate serverCert) {
        String hash = signatureHash(serverCert);
        if (hash == null) return null;
        try {
            return MessageDigest.getInstance(hash).digest(serverCert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the server certificate", e);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** The JDK digest name for a certificate's tls-server-end-point hash, or null. */
    static String signatureHash(X509Certificate cert) {
        String sigAlg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        String digest;
        if (sigAlg.equals("RSASSA-PSS")) {
            try {
                AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
                params.init(cert.getSigAlgParams());
                digest = params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
            } catch (GeneralSecurityException | java.io.IOException e) {
                return null;
            }
        } else {
            int with = sigAlg.indexOf("WITH");
            if (with <= 0) return null;
            digest = sigAlg.substring(0, with);
        }
        digest = digest.toUpperCase(Locale.ROOT);
        if (digest.matches("SHA\\d+")) digest = "SHA-" + digest.substring(3); // SHA256 -> SHA-256
        if (digest.equals("MD5") || digest.equals("SHA-1")) return "SHA-256";
        return digest;
    }

    private void expectState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("SCRAM exchange is " + state + ", expected " + expected);
        }
    }

    private PgException authenticationFailed() {
        return new PgException(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
    }

    private static String randomNonce() {
        return Base64.getEncoder().encodeToString(ScramCrypto.randomBytes(NONCE_BYTES));
    }

    private static String text(byte[] message) {
        if (message == null || message.length == 0) throw malformed("The message is empty.");
        for (byte b : message) {
            if (b == 0) throw malformed("Message length does not match input length.");
        }
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    private static byte[] base64(String value, String what) {
        try {
            return Base64.getDecoder().decode(value.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw malformed("Invalid base64 in " + what + ".");
        }
    }

    /** RFC 5802 "printable": %x21-2B / %x2D-7E, i.e. visible ASCII except ','. */
    private static boolean isPrintable(String s) {
        return s.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
    }

    /** For error messages: non-printable characters of client input are shown as '?'. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.chars().forEach(c -> sb.append(c >= 0x20 && c <= 0x7E ? (char) c : '?'));
        return sb.toString();
    }

    static PgException malformed(String detail) {
        return PgException.protocolViolation("malformed SCRAM message").withDetail(detail);
    }

    /** A cursor over a SCRAM message: attributes are {@code letter "=" value}, separated by ','. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        /** The next character, or 0 at the end. */
        char peek() {
            return atEnd() ? 0 : s.charAt(pos);
        }

        char next(String what) {
            if (atEnd()) throw malformed("Unexpected end of message; expected " + what + ".");
            return s.charAt(pos++);
        }

        void expect(char c) {
            if (atEnd()) throw malformed("Unexpected end of message; expected \"" + c + "\".");
            char found = s.charAt(pos);
            if (found != c) {
                throw malformed("Expected character \"" + c + "\" but found \"" + printable(String.valueOf(found)) + "\".");
            }
            pos++;
        }

        /** Everything up to the next ',' or the end. */
        String value() {
            int end = s.indexOf(',', pos);
            if (end < 0) end = s.length();
            String v = s.substring(pos, end);
            pos = end;
            return v;
        }

        /** Reads {@code name=value}. */
        String attribute(char name) {
            if (atEnd()) throw malformed("Expected attribute \"" + name + "\" but found end of message.");
            char found = s.charAt(pos);
            if (found != name) {
                throw malformed("Expected attribute \"" + name + "\" but found \"" + printable(String.valueOf(found)) + "\".");
            }
            pos++;
            if (atEnd() || s.charAt(pos) != '=') {
                throw malformed("Expected character \"=\" for attribute \"" + name + "\".");
            }
            pos++;
            return value();
        }

        /** Reads an extension attribute, whose name must be a letter. */
        void anyAttribute() {
            char name = peek();
            if (!((name >= 'a' && name <= 'z') || (name >= 'A' && name <= 'Z'))) {
                throw malformed("Attribute expected, but found invalid character \"" + printable(String.valueOf(name)) + "\".");
            }
            attribute(name);
        }

        String consumed() {
            return s.substring(0, pos);
        }

        String rest() {
            return s.substring(pos);
        }
    }
}
