package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.TransactionStatus;
import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.Explain;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.serve.sql.Translator;

import java.util.List;

/**
 * A translated statement run on DuckDB with what PostgreSQL does around it: a read-only
 * transaction's refusal, the NOTICEs of DDL that skips its object, scripts written as the
 * statement runs (enum values, index renames), indexes dropped and made again around an ALTER
 * ({@link IndexedAlter}), views following a rename ({@link ViewRenames}), the foreign keys serve
 * enforces ({@link ForeignKeys}), and the row locks of SELECT … FOR UPDATE ({@link LockedRows}).
 */
final class DuckDbExecution {
    private final DuckDbSession session;
    private final DuckDbStatementRunner runner;
    private final SessionCatalog catalog;
    private final DuckDbObjects objects;
    private final SessionParameters params;
    private final Translator translator;
    private final ForeignKeys foreignKeys;
    private final SessionTransactions tx;

    DuckDbExecution(DuckDbSession session, DuckDbStatementRunner runner, SessionCatalog catalog, DuckDbObjects objects,
                    SessionParameters params, Translator translator, ForeignKeys foreignKeys, SessionTransactions tx) {
        this.session = session;
        this.runner = runner;
        this.catalog = catalog;
        this.objects = objects;
        this.params = params;
        this.translator = translator;
        this.foreignKeys = foreignKeys;
        this.tx = tx;
    }

    /**
     * A read-only transaction (BEGIN READ ONLY, SET TRANSACTION READ ONLY,
     * default_transaction_read_only) refuses what would change data or definitions (25006).
     */
    void checkWritable(Translation t) {
        String readOnly = params.get(tx.status() == TransactionStatus.IDLE ? "default_transaction_read_only" : "transaction_read_only");
        if (!"on".equals(readOnly)) return;
        if (t.tree() != null) readOnlyReads(t.tree());
        if (t.locking() != null && !t.locking().targets().isEmpty()) {
            // the locking clause is serve's to apply (LockingSelect), so it is no longer in the tree
            String[] words = {"FOR KEY SHARE", "FOR SHARE", "FOR NO KEY UPDATE", "FOR UPDATE"};
            int strength = t.locking().targets().stream().mapToInt(dev.pgwire.serve.sql.LockingSelect.Target::strength).max().orElse(3);
            throw new PgException("25006", "cannot execute SELECT " + words[strength] + " in a read-only transaction");
        }
        if (!t.replay().writes()) return;
        throw new PgException("25006", "cannot execute " + t.info().tagForUpdate(-1).replaceAll(" [0-9 ]+$", "")
                + " in a read-only transaction");
    }

    /** What a read-only transaction refuses of a query too: drawing from a sequence, locking rows (25006). */
    private static void readOnlyReads(dev.pgwire.serve.sql.Node tree) {
        dev.pgwire.serve.sql.TreeWalker.forEachNode(tree, n -> {
            if (n.type() == null) return;
            if (n.is("FuncCall") && !n.list("funcname").isEmpty()) {
                List<dev.pgwire.serve.sql.Node> names = n.list("funcname");
                String name = names.get(names.size() - 1).str("sval").toLowerCase(java.util.Locale.ROOT);
                if (name.equals("nextval") || name.equals("setval")) {
                    throw new PgException("25006", "cannot execute " + name + "() in a read-only transaction");
                }
            }
            if (n.is("LockingClause")) {
                String strength = switch (n.str("strength")) {
                    case "LCS_FORKEYSHARE" -> "FOR KEY SHARE";
                    case "LCS_FORSHARE" -> "FOR SHARE";
                    case "LCS_FORNOKEYUPDATE" -> "FOR NO KEY UPDATE";
                    default -> "FOR UPDATE";
                };
                throw new PgException("25006", "cannot execute SELECT " + strength + " in a read-only transaction");
            }
        });
    }

    void run(Translation asSent, ResultSink client, long call) {
        checkWritable(asSent);
        Explain.Format explain = Explain.format(asSent.tree());
        ResultSink sink = explain == null ? client : new ExplainSink(client, explain);
        if (asSent.info().changesCatalog()) {
            var notices = dev.pgwire.serve.sql.SkipNotices.of(asSent.tree(), catalog, objects);
            for (var n : notices) sink.notice("NOTICE", n.sqlState(), n.message());
            String skipped = dev.pgwire.serve.sql.SkipNotices.skippedTag(asSent.tree(), notices);
            if (skipped != null) { // CREATE … IF NOT EXISTS of what exists: nothing to do
                sink.complete(skipped);
                return;
            }
        }
        Translation written = tx.pinnedInBlock(asSent, ParameterBinder.NONE);
        // written as the statement runs, from what is there then: ALTER TYPE of an enum's values (EnumAlter), ALTER INDEX … RENAME
        String atRun = EnumAlter.script(written.tree(), catalog, runner, session.schemasOnPath(), notice -> sink.notice("NOTICE", "42710", notice));
        if (atRun == null) {
            atRun = IndexRename.script(written.tree(), catalog, runner, session.schemasOnPath(), notice -> sink.notice("NOTICE", "00000", notice),
                    sql -> translator.translate(sql).duckDbSql(), tx.inDuckDbTransaction() && tx.rowsChanged());
        }
        if (atRun == null) atRun = IndexRename.comment(written.tree(), runner, session.schemasOnPath());
        if (atRun == null) atRun = FunctionChanges.comment(written.tree(), runner);
        if (atRun != null) written = written.withDuckDbSql(atRun);
        if (written.duckDbSql().isEmpty()) { // nothing DuckDB has to do (ALTER TABLE … OWNER TO, say)
            sink.complete(written.info().tagForUpdate(-1));
            return;
        }
        CatalogView.Relation altered = alteredTable(written);
        if (altered != null && !altered.view() && rebuilds(written)
                && session.rowLocks().othersHold(session.processId(), dev.pgwire.serve.sql.LockingSelect.tableKey(altered))) {
            // PostgreSQL's ALTER waits for the table; serve's may build it again under the rows held (their rowids would go)
            throw new PgException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"" + altered.name() + "\"")
                    .withDetail("Another transaction holds rows of the table (SELECT … FOR UPDATE / FOR SHARE).");
        }
        // an ALTER of a table with indexes: they are dropped and made again around it (IndexedAlter)
        String aroundIndexes = atRun;
        CatalogView.Relation indexed = altered != null ? altered : indexedTable(written);
        if (aroundIndexes == null && indexed != null && tx.updatedInTransaction(indexed.name())) {
            aroundIndexes = IndexedAlter.afterUpdates(written, indexed, runner);
        }
        if (aroundIndexes == null) aroundIndexes = IndexedAlter.around(written, altered, runner); // a transaction of its own
        String functionDrops = FunctionChanges.script(written, runner, notice -> sink.notice("NOTICE", "00000", notice));
        if (functionDrops != null && functionDrops.isEmpty()) { // DROP FUNCTION IF EXISTS of nothing there
            sink.complete(written.info().tagForUpdate(-1));
            return;
        }
        if (functionDrops != null) aroundIndexes = functionDrops;
        Translation t = aroundIndexes == null ? written : written.withDuckDbSql(aroundIndexes);
        // views reading a renamed table, view or column: made again after the rename, reading the new name
        ViewRenames viewRenames = ViewRenames.of(t, catalog);
        // foreign keys serve enforces: checked (and acted on) once the statement has run, before its tag
        List<ForeignKeys.Change> changes = keyChanges(t);
        List<String> addedKeys = changes == null ? foreignKeys.addedKeys(t) : null;
        boolean keys = changes != null || addedKeys != null;
        tx.beginImplicitTransactionIfNeeded();
        lockRows(t, null);
        // the tag waits for what runs after the statement (foreign keys, views made again), which may still fail it
        HeldTagSink held = keys || viewRenames != null ? new HeldTagSink(sink) : null;
        // a transaction of its own, so that a failed check (or a part of the script) undoes it all
        // (a DDL script too: its statements change the table all together or not at all, as one PostgreSQL statement does)
        boolean touch = t.locking() != null && t.locking().touchSql() != null;
        boolean own = (keys || aroundIndexes != null || viewRenames != null || t.runsAsScript() || touch) && !tx.inDuckDbTransaction();
        boolean recorded = false;
        try {
            if (own) {
                ConflictRetry.run(s -> tx.ownTransaction(t.readsCatalog(), () -> {
                    touchRows(t, null);
                    runner.run(t, s, params.codecContext(), true, session.cancelled(call));
                    if (viewRenames != null) viewRenames.remake(t, session, catalog, session.cancelled(call));
                    if (keys) foreignKeyWork(t, changes, addedKeys, false, null);
                }), held != null ? held : sink, session.cancelled(call));
            } else if (tx.inDuckDbTransaction()) {
                touchRows(t, null);
                runner.run(t, held != null ? held : sink, params.codecContext(), true, session.cancelled(call));
                if (viewRenames != null) {
                    tx.succeeded(viewRenames.remake(t, session, catalog, session.cancelled(call)), null);
                    recorded = true;
                }
                if (keys) {
                    // kept for ROLLBACK TO SAVEPOINT before the actions it makes run, so they run after it again
                    if (!recorded) tx.succeeded(t, null);
                    recorded = true;
                    foreignKeyWork(t, changes, addedKeys, tx.inTransactionBlock(), null);
                }
            } else { // its own transaction: a write-write conflict is run again, unseen (ConflictRetry)
                ConflictRetry.run(s -> runner.run(t, s, params.codecContext(), false, session.cancelled(call)), sink, session.cancelled(call));
            }
        } catch (PgException e) {
            throw ConstraintErrors.enrich(e, t, catalog);
        } finally {
            if (t.info().changesCatalog()) {
                tx.catalogChanged(t.info());
            }
        }
        if (held != null) held.release();
        if (t.info().changesSchemas()) session.schemasChanged(); // search_path may name the schema just made
        if (!recorded) tx.succeeded(t, null);
        Translation.OnCommit onCommit = t.onCommit();
        if (onCommit != null) tx.onCommit(onCommit);
        // the statement was its own transaction (a CREATE TEMP TABLE … ON COMMIT DROP outside a block goes at once)
        if (!tx.inDuckDbTransaction()) tx.runCommitActions();
    }

    /** After a statement of the extended protocol ran in its batch's transaction: its foreign keys' actions and checks. */
    void foreignKeysAfter(Translation t) {
        foreignKeysAfter(t, null);
    }

    /** As {@link #foreignKeysAfter(Translation)}, with the statement's bound parameters (or null). */
    void foreignKeysAfter(Translation t, ParameterBinder parameters) {
        List<ForeignKeys.Change> changes = keyChanges(t);
        List<String> addedKeys = changes == null ? foreignKeys.addedKeys(t) : null;
        foreignKeyWork(t, changes, addedKeys, tx.inTransactionBlock(), parameters);
    }

    /**
     * The changes of statement {@code t} to tables with foreign keys serve enforces, or null; none
     * while session_replication_role is replica, which turns those checks and actions off (they are
     * triggers in PostgreSQL) for loading data whose keys are consistent only as a whole.
     */
    private List<ForeignKeys.Change> keyChanges(Translation t) {
        return "replica".equals(params.get("session_replication_role")) ? null : foreignKeys.changes(t);
    }

    /**
     * Whether statement {@code t} changes (itself or in its WITH clause) a table with a foreign key
     * serve enforces, or one such a key references.
     */
    boolean changesKeyedTables(Translation t) {
        return keyChanges(t) != null;
    }

    private static ForeignKeys.Inserted inserted(Translation t, ParameterBinder parameters) {
        if (t.tree() == null || !t.tree().is("InsertStmt")) return null;
        return new ForeignKeys.Inserted(t.tree(), n -> parameters == null ? ForeignKeys.NO_VALUE : parameters.value(n));
    }

    /**
     * Whether an ALTER TABLE may build its table again (IndexedAlter, ConstraintAlter): dropping a
     * column, changing a column's type, adding a check, dropping a constraint.
     */
    private static boolean rebuilds(Translation t) {
        dev.pgwire.serve.sql.Node tree = t.tree();
        if (tree == null || !tree.is("AlterTableStmt")) return false;
        for (dev.pgwire.serve.sql.Node cmd : tree.list("cmds")) {
            dev.pgwire.serve.sql.Node def = cmd.node("def");
            switch (cmd.str("subtype")) {
                case "AT_DropColumn", "AT_AlterColumnType", "AT_DropConstraint" -> {
                    return true;
                }
                case "AT_AddConstraint" -> {
                    if (def != null && def.str("contype").equals("CONSTR_CHECK")) return true;
                }
                case "AT_AddColumn" -> {
                    if (def != null && def.list("constraints").stream().anyMatch(c -> c.str("contype").equals("CONSTR_CHECK"))) return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** The table an ALTER TABLE or a rename of a table or column acts on, or null. */
    /** The table CREATE INDEX indexes, or null. */
    private CatalogView.Relation indexedTable(Translation t) {
        dev.pgwire.serve.sql.Node tree = t.tree();
        if (tree == null || !tree.is("IndexStmt") || tree.node("relation") == null) return null;
        dev.pgwire.serve.sql.Node rel = tree.node("relation");
        return catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
    }

    private CatalogView.Relation alteredTable(Translation t) {
        dev.pgwire.serve.sql.Node tree = t.tree();
        if (tree == null || !(tree.is("AlterTableStmt") || tree.is("RenameStmt")) || tree.node("relation") == null) return null;
        dev.pgwire.serve.sql.Node rel = tree.node("relation");
        return catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
    }

    private void foreignKeyWork(Translation t, List<ForeignKeys.Change> changes, List<String> addedKeys, boolean inBlock,
                                ParameterBinder parameters) {
        if (changes != null) foreignKeys.afterStatement(changes, inBlock, inserted(t, parameters));
        if (addedKeys != null) foreignKeys.validateAdded(t, addedKeys);
    }

    /**
     * The rows an UPDATE … RETURNING of an indexed table changes, changed to themselves first in
     * its transaction (see {@code ReturningGuard}): a write-write conflict DuckDB would not find in
     * the statement itself; {@code binder} binds its parameters (null in a simple Query).
     */
    void touchRows(Translation t, DuckDbStatementRunner.Binder binder) {
        if (t.locking() == null || t.locking().touchSql() == null) return;
        runner.replay(t.locking().touchSql(), binder);
    }

    /**
     * The row locks of a SELECT … FOR UPDATE / SHARE, taken before it runs ({@link LockedRows});
     * {@code parameters} are its bound parameters (null in a simple Query).
     */
    void lockRows(Translation t, ParameterBinder parameters) {
        if (t.locking() == null) return;
        LockedRows.take(t.locking(), ps -> {
            if (parameters != null) parameters.bind(ps);
        }, new LockedRows.Context() {
            @Override
            public DuckDbStatementRunner runner() {
                return runner;
            }

            @Override
            public RowLocks locks() {
                return session.rowLocks();
            }

            @Override
            public int pid() {
                return session.processId();
            }

            @Override
            public long lockTimeoutMillis() {
                return Guc.toMillis(params.get("lock_timeout"));
            }

            @Override
            public long snapshotClock() {
                return tx.inDuckDbTransaction() ? tx.snapshotClock() : session.rowLocks().clock();
            }

            @Override
            public boolean freshSnapshot() {
                return tx.freshSnapshot();
            }

            @Override
            public boolean cancelled() {
                return session.currentCallCancelled();
            }

            @Override
            public void renewSnapshot() {
                if (!tx.inDuckDbTransaction()) return; // each statement outside a transaction has a snapshot of its own
                tx.rollbackQuietly();
                tx.beginFreshTransaction();
            }
        });
    }

    /** A constraint violation of {@code t} as PostgreSQL reports it (see {@link ConstraintErrors}). */
    PgException constraintError(PgException e, Translation t) {
        return ConstraintErrors.enrich(e, t, catalog);
    }
}
