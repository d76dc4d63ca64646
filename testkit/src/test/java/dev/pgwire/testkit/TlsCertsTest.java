package dev.pgwire.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsCertsTest {

    @TempDir
    static Path dir;
    static TlsCerts rsa;
    static TlsCerts ec;

    @BeforeAll
    static void generate() {
        rsa = TlsCerts.generate(dir.resolve("rsa"), "alice", TlsCerts.ServerKey.RSA);
        ec = TlsCerts.generate(dir.resolve("ec"), "bob the user", TlsCerts.ServerKey.ECDSA_P256);
    }

    private static TlsCerts certs(TlsCerts.ServerKey type) {
        return type == TlsCerts.ServerKey.RSA ? rsa : ec;
    }

    @ParameterizedTest
    @EnumSource(TlsCerts.ServerKey.class)
    void serverCertificateIsSignedByTheCaAndNamesLocalhostAndBothLoopbacks(TlsCerts.ServerKey type)
            throws Exception {
        TlsCerts certs = certs(type);

        X509Certificate server = certs.serverCertificate();
        server.verify(certs.caCertificate().getPublicKey());
        assertThat(server.getSigAlgName())
                .isEqualTo(type == TlsCerts.ServerKey.RSA ? "SHA256withRSA" : "SHA256withECDSA");
        assertThat(server.getPublicKey().getAlgorithm()).isEqualTo(type == TlsCerts.ServerKey.RSA ? "RSA" : "EC");
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certs.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void filesArePemAndKeysAreReadableOnlyByTheOwner() throws Exception {
        TlsCerts certs = rsa;

        for (Path cert : List.of(certs.caCert(), certs.serverCert(), certs.clientCert())) {
            assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----\n")
                    .endsWith("-----END CERTIFICATE-----\n");
        }
        for (Path key : List.of(certs.serverKey(), certs.clientKey(), certs.clientKeyDer())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(certs.serverKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(readCert(certs.serverCert())).isEqualTo(certs.serverCertificate());
        assertThat(readKey(certs.serverKey(), "RSA")).isEqualTo(certs.serverPrivateKey());
        assertThat(Files.readAllBytes(certs.clientKeyDer())).isEqualTo(certs.clientPrivateKey().getEncoded());
    }

    @Test
    void clientCertificateCarriesTheGivenCommonNameAndIsSignedByTheCa() throws Exception {
        TlsCerts certs = ec;

        X509Certificate client = certs.clientCertificate();
        client.verify(certs.caCertificate().getPublicKey());
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=bob the user");
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @ParameterizedTest
    @EnumSource(TlsCerts.ServerKey.class)
    void pemFilesCompleteAMutualTlsHandshakeWithHostnameVerificationOfTheIpAddress(TlsCerts.ServerKey type)
            throws Exception {
        TlsCerts certs = certs(type);
        String keyAlgorithm = type == TlsCerts.ServerKey.RSA ? "RSA" : "EC";
        SSLContext serverContext = context(certs.serverCert(), readKey(certs.serverKey(), keyAlgorithm), certs.caCert());
        SSLContext clientContext = context(certs.clientCert(), readKey(certs.clientKey(), "RSA"), certs.caCert());

        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    InputStream in = s.getInputStream();
                    int b = in.read();
                    s.getOutputStream().write(b + 1);
                    s.getOutputStream().flush();
                    return ((X509Certificate) s.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket("127.0.0.1", server.getLocalPort())) {
                SSLParameters params = client.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(params);
                OutputStream out = client.getOutputStream();
                out.write(41);
                out.flush();
                assertThat(client.getInputStream().read()).isEqualTo(42);
                assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(certs.serverCertificate());
            }
            assertThat(peer.get(30, TimeUnit.SECONDS))
                    .isEqualTo(certs.clientCertificate().getSubjectX500Principal().getName());
        }
    }

    @Test
    void eachGenerationHasItsOwnCa() {
        TlsCerts other = TlsCerts.generate(dir.resolve("other"), "alice");

        assertThatThrownBy(() -> other.serverCertificate().verify(rsa.caCertificate().getPublicKey()))
                .isInstanceOf(java.security.SignatureException.class);
    }

    private static SSLContext context(Path cert, PrivateKey key, Path ca) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", key, new char[0], new Certificate[] {readCert(cert)});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", readCert(ca));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static X509Certificate readCert(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path file, String algorithm) throws Exception {
        String pem = Files.readString(file);
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        byte[] der = Base64.getMimeDecoder().decode(body);
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
