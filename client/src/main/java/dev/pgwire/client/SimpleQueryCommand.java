package dev.pgwire.client;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.CopyResponse;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.RowDescription;

/**
 * A simple-protocol Query (protocol section 55.2.2): one or more statements, text results, one
 * ReadyForQuery at the end. A COPY FROM STDIN reached this way is refused with CopyFail (use
 * copyIn); the data of a COPY TO STDOUT is read and dropped (use copyOut).
 */
final class SimpleQueryCommand<T> extends Command<T> {
    private final String sql;
    private final RowSink<T> sink;
    private RowShape shape = RowShape.EMPTY;

    SimpleQueryCommand(String sql, RowSink<T> sink) {
        this.sql = sql;
        this.sink = sink;
    }

    @Override
    void start(ConnectionHandler conn) {
        sink.attach(conn);
        new Query(sql).encode(conn.out());
    }

    @Override
    void onMessage(BackendMessage m, ConnectionHandler conn) {
        if (m instanceof DataRow d) {
            sink.row(new Row(shape, d.values()));
        } else if (m instanceof RowDescription rd) {
            shape = new RowShape(rd.fields(), conn.session.types, conn.session.codecContext);
            sink.shape(shape);
        } else if (m instanceof CommandComplete c) {
            sink.statementComplete(c.tag());
            shape = RowShape.EMPTY;
        } else if (m instanceof EmptyQueryResponse) {
            sink.statementComplete("");
        } else if (m instanceof CopyResponse c) {
            if (c.kind() != CopyResponse.Kind.OUT) {
                new CopyFail("COPY FROM STDIN is not supported by query(); use copyIn()").encode(conn.out());
                conn.flush();
            }
        } else if (!(m instanceof CopyData) && !(m instanceof CopyDone)) {
            throw unexpected(m);
        }
    }

    @Override
    void readComplete() {
        sink.readComplete();
    }

    @Override
    void complete(ConnectionHandler conn) {
        try {
            result.complete(sink.result());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    void fail(Throwable t) {
        sink.failed(t);
        super.fail(t);
    }
}
