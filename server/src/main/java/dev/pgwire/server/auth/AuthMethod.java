package dev.pgwire.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a connection authenticates, named as in pg_hba.conf (PostgreSQL documentation, "The
 * pg_hba.conf File").
 */
public enum AuthMethod {
    /** Accept the connection without a password. */
    TRUST("trust"),
    /** Refuse the connection. */
    REJECT("reject"),
    /** Cleartext password (AuthenticationCleartextPassword); only sensible over TLS. */
    PASSWORD("password"),
    /**
     * MD5 challenge (AuthenticationMD5Password). As in PostgreSQL, a server should run
     * SCRAM-SHA-256 instead when the user has a SCRAM verifier but no md5 hash.
     */
    MD5("md5"),
    /** SASL with SCRAM-SHA-256 and, over TLS, SCRAM-SHA-256-PLUS. */
    SCRAM_SHA_256("scram-sha-256");

    private final String hbaName;

    AuthMethod(String hbaName) {
        this.hbaName = hbaName;
    }

    /** The name used in pg_hba.conf, e.g. {@code "scram-sha-256"}. */
    public String hbaName() {
        return hbaName;
    }

    /** Parses a pg_hba.conf method name, ignoring case. */
    public static AuthMethod parse(String name) {
        if (name != null) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            for (AuthMethod m : values()) {
                if (m.hbaName.equals(lower)) return m;
            }
        }
        throw new IllegalArgumentException("unsupported authentication method \"" + name + "\"; valid methods: "
                + Arrays.stream(values()).map(AuthMethod::hbaName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return hbaName;
    }
}
