package dev.pgwire.client;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.BindComplete;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.NoData;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.ParseComplete;
import dev.pgwire.protocol.message.Sync;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * One statement through the extended protocol (protocol section 55.2.3), ending with Sync so that
 * it is its own implicit transaction and its own unit of error recovery:
 * <ul>
 *   <li>one-shot: Parse (unnamed) + Bind + Describe portal + Execute + Sync, results in text;</li>
 *   <li>prepared: Bind + Execute + Sync against a named statement whose columns are known, results
 *       in binary where the registry can decode them.</li>
 * </ul>
 */
final class ExtendedQueryCommand<T> extends RowsCommand<T> {
    private final String sql;
    private final PgPreparedStatement statement;
    private final List<?> params;

    ExtendedQueryCommand(String sql, List<?> params, RowSink<T> sink) {
        super(sink);
        this.sql = sql;
        this.statement = null;
        this.params = params;
    }

    ExtendedQueryCommand(PgPreparedStatement statement, List<?> params, RowSink<T> sink) {
        super(sink);
        this.sql = null;
        this.statement = statement;
        this.params = params;
    }

    @Override
    void start(ConnectionHandler conn) {
        SessionState s = conn.session;
        // encode the values first: if one cannot be encoded, nothing has been written
        BoundParams p = statement == null ? BoundParams.infer(params, s.types, s.codecContext)
                : BoundParams.forTypes(statement.declaredTypes(), params, s.types, s.codecContext);
        sink.attach(conn);
        ByteBuf out = conn.out();
        if (statement == null) {
            new Parse("", sql, p.types()).encode(out);
            new Bind("", "", p.formats(), p.values(), new short[0]).encode(out);
            new Describe('P', "").encode(out);
        } else {
            new Bind("", statement.name(), p.formats(), p.values(), statement.resultFormats()).encode(out);
            shape = statement.shape(s.codecContext);
            sink.shape(shape);
        }
        new Execute("", 0).encode(out);
        Sync.INSTANCE.encode(out);
    }

    @Override
    void onMessage(BackendMessage m, ConnectionHandler conn) {
        if (m instanceof ParseComplete || m instanceof BindComplete) {
            // expected acknowledgements
        } else if (m instanceof NoData) {
            shape = RowShape.EMPTY;
            sink.shape(shape);
        } else if (!onResultMessage(m, conn, true)) {
            throw unexpected(m);
        }
    }
}
