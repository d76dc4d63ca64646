package dev.pgwire.client;

import dev.pgwire.client.PgConnectOptions.TargetSessionAttrs;

import java.util.concurrent.CompletableFuture;

/**
 * Whether a new session is what {@code target_session_attrs} asks for, decided as libpq does:
 * from the {@code default_transaction_read_only} and {@code in_hot_standby} parameters that
 * PostgreSQL 14 and later report at startup, or else by asking ({@code SHOW transaction_read_only},
 * {@code SELECT pg_is_in_recovery()}).
 */
final class SessionCheck {
    private SessionCheck() {}

    static CompletableFuture<Boolean> accepts(PgAsyncConnection conn, TargetSessionAttrs target) {
        return switch (target) {
            case ANY, PREFER_STANDBY -> CompletableFuture.completedFuture(true);
            case READ_WRITE -> readOnly(conn).thenApply(ro -> !ro);
            case READ_ONLY -> readOnly(conn);
            case PRIMARY -> standby(conn).thenApply(s -> !s);
            case STANDBY -> standby(conn);
        };
    }

    private static CompletableFuture<Boolean> readOnly(PgAsyncConnection conn) {
        String hotStandby = conn.parameter("in_hot_standby");
        String defaultReadOnly = conn.parameter("default_transaction_read_only");
        if (hotStandby != null && defaultReadOnly != null) {
            return CompletableFuture.completedFuture("on".equals(hotStandby) || "on".equals(defaultReadOnly));
        }
        return conn.query("SHOW transaction_read_only").thenApply(rs -> "on".equals(rs.first().getString(0)));
    }

    private static CompletableFuture<Boolean> standby(PgAsyncConnection conn) {
        String hotStandby = conn.parameter("in_hot_standby");
        if (hotStandby != null) return CompletableFuture.completedFuture("on".equals(hotStandby));
        return conn.query("SELECT pg_catalog.pg_is_in_recovery()").thenApply(rs -> rs.first().getBoolean(0));
    }
}
