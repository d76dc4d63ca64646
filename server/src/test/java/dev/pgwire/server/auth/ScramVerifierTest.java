package dev.pgwire.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScramVerifierTest {

    @Test
    void rfc7677KeysForPencil() {
        // StoredKey and ServerKey follow from the RFC 7677 example; recomputed here with the
        // JDK's own PBKDF2 as an independent check.
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        byte[] salted = ScramTestClient.pbkdf2("pencil", salt, 4096);
        ScramVerifier v = ScramVerifier.derive("pencil", salt, 4096);
        assertThat(v.storedKey()).isEqualTo(ScramTestClient.sha256(ScramTestClient.hmac(salted, "Client Key".getBytes())));
        assertThat(v.serverKey()).isEqualTo(ScramTestClient.hmac(salted, "Server Key".getBytes()));
    }

    @Test
    void encodeAndParseRoundTrip() {
        ScramVerifier v = ScramVerifier.derive("secret");
        assertThat(v.iterations()).isEqualTo(4096);
        assertThat(v.salt()).hasSize(16);
        assertThat(ScramVerifier.parse(v.encode())).isEqualTo(v);
        assertThat(v.encode()).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
    }

    @Test
    void freshSaltsDiffer() {
        assertThat(ScramVerifier.derive("secret")).isNotEqualTo(ScramVerifier.derive("secret"));
    }

    @Test
    void arraysAreCopiedAndToStringHidesTheKeys() {
        ScramVerifier v = ScramVerifier.derive("secret");
        v.storedKey()[0] ^= 1;
        v.salt()[0] ^= 1;
        assertThat(v.matches("secret")).isTrue();
        assertThat(v.toString()).contains("iterations=4096")
                .doesNotContain(Base64.getEncoder().encodeToString(v.storedKey()))
                .doesNotContain(Base64.getEncoder().encodeToString(v.serverKey()));
    }

    @Test
    void emptyPasswordStillDerives() {
        // HMAC with an empty key equals HMAC with one zero byte; the JDK's PBKDF2 agrees.
        byte[] salt = ScramVerifier.newSalt();
        byte[] salted = ScramTestClient.pbkdf2("", salt, 16);
        assertThat(ScramVerifier.derive("", salt, 16).serverKey())
                .isEqualTo(ScramTestClient.hmac(salted, "Server Key".getBytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "md5abc",
            "SCRAM-SHA-1$4096:c2FsdA==$AAAA:AAAA",
            "SCRAM-SHA-256$4096:c2FsdA==",
            "SCRAM-SHA-256$x:c2FsdA==$S7Slix++1duFjvx5rMWS6B8pHJRUm8CB3++TXdXLksE=:SQp3LJQD7s+kGvpVpjODFxLJpxW+HAj/V+GpkXkD3v4=",
            "SCRAM-SHA-256$0:c2FsdA==$S7Slix++1duFjvx5rMWS6B8pHJRUm8CB3++TXdXLksE=:SQp3LJQD7s+kGvpVpjODFxLJpxW+HAj/V+GpkXkD3v4=",
            "SCRAM-SHA-256$4096:$S7Slix++1duFjvx5rMWS6B8pHJRUm8CB3++TXdXLksE=:SQp3LJQD7s+kGvpVpjODFxLJpxW+HAj/V+GpkXkD3v4=",
            "SCRAM-SHA-256$4096:c2Fsd!==$S7Slix++1duFjvx5rMWS6B8pHJRUm8CB3++TXdXLksE=:SQp3LJQD7s+kGvpVpjODFxLJpxW+HAj/V+GpkXkD3v4=",
            "SCRAM-SHA-256$4096:c2FsdA==$AAAA:SQp3LJQD7s+kGvpVpjODFxLJpxW+HAj/V+GpkXkD3v4=",
            "SCRAM-SHA-256$4096:c2FsdA==$S7Slix++1duFjvx5rMWS6B8pHJRUm8CB3++TXdXLksE=",
            "SCRAM-SHA-256$4096:c2FsdA==:x$S7Slix++1duFjvx5rMWS6B8pHJRUm8CB3++TXdXLksE=:SQp3LJQD7s+kGvpVpjODFxLJpxW+HAj/V+GpkXkD3v4=",
    })
    void parseRejectsMalformedVerifiers(String text) {
        assertThatThrownBy(() -> ScramVerifier.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid SCRAM-SHA-256 verifier");
    }
}
