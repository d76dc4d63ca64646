package dev.pgwire.server.frame;

import java.util.concurrent.CompletionStage;

/**
 * Opens a {@link FrameHandler} for each authenticated connection: the frame layer's counterpart
 * of {@link dev.pgwire.server.spi.SessionFactory}, for embedders that forward the protocol rather
 * than execute it (a pooling gateway, a proxy).
 *
 * <p>Called on the connection's event loop; it must not block. The stage may complete later and
 * on any thread (after connecting upstream, say); the server then greets the client with the
 * handler's {@link FrameHandler#parameterStatus()}, its own BackendKeyData and ReadyForQuery, and
 * from then on hands it every frame. Completing exceptionally with a
 * {@link dev.pgwire.protocol.PgException} rejects the connection with that error as FATAL.
 *
 * <pre>{@code
 * PgServer server = PgServer.builder()
 *         .port(6432)
 *         .frameHandlerFactory(session -> CompletableFuture.completedFuture(new MyForwarder(session)))
 *         .start();
 * }</pre>
 */
@FunctionalInterface
public interface FrameHandlerFactory {
    CompletionStage<FrameHandler> open(FrameSession session);
}
