package dev.pgwire.server.auth;

/** The first field of a pg_hba.conf line: which connections a rule applies to. */
public enum ConnectionType {
    /** Unix-domain socket (or any non-TCP transport). */
    LOCAL("local"),
    /** TCP/IP, with or without TLS. */
    HOST("host"),
    /** TCP/IP with TLS only. */
    HOSTSSL("hostssl"),
    /** TCP/IP without TLS only. */
    HOSTNOSSL("hostnossl");

    private final String hbaName;

    ConnectionType(String hbaName) {
        this.hbaName = hbaName;
    }

    public String hbaName() {
        return hbaName;
    }

    /** True if a connection over TCP ({@code tcp}) with or without TLS is of this type. */
    public boolean matches(boolean tcp, boolean tls) {
        return switch (this) {
            case LOCAL -> !tcp;
            case HOST -> tcp;
            case HOSTSSL -> tcp && tls;
            case HOSTNOSSL -> tcp && !tls;
        };
    }

    @Override
    public String toString() {
        return hbaName;
    }
}
