package dev.pgwire.server.frame;

import io.netty.buffer.ByteBuf;

import java.util.Map;

/**
 * The query phase of one connection at the frame level: the server has done startup, TLS and
 * authentication, and hands over every frontend message as it arrives, undecoded.
 *
 * <p>Every method runs on the connection's event loop, one at a time; none may block. A frame is
 * a buffer holding one whole message — type byte, int32 length, body — checked only for a known
 * type and a length within the server's limit; the handler owns it (forward it with
 * {@code write}, which releases it once sent, or release it). The server neither splits Query
 * text nor answers anything itself: ReadyForQuery, errors and every other response are the
 * handler's to write. Forward frames it need not understand (CopyData, say) as they are.
 *
 * <pre>{@code
 * final class Echo implements FrameHandler {
 *     public Map<String, String> parameterStatus() { return Map.of("server_version", "15.0"); }
 *     public void frame(byte type, ByteBuf frame) {
 *         frame.release();
 *         if (type == 'Q') { ... write CommandComplete and ReadyForQuery to session.channel() ... }
 *     }
 *     public void cancel() {}
 *     public void closed() {}
 * }
 * }</pre>
 */
public interface FrameHandler {

    /** Run-time parameters to greet the client with (ParameterStatus), in order; asked once. */
    Map<String, String> parameterStatus();

    /** One frontend message; {@code type} is its first byte. The handler owns {@code frame}. */
    void frame(byte type, ByteBuf frame);

    /** The frames of one socket read have all been handed over: a good moment to flush. */
    default void readComplete() {
    }

    /** The client's channel became writable or not (its outbound buffer crossed a water mark). */
    default void writabilityChanged(boolean writable) {
    }

    /** A CancelRequest with this connection's key arrived. */
    void cancel();

    /**
     * The server is shutting down: finish the work in flight, then close the connection. If the
     * connection is still open at the server's deadline it is closed with FATAL 57P01.
     */
    default void shutdown() {
    }

    /** The client's connection has closed; release everything held for it. Called once. */
    void closed();
}
