package dev.pgwire.serve;

import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.SqlLexer.Kind;
import dev.pgwire.serve.sql.SqlLexer.Token;
import dev.pgwire.server.spi.BufferedResult;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;

import java.util.List;

/**
 * A command serve answers itself — BEGIN, COMMIT, ROLLBACK, SET, RESET, SHOW, DISCARD, … — sent
 * through the extended protocol (pgjdbc sends BEGIN as Parse/Bind/Execute). Execute runs it
 * through {@link DuckDbSession#execute}, exactly as in a simple Query. None of these commands
 * takes parameters. SHOW returns rows, so describing it runs it (it changes nothing) and the
 * portal replays those rows; EXPLAIN (which serve reshapes from DuckDB's) has its one column
 * known beforehand and runs only when executed.
 */
final class CommandStatement implements PreparedStatement {
    private final DuckDbSession session;
    private final String sql;
    private final StatementInfo info;
    private final int[] parameterTypes;
    /** The columns when known without running the command (EXPLAIN's), else null. */
    private final List<Column> known;

    private CommandStatement(DuckDbSession session, String sql, StatementInfo info, int[] parameterTypes, List<Column> known) {
        this.session = session;
        this.sql = sql;
        this.info = info;
        this.parameterTypes = parameterTypes;
        this.known = known;
    }

    /** @param known the command's result columns when they are known before it runs (EXPLAIN), else null */
    static CommandStatement prepare(DuckDbSession session, String sql, StatementInfo info, int[] declared, List<Column> known) {
        return session.call(info, call -> {
            SqlLexer lexer = new SqlLexer(sql);
            for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
                if (t.kind() == Kind.PARAM) {
                    // PostgreSQL's grammar has no place for parameters in these commands
                    throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.raw() + "\"")
                            .withPosition(t.start() + 1);
                }
            }
            return new CommandStatement(session, sql, info, declared.clone(), known);
        });
    }

    private boolean returnsRows() {
        return info.command() == StatementInfo.Command.SHOW || known != null;
    }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<Column> columns() {
        if (known != null) return known;
        if (fetches()) return session.fetchColumns(sql);
        return returnsRows() ? run().columns() : null;
    }

    /** FETCH: its rows are its cursor's, described without running it (MOVE returns none). */
    private boolean fetches() {
        return info.main().equals("FETCH");
    }

    @Override
    public Portal bind(Parameters parameters) {
        return new Portal() {
            private BufferedResult described;

            @Override
            public List<Column> columns() {
                if (known != null) return known; // EXPLAIN ANALYZE runs its statement: only when executed
                if (fetches()) return session.fetchColumns(sql);
                if (!returnsRows()) return null;
                if (described == null) described = run();
                return described.columns();
            }

            @Override
            public boolean execute(int maxRows, ResultSink sink) {
                if (described != null) return described.replay(maxRows, sink);
                session.executeFromPortal(sql, sink);
                return false;
            }
        };
    }

    private BufferedResult run() {
        BufferedResult r = new BufferedResult();
        session.execute(sql, r);
        return r;
    }
}
