package dev.pgwire.server;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** The server's TLS context and the facts about its certificate that SCRAM channel binding needs. */
final class TlsSupport {
    /** The ALPN protocol name PostgreSQL 17 registered; direct TLS connections must negotiate it. */
    static final String ALPN_POSTGRESQL = "postgresql";

    final SslContext context;
    /** tls-server-end-point channel binding data (RFC 5929) of our certificate. */
    final byte[] serverEndPoint;

    private TlsSupport(SslContext context, byte[] serverEndPoint) {
        this.context = context;
        this.serverEndPoint = serverEndPoint;
    }

    static TlsSupport create(ServerConfig.TlsConfig tls) {
        try {
            SslContext ctx = SslContextBuilder
                    .forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ALPN_POSTGRESQL))
                    .build();
            X509Certificate leaf;
            try (InputStream in = Files.newInputStream(tls.certificateChain())) {
                leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            return new TlsSupport(ctx, dev.pgwire.server.auth.ScramServer.tlsServerEndPoint(leaf));
        } catch (SSLException | CertificateException e) {
            throw new IllegalArgumentException("cannot load TLS certificate " + tls.certificateChain()
                    + " / key " + tls.privateKey() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS certificate " + tls.certificateChain(), e);
        }
    }
}
