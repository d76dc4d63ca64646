package dev.pgwire.server.auth;

import java.util.Objects;

/**
 * What a successful SCRAM-SHA-256 login proved: the user's {@code ClientKey}, recovered from the
 * client's proof ({@code ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage)}, checked by
 * {@code H(ClientKey) = StoredKey}), and the verifier it was checked against. With both, a proxy
 * can log in as that user to a server that holds the same verifier — the salt, iteration count
 * and ServerKey come from it — without knowing the password (SCRAM pass-through):
 * <pre>{@code
 * frameSession.scramClientKey().ifPresent(k ->
 *         upstreamLogin(k.verifier().iterations(), k.verifier().salt(), k.clientKey(), k.verifier().serverKey()));
 * }</pre>
 * The ClientKey logs in to every server with this verifier, as the password would: keep it in
 * memory only. The array is copied in and out; {@link #toString()} leaves it out.
 */
public final class ScramClientKey {
    private final ScramVerifier verifier;
    private final byte[] clientKey;

    public ScramClientKey(ScramVerifier verifier, byte[] clientKey) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (Objects.requireNonNull(clientKey, "clientKey").length != ScramCrypto.KEY_LENGTH) {
            throw new IllegalArgumentException("ClientKey must be " + ScramCrypto.KEY_LENGTH + " bytes");
        }
        this.clientKey = clientKey.clone();
    }

    /** The verifier the client's proof was checked against. */
    public ScramVerifier verifier() {
        return verifier;
    }

    /** The ClientKey (a copy). */
    public byte[] clientKey() {
        return clientKey.clone();
    }

    @Override
    public String toString() {
        return "ScramClientKey[" + verifier + ", ClientKey hidden]";
    }
}
