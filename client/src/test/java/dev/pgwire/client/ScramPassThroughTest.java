package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Logging in to PostgreSQL 15 with a ClientKey instead of the password (SCRAM pass-through), with
 * and without channel binding; the options carry no password and point at no password file.
 */
class ScramPassThroughTest {

    /** The keys of role "scram": salt, iterations and ServerKey from pg_authid, ClientKey from the password. */
    private static ScramKeys keysOf(String password) {
        String verifier = TestCluster.get().psql("SELECT rolpassword FROM pg_authid WHERE rolname = 'scram'").strip();
        // SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
        String[] parts = verifier.substring("SCRAM-SHA-256$".length()).split("[$:]");
        int iterations = Integer.parseInt(parts[0]);
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        byte[] salted = ScramClient.hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = ScramClient.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        assertThat(ScramClient.sha256(clientKey)).as("H(ClientKey) = StoredKey").isEqualTo(Base64.getDecoder().decode(parts[2]));
        return new ScramKeys(iterations, salt, clientKey, Base64.getDecoder().decode(parts[3]));
    }

    private static PgConnectOptions withoutPassword(String extra) {
        PgCluster pg = TestCluster.get();
        return PgConnectOptions.parse("host=127.0.0.1 port=" + pg.port() + " dbname=postgres user=scram passfile=/nonexistent " + extra);
    }

    private static PgRawConnection connect(PgConnectOptions options, ScramKeys keys) {
        return PgRawConnection.connect(options, Transports.sharedGroup().next(), Map.of(), keys).join();
    }

    @Test
    void aClientKeyLogsInWithoutThePassword() {
        PgRawConnection c = connect(withoutPassword("sslmode=disable"), keysOf(TestCluster.PASSWORD));
        assertThat(c.processId()).isPositive();
        assertThat(c.tls()).isFalse();
        c.channel().close().syncUninterruptibly();
    }

    @Test
    void aClientKeyLogsInWithChannelBinding() {
        PgRawConnection c = connect(withoutPassword("sslmode=require channel_binding=require"), keysOf(TestCluster.PASSWORD));
        assertThat(c.processId()).isPositive();
        assertThat(c.tls()).isTrue();
        c.channel().close().syncUninterruptibly();
    }

    @Test
    void theClientKeyOfAnotherPasswordIsRefusedWith28P01() {
        ScramKeys right = keysOf(TestCluster.PASSWORD);
        byte[] salted = ScramClient.hi("not the password".getBytes(StandardCharsets.UTF_8), right.salt(), right.iterations());
        ScramKeys wrong = new ScramKeys(right.iterations(), right.salt(),
                ScramClient.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII)), right.serverKey());
        Throwable t = catchThrowable(() -> connect(withoutPassword("sslmode=disable"), wrong));
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        assertThat(cause).isInstanceOf(PgException.class);
        assertThat(((PgException) cause).sqlState()).isEqualTo("28P01");
    }

    @Test
    void aServerKeyThatIsNotTheServersMakesItsSignatureFail() {
        ScramKeys right = keysOf(TestCluster.PASSWORD);
        ScramKeys forged = new ScramKeys(right.iterations(), right.salt(), right.clientKey(), new byte[32]);
        Throwable t = catchThrowable(() -> connect(withoutPassword("sslmode=disable"), forged));
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        assertThat(cause).isInstanceOf(PgException.class).hasMessageContaining("incorrect server signature");
    }
}
