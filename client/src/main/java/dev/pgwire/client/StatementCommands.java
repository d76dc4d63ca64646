package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CloseComplete;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.NoData;
import dev.pgwire.protocol.message.ParameterDescription;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.ParseComplete;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.Sync;

import java.util.List;

/** Commands about prepared statements and the connection itself: Parse/Describe, Close, Terminate. */
final class StatementCommands {
    private StatementCommands() {}

    /** Parse + Describe statement + Sync: a named statement with its parameter and row descriptions. */
    static final class Prepare extends Command<PgPreparedStatement> {
        private final String name;
        private final String sql;
        private final int[] types;
        private int[] parameterTypes;
        private List<RowDescription.Field> columns = List.of();

        Prepare(String name, String sql, int[] types) {
            this.name = name;
            this.sql = sql;
            this.types = types;
        }

        @Override
        void start(ConnectionHandler conn) {
            new Parse(name, sql, types).encode(conn.out());
            new Describe('S', name).encode(conn.out());
            Sync.INSTANCE.encode(conn.out());
        }

        @Override
        void onMessage(BackendMessage m, ConnectionHandler conn) {
            if (m instanceof ParameterDescription pd) {
                parameterTypes = pd.typeOids();
            } else if (m instanceof RowDescription rd) {
                columns = rd.fields();
            } else if (!(m instanceof ParseComplete) && !(m instanceof NoData)) {
                throw unexpected(m);
            }
        }

        @Override
        void complete(ConnectionHandler conn) {
            if (parameterTypes == null) {
                fail(PgException.protocolViolation("no ParameterDescription for prepared statement " + name));
                return;
            }
            result.complete(new PgPreparedStatement(name, sql, parameterTypes, columns, conn.session.types));
        }
    }

    /** Close statement + Sync. */
    static final class CloseStatement extends Command<Void> {
        private final String name;

        CloseStatement(String name) {
            this.name = name;
        }

        @Override
        void start(ConnectionHandler conn) {
            new Close('S', name).encode(conn.out());
            Sync.INSTANCE.encode(conn.out());
        }

        @Override
        void onMessage(BackendMessage m, ConnectionHandler conn) {
            if (!(m instanceof CloseComplete)) throw unexpected(m);
        }

        @Override
        void complete(ConnectionHandler conn) {
            result.complete(null);
        }
    }

    /** Terminate, once every earlier command has its answer; completes when the socket is closed. */
    static final class Terminate extends Command<Void> {
        @Override
        boolean needsIdle() {
            return true;
        }

        @Override
        void start(ConnectionHandler conn) {
            conn.terminateNow();
        }

        @Override
        void onMessage(BackendMessage m, ConnectionHandler conn) {
            throw unexpected(m);
        }

        @Override
        void complete(ConnectionHandler conn) {
            result.complete(null);
        }

        @Override
        void connectionClosed(PgException cause) {
            result.complete(null);
        }

        @Override
        void fail(Throwable t) {
            result.complete(null); // the connection is closed either way
        }
    }
}
