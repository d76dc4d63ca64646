package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session.ImplicitTransaction;
import dev.pgwire.server.spi.TransactionStatus;
import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.serve.sql.Translator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * PostgreSQL's transaction blocks over DuckDB's transactions, for one session: the I/T/E status,
 * BEGIN / COMMIT / ROLLBACK with PostgreSQL's warnings, the implicit transaction around a
 * multi-statement Query or a batch of Executes (opened lazily, by the first statement that needs
 * one), savepoints ({@link Savepoints}: a rollback to one runs the statements before it again in a
 * new DuckDB transaction), DO blocks' subtransactions, and what a commit does besides DuckDB's
 * COMMIT (deferred foreign key checks, ON COMMIT actions of temporary tables, the shared catalog).
 */
final class SessionTransactions {
    private static final Logger log = LoggerFactory.getLogger(SessionTransactions.class);

    private final DuckDbSession s;
    private final DuckDbStatementRunner runner;
    private final SessionCatalog catalog;
    private final SessionParameters params;
    private final Translator translator;
    /** The database's count of committed writing transactions (savepoint replays check it). */
    private final AtomicLong commits;
    /** The database's catalog version (any session's DDL moves it). */
    private final AtomicLong catalogVersion;
    private final Supplier<dev.pgwire.serve.catalog.CatalogStore> catalogStore;

    /**
     * What ran in the DuckDB transaction open now that a new snapshot would lose (0: nothing, and
     * LockedRows may take the snapshot again); set to 0 only where a transaction starts afresh.
     */
    private int statementsInTransaction;
    /**
     * The row locks' clock when the DuckDB transaction open now began: its snapshot, taken at its
     * first read, is no older (see LockedRows).
     */
    private long snapshotClock;
    private final Savepoints savepoints = new Savepoints();
    /** The current transaction changed the catalog: a rollback changes it back. */
    private boolean catalogChangedInTransaction;
    private TransactionStatus status = TransactionStatus.IDLE;
    /** Between implicitTransaction(BEGIN) and its COMMIT/ROLLBACK: a multi-statement Query is running. */
    private boolean implicitBlock;
    /** Statements run in the implicit block so far, and whether the one running came through a portal. */
    private int implicitStatements;
    private boolean portalCall;
    /** A DuckDB transaction was opened for the implicit block (lazily, by the first statement needing it). */
    private boolean implicitOpen;
    /** Temporary tables to drop when the current transaction commits (ON COMMIT DROP). */
    private final List<String> dropAtCommit = new ArrayList<>();
    /** Temporary tables emptied at every commit (ON COMMIT DELETE ROWS). */
    private final java.util.Set<String> emptyAtCommit = new java.util.LinkedHashSet<>();
    /** The session is rolling DuckDB's transaction back after an error: a cancel's repeated interrupts hold off. */
    private volatile boolean rollingBack;
    private long transactionCatalogVersion = -1;
    /** The statements that change rows ({@link #rowsChangedInTransaction}). */
    private static final java.util.Set<String> ROW_CHANGES = java.util.Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "COPY");
    /** Whether a statement of the DuckDB transaction open now changed rows (a unique index made again would fail its COMMIT). */
    private boolean rowsChangedInTransaction;
    /** The tables a statement of the DuckDB transaction open now updated (by name): DuckDB indexes none of their columns until it ends. */
    private final java.util.Set<String> updatedInTransaction = new java.util.HashSet<>();

    SessionTransactions(DuckDbSession session, DuckDbStatementRunner runner, SessionCatalog catalog, SessionParameters params,
                        Translator translator, AtomicLong commits, AtomicLong catalogVersion,
                        Supplier<dev.pgwire.serve.catalog.CatalogStore> catalogStore) {
        this.s = session;
        this.runner = runner;
        this.catalog = catalog;
        this.params = params;
        this.translator = translator;
        this.commits = commits;
        this.catalogVersion = catalogVersion;
        this.catalogStore = catalogStore;
    }

    TransactionStatus status() {
        return status;
    }

    /** Whether a Query of several statements (or a batch of Executes) is running: PostgreSQL's implicit block. */
    boolean implicitBlock() {
        return implicitBlock;
    }

    /** Whether DuckDB's transaction of an implicit block is open. */
    boolean implicitOpen() {
        return implicitOpen;
    }

    /** A call of a client message starts: counted among the implicit block's statements. */
    void callStarted() {
        if (implicitBlock) implicitStatements++;
    }

    /** Whether the statement running came through a portal of the extended protocol (DECLARE, utility commands). */
    void portalCall(boolean portal) {
        portalCall = portal;
    }

    /** A statement ran in the DuckDB transaction open now (LockedRows must not take its snapshot again). */
    void statementRan() {
        statementsInTransaction++;
    }

    /** Whether nothing has run yet in the DuckDB transaction open now (a row lock's wait may take a new snapshot). */
    boolean freshSnapshot() {
        return !inDuckDbTransaction() || statementsInTransaction == 0;
    }

    /** The row locks' clock when the DuckDB transaction open now began. */
    long snapshotClock() {
        return snapshotClock;
    }

    /** Whether a rollback is running (a cancel's repeated interrupts hold off). */
    boolean rollingBack() {
        return rollingBack;
    }

    /** Whether a statement of the DuckDB transaction open now changed rows. */
    boolean rowsChanged() {
        return rowsChangedInTransaction;
    }

    /** The statement just run changed the catalog: the session's view of it is made again, and again at a rollback. */
    void catalogChanged() {
        catalog.changed();
        catalogChangedInTransaction = inDuckDbTransaction();
    }

    /** As {@link #catalogChanged()}, after statement {@code info}: the functions are read again only if it may have changed them. */
    void catalogChanged(dev.pgwire.serve.sql.StatementInfo info) {
        if (info.mayChangeRoutines()) catalog.changed(); else catalog.relationsChanged();
        catalogChangedInTransaction = inDuckDbTransaction();
    }

    /** Whether the transaction open now changed the catalog (the session's catalog reads show its changes, TempCatalog). */
    boolean catalogDefined() {
        return catalogChangedInTransaction && inDuckDbTransaction();
    }

    /** The catalog changed in the transaction open now, as a savepoint replay's definitions do. */
    void catalogChangedInTransaction() {
        catalogChangedInTransaction = true;
    }

    /** A temporary table made ON COMMIT DROP or ON COMMIT DELETE ROWS. */
    void onCommit(Translation.OnCommit onCommit) {
        if (onCommit.drop()) dropAtCommit.add(onCommit.table()); else emptyAtCommit.add(onCommit.table());
    }

    /** The session's temporary tables were dropped (DISCARD): no ON COMMIT action is left. */
    void temporaryTablesDropped() {
        emptyAtCommit.clear();
        dropAtCommit.clear();
    }

    /** A foreign key's action ran in a transaction block: kept to run again after ROLLBACK TO SAVEPOINT. */
    void recordInBlock(Savepoints.Entry entry) {
        if (status == TransactionStatus.IN_TRANSACTION) savepoints.record(entry);
    }

    /** SAVEPOINT / RELEASE SAVEPOINT / ROLLBACK TO SAVEPOINT, only in a transaction block (25P01 elsewhere). */
    void savepointCommand(StatementInfo.Command command, Translation t, ResultSink sink) {
        switch (command) {
            case SAVEPOINT -> {
                requireBlock("SAVEPOINT");
                savepoints.savepoint(savepointName(t));
                params.savepoint(savepointName(t));
                sink.complete("SAVEPOINT");
            }
            case RELEASE_SAVEPOINT -> {
                requireBlock("RELEASE SAVEPOINT");
                savepoints.release(savepointName(t));
                params.releaseSavepoint(savepointName(t));
                sink.complete("RELEASE");
            }
            default -> {
                requireBlock("ROLLBACK TO SAVEPOINT");
                rollbackToSavepoint(savepointName(t));
                params.rollbackToSavepoint(savepointName(t)); // what SET did since goes too
                sink.complete("ROLLBACK");
            }
        }
    }

    /** {@code t} as it runs in a transaction block, to be run again by ROLLBACK TO SAVEPOINT ({@link Savepoints#pinned}). */
    Translation pinnedInBlock(Translation t, ParameterBinder parameters) {
        return status == TransactionStatus.IN_TRANSACTION ? Savepoints.pinned(t, parameters, catalog, runner, translator::translate) : t;
    }

    void endInlineBlock(boolean commit) {
        if (!implicitBlock) {
            if (commit) commit(InlineBlocks.QUIET, false); else rollback(InlineBlocks.QUIET, false);
            return;
        }
        status = TransactionStatus.IDLE; // the Query's implicit transaction goes on (or fails with the block)
        savepoints.end();
        implicitOpen = true;
    }

    /** Enters a DO block's subtransaction (a block with an EXCEPTION clause). */
    void blockSavepoint(String name) {
        savepoints.savepoint(name);
    }

    /**
     * Undoes what a DO block's subtransaction did, after an error its handler caught: nothing to
     * do when nothing changed and DuckDB's transaction is still usable (the error came from serve,
     * or from RAISE); otherwise as ROLLBACK TO SAVEPOINT.
     */
    void blockRollbackTo(String name) {
        if (!savepoints.changedSince(name) && duckDbTransactionUsable()) {
            savepoints.rolledBackTo(name);
            return;
        }
        status = TransactionStatus.FAILED;
        rollbackToSavepoint(name);
    }

    void blockRelease(String name) {
        savepoints.release(name);
    }

    boolean duckDbTransactionUsable() {
        try {
            runner.execute("SELECT 1");
            return true;
        } catch (PgException e) {
            return false;
        }
    }

    static String savepointName(Translation t) {
        return t.tree().str("savepoint_name");
    }

    /** Savepoints exist only in transaction blocks (25P01 elsewhere, as in PostgreSQL). */
    void requireBlock(String command) {
        if (status == TransactionStatus.IDLE) {
            throw new PgException("25P01", command + " can only be used in transaction blocks");
        }
    }

    /**
     * ROLLBACK TO SAVEPOINT: nothing to undo when nothing changed since the savepoint and DuckDB's
     * transaction is still usable; otherwise a new DuckDB transaction with the statements before
     * the savepoint run again ({@link Savepoints}).
     */
    void rollbackToSavepoint(String name) {
        if (status == TransactionStatus.IN_TRANSACTION && !savepoints.changedSince(name)) {
            savepoints.rolledBackTo(name);
            return;
        }
        List<Savepoints.Entry> replay = savepoints.rollbackTo(name, commits.get());
        s.openPortal().abandon();
        status = TransactionStatus.FAILED; // until the replay has succeeded
        SessionSequences.Drawn drawn = s.sequences().snapshot(); // what lastval and currval answer: the replay's draws must not change it
        rollbackQuietly();
        beginDuckDbTransaction();
        statementsInTransaction++; // the replay is in the new snapshot: it must not be taken again
        for (Savepoints.Entry e : replay) runner.replay(e.duckDbSql(), e.parameters() == null ? null : e.parameters()::bind);
        s.sequences().restore(drawn, runner);
        catalog.changed(); // what the replay defined, and what the rollback undid
        // what the replay defined is the transaction's again: COMMIT moves the shared catalog on (catalogCommitted)
        if (!replay.isEmpty()) catalogChangedInTransaction = true;
        savepoints.rolledBackTo(name);
        status = TransactionStatus.IN_TRANSACTION;
    }

    /** A statement of the transaction block succeeded: kept for rolling back to a savepoint. */
    void succeeded(Translation t, ParameterBinder parameters) {
        statementsInTransaction++;
        if (ROW_CHANGES.contains(t.info().main())) rowsChangedInTransaction = true;
        String updated = updatedTable(t.tree());
        if (updated != null) updatedInTransaction.add(updated);
        if (status == TransactionStatus.IN_TRANSACTION || implicitOpen) {
            savepoints.record(new Savepoints.Entry(t.duckDbSql(), parameters, t.replay()));
        } else if (t.replay().writes()) {
            commits.incrementAndGet();
        }
    }

    void begin(StatementInfo info, java.util.List<dev.pgwire.serve.sql.Node> options, ResultSink sink) {
        String tag = info.command() == StatementInfo.Command.START_TRANSACTION ? "START TRANSACTION" : "BEGIN";
        if (status == TransactionStatus.IN_TRANSACTION) {
            s.warn(sink, SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress");
            sink.complete(tag);
            return;
        }
        if (implicitOpen) {
            implicitOpen = false; // the implicit transaction becomes the explicit one, as in PostgreSQL
        } else {
            beginFreshTransaction();
            savepoints.begin(commits.get()); // (an implicit transaction's statements so far are kept already)
        }
        status = TransactionStatus.IN_TRANSACTION;
        params.beginTransaction();
        // a block starts with the session's defaults, then BEGIN's own options
        params.set("transaction_read_only", params.get("default_transaction_read_only"), true);
        params.set("transaction_isolation", params.get("default_transaction_isolation"), true);
        if (options != null) s.parameterCommands().transactionOptions(options, "", true);
        sink.complete(tag);
    }

    /** COMMIT, or COMMIT AND CHAIN: a new block with the same characteristics begins after it. */
    void commit(ResultSink sink, boolean chain) {
        if (chain) noBlockToChain("COMMIT");
        String readOnly = params.get("transaction_read_only");
        String isolation = params.get("transaction_isolation");
        if (status == TransactionStatus.FAILED) {
            endExplicit(false);
            if (chain) chain(readOnly, isolation);
            sink.complete("ROLLBACK"); // PostgreSQL answers COMMIT of a failed block with ROLLBACK
            return;
        }
        if (status == TransactionStatus.IN_TRANSACTION) {
            endExplicit(true);
            if (chain) chain(readOnly, isolation);
            sink.complete("COMMIT");
            return;
        }
        if (implicitBlock) endImplicit(true);
        s.warn(sink, SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
        sink.complete("COMMIT");
    }

    /** ROLLBACK, or ROLLBACK AND CHAIN. */
    void rollback(ResultSink sink, boolean chain) {
        if (chain) noBlockToChain("ROLLBACK");
        String readOnly = params.get("transaction_read_only");
        String isolation = params.get("transaction_isolation");
        if (status != TransactionStatus.IDLE) {
            endExplicit(false);
            if (chain) chain(readOnly, isolation);
        } else {
            if (implicitBlock) endImplicit(false);
            s.warn(sink, SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
        }
        sink.complete("ROLLBACK");
    }

    /** AND CHAIN outside a transaction block: PostgreSQL's 25P01, nothing ends. */
    private void noBlockToChain(String command) {
        if (status != TransactionStatus.IDLE) return;
        throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " AND CHAIN can only be used in transaction blocks");
    }

    /** The block AND CHAIN begins: as BEGIN's, with the ended block's read-only mode and isolation level. */
    private void chain(String readOnly, String isolation) {
        beginFreshTransaction();
        savepoints.begin(commits.get());
        status = TransactionStatus.IN_TRANSACTION;
        params.beginTransaction();
        params.set("transaction_read_only", readOnly, true);
        params.set("transaction_isolation", isolation, true);
    }

    void endExplicit(boolean commit) {
        status = TransactionStatus.IDLE;
        s.sqlLevel().transactionEnded(commit);
        s.openPortal().transactionEnded(commit); // portals do not outlive their transaction
        boolean wrote = savepoints.anyWrites();
        savepoints.end();
        if (commit) {
            try {
                s.foreignKeys().beforeCommit();
                s.foreignKeys().transactionEnded();
                runCommitActions();
                runner.execute("COMMIT");
            } catch (PgException e) {
                s.foreignKeys().transactionEnded();
                rollbackQuietly(); // a failed commit ends the transaction, as in PostgreSQL
                params.rollback();
                continueImplicitBlock();
                throw e;
            }
            if (wrote) commits.incrementAndGet();
            catalogCommitted();
            params.commit();
            s.notifications().transactionEnded(true);
            s.advisoryLocks().transactionEnded(s.processId());
            s.rowLocks().transactionEnded(s.processId(), wrote);
        } else {
            s.foreignKeys().transactionEnded();
            rollbackQuietly();
            dropAtCommit.clear();
            params.rollback();
            s.notifications().transactionEnded(false);
            s.advisoryLocks().transactionEnded(s.processId());
            s.rowLocks().transactionEnded(s.processId(), false);
        }
        continueImplicitBlock();
    }

    /** Ends the implicit transaction of a multi-statement Query; later statements start another. */
    void endImplicit(boolean commit) {
        s.sqlLevel().transactionEnded(commit);
        boolean wrote = commit && implicitOpen && savepoints.anyWrites();
        if (implicitOpen) {
            implicitOpen = false;
            if (commit) {
                try {
                    s.foreignKeys().beforeCommit();
                    runCommitActions();
                    runner.execute("COMMIT");
                } catch (PgException e) {
                    s.foreignKeys().transactionEnded();
                    rollbackQuietly();
                    params.rollback();
                    continueImplicitBlock();
                    throw e;
                }
                catalogCommitted();
                if (savepoints.anyWrites()) commits.incrementAndGet();
            } else {
                rollbackQuietly();
                dropAtCommit.clear();
            }
            savepoints.end();
        }
        s.foreignKeys().transactionEnded();
        if (commit) params.commit(); else params.rollback();
        s.notifications().transactionEnded(commit);
        s.advisoryLocks().transactionEnded(s.processId());
        s.rowLocks().transactionEnded(s.processId(), wrote);
        continueImplicitBlock();
    }

    void continueImplicitBlock() {
        if (implicitBlock) params.beginTransaction();
    }

    void afterError() {
        if (status == TransactionStatus.IN_TRANSACTION) {
            status = TransactionStatus.FAILED;
        } else if (status == TransactionStatus.IDLE && implicitBlock) {
            // PostgreSQL rolls the whole implicit transaction back and skips the rest of the Query
            endImplicit(false);
        }
    }

    /** The server's implicit-transaction step; true when it ended an implicit block (DuckDB's settings are then brought up to date). */
    boolean implicitTransaction(ImplicitTransaction step) {
        switch (step) {
            case BEGIN:
                if (status == TransactionStatus.IDLE && !implicitBlock) {
                    implicitBlock = true;
                    implicitStatements = 0;
                    params.beginTransaction();
                }
                return false;
            case COMMIT:
            case ROLLBACK:
                if (!implicitBlock) return false;
                implicitBlock = false;
                if (status == TransactionStatus.IDLE) {
                    // the batch ends here (Sync) and its portals with it: an unfinished one is not read on
                    s.openPortal().transactionEnded(step == ImplicitTransaction.COMMIT);
                    endImplicit(step == ImplicitTransaction.COMMIT);
                }
                return true;
            default:
                throw new IllegalArgumentException(step.toString());
        }
    }

    boolean inTransactionBlock() {
        return status != TransactionStatus.IDLE || implicitBlock;
    }

    /** Whether a statement has run in the transaction (PostgreSQL's first snapshot is taken). */
    boolean queried() {
        return statementsInTransaction > 0;
    }

    /**
     * Where PostgreSQL lets DECLARE open a cursor without HOLD: an explicit block, or a Query of
     * several statements — not an extended-protocol batch without BEGIN, whose cursor would end at
     * its Sync (25P01 there, as PostgreSQL's).
     */
    boolean inBlockForDeclare() {
        return status != TransactionStatus.IDLE || implicitBlock && !portalCall;
    }

    /**
     * Where PostgreSQL refuses the commands that cannot run in a transaction block: an explicit
     * block, a Query of several statements, or the second statement of an extended-protocol batch.
     */
    boolean inBlockForUtility() {
        return status != TransactionStatus.IDLE || implicitBlock && (!portalCall || implicitStatements > 1);
    }

    /** The transaction's definitions are committed: the shared catalog shows them from now on. */
    void catalogCommitted() {
        if (catalogChangedInTransaction) {
            catalogChangedInTransaction = false; // first: the session's own catalog of the transaction goes with it
            catalog.changed();
        }
    }

    /** Opens a DuckDB transaction in which nothing has run yet. */
    void beginFreshTransaction() {
        beginFreshTransaction(true);
    }

    /**
     * As {@link #beginFreshTransaction()}; {@code catalogTables}: whether the transaction may read
     * the catalog's tables (false only for a statement's own transaction when the statement does not).
     */
    private void beginFreshTransaction(boolean catalogTables) {
        beginDuckDbTransaction(catalogTables);
        statementsInTransaction = 0;
    }

    /**
     * Opens a DuckDB transaction. A BEGIN that fails (an interrupt landing on it) may still have
     * opened one, which nothing would end: it is rolled back, so that DuckDB's state stays the
     * session's.
     */
    void beginDuckDbTransaction() {
        beginDuckDbTransaction(true);
    }

    private void beginDuckDbTransaction(boolean catalogTables) {
        rowsChangedInTransaction = false;
        updatedInTransaction.clear();
        // the catalog's tables and functions as committed now: DuckDB gives the transaction a snapshot
        // of them at its first read of any database, and a rebuild after that would be invisible to it
        // (not built for a statement that reads none of them: after DDL that would build it at every statement)
        if (catalogTables) catalogStore.get().current();
        transactionCatalogVersion = catalogVersion.get();
        snapshotClock = s.rowLocks().clock();
        try {
            runner.execute("BEGIN TRANSACTION");
        } catch (PgException e) {
            rollbackQuietly();
            throw e;
        }
    }

    void rollbackQuietly() {
        if (catalogChangedInTransaction) {
            catalogChangedInTransaction = false; // first: the session's own catalog of the transaction goes with it
            catalog.changed();
        }
        // a cancelled statement's rollback must not be interrupted too: DuckDB's transaction would stay aborted
        rollingBack = true;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    runner.execute("ROLLBACK");
                    return;
                } catch (PgException e) {
                    if (attempt < 3 && SqlState.QUERY_CANCELED.equals(e.sqlState())) continue; // an interrupt already on its way
                    log.debug("ROLLBACK on DuckDB failed: {}", e.getMessage()); // e.g. no transaction left after a failed COMMIT
                    return;
                }
            }
        } finally {
            rollingBack = false;
        }
    }

    /**
     * Runs {@code body} in a DuckDB transaction of its own: committed after it, rolled back if it
     * fails; {@code readsCatalog}: whether the statement it runs reads the catalog's tables.
     */
    void ownTransaction(boolean readsCatalog, Runnable body) {
        beginFreshTransaction(readsCatalog);
        try {
            body.run();
            runCommitActions();
            runner.execute("COMMIT");
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * ON COMMIT actions of temporary tables, run as part of the committing transaction: tables made
     * ON COMMIT DROP go, tables made ON COMMIT DELETE ROWS are emptied.
     */
    void runCommitActions() {
        for (String table : emptyAtCommit) {
            try {
                runner.execute("DELETE FROM " + table);
            } catch (PgException e) {
                log.debug("emptying temporary table {} at commit: {}", table, e.getMessage()); // dropped meanwhile
            }
        }
        for (String table : dropAtCommit) {
            runner.execute("DROP TABLE IF EXISTS " + table);
            emptyAtCommit.remove(table);
        }
        dropAtCommit.clear();
    }

    /** Opens DuckDB's transaction for an implicit block when the first statement needing one runs. */
    void beginImplicitTransactionIfNeeded() {
        if (implicitBlock && status == TransactionStatus.IDLE && !implicitOpen) {
            beginFreshTransaction();
            implicitOpen = true;
            savepoints.begin(commits.get());
        }
    }

    /**
     * Opens the implicit block's DuckDB transaction if needed; true when the statement about to run
     * is the first of its transaction (an autocommit statement, or the first of an implicit block).
     */
    boolean beginFirstStatement() {
        boolean wasOpen = inDuckDbTransaction();
        beginImplicitTransactionIfNeeded();
        return !wasOpen && status == TransactionStatus.IDLE;
    }

    /** After a conflict of the first statement of an implicit block: its transaction starts again. */
    void restartImplicitTransaction() {
        if (implicitOpen && status == TransactionStatus.IDLE) {
            rollbackQuietly();
            beginFreshTransaction();
        }
    }

    /** Whether DuckDB has a transaction open for this session (explicit or implicit). */
    /**
     * Whether a statement of the DuckDB transaction open now updated rows of table {@code name}:
     * DuckDB then refuses to index its columns (SET NOT NULL, CREATE INDEX) until the transaction ends.
     */
    boolean updatedInTransaction(String name) {
        return inDuckDbTransaction() && updatedInTransaction.contains(name);
    }

    /** The table an UPDATE, MERGE or INSERT … ON CONFLICT DO UPDATE changes rows of, or null. */
    private static String updatedTable(dev.pgwire.serve.sql.Node tree) {
        if (tree == null || tree.node("relation") == null) return null;
        boolean updates = tree.is("UpdateStmt") || tree.is("MergeStmt") || tree.is("InsertStmt")
                && tree.node("onConflictClause") != null && tree.node("onConflictClause").str("action").equals("ONCONFLICT_UPDATE");
        return updates ? tree.node("relation").str("relname") : null;
    }

    boolean inDuckDbTransaction() {
        return status != TransactionStatus.IDLE || implicitOpen;
    }

    /**
     * The catalog version, where the catalog this session sees is the one committed at that
     * version: always outside a transaction; inside one only while no DDL has happened since it
     * began (its snapshot may be older than what is committed now). Else -1.
     */
    long visibleCatalogVersion() {
        long now = catalogVersion.get();
        boolean open = status != TransactionStatus.IDLE || implicitOpen;
        return open && transactionCatalogVersion != now ? -1 : now;
    }
}
