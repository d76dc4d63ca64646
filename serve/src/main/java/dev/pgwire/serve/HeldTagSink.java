package dev.pgwire.serve;

import dev.pgwire.server.spi.ResultSink;

/**
 * The client's sink with the command tag held back until {@link #release()}: a statement's
 * foreign keys are checked after its rows (RETURNING) went out and before it is complete, so a
 * violation ends the statement with an error in place of its tag.
 */
final class HeldTagSink extends ForwardingSink {
    private String tag;

    HeldTagSink(ResultSink sink) {
        super(sink);
    }

    /** Completes the statement with the tag held back, if it got one. */
    void release() {
        if (tag != null) sink.complete(tag);
    }

    @Override
    public void complete(String commandTag) {
        tag = commandTag;
    }
}
