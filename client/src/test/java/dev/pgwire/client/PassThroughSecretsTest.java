package dev.pgwire.client;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PassThroughSecretsTest {

    private static String storedHash(String password, String user) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest((password + user).getBytes(StandardCharsets.UTF_8));
        return "md5" + String.format("%032x", new BigInteger(1, d));
    }

    @Test
    void theAnswerToAnMd5ChallengeFromTheStoredHashIsTheOneThePasswordGives() throws Exception {
        byte[] salt = {(byte) 0x9c, 0x01, 0x7f, (byte) 0xe0};
        PassThroughSecrets s = PassThroughSecrets.of(null, storedHash("app-secret", "app"));
        assertThat(s.md5Response(salt)).isEqualTo(StartupHandler.md5("app-secret", "app", salt));
        assertThat(s.md5Response(new byte[4])).isNotEqualTo(s.md5Response(salt));
    }

    @Test
    void onlyPostgresqlsStoredFormIsAnMd5Hash() {
        assertThatThrownBy(() -> PassThroughSecrets.of(null, "app-secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("app-secret");
        assertThatThrownBy(() -> PassThroughSecrets.of(null, "md5" + "A".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PassThroughSecrets.of(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoSecret() throws Exception {
        String hash = storedHash("app-secret", "app");
        assertThat(PassThroughSecrets.of(null, hash).toString()).doesNotContain(hash.substring(3)).contains("md5=true");
    }
}
