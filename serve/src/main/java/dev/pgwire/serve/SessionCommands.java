package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.TransactionStatus;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.Translation;

/**
 * Where a translated statement goes: transaction control, COPY, SET and SHOW, DISCARD, SET
 * CONSTRAINTS, DO blocks and other utility commands to the part of the session that answers them,
 * everything else to DuckDB ({@link DuckDbExecution}).
 */
final class SessionCommands {
    private final DuckDbSession session;
    private final SessionTransactions tx;
    private final CopyCommand copy;
    private final UtilityCommands utility;
    private final SessionCatalog catalog;
    private final DuckDbStatementRunner runner;

    SessionCommands(DuckDbSession session, SessionTransactions tx, CopyCommand copy, UtilityCommands utility,
                    SessionCatalog catalog, DuckDbStatementRunner runner) {
        this.session = session;
        this.tx = tx;
        this.copy = copy;
        this.utility = utility;
        this.catalog = catalog;
        this.runner = runner;
    }

    /** Runs one translated statement in the call numbered {@code call}. */
    void dispatch(Translation t, ResultSink sink, long call) {
        StatementInfo info = t.info();
        try {
            dispatchCommand(t, sink, call);
        } finally {
            // what a statement may have left in the transaction's snapshot (a DO block's rows, a
            // temporary table dropped): a row lock's wait no longer takes the snapshot again (LockedRows)
            switch (info.command()) {
                case BEGIN, START_TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE_SAVEPOINT, SET, RESET, SHOW -> { }
                default -> tx.statementRan();
            }
        }
    }

    private void dispatchCommand(Translation t, ResultSink sink, long call) {
        StatementInfo info = t.info();
        String outside = outsideBlockOnly(t);
        if (outside != null && tx.inBlockForUtility()) {
            throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, outside + " cannot run inside a transaction block");
        }
        switch (info.command()) {
            case BEGIN, START_TRANSACTION -> tx.begin(info, t.tree() == null ? null : t.tree().list("options"), sink);
            case COMMIT -> tx.commit(sink, chained(t));
            case ROLLBACK -> tx.rollback(sink, chained(t));
            case SAVEPOINT, RELEASE_SAVEPOINT, ROLLBACK_TO_SAVEPOINT -> tx.savepointCommand(info.command(), t, sink);
            case TWO_PHASE -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "prepared transactions are not supported");
            case COPY_STDIO -> copy.run(t, sink, call);
            case SET, RESET -> session.parameterCommands().set(t.tree(), sink, tx.inTransactionBlock());
            case SHOW -> session.parameterCommands().show(t.tree(), sink);
            case DISCARD -> discard(t, sink);
            case UTILITY -> {
                if (t.tree() != null && t.tree().is("ConstraintsSetStmt")) {
                    setConstraints(t, sink);
                } else if (t.tree() != null && t.tree().is("DoStmt")) {
                    inlineBlock(t, sink, call);
                } else {
                    utility.run(t, sink, tx.inTransactionBlock(), tx.inBlockForUtility());
                    if (info.main().equals("CREATE") || info.main().equals("DROP")) { // CREATE EXTENSION is pg_extension's
                        tx.catalogChanged();
                    }
                }
            }
            default -> {
                if (t.answeredByServe()) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, info.main() + " is not supported");
                }
                session.execution().run(t, sink, call);
            }
        }
    }

    /** Whether COMMIT or ROLLBACK {@code t} says AND CHAIN. */
    private static boolean chained(Translation t) {
        return t.tree() != null && t.tree().bool("chain");
    }

    /**
     * DISCARD: ALL and TEMP also drop the session's temporary tables (and ALL its SQL-level
     * prepared statements and cursors), as a pooler expects of a connection it hands on.
     */
    private void discard(Translation t, ResultSink sink) {
        String tag = session.parameterCommands().discard(t.tree(), tx.inTransactionBlock());
        if (tag.equals("DISCARD ALL") || tag.equals("DISCARD TEMP")) {
            for (String view : runner.queryColumn("SELECT view_name FROM duckdb_views() WHERE database_name = 'temp' AND NOT internal")) {
                runner.execute("DROP VIEW IF EXISTS temp.main." + SqlNames.quote(view));
            }
            for (String table : runner.queryColumn("SELECT table_name FROM duckdb_tables() WHERE database_name = 'temp'")) {
                runner.execute("DROP TABLE IF EXISTS temp.main." + SqlNames.quote(table));
            }
            for (String seq : runner.queryColumn("SELECT sequence_name FROM duckdb_sequences() WHERE database_name = 'temp'")) {
                runner.execute("DROP SEQUENCE IF EXISTS temp.main." + SqlNames.quote(seq));
            }
            tx.temporaryTablesDropped();
            catalog.changed();
        }
        if (tag.equals("DISCARD ALL") || tag.equals("DISCARD SEQUENCES")) session.sequences().forget();
        if (tag.equals("DISCARD ALL")) {
            session.sqlLevel().discardAll();
            session.notifications().unlistenAll(); // DISCARD ALL includes UNLISTEN *
            session.advisoryLocks().unlockAll(session.processId()); // and pg_advisory_unlock_all()
        }
        sink.complete(tag);
    }

    /** SET CONSTRAINTS: outside a transaction block only a warning, as in PostgreSQL. */
    private void setConstraints(Translation t, ResultSink sink) {
        if (!tx.inTransactionBlock()) {
            session.warn(sink, "25P01", "SET CONSTRAINTS can only be used in transaction blocks");
        } else {
            session.foreignKeys().setConstraints(t.tree());
        }
        sink.complete("SET CONSTRAINTS");
    }

    /**
     * DO: the block runs in the session's transaction block, or outside one in a transaction of
     * its own — which, in a Query of several statements, goes on as the Query's implicit
     * transaction after the block ({@link InlineBlocks}).
     */
    private void inlineBlock(Translation t, ResultSink sink, long call) {
        String body = InlineBlocks.body(t.tree());
        boolean own = tx.status() == TransactionStatus.IDLE;
        if (own) tx.begin(t.info(), null, InlineBlocks.QUIET);
        try {
            new InlineBlocks(session, sink, call).runBlock(body);
        } catch (RuntimeException e) {
            if (own) tx.endInlineBlock(false);
            throw e;
        }
        if (own) tx.endInlineBlock(true);
        sink.complete("DO");
    }

    /** What a DO block's statements may not be: COPY with the client, transaction control. */
    static void refuseInBlock(StatementInfo.Command c) {
        if (c == StatementInfo.Command.COPY_STDIO) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot COPY to/from client in PL/pgSQL");
        }
        if (c.endsFailedTransaction() || c == StatementInfo.Command.BEGIN || c == StatementInfo.Command.START_TRANSACTION
                || c == StatementInfo.Command.SAVEPOINT || c == StatementInfo.Command.RELEASE_SAVEPOINT
                || c == StatementInfo.Command.TWO_PHASE) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "unsupported transaction command in PL/pgSQL");
        }
    }

    /** The commands PostgreSQL runs only outside a transaction block (PreventInTransactionBlock), as it names them; else null. */
    private static String outsideBlockOnly(Translation t) {
        dev.pgwire.serve.sql.Node tree = t.tree();
        if (tree == null) return null;
        if (tree.is("VacuumStmt") && tree.bool("is_vacuumcmd")) return "VACUUM";
        if (tree.is("IndexStmt") && tree.bool("concurrent")) return "CREATE INDEX CONCURRENTLY";
        if (tree.is("DropStmt") && tree.bool("concurrent")) return "DROP INDEX CONCURRENTLY";
        return null;
    }
}
