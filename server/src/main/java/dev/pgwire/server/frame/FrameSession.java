package dev.pgwire.server.frame;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.auth.ScramClientKey;
import dev.pgwire.server.spi.SessionInfo;
import io.netty.channel.Channel;

import java.util.Optional;

/**
 * The client side of one frame-layer connection, as its {@link FrameHandler} sees it.
 *
 * <p>Write whole backend frames (type byte, length, body) to {@link #channel()} with
 * {@code write}/{@code flush}, on its event loop; stop reading with
 * {@code channel().config().setAutoRead(false)} while whatever receives the frames cannot keep up.
 * Connections the handler opens itself (upstream) belong on {@code channel().eventLoop()}, so that
 * a pair shares one thread and frames pass between them without locks.
 */
public interface FrameSession {

    /** User, database, startup parameters, address, TLS, and the process id sent in BackendKeyData. */
    SessionInfo info();

    /** The client's channel. */
    Channel channel();

    /**
     * The ClientKey the client proved in a SCRAM-SHA-256 login, with the verifier it was checked
     * against, for logging in upstream as the same user without the password (SCRAM
     * pass-through). Present only while {@link FrameHandlerFactory#open} runs, and only after a
     * SCRAM login; the handler must keep it in memory only and never log it.
     */
    default Optional<ScramClientKey> scramClientKey() {
        return Optional.empty();
    }

    /**
     * The user's md5 hash ({@code "md5" + hex(md5(password + user))}) from the credentials a
     * successful password login (md5, cleartext or SCRAM) was checked against, for answering an
     * upstream server's md5 challenge as the same user without the password (md5 pass-through).
     * Present only while {@link FrameHandlerFactory#open} runs, and only when the credentials hold
     * an md5 hash for the user; the handler must keep it in memory only and never log it.
     */
    default Optional<String> md5PasswordHash() {
        return Optional.empty();
    }

    /** Sends {@code error} with severity FATAL after what was written before, then closes the connection. */
    void fatal(PgException error);
}
