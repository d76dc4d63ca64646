package dev.pgwire.server.spi;

import dev.pgwire.protocol.PgException;

/**
 * Opens a {@link Session} for each authenticated connection. This is the one thing an embedder
 * must supply to {@code PgServer}.
 *
 * <pre>{@code
 * SessionFactory factory = info -> (sql, sink) -> {
 *     sink.describeColumns(List.of(Column.text("greeting")));
 *     sink.row().text("hello " + info.user()).end();
 *     sink.complete("SELECT 1");
 * };
 * }</pre>
 *
 * Called off the event loop; may block (opening a database file, say). Throwing
 * {@link PgException} rejects the connection with that error (e.g. 3D000 for an unknown database).
 */
@FunctionalInterface
public interface SessionFactory {
    Session open(SessionInfo info) throws Exception;
}
