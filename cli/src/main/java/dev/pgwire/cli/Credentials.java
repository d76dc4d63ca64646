package dev.pgwire.cli;

import dev.pgwire.server.auth.CredentialStore;
import dev.pgwire.server.auth.ScramVerifier;

import java.util.List;
import java.util.Optional;

/**
 * Several credential sources seen as one: a user's secrets come from the first source that knows
 * the user, so a SCRAM verifier and an md5 hash of different passwords are never mixed.
 */
record Credentials(List<CredentialStore> sources) implements CredentialStore {

    Credentials {
        sources = List.copyOf(sources);
    }

    @Override
    public Optional<ScramVerifier> scramVerifier(String user) {
        return owner(user).flatMap(s -> s.scramVerifier(user));
    }

    @Override
    public Optional<String> md5Hash(String user) {
        return owner(user).flatMap(s -> s.md5Hash(user));
    }

    private Optional<CredentialStore> owner(String user) {
        return sources.stream().filter(s -> s.hasUser(user)).findFirst();
    }
}
