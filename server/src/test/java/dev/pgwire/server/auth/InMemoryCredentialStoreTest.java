package dev.pgwire.server.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryCredentialStoreTest {

    @Test
    void addPasswordKeepsAScramVerifierAndAnMd5Hash() {
        InMemoryCredentialStore store = new InMemoryCredentialStore().addPassword("alice", "secret");
        assertThat(store.hasUser("alice")).isTrue();
        assertThat(store.scramVerifier("alice").orElseThrow().matches("secret")).isTrue();
        assertThat(store.md5Hash("alice")).contains(Md5Password.hash("alice", "secret"));
        assertThat(store.verifyPassword("alice", "secret")).isTrue();
        assertThat(store.verifyPassword("alice", "Secret")).isFalse();
    }

    @Test
    void unknownUsersHaveNothing() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        assertThat(store.hasUser("nobody")).isFalse();
        assertThat(store.scramVerifier("nobody")).isEmpty();
        assertThat(store.md5Hash("nobody")).isEmpty();
        assertThat(store.verifyPassword("nobody", "anything")).isFalse();
        assertThat(store.hasUser(null)).isFalse();
    }

    @Test
    void storedVerifiersAndHashesCanBeAddedSeparately() {
        InMemoryCredentialStore store = new InMemoryCredentialStore()
                .addScramVerifier("alice", ScramVerifier.parse(PostgresCompatibilityTest.ALICE_SCRAM))
                .addMd5Hash("bob", PostgresCompatibilityTest.BOB_MD5);
        assertThat(store.verifyPassword("alice", "secret")).isTrue();
        assertThat(store.verifyPassword("bob", "secret")).isTrue();
        assertThat(store.md5Hash("alice")).isEmpty();
        store.remove("alice");
        assertThat(store.hasUser("alice")).isFalse();
        assertThatThrownBy(() -> store.addMd5Hash("x", "secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.addPassword("x", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
