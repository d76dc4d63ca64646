package dev.pgwire.client;

import dev.pgwire.protocol.PgException;

/**
 * Why one connection attempt failed, and so what to try next: another host (the server could not
 * be reached, TLS failed, or it is not the kind of server wanted), the same host without or with
 * TLS (sslmode prefer and allow), or nothing (the server refused us, e.g. a wrong password, which
 * libpq does not retry on other hosts either).
 */
final class ConnectAttemptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** No connection, or it was lost before the server answered. */
        UNREACHABLE,
        /** The TLS handshake failed, or TLS was required and refused. */
        TLS,
        /** The server sent an ErrorResponse. */
        SERVER,
        /** The client gave up: authentication it will not do, a bad server message. */
        CLIENT,
        /** Connected, but target_session_attrs does not accept this server. */
        WRONG_SESSION
    }

    final Kind kind;
    final PgException error;
    /** Whether the failed attempt had TLS established. */
    final boolean tlsUsed;

    ConnectAttemptException(Kind kind, PgException error, boolean tlsUsed) {
        super(error.getMessage(), error, false, false);
        this.kind = kind;
        this.error = error;
        this.tlsUsed = tlsUsed;
    }
}
