package dev.pgwire.client;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.CopyResponse;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.Sync;

/**
 * A request whose answer is rows and command tags, delivered to a {@link RowSink}: what the
 * simple Query and the one-shot extended query share.
 */
abstract class RowsCommand<T> extends Command<T> {
    final RowSink<T> sink;
    RowShape shape = RowShape.EMPTY;

    RowsCommand(RowSink<T> sink) {
        this.sink = sink;
    }

    /**
     * Handles the messages of a result; false for anything else. COPY FROM STDIN reached this way
     * is refused with CopyFail ({@code syncAfterFail} when the request already sent its Sync, which
     * copy-in mode ignores); COPY TO STDOUT data is read and dropped.
     */
    boolean onResultMessage(BackendMessage m, ConnectionHandler conn, boolean syncAfterFail) {
        if (m instanceof DataRow d) {
            sink.row(new Row(shape, d.values()));
        } else if (m instanceof RowDescription rd) {
            shape = new RowShape(rd.fields(), conn.session.types, conn.session.codecContext);
            sink.shape(shape);
        } else if (m instanceof CommandComplete c) {
            sink.statementComplete(c.tag());
        } else if (m instanceof EmptyQueryResponse) {
            sink.statementComplete("");
        } else if (m instanceof CopyResponse c) {
            if (c.kind() != CopyResponse.Kind.OUT) {
                new CopyFail("COPY FROM STDIN is not supported here; use copyIn()").encode(conn.out());
                if (syncAfterFail) Sync.INSTANCE.encode(conn.out());
                conn.flush();
            }
        } else {
            return m instanceof CopyData || m instanceof CopyDone;
        }
        return true;
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
