package dev.pgwire.serve;

import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import java.util.List;

/** A sink passing everything on to another; subclasses change what they need to. */
abstract class ForwardingSink implements ResultSink {
    protected final ResultSink sink;

    ForwardingSink(ResultSink sink) {
        this.sink = sink;
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
        sink.complete(commandTag);
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
