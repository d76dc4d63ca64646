package dev.pgwire.server.spi;

/**
 * The receiving end of {@code COPY … FROM STDIN} (protocol section 55.2.6), handed to
 * {@link ResultSink#copyIn}. After the statement's call returns, the server sends CopyInResponse
 * and passes each CopyData message the client sends to {@link #data}, in order, one call at a time
 * on the session's worker thread (the calls may block, and they are cancellable like any call).
 * The client's CopyDone ends the COPY with {@link #done}; its CopyFail, an error thrown by
 * {@link #data} or {@link #done}, a cancel, a message that has no place in COPY, or the end of the
 * connection end it with {@link #fail} — then nothing of the COPY may be kept.
 *
 * <pre>{@code
 * sink.copyIn(false, 2, new CopyIn() {
 *     long rows;
 *     public void data(byte[] data) { rows += parser.feed(data); }   // lines may span messages
 *     public String done() { parser.finish(); commit(); return "COPY " + rows; }
 *     public void fail(Exception reason) { rollback(); }
 * });
 * }</pre>
 */
public interface CopyIn {

    /**
     * One CopyData message's bytes, which belong to the receiver. Messages split the data
     * anywhere: a row may begin in one and end in the next. Throw a
     * {@link dev.pgwire.protocol.PgException} to fail the COPY; {@link #fail} follows.
     */
    void data(byte[] data) throws Exception;

    /**
     * CopyDone: the input is complete. Returns the command tag ({@code COPY n}). Throwing fails the
     * COPY; {@link #fail} follows.
     */
    String done() throws Exception;

    /**
     * The COPY failed or was abandoned: {@code reason} is the error the client is told (57014 for
     * its CopyFail or a cancel), or the exception that failed it. Undo what the COPY did. Called at
     * most once, and never after {@link #done} returned.
     */
    void fail(Exception reason);
}
