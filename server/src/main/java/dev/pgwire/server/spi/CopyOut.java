package dev.pgwire.server.spi;

/**
 * Writes the data of {@code COPY … TO STDOUT} (protocol section 55.2.6): each call sends one
 * CopyData message, encoded straight into the session's output buffer. When the client reads
 * slower than the session writes, a call blocks the (worker) thread until the socket drains, so a
 * COPY of any size streams in bounded memory. Obtained from {@link ResultSink#copyOut}; the
 * statement ends with {@link ResultSink#complete} ({@code COPY n}), which sends CopyDone first.
 *
 * <pre>{@code
 * CopyOut out = sink.copyOut(false, 2);
 * out.write("1\tone\n");
 * out.write("2\t\\N\n");
 * sink.complete("COPY 2");
 * }</pre>
 */
public interface CopyOut {

    /** One CopyData message holding {@code length} bytes of {@code data} from {@code offset}. */
    void write(byte[] data, int offset, int length);

    /** One CopyData message holding {@code data}. */
    default void write(byte[] data) {
        write(data, 0, data.length);
    }

    /** One CopyData message holding {@code text} in UTF-8. */
    void write(CharSequence text);
}
