package dev.pgwire.server.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5929 section 4.1: the certificate hashed with its signature's hash; MD5 and SHA-1 become SHA-256. */
class TlsServerEndPointTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "RSA_SHA256, SHA-256",
            "EC_SHA384, SHA-384",
            "EC_SHA1, SHA-256",
            "RSA_MD5, SHA-256",
            "RSA_PSS_SHA512, SHA-512",
    })
    void hashesTheDerCertificateWithTheSignatureHash(String cert, String hash) throws Exception {
        String pem = (String) TestCertificates.class.getDeclaredField(cert).get(null);
        String expected = (String) TestCertificates.class.getDeclaredField(cert + "_END_POINT").get(null);
        assertThat(ScramServer.signatureHash(TestCertificates.load(pem))).isEqualTo(hash);
        assertThat(HexFormat.of().formatHex(ScramServer.tlsServerEndPoint(TestCertificates.load(pem)))).isEqualTo(expected);
    }

    @Test
    void ed25519HasNoSingleHashSoNoChannelBinding() {
        assertThat(ScramServer.tlsServerEndPoint(TestCertificates.load(TestCertificates.ED25519))).isNull();
    }
}
