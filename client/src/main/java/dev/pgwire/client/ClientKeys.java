package dev.pgwire.client;

import io.netty.handler.ssl.SslContextBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The client certificate and key ({@code sslcert}, {@code sslkey}, {@code sslpassword}), sent when
 * the certificate file exists, as libpq does. Keys are PEM: PKCS#8 ("BEGIN PRIVATE KEY", or
 * "BEGIN ENCRYPTED PRIVATE KEY" with {@code sslpassword}) or PKCS#1 RSA ("BEGIN RSA PRIVATE KEY").
 */
final class ClientKeys {
    private ClientKeys() {}

    private static final String PKCS8 = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_ENCRYPTED = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    private static final String PKCS1_RSA = "-----BEGIN RSA PRIVATE KEY-----";

    static void configure(SslContextBuilder b, PgConnectOptions o) {
        String certMode = o.get("sslcertmode");
        if (certMode != null && !certMode.equals("allow") && !certMode.equals("disable")) {
            throw new IllegalArgumentException("invalid sslcertmode value: \"" + certMode + "\" (this client supports allow and disable)");
        }
        Path cert = o.sslCert();
        if ("disable".equals(certMode) || !Files.isRegularFile(cert)) return;
        Path key = o.sslKey();
        if (!Files.isRegularFile(key)) {
            throw new IllegalArgumentException("sslkey: certificate present, but not private key file \"" + key + "\"");
        }
        List<X509Certificate> chain = TlsSetup.readCertificates(cert, "sslcert");
        String pem;
        try {
            pem = Files.readString(key, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("sslkey: cannot read \"" + key + "\"", e);
        }
        if (pem.contains(PKCS8) || pem.contains(PKCS8_ENCRYPTED)) {
            try {
                b.keyManager(cert.toFile(), key.toFile(), o.sslPassword());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sslkey: cannot read the private key in \"" + key + "\""
                        + (pem.contains(PKCS8_ENCRYPTED) ? " (is sslpassword right?)" : "") + ": " + e.getMessage(), e);
            }
        } else if (pem.contains(PKCS1_RSA)) {
            if (pem.contains("ENCRYPTED")) {
                throw new IllegalArgumentException("sslkey: encrypted PKCS#1 keys are not supported; use encrypted PKCS#8");
            }
            b.keyManager(rsaFromPkcs1(pemBody(pem, "RSA PRIVATE KEY")), chain.toArray(X509Certificate[]::new));
        } else {
            throw new IllegalArgumentException("sslkey: \"" + key + "\" is not a PKCS#8 or PKCS#1 RSA PEM private key "
                    + "(convert with: openssl pkcs8 -topk8 -nocrypt)");
        }
    }

    static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end, from);
        if (from < 0 || to < 0) throw new IllegalArgumentException("sslkey: no " + type + " block");
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (RFC 5208) and loads it. */
    static PrivateKey rsaFromPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
        byte[] algorithm = {0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01,
            0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(derHeader(0x04, pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(derHeader(0x30, body.size()));
        info.writeBytes(body.toByteArray());
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sslkey: cannot read the RSA private key: " + e.getMessage(), e);
        }
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) return new byte[] {(byte) tag, (byte) length};
        if (length < 0x100) return new byte[] {(byte) tag, (byte) 0x81, (byte) length};
        if (length < 0x10000) return new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        return new byte[] {(byte) tag, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
