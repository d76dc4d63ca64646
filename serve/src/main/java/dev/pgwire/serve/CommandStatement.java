package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.SqlLexer.Kind;
import dev.pgwire.serve.SqlLexer.Token;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * A command serve answers itself — BEGIN, COMMIT, ROLLBACK, SET, RESET, SHOW, DISCARD, … — sent
 * through the extended protocol (pgjdbc sends BEGIN as Parse/Bind/Execute). Execute runs it
 * through {@link DuckDbSession#execute}, exactly as in a simple Query. None of these commands
 * takes parameters. SHOW returns rows, so describing it runs it (it changes nothing) and the
 * portal replays those rows.
 */
final class CommandStatement implements PreparedStatement {
    private final DuckDbSession session;
    private final String sql;
    private final StatementInfo info;
    private final int[] parameterTypes;

    private CommandStatement(DuckDbSession session, String sql, StatementInfo info, int[] parameterTypes) {
        this.session = session;
        this.sql = sql;
        this.info = info;
        this.parameterTypes = parameterTypes;
    }

    static CommandStatement prepare(DuckDbSession session, String sql, StatementInfo info, int[] declared) {
        return session.call(info, call -> {
            SqlLexer lexer = new SqlLexer(sql);
            for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
                if (t.kind() == Kind.PARAM) {
                    // PostgreSQL's grammar has no place for parameters in these commands
                    throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.raw() + "\"")
                            .withPosition(t.start() + 1);
                }
            }
            return new CommandStatement(session, sql, info, declared.clone());
        });
    }

    private boolean returnsRows() {
        return info.command() == StatementInfo.Command.SHOW;
    }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<Column> columns() {
        return returnsRows() ? run().columns : null;
    }

    @Override
    public Portal bind(Parameters parameters) {
        return new Portal() {
            private BufferedResult described;

            @Override
            public List<Column> columns() {
                if (!returnsRows()) return null;
                if (described == null) described = run();
                return described.columns;
            }

            @Override
            public boolean execute(int maxRows, ResultSink sink) {
                if (described != null) return described.replay(maxRows, sink);
                session.execute(sql, sink);
                return false;
            }
        };
    }

    private BufferedResult run() {
        BufferedResult r = new BufferedResult();
        session.execute(sql, r);
        return r;
    }

    /** What a command wrote, to be replayed into the portal's sink (possibly in several Executes). */
    private static final class BufferedResult implements ResultSink, RowWriter {
        List<Column> columns = List.of();
        private final List<Object[]> rows = new ArrayList<>();
        private final List<String[]> messages = new ArrayList<>();
        private Object[] row;
        private int col;
        private String tag;
        private int next;

        boolean replay(int maxRows, ResultSink sink) {
            for (String[] m : messages) {
                if (m[0] == null) sink.parameterStatus(m[1], m[2]); else sink.notice(m[0], m[1], m[2]);
            }
            messages.clear();
            int sent = 0;
            while (next < rows.size()) {
                if (maxRows > 0 && sent == maxRows) return true;
                RowWriter w = sink.row();
                for (Object v : rows.get(next)) {
                    if (v == null) w.nul();
                    else if (v instanceof byte[] b) w.bytes(b);
                    else if (v instanceof String s) w.text(s);
                    else w.value(v);
                }
                w.end();
                next++;
                sent++;
            }
            sink.complete(tag != null ? tag : "SHOW");
            return false;
        }

        @Override
        public void describeColumns(List<Column> cols) {
            columns = List.copyOf(cols);
        }

        @Override
        public RowWriter row() {
            row = new Object[columns.size()];
            col = 0;
            return this;
        }

        @Override
        public void complete(String commandTag) {
            tag = commandTag;
        }

        @Override
        public void emptyQuery() {
            tag = "";
        }

        @Override
        public void notice(String severity, String sqlState, String message) {
            messages.add(new String[] {severity, sqlState, message});
        }

        @Override
        public void parameterStatus(String name, String value) {
            messages.add(new String[] {null, name, value});
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public RowWriter text(CharSequence value) {
            row[col++] = value == null ? null : value.toString();
            return this;
        }

        @Override
        public RowWriter bytes(byte[] value) {
            row[col++] = value;
            return this;
        }

        @Override
        public RowWriter value(Object value) {
            row[col++] = value;
            return this;
        }

        @Override
        public RowWriter nul() {
            row[col++] = null;
            return this;
        }

        @Override
        public void end() {
            rows.add(row);
            row = null;
        }
    }
}
