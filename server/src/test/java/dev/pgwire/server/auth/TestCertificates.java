package dev.pgwire.server.auth;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Self-signed test certificates made with the openssl command line, and the expected
 * tls-server-end-point hash of each (computed with {@code openssl x509 -outform DER | openssl dgst},
 * independently of the code under test).
 */
final class TestCertificates {
    private TestCertificates() {}

    /** sha256WithRSAEncryption. */
    static final String RSA_SHA256 = """
            -----BEGIN CERTIFICATE-----
            MIIDFzCCAf+gAwIBAgIULEY9gb9NLLUFogVdWgQxLu3F7XMwDQYJKoZIhvcNAQEL
            BQAwGjEYMBYGA1UEAwwPcGd3aXJlLXRlc3QtcnNhMCAXDTI2MTEyNTE0MjEwNVoY
            DzIxMjYxMTAxMTQyMTA1WjAaMRgwFgYDVQQDDA9wZ3dpcmUtdGVzdC1yc2EwggEi
            MA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC6P2toT4mXBbthI61g7b/9JwR7
            LIqBEuxK9xSzq5uAAEjLyc8R6ELgqyFS+3IZtILsQxvE02pEZRkaPV6w4wy7I/LU
            FMS3qzj5jGUzFwzGQeDJE2Xamfy7KMIinccP+3DOVNyYDUhwIsYQ/2/qarT+RGwA
            xSHfW7BV0acSJZtAIjQe6At5oB5dAv5BE41sAERwmXphEcFBzQE2z0mrxCgTKgaN
            MM49ZREuYplz2S0xRW/vR0zElr8gwGIpksb6rnkwlPC/CjQOgsX950zAA874Iel2
            /I7yMbmTLhGKCcRJqgBc1am0fYts0vfuzwJn3xz4xP/QNgdyZFXNwv3oCywRAgMB
            AAGjUzBRMB0GA1UdDgQWBBRzCQO3AYcx/I5CXHrlmCknG2QQuzAfBgNVHSMEGDAW
            gBRzCQO3AYcx/I5CXHrlmCknG2QQuzAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3
            DQEBCwUAA4IBAQCAuIrGsXvEoT3ENHnQMTFrpX9HX5UXsgdh7QkwIDKuGt6us2cX
            CmCDt8kyVPonDiQAMI4Q2EMcDKDDAtgkZRZ3kwKNEtVImleZHFD5iHLwyrGRr+Pn
            UjiNfNWRGyFYAZtjYPcO0jysOkF5rLREcwOfCJ+uIDwOL78wcdQrsfny8vISvjNL
            cPcYsXt+GUUslcPh6+cRpih50hG9Xf7xxpYpjPHYi8Aj/xHYIm1nSEsyB91V+rg9
            aFiBNaNJhl9KiDS3uR1zTcn7ozsJyz9Cw9BZ0CKBNNh8Xj+jUG2BDiq7Gys2cQur
            gU+gtXqmyETirKtZBP4rU2+q4/FqrKQRrr4N
            -----END CERTIFICATE-----
            """;
    static final String RSA_SHA256_END_POINT = "cd71bc51ad909cf20ebef4a67321ffe188feb5dd4363eb55ca641621ba87ffa9";

    /** ecdsa-with-SHA384. */
    static final String EC_SHA384 = """
            -----BEGIN CERTIFICATE-----
            MIIBzTCCAVKgAwIBAgIUKBXsEHZ4OV3bkkIZERYpZef1RwIwCgYIKoZIzj0EAwMw
            HDEaMBgGA1UEAwwRcGd3aXJlLXRlc3QtZWMzODQwIBcNMjYxMTI1MTQyMTA1WhgP
            MjEyNjExMDExNDIxMDVaMBwxGjAYBgNVBAMMEXBnd2lyZS10ZXN0LWVjMzg0MHYw
            EAYHKoZIzj0CAQYFK4EEACIDYgAELwvzsrwgUK4Yl8Y2uAHZIHqpA47rW9ZbY0/C
            p0Hm6kvJA45WW15wWr3/TLAtKsGaDrHUMNtzuQoxoLaNBC6zS1AdHJSvFvW2F0O4
            B42C2nm6aeUIUQWVwTYp7BiyNt8yo1MwUTAdBgNVHQ4EFgQUBaIUc7V72jE9SeU1
            Xh4bFwnJ9F4wHwYDVR0jBBgwFoAUBaIUc7V72jE9SeU1Xh4bFwnJ9F4wDwYDVR0T
            AQH/BAUwAwEB/zAKBggqhkjOPQQDAwNpADBmAjEAo3HapmVg7Ixcprp58OhwY5u9
            TdSN8csUGsx89pkk60MR4njUWO1i0dYbpNieE2SYAjEAgnSp4mppvN7MzFF7+UMw
            Wf4Qcm9j1djfL9cxqXbqaQuQpPxExhzjEGL+zDy4Hc5c
            -----END CERTIFICATE-----
            """;
    static final String EC_SHA384_END_POINT = "a72158f49dc034c74f6effb59c0b0dcaaeb93fc14ec34a8826b910a022f953fe6ffbf2226df328aba9c7a05c6f79e839";

    /** ecdsa-with-SHA1 (hashed with SHA-256 instead). */
    static final String EC_SHA1 = """
            -----BEGIN CERTIFICATE-----
            MIIBkDCCATigAwIBAgIUBjRI6kfB1dTRK91Dv/AjsidmIrAwCQYHKoZIzj0EATAe
            MRwwGgYDVQQDDBNwZ3dpcmUtdGVzdC1lYy1zaGExMCAXDTI2MTEyNTE0MjEwNVoY
            DzIxMjYxMTAxMTQyMTA1WjAeMRwwGgYDVQQDDBNwZ3dpcmUtdGVzdC1lYy1zaGEx
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEapN30xASSEe960jxkchyaGeOL0F5
            0HQ0IFh7U38G05k6/l9G+MSr8MeKwQC2S4MSoR38cXt5mIzr3lcJlxqH/KNTMFEw
            HQYDVR0OBBYEFOSXzRmNjnWdUmhz9F7pvkh0CHFNMB8GA1UdIwQYMBaAFOSXzRmN
            jnWdUmhz9F7pvkh0CHFNMA8GA1UdEwEB/wQFMAMBAf8wCQYHKoZIzj0EAQNHADBE
            AiAaFvDkpRMXNCn2Rc+NOfBlny/v3ldWAy5MUitu0gOKXwIgDBZvji/o2V5b3z/n
            d82xTMN5vOsdRYkZ6mBFjomg9G4=
            -----END CERTIFICATE-----
            """;
    static final String EC_SHA1_END_POINT = "611c30ab3251202a291e1644fcceac16893660938830254bb0d182a9149f345f";

    /** md5WithRSAEncryption (hashed with SHA-256 instead). */
    static final String RSA_MD5 = """
            -----BEGIN CERTIFICATE-----
            MIICEjCCAXugAwIBAgIUZC0J7h3uLYdzsAYM+SFxiNc0ZjEwDQYJKoZIhvcNAQEE
            BQAwGjEYMBYGA1UEAwwPcGd3aXJlLXRlc3QtbWQ1MCAXDTI2MTEyNTE0MjEwNVoY
            DzIxMjYxMTAxMTQyMTA1WjAaMRgwFgYDVQQDDA9wZ3dpcmUtdGVzdC1tZDUwgZ8w
            DQYJKoZIhvcNAQEBBQADgY0AMIGJAoGBANHEG6PU9j8YoqFUYskViJz9mMfiwCC5
            dZLWpDYyWkfDm2imh8ilkjRCLCwU7l5CnUCcHa8/nkowfHqunnJRUZ8QFoRJRMDu
            w4cx0avK5SS7m06Q2F6TKvhtMl78PzGKDaufCMFY60bbdBnqVFEdkeNRIYaCbti3
            AG/K/0XHPnMjAgMBAAGjUzBRMB0GA1UdDgQWBBR1UgQM7BMZa/KhJYzlpqGmLNbU
            ezAfBgNVHSMEGDAWgBR1UgQM7BMZa/KhJYzlpqGmLNbUezAPBgNVHRMBAf8EBTAD
            AQH/MA0GCSqGSIb3DQEBBAUAA4GBAMsCtczTSGnGqHXXaTpoFEVOjxJ7RofB74CD
            Lg2UBVHoDnFey+yw6h2Lz2UmsiFN5BpKT0UL16cVUIEeKwqmdcdUcLmtHPf3hn5O
            Grccl8zxLpPIBp4TRD51JhqYRZGUxuRlGwH6fgyPikpWyUJHg3TWw+9wRegC/yFR
            59+vakaR
            -----END CERTIFICATE-----
            """;
    static final String RSA_MD5_END_POINT = "7b9d02d3f65d74fb36364227043ba1a655b1cb12392ae34118d2bfb5847ef213";

    /** RSASSA-PSS with SHA-512. */
    static final String RSA_PSS_SHA512 = """
            -----BEGIN CERTIFICATE-----
            MIICeDCCAa2gAwIBAgIUMlX53qZKC5ePNBW6SYn5eHgifPUwQQYJKoZIhvcNAQEK
            MDSgDzANBglghkgBZQMEAgMFAKEcMBoGCSqGSIb3DQEBCDANBglghkgBZQMEAgMF
            AKIDAgE+MBoxGDAWBgNVBAMMD3Bnd2lyZS10ZXN0LXBzczAgFw0yNjExMjUxNDIx
            MDVaGA8yMTI2MTEwMTE0MjEwNVowGjEYMBYGA1UEAwwPcGd3aXJlLXRlc3QtcHNz
            MIGdMAsGCSqGSIb3DQEBCgOBjQAwgYkCgYEAoIV+OnRlb58Cy3bhzy1UuJ8BUIVb
            S9qniGR+DhEpfnpNQBSKp9MzUCneMZi86YLtKIMdyFSZLYUEAE/CEg8OAwnHiTup
            P+HSrE7BsuxoYN7ItjWYYsATKi9pNzPuBWH/qlCOXCT9jzXn0px5MoqtrF2kSSQr
            KWWKjwfOjvDV3RUCAwEAAaNTMFEwHQYDVR0OBBYEFI5Czg4Fqj4lu7J4iLS5jiyV
            61d4MB8GA1UdIwQYMBaAFI5Czg4Fqj4lu7J4iLS5jiyV61d4MA8GA1UdEwEB/wQF
            MAMBAf8wQQYJKoZIhvcNAQEKMDSgDzANBglghkgBZQMEAgMFAKEcMBoGCSqGSIb3
            DQEBCDANBglghkgBZQMEAgMFAKIDAgE+A4GBAJqhJ6/xjPsqUkO+IL7bS3qONWbm
            N70SvdGQBVsp3Huw9hcSpcXrnYMvm4/YM8EztDKODl6iP5rnrfp5vlX0svnw2OMR
            8fYvYReGJoWEiHJa0CTg9bY+9VlrzgLTSSu+Zgl2KYjFmog3W/ZDmeLUOAi2mrWC
            bUpCZAhUK+TjE0Us
            -----END CERTIFICATE-----
            """;
    static final String RSA_PSS_SHA512_END_POINT = "552e39075961f3073e127122a9734e271c76ce778b76b550bb3318550785c25cc81f6c05e1de3eb6d135b8ab9484a1436e812b62c975c779a0a44560d03d9e33";

    /** Ed25519: no single hash, so no tls-server-end-point. */
    static final String ED25519 = """
            -----BEGIN CERTIFICATE-----
            MIIBUzCCAQWgAwIBAgIUWy9SHNzqgtY0TR2wtkjfx6G7zY8wBQYDK2VwMB4xHDAa
            BgNVBAMME3Bnd2lyZS10ZXN0LWVkMjU1MTkwIBcNMjYxMTI1MTQyMTA1WhgPMjEy
            NjExMDExNDIxMDVaMB4xHDAaBgNVBAMME3Bnd2lyZS10ZXN0LWVkMjU1MTkwKjAF
            BgMrZXADIQDIcYAJFd39ve99xDrZSltZWPPDv0SCjHbbQmp2gJ0EqKNTMFEwHQYD
            VR0OBBYEFMypJgbB7k5jL9uN6EYUoHrZixakMB8GA1UdIwQYMBaAFMypJgbB7k5j
            L9uN6EYUoHrZixakMA8GA1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EA8fVENKZP5j36
            OU18yq4goq8NQNz6iNmj8cMrMZZUMiyYfY3QRKvl/5UlrWLfba1h9kTCBTxmadUd
            B3nLhG/tDQ==
            -----END CERTIFICATE-----
            """;

    static X509Certificate load(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
