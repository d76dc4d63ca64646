package dev.pgwire.server.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials kept in memory — for tests and embedding. {@link #addPassword} derives a SCRAM
 * verifier and an md5 hash and forgets the password.
 *
 * <pre>{@code
 * CredentialStore store = new InMemoryCredentialStore()
 *         .addPassword("alice", "secret")
 *         .addPassword("bob", "hunter2");
 * }</pre>
 * Thread-safe.
 */
public final class InMemoryCredentialStore implements CredentialStore {
    private final Map<String, ScramVerifier> scram = new ConcurrentHashMap<>();
    private final Map<String, String> md5 = new ConcurrentHashMap<>();

    /**
     * Stores a SCRAM-SHA-256 verifier (4096 iterations, 16 random salt bytes) and the md5 hash
     * of the password, replacing the user's previous credentials.
     */
    public InMemoryCredentialStore addPassword(String user, String password) {
        Objects.requireNonNull(user, "user");
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("empty password");
        scram.put(user, ScramVerifier.derive(password));
        md5.put(user, Md5Password.hash(user, password));
        return this;
    }

    /** Stores a SCRAM verifier, e.g. one copied from PostgreSQL's pg_authid. */
    public InMemoryCredentialStore addScramVerifier(String user, ScramVerifier verifier) {
        scram.put(Objects.requireNonNull(user, "user"), Objects.requireNonNull(verifier, "verifier"));
        return this;
    }

    /** Stores an md5 hash of the form {@code "md5" + 32 lowercase hex digits}. */
    public InMemoryCredentialStore addMd5Hash(String user, String md5Hash) {
        Objects.requireNonNull(user, "user");
        if (!Md5Password.isMd5Hash(md5Hash)) throw new IllegalArgumentException("not an md5 password hash");
        md5.put(user, md5Hash);
        return this;
    }

    /** Forgets all credentials of the user. */
    public InMemoryCredentialStore remove(String user) {
        scram.remove(user);
        md5.remove(user);
        return this;
    }

    @Override
    public Optional<ScramVerifier> scramVerifier(String user) {
        return user == null ? Optional.empty() : Optional.ofNullable(scram.get(user));
    }

    @Override
    public Optional<String> md5Hash(String user) {
        return user == null ? Optional.empty() : Optional.ofNullable(md5.get(user));
    }
}
