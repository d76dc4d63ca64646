package dev.pgwire.serve;

import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import java.util.List;

/**
 * The client's sink with the command tag held back until {@link #release()}: a statement's
 * foreign keys are checked after its rows (RETURNING) went out and before it is complete, so a
 * violation ends the statement with an error in place of its tag.
 */
final class HeldTagSink implements ResultSink {
    private final ResultSink sink;
    private String tag;

    HeldTagSink(ResultSink sink) {
        this.sink = sink;
    }

    /** Completes the statement with the tag held back, if it got one. */
    void release() {
        if (tag != null) sink.complete(tag);
    }

    @Override
    public void describeColumns(List<Column> columns) {
        sink.describeColumns(columns);
    }

    @Override
    public RowWriter row() {
        return sink.row();
    }

    @Override
    public void complete(String commandTag) {
        tag = commandTag;
    }

    @Override
    public void emptyQuery() {
        sink.emptyQuery();
    }

    @Override
    public void notice(String severity, String sqlState, String message) {
        sink.notice(severity, sqlState, message);
    }

    @Override
    public void parameterStatus(String name, String value) {
        sink.parameterStatus(name, value);
    }

    @Override
    public boolean isCancelled() {
        return sink.isCancelled();
    }
}
