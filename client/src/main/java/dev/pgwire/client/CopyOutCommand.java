package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
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

import java.util.function.Consumer;

/**
 * {@code COPY ... TO STDOUT} (protocol section 55.2.6): each CopyData message (one row, for the
 * text and csv formats as PostgreSQL sends them) goes to the consumer; completes with the row
 * count of the command tag. Pipelines like any other command: the server reads nothing while it
 * copies out, so what follows simply waits in its input buffer.
 */
final class CopyOutCommand extends Command<Long> {
    /** Where the data goes; all calls on the event loop. */
    interface DataSink {
        void data(byte[] data);

        default void readComplete() {
        }

        default void end(Throwable error) {
        }
    }

    private final String sql;
    private final DataSink sink;
    private RuntimeException thrown;
    private boolean copying;
    private boolean wrongStatement;
    private String tag;

    CopyOutCommand(String sql, DataSink sink) {
        this.sql = sql;
        this.sink = sink;
    }

    /** A sink calling a consumer; if the consumer throws, the rest is dropped and the command fails with that. */
    static DataSink consumer(Consumer<byte[]> consumer) {
        return consumer::accept;
    }

    @Override
    void start(ConnectionHandler conn) {
        new Query(sql).encode(conn.out());
    }

    @Override
    void onMessage(BackendMessage m, ConnectionHandler conn) {
        if (m instanceof CopyData d) {
            if (thrown != null) return;
            try {
                sink.data(d.data());
            } catch (RuntimeException e) {
                thrown = e;
            }
        } else if (m instanceof CopyResponse c) {
            if (c.kind() == CopyResponse.Kind.OUT) {
                copying = true;
            } else {
                wrongStatement = true;
                new CopyFail("copyOut needs a COPY ... TO STDOUT statement").encode(conn.out());
                conn.flush();
            }
        } else if (m instanceof CommandComplete c) {
            tag = c.tag();
        } else if (m instanceof CopyDone) {
            // end of data; CommandComplete follows
        } else if (m instanceof RowDescription || m instanceof DataRow || m instanceof EmptyQueryResponse) {
            wrongStatement = true;
        } else {
            throw unexpected(m);
        }
    }

    @Override
    void readComplete() {
        if (thrown == null) sink.readComplete();
    }

    @Override
    void complete(ConnectionHandler conn) {
        if (!copying || wrongStatement) {
            fail(new PgException("42601", "copyOut needs a COPY ... TO STDOUT statement: " + sql));
        } else if (thrown != null) {
            fail(thrown);
        } else {
            sink.end(null);
            result.complete(RowSet.rowCount(tag));
        }
    }

    @Override
    void fail(Throwable t) {
        sink.end(t);
        super.fail(t);
    }
}
