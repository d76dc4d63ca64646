package dev.pgwire.client;

import dev.pgwire.client.PgConnectOptions.SslMode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * TLS as libpq does it (libpq documentation, "SSL Support"): which certificates to trust for each
 * {@code sslmode}, host name checks for verify-full, the client certificate, ALPN, and the
 * {@code tls-server-end-point} channel binding data that SCRAM-SHA-256-PLUS needs.
 */
final class TlsSetup {
    private TlsSetup() {}

    /** The ALPN protocol PostgreSQL 17 registered; required for direct TLS. */
    static final String ALPN_POSTGRESQL = "postgresql";

    /** A context and the check it performs, for one set of options. */
    record Tls(SslContext context, boolean verifyHostName) {}

    /**
     * The client context for these options. Certificates are checked against {@code sslrootcert}
     * for verify-ca and verify-full, and for require when that file exists (libpq: "require" then
     * behaves like verify-ca); otherwise any server certificate is accepted.
     */
    static Tls create(PgConnectOptions o) {
        SslMode mode = o.sslMode();
        String root = o.sslRootCert();
        boolean system = "system".equals(root);
        boolean rootExists = system || Files.isRegularFile(Path.of(root));
        boolean verify = mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL || (mode == SslMode.REQUIRE && rootExists);
        if (verify && !rootExists) {
            throw new IllegalArgumentException("sslrootcert: root certificate file \"" + root + "\" does not exist; "
                    + "either provide the file, use the system's trusted roots with sslrootcert=system, "
                    + "or change sslmode to disable server certificate verification");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(protocols(o))
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ALPN_POSTGRESQL));
            if (!verify) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (system) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                b.trustManager(tmf);
            } else {
                b.trustManager(readCertificates(Path.of(root), "sslrootcert"));
            }
            boolean verifyHost = mode == SslMode.VERIFY_FULL;
            b.endpointIdentificationAlgorithm(verifyHost ? "HTTPS" : null);
            ClientKeys.configure(b, o);
            return new Tls(b.build(), verifyHost);
        } catch (SSLException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A handler for one connection. {@code serverName} is the host as given (never the hostaddr),
     * which is what verify-full checks and what SNI carries when it is a name.
     */
    static SslHandler handler(Tls tls, ByteBufAllocator alloc, String serverName, int port, boolean sni) {
        SslHandler h = tls.context().newHandler(alloc, serverName, port);
        if (!sni) {
            SSLEngine engine = h.engine();
            SSLParameters p = engine.getSSLParameters();
            p.setServerNames(List.of());
            engine.setSSLParameters(p);
        }
        return h;
    }

    private static String[] protocols(PgConnectOptions o) {
        String min = o.sslMinProtocolVersion() == null ? "TLSv1.2" : o.sslMinProtocolVersion();
        String max = o.sslMaxProtocolVersion() == null ? "TLSv1.3" : o.sslMaxProtocolVersion();
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("invalid SSL protocol version range: ssl_min_protocol_version \""
                    + min + "\" is above ssl_max_protocol_version \"" + max + "\"");
        }
        List<String> out = new ArrayList<>();
        for (String v : List.of("TLSv1.3", "TLSv1.2")) {
            if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0) out.add(v);
        }
        return out.toArray(String[]::new);
    }

    static List<X509Certificate> readCertificates(Path file, String option) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) out.add((X509Certificate) c);
            if (out.isEmpty()) throw new IllegalArgumentException(option + ": no certificate in \"" + file + "\"");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(option + ": cannot read \"" + file + "\"", e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(option + ": cannot read certificates from \"" + file + "\": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code tls-server-end-point} channel binding data (RFC 5929 section 4.1): a hash of the
     * server's certificate with the hash function of its signature algorithm, where MD5 and SHA-1
     * are replaced by SHA-256.
     */
    static byte[] tlsServerEndPoint(X509Certificate cert) {
        String sig = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash;
        if (sig.startsWith("MD5") || sig.startsWith("SHA1") || sig.startsWith("SHA-1") || sig.startsWith("SHA256")) {
            hash = "SHA-256";
        } else if (sig.startsWith("SHA224")) {
            hash = "SHA-224";
        } else if (sig.startsWith("SHA384")) {
            hash = "SHA-384";
        } else if (sig.startsWith("SHA512")) {
            hash = "SHA-512";
        } else {
            throw new IllegalStateException("could not find digest for certificate signature algorithm " + cert.getSigAlgName());
        }
        try {
            return MessageDigest.getInstance(hash).digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the server certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate peerCertificate(SslHandler h) {
        try {
            Certificate[] chain = h.engine().getSession().getPeerCertificates();
            return chain.length == 0 ? null : (X509Certificate) chain[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
