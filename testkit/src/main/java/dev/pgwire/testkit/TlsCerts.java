package dev.pgwire.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates written as PEM files into a directory: a CA, a server certificate for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1}, and a client certificate, both signed by
 * the CA.
 *
 * <p>Files: {@code ca.crt}, {@code ca.key}, {@code server.crt}, {@code server.key},
 * {@code client.crt}, {@code client.key} (keys are PKCS#8 PEM, "BEGIN PRIVATE KEY", mode 0600, as
 * libpq and PostgreSQL insist on), and {@code client.pk8} (the client key as PKCS#8 DER, the form
 * pgjdbc's {@code sslkey} expects).
 *
 * <pre>{@code
 * TlsCerts certs = TlsCerts.generate(tempDir, "alice");
 * SslContext ctx = SslContextBuilder.forServer(certs.serverCert().toFile(), certs.serverKey().toFile()).build();
 * String url = "jdbc:postgresql://localhost:5432/db?sslmode=verify-full&sslrootcert=" + certs.caCert();
 * }</pre>
 */
public final class TlsCerts {

    /**
     * The server certificate's key and, with it, the CA's key and the signature algorithm of
     * every certificate — what {@code tls-server-end-point} channel binding hashes depend on.
     * The client key is RSA 2048 either way.
     */
    public enum ServerKey {
        /** RSA 2048 keys for CA and server; certificates signed with SHA256withRSA. */
        RSA,
        /** ECDSA P-256 keys for CA and server; certificates signed with SHA256withECDSA. */
        ECDSA_P256
    }

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final X509Certificate caCertificate;
    private final X509Certificate serverCertificate;
    private final X509Certificate clientCertificate;
    private final PrivateKey serverPrivateKey;
    private final PrivateKey clientPrivateKey;

    private TlsCerts(Path dir, X509Certificate ca, X509Certificate server, X509Certificate client,
            PrivateKey serverKey, PrivateKey clientKey) {
        this.dir = dir;
        this.caCertificate = ca;
        this.serverCertificate = server;
        this.clientCertificate = client;
        this.serverPrivateKey = serverKey;
        this.clientPrivateKey = clientKey;
    }

    /** Generates an RSA server certificate and a client certificate with CN {@code clientCn}. */
    public static TlsCerts generate(Path dir, String clientCn) {
        return generate(dir, clientCn, ServerKey.RSA);
    }

    /** Generates the CA, a server certificate of the given key type, and a client certificate. */
    public static TlsCerts generate(Path dir, String clientCn, ServerKey serverKeyType) {
        try {
            Files.createDirectories(dir);
            Instant now = Instant.now();

            boolean ec = serverKeyType == ServerKey.ECDSA_P256;
            String signature = ec ? "SHA256withECDSA" : "SHA256withRSA";
            KeyPair caKeys = ec ? ecP256() : rsa();
            X500Name caName = new X500Name("CN=pgwire test CA");
            X509v3CertificateBuilder ca = builder(caName, caName, caKeys, now);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCert = sign(ca, caKeys.getPrivate(), signature);

            KeyPair serverKeys = ec ? ecP256() : rsa();
            X509v3CertificateBuilder server = builder(caName, new X500Name("CN=localhost"), serverKeys, now);
            leafExtensions(server, ext, caCert, serverKeys, KeyPurposeId.id_kp_serverAuth,
                    ec ? KeyUsage.digitalSignature : KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
            server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
            }));
            X509Certificate serverCert = sign(server, caKeys.getPrivate(), signature);

            KeyPair clientKeys = rsa();
            X500Name clientName = new X500NameBuilder().addRDN(BCStyle.CN, clientCn).build();
            X509v3CertificateBuilder client = builder(caName, clientName, clientKeys, now);
            leafExtensions(client, ext, caCert, clientKeys, KeyPurposeId.id_kp_clientAuth,
                    KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
            X509Certificate clientCert = sign(client, caKeys.getPrivate(), signature);

            writeCert(dir.resolve("ca.crt"), caCert);
            writeKey(dir.resolve("ca.key"), caKeys.getPrivate());
            writeCert(dir.resolve("server.crt"), serverCert);
            writeKey(dir.resolve("server.key"), serverKeys.getPrivate());
            writeCert(dir.resolve("client.crt"), clientCert);
            writeKey(dir.resolve("client.key"), clientKeys.getPrivate());
            Path pk8 = dir.resolve("client.pk8");
            Files.write(pk8, clientKeys.getPrivate().getEncoded());
            ownerOnly(pk8);
            return new TlsCerts(dir, caCert, serverCert, clientCert, serverKeys.getPrivate(), clientKeys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test certificates to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate test certificates", e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    public Path caKey() {
        return dir.resolve("ca.key");
    }

    public Path serverCert() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path clientCert() {
        return dir.resolve("client.crt");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    /** The client key as PKCS#8 DER, for pgjdbc's {@code sslkey}. */
    public Path clientKeyDer() {
        return dir.resolve("client.pk8");
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    public PrivateKey serverPrivateKey() {
        return serverPrivateKey;
    }

    public PrivateKey clientPrivateKey() {
        return clientPrivateKey;
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static KeyPair ecP256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant now) {
        // Backdated a day so that clock skew between processes never makes a fresh cert "not yet valid".
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static void leafExtensions(X509v3CertificateBuilder builder, JcaX509ExtensionUtils ext,
            X509Certificate ca, KeyPair keys, KeyPurposeId purpose, int keyUsage)
            throws CertIOException, GeneralSecurityException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey, String algorithm)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }

    private static void writeCert(Path file, X509Certificate cert) throws IOException, GeneralSecurityException {
        Files.writeString(file, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        // JDK private keys encode as PKCS#8 PrivateKeyInfo, which is exactly "BEGIN PRIVATE KEY".
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        ownerOnly(file);
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
