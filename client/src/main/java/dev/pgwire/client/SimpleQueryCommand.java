package dev.pgwire.client;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.Query;

/**
 * A simple-protocol Query (protocol section 55.2.2): one or more statements, text results, one
 * ReadyForQuery at the end. A COPY FROM STDIN reached this way is refused with CopyFail (use
 * copyIn); the data of a COPY TO STDOUT is read and dropped (use copyOut).
 */
final class SimpleQueryCommand<T> extends RowsCommand<T> {
    private final String sql;

    SimpleQueryCommand(String sql, RowSink<T> sink) {
        super(sink);
        this.sql = sql;
    }

    @Override
    void start(ConnectionHandler conn) {
        sink.attach(conn);
        new Query(sql).encode(conn.out());
    }

    @Override
    void onMessage(BackendMessage m, ConnectionHandler conn) {
        boolean ended = m instanceof CommandComplete;
        if (!onResultMessage(m, conn, false)) throw unexpected(m);
        if (ended) shape = RowShape.EMPTY; // the next statement of the Query describes its own rows
    }
}
