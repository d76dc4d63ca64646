package dev.pgwire.server;

import java.util.concurrent.TimeUnit;

/**
 * A connection past authentication, whatever layer serves it (the engine SPI's
 * {@link SessionHandler} or the frame layer's {@link FrameSessionHandler}): what cancel and
 * shutdown need of it.
 */
interface LiveSession {
    int processId();

    byte[] secretKey();

    /** A CancelRequest with this session's key arrived. */
    boolean cancelRunningCall();

    /** The server stops: end the session once its work in flight is done. */
    void beginShutdown();

    /** Waits until the connection is closed (and what runs for it has ended). */
    boolean awaitClosed(long timeout, TimeUnit unit);

    /** The shutdown deadline has passed: end the session now (FATAL 57P01). */
    void forceClose();
}
