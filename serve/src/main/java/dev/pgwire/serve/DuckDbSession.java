package dev.pgwire.serve;

import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.TransactionStatus;
import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.SessionContext;
import dev.pgwire.serve.sql.Explain;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.serve.sql.Translator;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A PostgreSQL session on one DuckDB connection: runs each statement on DuckDB, streams rows in
 * PostgreSQL's formats, and keeps PostgreSQL's transaction block rules — the I/T/E status,
 * 25P02 in a failed block, warnings for BEGIN inside and COMMIT outside a block, and the implicit
 * transaction around a multi-statement Query or a batch of Executes. Statements of the extended
 * protocol are DuckDB prepared statements with natively bound parameters
 * ({@link PreparedDuckDbStatement}, {@link DuckDbPortal}).
 *
 * <p>Sessions come from {@link DuckDbSessionFactory#open}:
 * <pre>{@code
 * try (DuckDbSessionFactory factory = new DuckDbSessionFactory(Path.of("data"))) {
 *     Session session = factory.open(new SessionInfo("alice", "shop", Map.of(), address, false, 1, 0));
 *     session.execute("CREATE TABLE t (id int)", sink);   // sink receives "CREATE TABLE"
 *     session.execute("SELECT * FROM t", sink);           // RowDescription (int4), rows, "SELECT 0"
 *     session.close();
 * }
 * }</pre>
 *
 * <p>DuckDB runs with JDBC auto-commit on; transaction blocks are DuckDB's own
 * {@code BEGIN TRANSACTION}/{@code COMMIT}/{@code ROLLBACK}. Not thread-safe except
 * {@link #cancel}, which any thread may call while a call runs.
 */
public final class DuckDbSession implements Session {
    private static final Logger log = LoggerFactory.getLogger(DuckDbSession.class);
    static final String TIMEOUT_MESSAGE = "canceling statement due to statement timeout";
    /** PostgreSQL's default schema; a real schema in every DuckDB database serve opens. */
    static final String DEFAULT_SCHEMA = "public";

    private final DuckDBConnection connection;
    private final String database;
    private final int processId;
    private final DatabaseRegistry databaseRegistry;
    /** The database's advisory locks (a private set until the factory gives the shared one). */
    private AdvisoryLocks advisoryLocks = new AdvisoryLocks();
    /** The database's row locks (a private set until the factory gives the shared one). */
    private RowLocks rowLocks = new RowLocks();
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
    /** set_config ran inside a statement: DuckDB's TimeZone and search_path are to be brought up to date. */
    private volatile boolean settingsChangedByEngine;
    /** pg_notify ran inside a statement outside a transaction block: its notifications go at the statement's end. */
    private volatile boolean notifiedByEngine;
    /** For pg_stat_activity. */
    private final long backendStart = System.currentTimeMillis();
    /** Milliseconds since the epoch; 0 when there is none. */
    private volatile long queryStart;
    private volatile long xactStart;
    private volatile long stateChange = backendStart;
    private volatile String lastQuery;
    private final Translator translator;
    private SessionCatalog catalog;
    private final Savepoints savepoints = new Savepoints();
    private final ForeignKeys foreignKeys;
    private final SqlLevelStatements sqlLevel;
    private final UtilityCommands utility;
    private final CopyCommand copy;
    private final SessionNotifications notifications;
    /** The database's count of committed writing transactions (savepoint replays check it). */
    private final java.util.concurrent.atomic.AtomicLong commits;
    /** The current transaction changed the catalog: a rollback changes it back. */
    private boolean catalogChangedInTransaction;
    /** The schemas of search_path that exist, in order, as last applied to DuckDB. */
    private List<String> schemasOnPath = List.of(DEFAULT_SCHEMA);
    private final DuckDbStatementRunner runner;
    private final SessionParameters params;
    private final ParameterCommands parameterCommands;
    private final SessionRoles roles;
    /** The server's way to this session's client (notifications, termination). */
    private volatile dev.pgwire.server.spi.AsyncMessages client;
    private final ScheduledExecutorService scheduler;
    private final Runnable onClose;

    private TransactionStatus status = TransactionStatus.IDLE;
    /** Between implicitTransaction(BEGIN) and its COMMIT/ROLLBACK: a multi-statement Query is running. */
    private boolean implicitBlock;
    /** Statements run in the implicit block so far, and whether the one running came through a portal. */
    private int implicitStatements;
    private boolean portalCall;
    /** A DuckDB transaction was opened for the implicit block (lazily, by the first statement needing it). */
    private boolean implicitOpen;
    /** The portal whose DuckDB result is open (suspended mid-way), if any. */
    private DuckDbPortal openPortal;
    private String appliedTimeZone;
    private String appliedSearchPath;
    /** Temporary tables to drop when the current transaction commits (ON COMMIT DROP). */
    private final List<String> dropAtCommit = new ArrayList<>();
    /** Temporary tables emptied at every commit (ON COMMIT DELETE ROWS). */
    private final java.util.Set<String> emptyAtCommit = new java.util.LinkedHashSet<>();
    /** The SET statements that gave DuckDB the session's time zone and search path. */
    private String duckDbTimeZone;
    private String duckDbSearchPath;
    private boolean closed;
    private final java.util.function.Supplier<dev.pgwire.serve.catalog.CatalogStore> catalogStore;
    /** The catalog's rows of the session's temporary objects (made at first use). */
    private dev.pgwire.serve.catalog.TempCatalog temporaryCatalog;

    private long calls;
    private volatile long currentCall;
    /** The session is rolling DuckDB's transaction back after an error: a cancel's repeated interrupts hold off. */
    private volatile boolean rollingBack;
    /** The database's catalog version (any session's DDL moves it), and what it was when this session's DuckDB transaction began. */
    private final java.util.concurrent.atomic.AtomicLong catalogVersion;
    private long transactionCatalogVersion = -1;
    /** What exists in the database, for the NOTICEs of DDL that skips its object. */
    private final DuckDbObjects objects;
    private volatile long cancelledCall;
    private volatile String cancelMessage;

    DuckDbSession(DuckDBConnection connection, DuckDbStatementRunner.ConnectionSource scratch, SessionParameters params,
                  String database, int processId, java.util.concurrent.atomic.AtomicLong catalogVersion,
                  java.util.concurrent.atomic.AtomicLong commits, java.util.function.Supplier<dev.pgwire.serve.catalog.CatalogStore> catalogStore,
                  DatabaseRegistry databases,
                  ScheduledExecutorService scheduler, Runnable onClose) {
        this.connection = connection;
        this.commits = commits;
        this.database = database;
        this.processId = processId;
        this.catalogVersion = catalogVersion;
        this.translator = new Translator(new Context());
        this.runner = new DuckDbStatementRunner(connection, scratch, scheduler, this::detachOpenPortal);
        this.catalogStore = catalogStore;
        runner.catalogHook(() -> {
            catalogStore.get().current();
            temporaryCatalog().refresh(runner::connection);
        });
        runner.tableOids(o -> catalogStore.get().current().relationOid(o.schema(), o.table()));
        this.catalog = new SessionCatalog(runner, catalogVersion, () -> schemasOnPath);
        this.objects = new DuckDbObjects(runner, () -> schemasOnPath);
        catalog.onChange(() -> temporaryCatalog().changed());
        runner.userTypes(new SessionUserTypes(catalog, () -> catalogStore.get().current(), () -> schemasOnPath));
        runner.definitions(this::definitionsVersion);
        this.foreignKeys = new ForeignKeys(runner, catalog, sql -> {
            // an action's rows go back with ROLLBACK TO SAVEPOINT too: kept to run again with the statement
            if (status == TransactionStatus.IN_TRANSACTION) {
                savepoints.record(new Savepoints.Entry(sql, null, new dev.pgwire.serve.sql.ReplayInfo(true, true, true)));
            }
        });
        this.sqlLevel = new SqlLevelStatements(this);
        this.roles = new SessionRoles(databases.roles(), params, params.get("session_authorization"));
        this.utility = new UtilityCommands(this, databases, database, sqlLevel, runner, roles);
        this.databaseRegistry = databases;
        this.copy = new CopyCommand(this, runner);
        this.notifications = new SessionNotifications(processId);
        this.params = params;
        this.parameterCommands = new ParameterCommands(params, runner, roles);
        this.scheduler = scheduler;
        this.onClose = onClose;
        applyDuckDbSettings();
    }

    @Override
    public TransactionStatus transactionStatus() {
        return status;
    }

    /** idle_in_transaction_session_timeout: the server ends a session idle this long inside a block (25P03). */
    @Override
    public long idleInTransactionSessionTimeoutMillis() {
        return params.idleInTransactionTimeoutMillis();
    }

    /** PostgreSQL 15's startup ParameterStatus set, with the values the client asked for at startup. */
    @Override
    public Map<String, String> parameterStatus() {
        return params.startupReport();
    }

    /** What opens a cursor, given whether a transaction block is open. */
    interface CursorOpening {
        void open(boolean inTransactionBlock, ResultSink sink);
    }

    /** DECLARE … CURSOR with parameters, executed from its portal: as a Query's statement runs. */
    void openCursorFromPortal(StatementInfo info, CursorOpening opening, ResultSink sink) {
        portalCall = true;
        try {
            call(info, sink, call -> {
                opening.open(inBlockForDeclare(), sink);
                return null;
            });
        } finally {
            portalCall = false;
        }
    }

    /**
     * Executes a statement bound in the extended protocol: the first of a batch runs as on its own
     * (PostgreSQL refuses commands that cannot run in a transaction block only in a pipeline).
     */
    void executeFromPortal(String sql, ResultSink sink) {
        portalCall = true;
        try {
            execute(sql, sink);
        } finally {
            portalCall = false;
        }
    }

    @Override
    public void execute(String sql, ResultSink sink) {
        lastQuery = sql;
        Translation t = translate(sql);
        noParametersInSimpleQuery(t);
        if (t.info().isEmpty()) {
            sink.emptyQuery();
            return;
        }
        call(t.info(), sink, call -> {
            dispatch(t, sink, call);
            applyDuckDbSettings();
            reportParameterChanges(sink);
            return null;
        });
    }

    /** A Query message has no parameters: $n there is PostgreSQL's 42P02. */
    private void noParametersInSimpleQuery(Translation t) {
        if (t.tree() == null || t.info().command() == StatementInfo.Command.UTILITY) return;
        dev.pgwire.serve.sql.Node param = dev.pgwire.serve.sql.Constants.firstParameter(t.tree());
        if (param == null) return;
        PgException e = new PgException("42P02", "there is no parameter $" + param.num("number"));
        Integer position = t.sourcePositionOfByte(param.location());
        if (position != null) e.withPosition(position);
        afterError();
        throw e;
    }

    /**
     * The statement through serve's one translation step; a statement that does not translate
     * (PostgreSQL's syntax error, say) fails like any statement, the transaction block with it.
     */
    Translation translate(String sql) {
        return translate(sql, null);
    }

    /** {@link #translate(String)} of a statement the client prepares with parameter types it declared. */
    Translation translate(String sql, int[] declaredParameters) {
        try {
            return translator.translate(sql, declaredParameters);
        } catch (RuntimeException e) {
            PgException pg = asPgException(e, -1);
            afterError();
            throw pg;
        }
    }

    /**
     * Prepares a statement for the extended protocol: natively on DuckDB, or — for the commands
     * serve answers itself (transaction control, SET, SHOW, …) — as a statement that runs through
     * {@link #execute} when executed.
     */
    @Override
    public PreparedStatement prepare(String sql, int[] parameterTypes) {
        lastQuery = sql;
        Translation t = translate(sql, parameterTypes);
        if (t.tree() != null && t.tree().is("DeclareCursorStmt") && dev.pgwire.serve.sql.Constants.firstParameter(t.tree()) != null) {
            return sqlLevel.prepareDeclare(t.tree(), sql, parameterTypes, t.info());
        }
        if (t.answeredByServe() || t.runsAsScript()) return CommandStatement.prepare(this, sql, t.info(), parameterTypes, null);
        Explain.Format explain = Explain.format(t.tree());
        if (explain != null) return CommandStatement.prepare(this, sql, t.info(), parameterTypes, ExplainSink.columns(explain));
        return call(t.info(), call -> PreparedDuckDbStatement.prepare(this, t, parameterTypes));
    }

    /** The columns of FETCH {@code sql}: its cursor's; null for MOVE or when there is no such cursor (Execute then fails). */
    List<dev.pgwire.server.spi.Column> fetchColumns(String sql) {
        Translation t = translate(sql);
        if (t.tree() == null || !t.tree().is("FetchStmt") || t.tree().bool("ismove")) return null;
        dev.pgwire.server.spi.Portal cursor = sqlLevel.portalOf(t.tree().str("portalname"));
        if (cursor == null) return null;
        try {
            return cursor.columns();
        } catch (PgException e) {
            throw e;
        } catch (Exception e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "FETCH failed: " + e.getMessage(), e);
        }
    }

    /** Translates a statement parsed as part of another (PREPARE's query, DECLARE's). */
    Translation translateTree(dev.pgwire.serve.sql.Node tree, String source) {
        return translator.translate(tree, source);
    }

    /** A prepared statement for a translated statement (PREPARE, DECLARE CURSOR). */
    PreparedStatement prepareTranslated(Translation t, int[] parameterTypes) {
        if (t.answeredByServe() || t.runsAsScript()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, t.info().main() + " cannot be prepared here");
        }
        return PreparedDuckDbStatement.prepare(this, t, parameterTypes);
    }

    /** The values of EXECUTE's arguments as text: constants as written, expressions as DuckDB computes them. */
    List<String> evaluateAsText(List<dev.pgwire.serve.sql.Node> expressions) {
        List<String> out = new ArrayList<>();
        boolean allConstant = true;
        for (dev.pgwire.serve.sql.Node e : expressions) {
            String c = dev.pgwire.serve.sql.Constants.text(e);
            if (c == null && !(e.is("A_Const") && e.bool("isnull"))) allConstant = false;
            out.add(c);
        }
        if (allConstant) return out;
        Translation t = translator.translate(dev.pgwire.serve.sql.Constants.selectOf(expressions), "");
        List<List<String>> rows = runner.query("SELECT * FROM (" + t.duckDbSql() + ")", ps -> { }, rs -> {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= expressions.size(); i++) row.add(rs.getString(i));
            return row;
        });
        return rows.get(0);
    }

    /** One unit of work of a client message, given its call number (for cancel checks). */
    @FunctionalInterface
    interface Call<T> {
        T run(long call);
    }

    /**
     * Runs one message's work as PostgreSQL does: under statement_timeout and cancellable, refused
     * with 25P02 in a failed transaction block (unless it ends the block), and any error mapped to
     * a PostgreSQL error that fails the transaction block.
     */
    <T> T call(StatementInfo info, Call<T> body) {
        return call(info, null, body);
    }

    /**
     * As {@link #call(StatementInfo, Call)}, for work that answers through {@code sink}: a cancel
     * the server took for this message before the call began (while the statement was still being
     * translated, say) stops it before it reaches DuckDB; one that comes later interrupts DuckDB.
     */
    <T> T call(StatementInfo info, ResultSink sink, Call<T> body) {
        if (implicitBlock) implicitStatements++;
        long call = ++calls;
        boolean succeeded = false;
        queryStart = System.currentTimeMillis();
        if (xactStart == 0) xactStart = queryStart;
        currentCall = call;
        ScheduledFuture<?> timeout = scheduleStatementTimeout(call);
        try {
            if (status == TransactionStatus.FAILED && !info.command().endsFailedTransaction()) {
                throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            if (settingsChangedByEngine) {
                settingsChangedByEngine = false;
                applyDuckDbSettings();
            }
            try {
                if (sink != null && sink.isCancelled()) {
                    cancelMessage = ErrorMapper.CANCELED_MESSAGE;
                    cancelledCall = call;
                    throw new PgException(SqlState.QUERY_CANCELED, ErrorMapper.CANCELED_MESSAGE);
                }
                T result = body.run(call);
                succeeded = true;
                return result;
            } catch (RuntimeException e) {
                PgException pg = asPgException(e, call);
                afterError();
                throw pg;
            } catch (OutOfMemoryError e) {
                // a value or result too large for the heap: this statement fails as any failing statement does
                afterError();
                throw new PgException(SqlState.OUT_OF_MEMORY, "out of memory")
                        .withDetail("The statement needed more memory than the server's heap had free.");
            }
        } finally {
            if (timeout != null) timeout.cancel(false);
            currentCall = 0;
            stateChange = System.currentTimeMillis();
            if (!inTransactionBlock()) params.statementEnded();
            if (!inTransactionBlock() && !implicitOpen) {
                xactStart = 0;
                advisoryLocks.transactionEnded(processId);
            rowLocks.transactionEnded(processId, succeeded && !"SELECT".equals(info.main())); // a read changed no row it locked
                if (notifiedByEngine) {
                    notifiedByEngine = false;
                    notifications.transactionEnded(succeeded);
                }
            }
        }
    }

    /** Whether the call numbered {@code call} was cancelled (or timed out). */
    BooleanSupplier cancelled(long call) {
        return () -> cancelledCall == call;
    }

    private void dispatch(Translation t, ResultSink sink, long call) {
        StatementInfo info = t.info();
        try {
            dispatchCommand(t, sink, call);
        } finally {
            // what a statement may have left in the transaction's snapshot (a DO block's rows, a
            // temporary table dropped): a row lock's wait no longer takes the snapshot again (LockedRows)
            switch (info.command()) {
                case BEGIN, START_TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE_SAVEPOINT, SET, RESET, SHOW -> { }
                default -> statementsInTransaction++;
            }
        }
    }

    private void dispatchCommand(Translation t, ResultSink sink, long call) {
        String sql = t.source();
        StatementInfo info = t.info();
        switch (info.command()) {
            case BEGIN:
            case START_TRANSACTION:
                begin(info, t.tree() == null ? null : t.tree().list("options"), sink);
                break;
            case COMMIT:
                commit(sink);
                break;
            case ROLLBACK:
                rollback(sink);
                break;
            case SAVEPOINT:
                requireBlock("SAVEPOINT");
                savepoints.savepoint(savepointName(t));
                sink.complete("SAVEPOINT");
                break;
            case RELEASE_SAVEPOINT:
                requireBlock("RELEASE SAVEPOINT");
                savepoints.release(savepointName(t));
                sink.complete("RELEASE");
                break;
            case ROLLBACK_TO_SAVEPOINT:
                requireBlock("ROLLBACK TO SAVEPOINT");
                rollbackToSavepoint(savepointName(t));
                sink.complete("ROLLBACK");
                break;
            case TWO_PHASE:
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "prepared transactions are not supported");
            case COPY_STDIO:
                copy.run(t, sink, call);
                break;
            case SET:
            case RESET:
                parameterCommands.set(t.tree(), sink, inTransactionBlock());
                break;
            case SHOW:
                parameterCommands.show(t.tree(), sink);
                break;
            case DISCARD:
                discard(t, sink);
                break;
            case UTILITY:
                if (t.tree() != null && t.tree().is("ConstraintsSetStmt")) {
                    setConstraints(t, sink);
                    break;
                }
                if (t.tree() != null && t.tree().is("DoStmt")) {
                    inlineBlock(t, sink, call);
                    break;
                }
                utility.run(t, sink, inTransactionBlock(), inBlockForUtility());
                if (info.main().equals("CREATE") || info.main().equals("DROP")) { // CREATE EXTENSION is pg_extension's
                    catalog.changed();
                    catalogChangedInTransaction = inDuckDbTransaction();
                }
                break;
            default:
                if (t.answeredByServe()) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, info.main() + " is not supported");
                }
                runOnDuckDb(t, sink, call);
        }
    }

    private synchronized dev.pgwire.serve.catalog.TempCatalog temporaryCatalog() {
        if (temporaryCatalog == null) temporaryCatalog = catalogStore.get().temporary(processId);
        return temporaryCatalog;
    }

    /**
     * DISCARD: ALL and TEMP also drop the session's temporary tables (and ALL its SQL-level
     * prepared statements and cursors), as a pooler expects of a connection it hands on.
     */
    private void discard(Translation t, ResultSink sink) {
        String tag = parameterCommands.discard(t.tree(), inTransactionBlock());
        if (tag.equals("DISCARD ALL") || tag.equals("DISCARD TEMP")) {
            for (String view : runner.queryColumn("SELECT view_name FROM duckdb_views() WHERE database_name = 'temp' AND NOT internal")) {
                runner.execute("DROP VIEW IF EXISTS temp.main." + dev.pgwire.serve.sql.SqlNames.quote(view));
            }
            for (String table : runner.queryColumn("SELECT table_name FROM duckdb_tables() WHERE database_name = 'temp'")) {
                runner.execute("DROP TABLE IF EXISTS temp.main." + dev.pgwire.serve.sql.SqlNames.quote(table));
            }
            for (String seq : runner.queryColumn("SELECT sequence_name FROM duckdb_sequences() WHERE database_name = 'temp'")) {
                runner.execute("DROP SEQUENCE IF EXISTS temp.main." + dev.pgwire.serve.sql.SqlNames.quote(seq));
            }
            emptyAtCommit.clear();
            dropAtCommit.clear();
            catalog.changed();
        }
        if (tag.equals("DISCARD ALL") || tag.equals("DISCARD SEQUENCES")) lastSequenceValue = null;
        if (tag.equals("DISCARD ALL")) {
            sqlLevel.discardAll();
            notifications.unlistenAll(); // DISCARD ALL includes UNLISTEN *
            advisoryLocks.unlockAll(processId); // and pg_advisory_unlock_all()
        }
        sink.complete(tag);
    }

    /** The value lastval() answers: the last a sequence gave this session (null before any, or after DISCARD). */
    private volatile Long lastSequenceValue;

    void sequenceValueDrawn(long value) {
        lastSequenceValue = value;
    }

    Long lastSequenceValue() {
        return lastSequenceValue;
    }

    /** SET CONSTRAINTS: outside a transaction block only a warning, as in PostgreSQL. */
    private void setConstraints(Translation t, ResultSink sink) {
        if (!inTransactionBlock()) {
            warn(sink, "25P01", "SET CONSTRAINTS can only be used in transaction blocks");
        } else {
            foreignKeys.setConstraints(t.tree());
        }
        sink.complete("SET CONSTRAINTS");
    }

    /**
     * A read-only transaction (BEGIN READ ONLY, SET TRANSACTION READ ONLY,
     * default_transaction_read_only) refuses what would change data or definitions (25006).
     */
    void checkWritable(Translation t) {
        String readOnly = params.get(status == TransactionStatus.IDLE ? "default_transaction_read_only" : "transaction_read_only");
        if (!t.replay().writes() || !"on".equals(readOnly)) return;
        throw new PgException("25006", "cannot execute " + t.info().tagForUpdate(-1).replaceAll(" [0-9 ]+$", "")
                + " in a read-only transaction");
    }

    private void runOnDuckDb(Translation asSent, ResultSink client, long call) {
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
        Translation written = pinnedInBlock(asSent);
        // written as the statement runs, from what is there then: ALTER TYPE of an enum's values (EnumAlter), ALTER INDEX … RENAME
        String atRun = EnumAlter.script(written.tree(), catalog, runner, schemasOnPath, notice -> sink.notice("NOTICE", "42710", notice));
        if (atRun == null) {
            atRun = IndexRename.script(written.tree(), catalog, runner, schemasOnPath, notice -> sink.notice("NOTICE", "00000", notice),
                    sql -> translator.translate(sql).duckDbSql(), inDuckDbTransaction() && rowsChangedInTransaction);
        }
        if (atRun != null) written = written.withDuckDbSql(atRun);
        if (written.duckDbSql().isEmpty()) { // nothing DuckDB has to do (ALTER TABLE … OWNER TO, say)
            sink.complete(written.info().tagForUpdate(-1));
            return;
        }
        CatalogView.Relation altered = alteredTable(written);
        if (altered != null && !altered.view() && rebuilds(written)
                && rowLocks.othersHold(processId, dev.pgwire.serve.sql.LockingSelect.tableKey(altered))) {
            // PostgreSQL's ALTER waits for the table; serve's may build it again under the rows held (their rowids would go)
            throw new PgException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"" + altered.name() + "\"")
                    .withDetail("Another transaction holds rows of the table (SELECT … FOR UPDATE / FOR SHARE).");
        }
        // an ALTER of a table with indexes: they are dropped and made again around it (IndexedAlter)
        String aroundIndexes = atRun != null ? atRun : IndexedAlter.around(written, altered, runner); // a transaction of its own
        String functionDrops = FunctionDrops.script(written, runner, notice -> sink.notice("NOTICE", "00000", notice));
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
        beginImplicitTransactionIfNeeded();
        lockRows(t, null);
        // the tag waits for what runs after the statement (foreign keys, views made again), which may still fail it
        HeldTagSink held = keys || viewRenames != null ? new HeldTagSink(sink) : null;
        // a transaction of its own, so that a failed check (or a part of the script) undoes it all
        boolean own = (keys || aroundIndexes != null || viewRenames != null) && !inDuckDbTransaction();
        boolean recorded = false;
        try {
            if (own) {
                ConflictRetry.run(s -> ownTransaction(() -> {
                    runner.run(t, s, params.codecContext(), true, cancelled(call));
                    if (viewRenames != null) viewRenames.remake(t, this, catalog, cancelled(call));
                    if (keys) foreignKeyWork(t, changes, addedKeys, false, null);
                }), held != null ? held : sink, cancelled(call));
            } else if (inDuckDbTransaction()) {
                runner.run(t, held != null ? held : sink, params.codecContext(), true, cancelled(call));
                if (viewRenames != null) {
                    succeeded(viewRenames.remake(t, this, catalog, cancelled(call)), null);
                    recorded = true;
                }
                if (keys) {
                    // kept for ROLLBACK TO SAVEPOINT before the actions it makes run, so they run after it again
                    if (!recorded) succeeded(t, null);
                    recorded = true;
                    foreignKeyWork(t, changes, addedKeys, inTransactionBlock(), null);
                }
            } else { // its own transaction: a write-write conflict is run again, unseen (ConflictRetry)
                ConflictRetry.run(s -> runner.run(t, s, params.codecContext(), false, cancelled(call)), sink, cancelled(call));
            }
        } catch (PgException e) {
            throw ConstraintErrors.enrich(e, t, catalog);
        } finally {
            if (t.info().changesCatalog()) {
                catalog.changed();
                catalogChangedInTransaction = inDuckDbTransaction();
            }
        }
        if (held != null) held.release();
        if (t.info().changesSchemas()) appliedSearchPath = null; // search_path may name the schema just made
        if (!recorded) succeeded(t, null);
        Translation.OnCommit onCommit = t.onCommit();
        if (onCommit != null) {
            if (onCommit.drop()) dropAtCommit.add(onCommit.table()); else emptyAtCommit.add(onCommit.table());
        }
        if (!inDuckDbTransaction() && !own) runCommitActions(); // the statement was its own transaction
    }

    /** After a statement of the extended protocol ran in its batch's transaction: its foreign keys' actions and checks. */
    void foreignKeysAfter(Translation t) {
        foreignKeysAfter(t, null);
    }

    /** As {@link #foreignKeysAfter(Translation)}, with the statement's bound parameters (or null). */
    void foreignKeysAfter(Translation t, ParameterBinder parameters) {
        List<ForeignKeys.Change> changes = keyChanges(t);
        List<String> addedKeys = changes == null ? foreignKeys.addedKeys(t) : null;
        foreignKeyWork(t, changes, addedKeys, inTransactionBlock(), parameters);
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

    /** Runs {@code body} in a DuckDB transaction of its own: committed after it, rolled back if it fails. */
    void ownTransaction(Runnable body) {
        beginFreshTransaction();
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
    private void runCommitActions() {
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
                return rowLocks;
            }

            @Override
            public int pid() {
                return processId;
            }

            @Override
            public long lockTimeoutMillis() {
                return Guc.toMillis(params.get("lock_timeout"));
            }

            @Override
            public long snapshotClock() {
                return inDuckDbTransaction() ? snapshotClock : rowLocks.clock();
            }

            @Override
            public boolean freshSnapshot() {
                return !inDuckDbTransaction() || statementsInTransaction == 0;
            }

            @Override
            public boolean cancelled() {
                return currentCall != 0 && cancelledCall == currentCall;
            }

            @Override
            public void renewSnapshot() {
                if (!inDuckDbTransaction()) return; // each statement outside a transaction has a snapshot of its own
                rollbackQuietly();
                beginFreshTransaction();
            }
        });
    }

    /** After a conflict of the first statement of an implicit block: its transaction starts again. */
    void restartImplicitTransaction() {
        if (implicitOpen && status == TransactionStatus.IDLE) {
            rollbackQuietly();
            beginFreshTransaction();
        }
    }

    /** Whether DuckDB has a transaction open for this session (explicit or implicit). */
    boolean inDuckDbTransaction() {
        return status != TransactionStatus.IDLE || implicitOpen;
    }

    // ---------------------------------------------------------------- extended protocol support

    DuckDbStatementRunner runner() {
        return runner;
    }

    /** How values are rendered under the session's settings now. */
    @Override
    public CodecContext codecContext() {
        return params.codecContext();
    }

    /**
     * Whether floats must be rendered by serve rather than by the server: the server is not told of
     * extra_float_digits (PostgreSQL does not report it) and writes floats in their shortest exact
     * form, which is PostgreSQL's output for any setting above 0.
     */
    /** A portal now holds DuckDB's one open streaming result of this connection. */
    void portalOpened(DuckDbPortal portal) {
        openPortal = portal;
    }

    void portalClosed(DuckDbPortal portal) {
        if (openPortal == portal) openPortal = null;
    }

    /**
     * DuckDB runs nothing else on a connection while a streamed result is open: before anything
     * else runs, a suspended portal reads the rest of its rows into memory and lets the result go.
     */
    void detachOpenPortal() {
        DuckDbPortal portal = openPortal;
        if (portal == null) return;
        openPortal = null;
        portal.detach();
    }

    /**
     * At the end of a transaction: the open portal ends with it, unless it is the portal of a WITH
     * HOLD cursor and the transaction commits — that one keeps its rows (PostgreSQL materializes
     * such cursors at commit).
     */
    private void endOpenPortal(boolean commit) {
        if (commit && openPortal != null && sqlLevel.holds(openPortal)) detachOpenPortal(); else abandonOpenPortal();
    }

    /** Lets the open portal's result go without reading it: the portal ends with its transaction. */
    private void abandonOpenPortal() {
        DuckDbPortal portal = openPortal;
        openPortal = null;
        if (portal != null) portal.abandon();
    }

    /** After a portal's statement completed: schema changes may make search_path entries valid. */
    void afterPortalStatement(StatementInfo info) {
        if (info.changesSchemas()) {
            appliedSearchPath = null;
            applyDuckDbSettings();
        }
    }

    // ---------------------------------------------------------------- transaction blocks

    /**
     * DO: the block runs in the session's transaction block, or outside one in a transaction of
     * its own — which, in a Query of several statements, goes on as the Query's implicit
     * transaction after the block ({@link InlineBlocks}).
     */
    private void inlineBlock(Translation t, ResultSink sink, long call) {
        String body = InlineBlocks.body(t.tree());
        boolean own = status == TransactionStatus.IDLE;
        if (own) begin(t.info(), null, InlineBlocks.QUIET);
        try {
            new InlineBlocks(this, sink, call).runBlock(body);
        } catch (RuntimeException e) {
            if (own) endInlineBlock(false);
            throw e;
        }
        if (own) endInlineBlock(true);
        sink.complete("DO");
    }

    private void endInlineBlock(boolean commit) {
        if (!implicitBlock) {
            if (commit) commit(InlineBlocks.QUIET); else rollback(InlineBlocks.QUIET);
            return;
        }
        status = TransactionStatus.IDLE; // the Query's implicit transaction goes on (or fails with the block)
        savepoints.end();
        implicitOpen = true;
    }

    /** {@code t} as it runs in a transaction block, to be run again by ROLLBACK TO SAVEPOINT ({@link Savepoints#pinned}). */
    Translation pinnedInBlock(Translation t) {
        return status == TransactionStatus.IN_TRANSACTION ? Savepoints.pinned(t, catalog, runner, translator::translate) : t;
    }

    /** A statement of a DO block, run in the block's call (its cancel and timeout are the block's). */
    void runInBlock(String sql, ResultSink sink, long call) {
        Translation t = translator.translate(sql);
        if (t.info().isEmpty()) return;
        StatementInfo.Command c = t.info().command();
        if (c == StatementInfo.Command.COPY_STDIO) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot COPY to/from client in PL/pgSQL");
        }
        if (c.endsFailedTransaction() || c == StatementInfo.Command.BEGIN || c == StatementInfo.Command.START_TRANSACTION
                || c == StatementInfo.Command.SAVEPOINT || c == StatementInfo.Command.RELEASE_SAVEPOINT
                || c == StatementInfo.Command.TWO_PHASE) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "unsupported transaction command in PL/pgSQL");
        }
        noParametersInSimpleQuery(t);
        dispatch(t, sink, call);
        applyDuckDbSettings();
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

    private boolean duckDbTransactionUsable() {
        try {
            runner.execute("SELECT 1");
            return true;
        } catch (PgException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- savepoints

    private static String savepointName(Translation t) {
        return t.tree().str("savepoint_name");
    }

    /** Savepoints exist only in transaction blocks (25P01 elsewhere, as in PostgreSQL). */
    private void requireBlock(String command) {
        if (status == TransactionStatus.IDLE) {
            throw new PgException("25P01", command + " can only be used in transaction blocks");
        }
    }

    /**
     * ROLLBACK TO SAVEPOINT: nothing to undo when nothing changed since the savepoint and DuckDB's
     * transaction is still usable; otherwise a new DuckDB transaction with the statements before
     * the savepoint run again ({@link Savepoints}).
     */
    private void rollbackToSavepoint(String name) {
        if (status == TransactionStatus.IN_TRANSACTION && !savepoints.changedSince(name)) {
            savepoints.rolledBackTo(name);
            return;
        }
        List<Savepoints.Entry> replay = savepoints.rollbackTo(name, commits.get());
        abandonOpenPortal();
        status = TransactionStatus.FAILED; // until the replay has succeeded
        rollbackQuietly();
        beginDuckDbTransaction();
        statementsInTransaction++; // the replay is in the new snapshot: it must not be taken again
        for (Savepoints.Entry e : replay) runner.replay(e.duckDbSql(), e.parameters() == null ? null : e.parameters()::bind);
        catalog.changed(); // what the replay defined, and what the rollback undid
        // what the replay defined is the transaction's again: COMMIT moves the shared catalog on (catalogCommitted)
        if (!replay.isEmpty()) catalogChangedInTransaction = true;
        savepoints.rolledBackTo(name);
        status = TransactionStatus.IN_TRANSACTION;
    }

    /** A constraint violation of {@code t} as PostgreSQL reports it (see {@link ConstraintErrors}). */
    PgException constraintError(PgException e, Translation t) {
        return ConstraintErrors.enrich(e, t, catalog);
    }

    /** A statement of the transaction block succeeded: kept for rolling back to a savepoint. */
    void succeeded(Translation t, ParameterBinder parameters) {
        statementsInTransaction++;
        if (ROW_CHANGES.contains(t.info().main())) rowsChangedInTransaction = true;
        if (status == TransactionStatus.IN_TRANSACTION || implicitOpen) {
            savepoints.record(new Savepoints.Entry(t.duckDbSql(), parameters, t.replay()));
        } else if (t.replay().writes()) {
            commits.incrementAndGet();
        }
    }

    private void begin(StatementInfo info, java.util.List<dev.pgwire.serve.sql.Node> options, ResultSink sink) {
        String tag = info.command() == StatementInfo.Command.START_TRANSACTION ? "START TRANSACTION" : "BEGIN";
        if (status == TransactionStatus.IN_TRANSACTION) {
            warn(sink, SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress");
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
        if (options != null) parameterCommands.transactionOptions(options, "", true);
        sink.complete(tag);
    }

    private void commit(ResultSink sink) {
        if (status == TransactionStatus.FAILED) {
            endExplicit(false);
            sink.complete("ROLLBACK"); // PostgreSQL answers COMMIT of a failed block with ROLLBACK
            return;
        }
        if (status == TransactionStatus.IN_TRANSACTION) {
            endExplicit(true);
            sink.complete("COMMIT");
            return;
        }
        if (implicitBlock) endImplicit(true);
        warn(sink, SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
        sink.complete("COMMIT");
    }

    private void rollback(ResultSink sink) {
        if (status != TransactionStatus.IDLE) {
            endExplicit(false);
        } else {
            if (implicitBlock) endImplicit(false);
            warn(sink, SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
        }
        sink.complete("ROLLBACK");
    }

    private void endExplicit(boolean commit) {
        status = TransactionStatus.IDLE;
        sqlLevel.transactionEnded(commit);
        endOpenPortal(commit); // portals do not outlive their transaction
        boolean wrote = savepoints.anyWrites();
        savepoints.end();
        if (commit) {
            try {
                foreignKeys.beforeCommit();
                foreignKeys.transactionEnded();
                runCommitActions();
                runner.execute("COMMIT");
            } catch (PgException e) {
                foreignKeys.transactionEnded();
                rollbackQuietly(); // a failed commit ends the transaction, as in PostgreSQL
                params.rollback();
                continueImplicitBlock();
                throw e;
            }
            if (wrote) commits.incrementAndGet();
            catalogCommitted();
            params.commit();
            notifications.transactionEnded(true);
            advisoryLocks.transactionEnded(processId);
            rowLocks.transactionEnded(processId, wrote);
        } else {
            foreignKeys.transactionEnded();
            rollbackQuietly();
            dropAtCommit.clear();
            params.rollback();
            notifications.transactionEnded(false);
            advisoryLocks.transactionEnded(processId);
            rowLocks.transactionEnded(processId, false);
        }
        continueImplicitBlock();
    }

    /** Ends the implicit transaction of a multi-statement Query; later statements start another. */
    private void endImplicit(boolean commit) {
        sqlLevel.transactionEnded(commit);
        boolean wrote = commit && implicitOpen && savepoints.anyWrites();
        if (implicitOpen) {
            implicitOpen = false;
            if (commit) {
                try {
                    foreignKeys.beforeCommit();
                    runCommitActions();
                    runner.execute("COMMIT");
                } catch (PgException e) {
                    foreignKeys.transactionEnded();
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
        foreignKeys.transactionEnded();
        if (commit) params.commit(); else params.rollback();
        notifications.transactionEnded(commit);
        advisoryLocks.transactionEnded(processId);
        rowLocks.transactionEnded(processId, wrote);
        continueImplicitBlock();
    }

    private void continueImplicitBlock() {
        if (implicitBlock) params.beginTransaction();
    }

    private void afterError() {
        if (status == TransactionStatus.IN_TRANSACTION) {
            status = TransactionStatus.FAILED;
        } else if (status == TransactionStatus.IDLE && implicitBlock) {
            // PostgreSQL rolls the whole implicit transaction back and skips the rest of the Query
            endImplicit(false);
        }
    }

    @Override
    public void implicitTransaction(ImplicitTransaction step) {
        switch (step) {
            case BEGIN:
                if (status == TransactionStatus.IDLE && !implicitBlock) {
                    implicitBlock = true;
                    implicitStatements = 0;
                    params.beginTransaction();
                }
                break;
            case COMMIT:
            case ROLLBACK:
                if (!implicitBlock) return;
                implicitBlock = false;
                if (status == TransactionStatus.IDLE) {
                    // the batch ends here (Sync) and its portals with it: an unfinished one is not read on
                    endOpenPortal(step == ImplicitTransaction.COMMIT);
                    endImplicit(step == ImplicitTransaction.COMMIT);
                }
                applyDuckDbSettings();
                break;
            default:
                throw new IllegalArgumentException(step.toString());
        }
    }

    private boolean inTransactionBlock() {
        return status != TransactionStatus.IDLE || implicitBlock;
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
    private boolean inBlockForUtility() {
        return status != TransactionStatus.IDLE || implicitBlock && (!portalCall || implicitStatements > 1);
    }

    /** The transaction's definitions are committed: the shared catalog shows them from now on. */
    private void catalogCommitted() {
        if (catalogChangedInTransaction) {
            catalog.changed();
            catalogChangedInTransaction = false;
        }
    }

    /**
     * Opens a DuckDB transaction. A BEGIN that fails (an interrupt landing on it) may still have
     * opened one, which nothing would end: it is rolled back, so that DuckDB's state stays the
     * session's.
     */
    /** Opens a DuckDB transaction in which nothing has run yet. */
    void beginFreshTransaction() {
        beginDuckDbTransaction();
        statementsInTransaction = 0;
    }

    /** The statements that change rows ({@link #rowsChangedInTransaction}). */
    private static final java.util.Set<String> ROW_CHANGES = java.util.Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "COPY");

    /** Whether a statement of the DuckDB transaction open now changed rows (a unique index made again would fail its COMMIT). */
    private boolean rowsChangedInTransaction;

    void beginDuckDbTransaction() {
        rowsChangedInTransaction = false;
        // the catalog's tables and functions as committed now: DuckDB gives the transaction a snapshot
        // of them at its first read of any database, and a rebuild after that would be invisible to it
        catalogStore.get().current();
        transactionCatalogVersion = catalogVersion.get();
        snapshotClock = rowLocks.clock();
        try {
            runner.execute("BEGIN TRANSACTION");
        } catch (PgException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private void rollbackQuietly() {
        if (catalogChangedInTransaction) {
            catalog.changed();
            catalogChangedInTransaction = false;
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

    // ---------------------------------------------------------------- cancel and timeout

    @Override
    public void cancel() {
        requestCancel(currentCall, ErrorMapper.CANCELED_MESSAGE);
    }

    /** Whether a call is in flight (for tests and diagnostics). */
    boolean isExecuting() {
        return currentCall != 0;
    }

    private void requestCancel(long call, String message) {
        if (call == 0 || call != currentCall) return;
        cancelMessage = message;
        cancelledCall = call;
        advisoryLocks.cancel(processId); // a wait for an advisory lock ends too
        rowLocks.cancel(processId); // and one for a row lock
        runner.interrupt(() -> currentCall == call && !rollingBack);
    }

    private ScheduledFuture<?> scheduleStatementTimeout(long call) {
        long millis = params.statementTimeoutMillis();
        if (millis <= 0) return null;
        return scheduler.schedule(() -> requestCancel(call, TIMEOUT_MESSAGE), millis, TimeUnit.MILLISECONDS);
    }

    private PgException asPgException(RuntimeException e, long call) {
        if (cancelledCall == call) {
            return new PgException(SqlState.QUERY_CANCELED, cancelMessage == null ? ErrorMapper.CANCELED_MESSAGE : cancelMessage);
        }
        if (e instanceof PgException) return (PgException) e;
        log.warn("unexpected failure running a statement", e);
        // the client gets no Java text, as from the server (the log has the whole story)
        return new PgException(SqlState.INTERNAL_ERROR, "internal error: " + e.getClass().getSimpleName(), e);
    }

    // ---------------------------------------------------------------- parameters

    private void reportParameterChanges(ResultSink sink) {
        for (Map.Entry<String, String> change : params.takeReportedChanges().entrySet()) {
            sink.parameterStatus(change.getKey(), change.getValue());
        }
    }

    /**
     * Tells DuckDB the session's TimeZone and search_path, so casts and name lookup follow them.
     * Values DuckDB would refuse are left out first: a failed SET would abort DuckDB's transaction,
     * while PostgreSQL accepts schemas that do not exist (yet) in search_path.
     */
    private void applyDuckDbSettings() {
        if (status == TransactionStatus.FAILED) return;
        try {
            applyTimeZoneAndSearchPath();
        } catch (PgException e) {
            log.warn("could not pass TimeZone/search_path to DuckDB: {}", e.getMessage());
        }
    }

    private void applyTimeZoneAndSearchPath() {
        applyTimeZoneAndSearchPathOnce();
        List<String> settings = new ArrayList<>();
        if (duckDbTimeZone != null) settings.add(duckDbTimeZone);
        if (duckDbSearchPath != null) settings.add(duckDbSearchPath);
        runner.sessionSettings(settings);
    }

    private void applyTimeZoneAndSearchPathOnce() {
        String tz = params.get("TimeZone");
        if (!tz.equals(appliedTimeZone)) {
            appliedTimeZone = tz;
            if (runner.queryValue("SELECT name FROM pg_timezone_names() WHERE name = ?", tz) != null) {
                duckDbTimeZone = "SET SESSION TimeZone = '" + tz.replace("'", "''") + "'";
                runner.execute(duckDbTimeZone);
            } else {
                log.debug("DuckDB does not know time zone {}; timestamptz input keeps its previous zone", tz);
            }
        }
        String searchPath = params.get("search_path");
        if (!searchPath.equals(appliedSearchPath)) {
            appliedSearchPath = searchPath;
            List<String> existing = runner.queryColumn("SELECT DISTINCT schema_name FROM duckdb_schemas() WHERE NOT internal");
            schemasOnPath = schemasOnPath(searchPath, existing);
            catalog.forget();
            searchPathChanges++;
            String duckDb = schemasOnPath.isEmpty() ? DEFAULT_SCHEMA : String.join(",", schemasOnPath);
            duckDbSearchPath = "SET SESSION search_path = '" + duckDb.replace("'", "''") + "'";
            runner.execute(duckDbSearchPath);
        }
    }

    /** The schemas of PostgreSQL's search_path that exist, in order ("$user" is a role's schema: none here). */
    static List<String> schemasOnPath(String pgSearchPath, List<String> existingSchemas) {
        List<String> schemas = new ArrayList<>();
        for (String item : pgSearchPath.split(",")) {
            String s = item.trim();
            if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            if (s.isEmpty() || s.equals("$user")) continue;
            if (existingSchemas.contains(s) && !schemas.contains(s)) schemas.add(s);
        }
        return schemas;
    }

    /**
     * The catalog version, where the catalog this session sees is the one committed at that
     * version: always outside a transaction; inside one only while no DDL has happened since it
     * began (its snapshot may be older than what is committed now). Else -1.
     */
    private long visibleCatalogVersion() {
        long now = catalogVersion.get();
        boolean open = status != TransactionStatus.IDLE || implicitOpen;
        return open && transactionCatalogVersion != now ? -1 : now;
    }

    private long searchPathChanges;
    private long definitionsSeenCatalog = -1;
    private long definitionsSeenPath;
    private long definitions;

    /**
     * The version of the definitions this session's statements bind to, for the DuckDB statements
     * it keeps prepared: it moves when the catalog it sees or its search_path changes; -1 while its
     * transaction's snapshot is older than the catalog (nothing prepared is then reused).
     */
    private long definitionsVersion() {
        long catalogNow = visibleCatalogVersion();
        if (catalogNow < 0) return -1;
        if (catalogNow != definitionsSeenCatalog || searchPathChanges != definitionsSeenPath) {
            definitionsSeenCatalog = catalogNow;
            definitionsSeenPath = searchPathChanges;
            definitions++;
        }
        return definitions;
    }

    /** What the translation needs of this session. */
    private final class Context implements SessionContext {
        @Override
        public String user() {
            return roles.currentUser();
        }

        @Override
        public String sessionUser() {
            return roles.sessionUser();
        }

        @Override
        public boolean superuser() {
            return roles.isSuperuser();
        }

        @Override
        public String bootstrapSuperuser() {
            return roles.roles().bootstrap();
        }

        @Override
        public boolean roleExists(String name) {
            return roles.roles().exists(name);
        }

        @Override
        public String database() {
            return database;
        }

        @Override
        public int backendPid() {
            return processId;
        }

        @Override
        public String currentSchema() {
            return schemasOnPath.isEmpty() ? null : schemasOnPath.get(0);
        }

        @Override
        public void temporaryRelationNamed() {
            temporaryCatalog().mayHaveObjects();
        }

        @Override
        public String temporarySchema() {
            return temporaryCatalog().hasObjects(runner::connection) ? temporaryCatalog().schema() : null;
        }

        @Override
        public List<String> currentSchemas(boolean implicit) {
            List<String> out = new ArrayList<>();
            // the session's temporary schema is searched first once it exists, as in PostgreSQL
            if (implicit && temporarySchema() != null) out.add(temporarySchema());
            if (implicit && !schemasOnPath.contains("pg_catalog")) out.add("pg_catalog");
            out.addAll(schemasOnPath);
            return out;
        }

        @Override
        public String setting(String name) {
            return params.get(name);
        }

        @Override
        public String versionText() {
            return ServeParameters.versionText();
        }

        @Override
        public CatalogView catalog() {
            return catalog;
        }

        @Override
        public dev.pgwire.serve.catalog.Snapshot catalogSnapshot() {
            return catalogStore.get().current();
        }

        @Override
        public String timeZoneName() {
            return params.timeZone().getId();
        }

        @Override
        public long catalogVersion() {
            return visibleCatalogVersion();
        }

        @Override
        public String setConfig(String name, String value, boolean isLocal) {
            if (params.key(name) == null) throw SessionParameters.unrecognized(name);
            boolean local = isLocal; // outside a block: until the statement's transaction ends
            switch (params.key(name)) {
                case "role" -> roles.setRole(value, local);
                case "session_authorization" -> roles.setSessionAuthorization(value, local);
                default -> params.set(name, value, local);
            }
            return params.get(name);
        }
    }

    /** set_config run by DuckDB (computed arguments): DuckDB's own settings follow at the next call. */
    String setConfigFromEngine(String name, String value, boolean isLocal) {
        synchronized (params) {
            if (params.key(name) == null) throw SessionParameters.unrecognized(name);
            params.set(name, value, isLocal);
            settingsChangedByEngine = true;
            return params.get(name);
        }
    }

    int processId() {
        return processId;
    }

    /**
     * This session as a row of pg_stat_activity: datname, pid, usename, application_name,
     * backend_start, xact_start, query_start, state_change, state, query (timestamps as UTC text),
     * wait_event_type and wait_event (a wait for a row or advisory lock, as PostgreSQL names it).
     */
    List<String> activity(boolean asking) {
        boolean rowWait = rowLocks.waiting(processId);
        boolean advisoryWait = advisoryLocks.waiting(processId);
        boolean waiting = rowWait || advisoryWait;
        String state = asking || currentCall != 0 ? "active" : switch (status) {
            case IDLE -> implicitBlock ? "idle in transaction" : "idle";
            case IN_TRANSACTION -> "idle in transaction";
            default -> "idle in transaction (aborted)";
        };
        return java.util.Arrays.asList(database, Integer.toString(processId), params.get("session_authorization"),
                params.get("application_name"), utc(backendStart), utc(xactStart), utc(queryStart), utc(stateChange), state,
                lastQuery == null ? "" : lastQuery, waiting ? "Lock" : null, rowWait ? "transactionid" : advisoryWait ? "advisory" : null);
    }

    private static final java.time.format.DateTimeFormatter UTC =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    private static String utc(long epochMillis) {
        return epochMillis == 0 ? null : UTC.format(java.time.Instant.ofEpochMilli(epochMillis)) + "+00";
    }

    /** pg_notify run by DuckDB: held until the statement's transaction commits, dropped if it rolls back. */
    void notifyFromEngine(String channel, String payload) {
        synchronized (params) {
            notifications.notify(channel, payload, true);
            notifiedByEngine = true;
        }
    }

    /** pg_settings.source of a parameter for this session ("session", "client"), or null for the server's. */
    String settingSourceFromEngine(String name) {
        synchronized (params) {
            return params.source(name);
        }
    }

    /** current_setting run by DuckDB (a computed name). */
    String settingFromEngine(String name, boolean missingOk) {
        synchronized (params) {
            if (params.key(name) == null) {
                if (missingOk) return null;
                throw SessionParameters.unrecognized(name);
            }
            return params.get(name);
        }
    }

    private void warn(ResultSink sink, String sqlState, String message) {
        if (params.sendsToClient("WARNING")) sink.notice("WARNING", sqlState, message);
    }

    // ---------------------------------------------------------------- COPY hooks

    /** The schemas of the session's search_path that exist, in order. */
    List<String> schemasOnPath() {
        return schemasOnPath;
    }

    /** The relations as this session sees them (search_path, temporary tables). */
    dev.pgwire.serve.sql.CatalogView catalogView() {
        return catalog;
    }

    /** A run-time parameter's current value. */
    String setting(String name) {
        return params.get(name);
    }

    /** A COPY FROM STDIN failed between calls (CopyFail, a cancel): as an error of a statement. */
    void copyFailed() {
        afterError();
    }

    // ---------------------------------------------------------------- LISTEN/NOTIFY hooks

    /** The server's way to this session's client: notifications go out through it. */
    @Override
    public void attach(dev.pgwire.server.spi.AsyncMessages client) {
        this.client = client;
        notifications.attach(client);
    }

    /** pg_terminate_backend of another session (or this one): FATAL 57P01 once its statement ends. */
    void terminate() {
        dev.pgwire.server.spi.AsyncMessages c = client;
        if (c != null) c.terminate();
    }

    /** The channels the session listens on (pg_listening_channels). */
    List<String> listeningChannels() {
        return notifications.channels();
    }

    SessionRoles sessionRoles() {
        return roles;
    }

    @Override
    public dev.pgwire.server.spi.Portal cursor(String name) {
        return sqlLevel.portalOf(name);
    }

    /** The advisory and row locks of the session's database. */
    void useLocks(AdvisoryLocks advisory, RowLocks rows) {
        advisoryLocks = advisory;
        rowLocks = rows;
        rows.sessionStarted(processId);
    }

    /** The LISTEN/NOTIFY hub of the session's database. */
    void useNotificationHub(NotificationHub hub) {
        notifications.hub(hub);
    }

    SessionNotifications notifications() {
        return notifications;
    }

    // ---------------------------------------------------------------- close

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (temporaryCatalog != null) temporaryCatalog.close();
        }
        if (isExecuting()) runner.interruptOnce(); // closing waits for a running statement; make it short
        advisoryLocks.sessionEnded(processId);
        rowLocks.sessionEnded(processId, isExecuting());
        notifications.unlistenAll();
        abandonOpenPortal();
        try {
            runner.closeCachedStatements();
            if (status != TransactionStatus.IDLE || implicitOpen) rollbackQuietly();
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing a DuckDB connection failed: {}", e.getMessage());
            }
            onClose.run();
        }
    }
}
