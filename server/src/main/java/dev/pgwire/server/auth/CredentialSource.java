package dev.pgwire.server.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the credentials to check one connection's password come from, looked up asynchronously:
 * a file read at startup answers at once, a gateway may ask its upstream server or reload a file.
 * The server asks only when the connection's method needs a password, and carries on with the
 * exchange on the connection's event loop when the stage completes.
 *
 * <pre>{@code
 * CredentialSource source = (user, database) -> upstream.lookUpVerifier(user)      // CompletionStage<CredentialStore>
 *         .exceptionally(e -> new InMemoryCredentialStore());                      // unknown: every password fails
 * PgServer.builder().credentialSource(source) ...
 * }</pre>
 */
@FunctionalInterface
public interface CredentialSource {

    /** The credentials to check {@code user}'s password against; may complete on any thread. */
    CompletionStage<CredentialStore> credentialsFor(String user, String database);

    /** A fixed store, answered at once. */
    static CredentialSource of(CredentialStore store) {
        CompletableFuture<CredentialStore> done = CompletableFuture.completedFuture(store);
        return (user, database) -> done;
    }
}
