package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.ReadyForQuery;

import java.util.concurrent.CompletableFuture;

/**
 * One request in flight on a connection, and the only object that knows which responses belong
 * to it. Every command ends with exactly one ReadyForQuery (it sends a Query or ends with Sync), so
 * responses are routed to the oldest unfinished command and pipelining needs no other bookkeeping.
 * All methods run on the connection's event loop.
 */
abstract class Command<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    /** The first ErrorResponse received; the command fails with it at ReadyForQuery. */
    PgException error;

    /** Writes the command's messages into {@link ConnectionHandler#out()}. */
    abstract void start(ConnectionHandler conn);

    /** Routes one response; returns true when it was this command's ReadyForQuery. */
    boolean handle(BackendMessage m, ConnectionHandler conn) {
        if (m instanceof ErrorResponse e) {
            if (error == null) error = e.toException();
            onError(conn);
            return false;
        }
        if (m instanceof ReadyForQuery) {
            if (error != null) fail(error);
            else complete(conn);
            return true;
        }
        onMessage(m, conn);
        return false;
    }

    /** A response other than ErrorResponse and ReadyForQuery. */
    abstract void onMessage(BackendMessage m, ConnectionHandler conn);

    /** Called after an ErrorResponse was recorded, before the ReadyForQuery that ends the command. */
    void onError(ConnectionHandler conn) {
    }

    /** Completes {@link #result} after a ReadyForQuery without an error. */
    abstract void complete(ConnectionHandler conn);

    void fail(Throwable t) {
        result.completeExceptionally(t);
    }

    /** The connection is gone: fail with the server's own error if it sent one (a FATAL), else with {@code cause}. */
    void connectionClosed(PgException cause) {
        fail(error != null ? error : cause);
    }

    /** True when later commands must not be written until this one ends (COPY FROM STDIN, an open cursor). */
    boolean exclusive() {
        return false;
    }

    /** True when this command may only start once every earlier command has ended (Terminate). */
    boolean needsIdle() {
        return false;
    }

    /** The end of one read from the socket: a chance to hand batched rows on. */
    void readComplete() {
    }

    static PgException unexpected(BackendMessage m) {
        return PgException.protocolViolation("unexpected message from server: " + m.getClass().getSimpleName());
    }
}
