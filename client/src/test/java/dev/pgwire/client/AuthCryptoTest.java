package dev.pgwire.client;

import dev.pgwire.protocol.auth.SaslPrep;

import dev.pgwire.protocol.PgException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCRAM against the RFC's published exchange, SASLprep, and the channel binding hash choice. */
class AuthCryptoTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void scramSha256MatchesTheExchangeOfRfc7677() {
        ScramClient scram = new ScramClient("user", "pencil", null, "n,,", null, "rOprNGfwEbeRWgbNEkqO");
        assertThat(s(scram.clientFirstMessage())).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        byte[] last = scram.clientFinalMessage(("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096").getBytes(StandardCharsets.UTF_8));
        assertThat(s(last)).isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        scram.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClientKeyInPlaceOfThePasswordGivesTheSameExchangeAsThePassword() {
        byte[] salt = java.util.Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        byte[] salted = ScramClient.hi("pencil".getBytes(StandardCharsets.UTF_8), salt, 4096);
        ScramKeys keys = new ScramKeys(4096, salt, ScramClient.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII)),
                ScramClient.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)));
        ScramClient scram = new ScramClient("user", null, keys, "n,,", null, "rOprNGfwEbeRWgbNEkqO");
        byte[] last = scram.clientFinalMessage(("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096").getBytes(StandardCharsets.UTF_8));
        assertThat(s(last)).isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        scram.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".getBytes(StandardCharsets.UTF_8));
        assertThat(keys.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(keys.clientKey()));
    }

    @Test
    void aClientKeyIsNotOfferedToAServerWithAnotherSaltOrIterationCount() {
        ScramKeys keys = new ScramKeys(4096, new byte[] {1, 2, 3}, new byte[32], new byte[32]);
        ScramClient otherSalt = ScramClient.plain(keys, null, false);
        String nonce = s(otherSalt.clientFirstMessage()).substring("n,,n=,r=".length());
        assertThatThrownBy(() -> otherSalt.clientFinalMessage(("r=" + nonce + "x,s=AQID,i=4095").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PgException.class).hasMessageContaining("pass-through")
                .satisfies(e -> assertThat(((PgException) e).sqlState()).isEqualTo("28P01"));
        ScramClient otherCount = ScramClient.plain(keys, null, false);
        String nonce2 = s(otherCount.clientFirstMessage()).substring("n,,n=,r=".length());
        assertThatThrownBy(() -> otherCount.clientFinalMessage(("r=" + nonce2 + "x,s=AQIE,i=4096").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PgException.class).hasMessageContaining("pass-through");
    }

    @Test
    void aPasswordGivenBesidesTheKeysAnswersAServerWithAnotherSalt() {
        // the keys belong to another salt; the RFC's exchange is answered with the password
        ScramKeys stale = new ScramKeys(4096, new byte[] {1, 2, 3}, new byte[32], new byte[32]);
        ScramClient scram = new ScramClient("user", "pencil", stale, "n,,", null, "rOprNGfwEbeRWgbNEkqO");
        byte[] last = scram.clientFinalMessage(("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096").getBytes(StandardCharsets.UTF_8));
        assertThat(s(last)).endsWith(",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        scram.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aServerThatDoesNotKnowThePasswordIsRejected() {
        ScramClient scram = new ScramClient("user", "pencil", null, "n,,", null, "rOprNGfwEbeRWgbNEkqO");
        scram.clientFinalMessage("r=rOprNGfwEbeRWgbNEkqOserver,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> scram.verifyServerFinal("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PgException.class).hasMessageContaining("incorrect server signature");
    }

    @Test
    void aNonceThatDoesNotExtendOursIsRejected() {
        ScramClient scram = ScramClient.plain("pw", false);
        assertThatThrownBy(() -> scram.clientFinalMessage("r=somebodyElse,s=AAAA,i=4096".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PgException.class).hasMessageContaining("nonce");
    }

    @Test
    void gs2HeaderSaysWhetherTheClientCouldBind() {
        assertThat(s(ScramClient.plain("pw", false).clientFirstMessage())).startsWith("n,,n=,r=");
        assertThat(s(ScramClient.plain("pw", true).clientFirstMessage())).startsWith("y,,n=,r=");
        ScramClient bound = ScramClient.bound("pw", new byte[] {1, 2, 3});
        assertThat(bound.mechanism()).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(s(bound.clientFirstMessage())).startsWith("p=tls-server-end-point,,n=,r=");
        String nonce = s(bound.clientFirstMessage()).substring("p=tls-server-end-point,,n=,r=".length());
        String last = s(bound.clientFinalMessage(("r=" + nonce + "x,s=AAAA,i=1").getBytes(StandardCharsets.UTF_8)));
        // c= carries the gs2 header followed by the binding data
        assertThat(last).startsWith("c=" + java.util.Base64.getEncoder().encodeToString(
                "p=tls-server-end-point,,\u0001\u0002\u0003".getBytes(StandardCharsets.ISO_8859_1)) + ",");
    }

    @Test
    void the_client_prepares_passwords_with_the_same_saslprep_as_the_server() {
        // one implementation (RFC 3454 tables, PostgreSQL's fallback to the raw password) for both
        // sides, so a password the server accepted hashes the same here
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");            // soft hyphen maps to nothing
        assertThat(SaslPrep.prepare("a\u00A0b")).isEqualTo("a b");           // no-break space maps to space
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");              // roman numeral nine, NFKC
        assertThat(SaslPrep.prepare("a\u0007b")).isEqualTo("a\u0007b");     // prohibited: kept as it is
        assertThat(SaslPrep.prepare("\u0627\u0031")).isEqualTo("\u0627\u0031"); // bad bidi: kept as it is
    }

    @Test
    void tlsServerEndPointHashFollowsTheSignatureAlgorithm() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        X509Certificate sha1 = selfSigned(keys, "SHA1withRSA");
        X509Certificate sha384 = selfSigned(keys, "SHA384withRSA");
        X509Certificate sha512 = selfSigned(keys, "SHA512withRSA");
        // RFC 5929: MD5 and SHA-1 are replaced by SHA-256
        assertThat(TlsSetup.tlsServerEndPoint(sha1)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(sha1.getEncoded()));
        assertThat(TlsSetup.tlsServerEndPoint(sha384)).isEqualTo(MessageDigest.getInstance("SHA-384").digest(sha384.getEncoded()));
        assertThat(TlsSetup.tlsServerEndPoint(sha512)).isEqualTo(MessageDigest.getInstance("SHA-512").digest(sha512.getEncoded()));
    }

    @Test
    void md5ResponseIsMd5OfTheMd5OfPasswordAndUserThenTheSalt() throws Exception {
        // PostgreSQL stores "md5" + md5("postgres" + "postgres") as md53175bce1d3201d16594cebf9d7eb3f9d
        byte[] salt = {1, 2, 3, 4};
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update("3175bce1d3201d16594cebf9d7eb3f9d".getBytes(StandardCharsets.US_ASCII));
        md.update(salt);
        String expected = "md5" + java.util.HexFormat.of().formatHex(md.digest());
        assertThat(StartupHandler.md5("postgres", "postgres", salt)).isEqualTo(expected);
    }

    private static X509Certificate selfSigned(KeyPair keys, String algorithm) throws Exception {
        X500Name name = new X500Name("CN=test");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
    }
}
