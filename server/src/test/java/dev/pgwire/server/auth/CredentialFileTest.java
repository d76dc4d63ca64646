package dev.pgwire.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialFileTest {
    @TempDir
    Path dir;

    @Test
    void addUserThenLoadGivesWorkingScramAndMd5Credentials() {
        Path file = dir.resolve("passwords");
        CredentialFile.addUser(file, "alice", "secret");
        CredentialFile.addUser(file, "bob", "hunter2");

        CredentialFile store = CredentialFile.load(file);
        assertThat(store.users()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(store.hasUser("alice")).isTrue();
        assertThat(store.hasUser("carol")).isFalse();
        ScramVerifier v = store.scramVerifier("alice").orElseThrow();
        assertThat(v.iterations()).isEqualTo(4096);
        assertThat(v.salt()).hasSize(16);
        assertThat(v.matches("secret")).isTrue();
        assertThat(store.md5Hash("bob")).contains(Md5Password.hash("bob", "hunter2"));
        assertThat(store.verifyPassword("bob", "hunter2")).isTrue();
        assertThat(store.verifyPassword("bob", "secret")).isFalse();
    }

    @Test
    void theFileNeverContainsThePlaintextPassword() throws Exception {
        Path file = dir.resolve("passwords");
        CredentialFile.addUser(file, "alice", "correct horse battery staple");
        String text = Files.readString(file);
        assertThat(text).doesNotContain("correct horse");
        assertThat(text.lines()).hasSize(2)
                .anySatisfy(l -> assertThat(l).startsWith("alice:SCRAM-SHA-256$4096:"))
                .anySatisfy(l -> assertThat(l).startsWith("alice:md5"));
    }

    @Test
    void fileIsWrittenWithMode0600() throws Exception {
        Path file = dir.resolve("passwords");
        CredentialFile.addUser(file, "alice", "secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CredentialFile.addUser(file, "bob", "secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void addUserReplacesTheUsersEntriesAndKeepsEverythingElse() throws Exception {
        Path file = dir.resolve("passwords");
        Files.writeString(file, "# managed by hand\n" + "carol:" + Md5Password.hash("carol", "x") + "\n");
        CredentialFile.addUser(file, "alice", "old");
        CredentialFile.addUser(file, "alice", "new");

        String text = Files.readString(file);
        assertThat(text).startsWith("# managed by hand\ncarol:md5");
        assertThat(text.lines().filter(l -> l.startsWith("alice:"))).hasSize(2);
        CredentialFile store = CredentialFile.load(file);
        assertThat(store.verifyPassword("alice", "new")).isTrue();
        assertThat(store.verifyPassword("alice", "old")).isFalse();
        assertThat(store.md5Hash("alice")).contains(Md5Password.hash("alice", "new"));
        assertThat(store.md5Hash("carol")).contains(Md5Password.hash("carol", "x"));
    }

    @Test
    void removeUser() {
        Path file = dir.resolve("passwords");
        CredentialFile.addUser(file, "alice", "secret");
        CredentialFile.addUser(file, "bob", "secret");
        assertThat(CredentialFile.removeUser(file, "alice")).isTrue();
        assertThat(CredentialFile.removeUser(file, "alice")).isFalse();
        assertThat(CredentialFile.load(file).users()).containsExactly("bob");
    }

    @Test
    void postgresRolpasswordsCanBePastedIn() throws Exception {
        Path file = dir.resolve("passwords");
        Files.writeString(file, """
                # copied from pg_authid
                alice:%s

                bob:%s
                """.formatted(PostgresCompatibilityTest.ALICE_SCRAM, PostgresCompatibilityTest.BOB_MD5));
        CredentialFile store = CredentialFile.load(file);
        assertThat(store.scramVerifier("alice")).contains(ScramVerifier.parse(PostgresCompatibilityTest.ALICE_SCRAM));
        assertThat(store.md5Hash("alice")).isEmpty();
        assertThat(store.scramVerifier("bob")).isEmpty();
        assertThat(store.verifyPassword("alice", "secret")).isTrue();
        assertThat(store.verifyPassword("bob", "secret")).isTrue();
    }

    @Test
    void badLinesAreRejectedWithTheirLineNumber() throws Exception {
        String good = "alice:" + Md5Password.hash("alice", "x");
        assertBadLine(good + "\nbob:secret\n", "line 2: the entry for user \"bob\" is neither");
        assertBadLine("# c\n\nbob\n", "line 3: expected <user>:");
        assertBadLine(":md5" + "0".repeat(32), "line 1: expected <user>:");
        assertBadLine("bob:md5" + "0".repeat(31), "line 1: the entry for user \"bob\" is neither");
        assertBadLine("bob:SCRAM-SHA-256$4096:c2FsdA==$AAAA:AAAA", "line 1: invalid SCRAM-SHA-256 verifier");
        assertBadLine(good + "\n" + good, "line 2: second md5 entry for user \"alice\"");
        assertBadLine("alice:" + PostgresCompatibilityTest.ALICE_SCRAM + "\nalice:" + PostgresCompatibilityTest.ALICE_SCRAM,
                "line 2: second SCRAM-SHA-256 entry");
    }

    private void assertBadLine(String content, String message) throws Exception {
        Path file = dir.resolve("bad");
        Files.writeString(file, content);
        assertThatThrownBy(() -> CredentialFile.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": " + message);
        // A broken file is never rewritten.
        assertThatThrownBy(() -> CredentialFile.addUser(file, "zed", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @Test
    void invalidUserNamesAndEmptyPasswordsAreRefused() {
        Path file = dir.resolve("passwords");
        for (String user : new String[] {"", "a:b", " alice", "#alice", "a\nb"}) {
            assertThatThrownBy(() -> CredentialFile.addUser(file, user, "pw"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid user name");
        }
        assertThatThrownBy(() -> CredentialFile.addUser(file, "alice", "")).hasMessage("empty password");
        assertThat(file).doesNotExist();
    }

    @Test
    void missingFileIsAnIoError() {
        assertThatThrownBy(() -> CredentialFile.load(dir.resolve("nope"))).isInstanceOf(java.io.UncheckedIOException.class);
    }
}
