package dev.pgwire.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Where the server finds what it needs to check passwords: a SCRAM-SHA-256 verifier and/or a
 * PostgreSQL md5 hash per user. Implementations never hold plaintext passwords.
 *
 * <pre>{@code
 * CredentialStore store = new InMemoryCredentialStore().addPassword("alice", "secret");
 * ScramServer scram = new ScramServer(user, store.scramVerifier(user).orElse(null), endPoint);
 * }</pre>
 * Implementations must be safe for concurrent use.
 */
public interface CredentialStore {

    /** SCRAM-SHA-256 verifier for the user, if one is stored. */
    Optional<ScramVerifier> scramVerifier(String user);

    /** PostgreSQL-style md5 hash {@code "md5" + hex(md5(password + user))}, if stored. */
    Optional<String> md5Hash(String user);

    /** True if the user has any credential. */
    default boolean hasUser(String user) {
        return scramVerifier(user).isPresent() || md5Hash(user).isPresent();
    }

    /**
     * Checks a cleartext password (AuthMethod PASSWORD) against the stored SCRAM verifier, or
     * else the md5 hash. For a user without credentials the SCRAM derivation still runs, so the
     * time taken does not reveal whether the user exists.
     */
    default boolean verifyPassword(String user, String password) {
        if (password == null) return false;
        Optional<ScramVerifier> scram = scramVerifier(user);
        if (scram.isPresent()) return scram.get().matches(password);
        Optional<String> md5 = md5Hash(user);
        if (md5.isPresent()) {
            return MessageDigest.isEqual(Md5Password.hash(user, password).getBytes(StandardCharsets.US_ASCII),
                    md5.get().getBytes(StandardCharsets.US_ASCII));
        }
        MockVerifier.forUser(user).matches(password);
        return false;
    }
}
