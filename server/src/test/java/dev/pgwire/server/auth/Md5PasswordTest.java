package dev.pgwire.server.auth;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

class Md5PasswordTest {
    private static final byte[] SALT = {0x01, 0x02, (byte) 0xFE, 0x7F};

    /** What libpq sends: "md5" + md5hex(md5hex(password + user) + salt). */
    private static String libpqResponse(String user, String password, byte[] salt) throws Exception {
        String inner = hex(MessageDigest.getInstance("MD5").digest((password + user).getBytes(StandardCharsets.UTF_8)));
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(inner.getBytes(StandardCharsets.US_ASCII));
        md.update(salt);
        return "md5" + hex(md.digest());
    }

    private static String hex(byte[] b) {
        return String.format("%032x", new BigInteger(1, b));
    }

    @Test
    void hashIsMd5OfPasswordThenUser() {
        assertThat(Md5Password.hash("bob", "secret")).isEqualTo(PostgresCompatibilityTest.BOB_MD5).hasSize(35);
    }

    @Test
    void verifyAcceptsTheResponseOfTheRightPassword() throws Exception {
        String stored = Md5Password.hash("bob", "secret");
        assertThat(Md5Password.verify(stored, SALT, libpqResponse("bob", "secret", SALT))).isTrue();
        assertThat(Md5Password.response(stored, SALT)).isEqualTo(libpqResponse("bob", "secret", SALT));
    }

    @Test
    void verifyRejectsWrongPasswordWrongSaltAndGarbage() throws Exception {
        String stored = Md5Password.hash("bob", "secret");
        assertThat(Md5Password.verify(stored, SALT, libpqResponse("bob", "wrong", SALT))).isFalse();
        assertThat(Md5Password.verify(stored, new byte[4], libpqResponse("bob", "secret", SALT))).isFalse();
        assertThat(Md5Password.verify(stored, SALT, "")).isFalse();
        assertThat(Md5Password.verify(stored, SALT, null)).isFalse();
        assertThat(Md5Password.verify(stored, new byte[3], libpqResponse("bob", "secret", SALT))).isFalse();
        assertThat(Md5Password.verify("md5nothex", SALT, libpqResponse("bob", "secret", SALT))).isFalse();
    }

    @Test
    void theUserNameIsPartOfTheHash() {
        assertThat(Md5Password.hash("alice", "secret")).isNotEqualTo(Md5Password.hash("bob", "secret"));
    }

    @Test
    void isMd5HashAcceptsOnlyLowercaseHex() {
        assertThat(Md5Password.isMd5Hash(PostgresCompatibilityTest.BOB_MD5)).isTrue();
        assertThat(Md5Password.isMd5Hash(PostgresCompatibilityTest.BOB_MD5.toUpperCase())).isFalse();
        assertThat(Md5Password.isMd5Hash("md5" + "0".repeat(31))).isFalse();
        assertThat(Md5Password.isMd5Hash("sha" + "0".repeat(32))).isFalse();
    }

    @Test
    void saltsAreFourBytes() {
        assertThat(Md5Password.newSalt()).hasSize(4);
    }
}
