package dev.pgwire.serve;

import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.TransactionStatus;
import dev.pgwire.serve.sql.CatalogView;
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
    /** The database's advisory locks (a private set until the factory gives the shared one). */
    private AdvisoryLocks advisoryLocks = new AdvisoryLocks();
    /** The database's row locks (a private set until the factory gives the shared one). */
    private RowLocks rowLocks = new RowLocks();
    private final Translator translator;
    private SessionCatalog catalog;
    private final ForeignKeys foreignKeys;
    private final SqlLevelStatements sqlLevel;
    private final SessionNotifications notifications;
    /** The database's count of committed writing transactions (savepoint replays check it). */
    private final java.util.concurrent.atomic.AtomicLong commits;
    private final DuckDbStatementRunner runner;
    /** The calls of client messages: their numbers, cancels and times. */
    private final SessionCalls calls = new SessionCalls();
    /** Transaction blocks, implicit transactions and savepoints over DuckDB's transactions. */
    private final SessionTransactions tx;
    /** Statements run on DuckDB with what PostgreSQL does around them. */
    private final DuckDbExecution execution;
    /** DuckDB's TimeZone and search_path, and the version of the definitions statements bind to. */
    private final EngineSettings settings;
    private final SessionParameters params;
    private final ParameterCommands parameterCommands;
    private final SessionRoles roles;
    /** The server's way to this session's client (notifications, termination). */
    private volatile dev.pgwire.server.spi.AsyncMessages client;
    private final ScheduledExecutorService scheduler;
    private final Runnable onClose;
    /** Whether the operator let SQL reach server files (EngineGuard). */
    private final boolean externalAccess;

    /** The portal whose DuckDB result is open (suspended mid-way), if any. */
    private final OpenPortal openPortal;
    /** Where each translated statement goes. */
    private final SessionCommands commands;
    private volatile boolean closed;
    private final java.util.function.Supplier<dev.pgwire.serve.catalog.CatalogStore> catalogStore;
    /** The catalog's rows of the session's temporary objects (made at first use). */
    private dev.pgwire.serve.catalog.TempCatalog temporaryCatalog;

    /** The database's catalog version (any session's DDL moves it). */
    private final java.util.concurrent.atomic.AtomicLong catalogVersion;
    /** What exists in the database, for the NOTICEs of DDL that skips its object. */
    private final DuckDbObjects objects;

    DuckDbSession(DuckDBConnection connection, SessionParameters params,
                  String database, int processId, java.util.concurrent.atomic.AtomicLong catalogVersion,
                  java.util.concurrent.atomic.AtomicLong routinesVersion,
                  java.util.concurrent.atomic.AtomicLong commits, java.util.function.Supplier<dev.pgwire.serve.catalog.CatalogStore> catalogStore,
                  DatabaseRegistry databases,
                  ScheduledExecutorService scheduler, Runnable onClose) {
        this.connection = connection;
        this.commits = commits;
        this.database = database;
        this.processId = processId;
        this.catalogVersion = catalogVersion;
        this.translator = new Translator(new SessionTranslationContext(this));
        this.openPortal = new OpenPortal(portal -> sqlLevel().holds(portal));
        this.runner = new DuckDbStatementRunner(connection, scheduler, openPortal::detach);
        this.catalogStore = catalogStore;
        this.settings = new EngineSettings(params, runner, () -> catalog.forget(), this::visibleCatalogVersion);
        settings.identity(() -> sessionRoles() == null ? null : sessionRoles().currentUser(), () -> sessionRoles() == null ? null : sessionRoles().sessionUser());
        runner.catalogHook(() -> {
            // a transaction reads the catalog tables as they were when it began: one that changed the
            // catalog reads them with its own changes, and has no use for the shared ones built again
            if (ownCatalog(true) == null) catalogStore.get().current();
            temporaryCatalog().refresh(runner::connection);
        });
        runner.tableOids(o -> streamingCatalog().relationOid(o.schema(), o.table()));
        // a type the open transaction made is in its own catalog: built before the result streams
        runner.userTypesHook(() -> ownCatalog(true));
        this.catalog = new SessionCatalog(runner, catalogVersion, routinesVersion, settings::schemasOnPath);
        this.tx = new SessionTransactions(this, runner, catalog, params, translator, commits, catalogVersion, catalogStore);
        this.objects = new DuckDbObjects(runner, settings::schemasOnPath);
        catalog.onChange(() -> temporaryCatalog().changed());
        runner.userTypes(new SessionUserTypes(catalog, this::streamingCatalog, settings::schemasOnPath));
        runner.definitions(settings::definitionsVersion);
        this.foreignKeys = new ForeignKeys(runner, catalog, sql -> {
            // an action's rows go back with ROLLBACK TO SAVEPOINT too: kept to run again with the statement
            tx.recordInBlock(new Savepoints.Entry(sql, null, new dev.pgwire.serve.sql.ReplayInfo(true, true, true)));
        });
        this.execution = new DuckDbExecution(this, runner, catalog, objects, params, translator, foreignKeys, tx);
        this.sqlLevel = new SqlLevelStatements(this);
        this.roles = new SessionRoles(databases.roles(), params, params.get("session_authorization"));
        this.commands = new SessionCommands(this, tx, new CopyCommand(this, runner),
                new UtilityCommands(this, databases, database, sqlLevel, runner, roles), catalog, runner);
        this.notifications = new SessionNotifications(processId);
        this.params = params;
        this.parameterCommands = new ParameterCommands(params, runner, roles);
        parameterCommands.queried(() -> tx.inTransactionBlock() && tx.queried());
        this.scheduler = scheduler;
        this.onClose = onClose;
        this.externalAccess = databases.externalAccess();
        applyDuckDbSettings();
    }

    @Override
    public TransactionStatus transactionStatus() {
        return tx.status();
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
        tx.portalCall(true);
        try {
            call(info, sink, call -> {
                opening.open(tx.inBlockForDeclare(), sink);
                return null;
            });
        } finally {
            tx.portalCall(false);
        }
    }

    /**
     * Executes a statement bound in the extended protocol: the first of a batch runs as on its own
     * (PostgreSQL refuses commands that cannot run in a transaction block only in a pipeline).
     */
    void executeFromPortal(String sql, ResultSink sink) {
        tx.portalCall(true);
        try {
            execute(sql, sink);
        } finally {
            tx.portalCall(false);
        }
    }

    @Override
    public void execute(String sql, ResultSink sink) {
        calls.query(sql);
        Translation t = translate(sql);
        noParametersInSimpleQuery(t);
        if (t.info().isEmpty()) {
            sink.emptyQuery();
            return;
        }
        call(t.info(), sink, call -> {
            commands.dispatch(t, sink, call);
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
        tx.afterError();
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
            PgException pg = calls.asPgException(e, -1);
            if (tx.status() == TransactionStatus.FAILED && !pg.sqlState().equals(SqlState.SYNTAX_ERROR)) {
                // as PostgreSQL: in a failed block only the parser's errors come before 25P02 (a name a
                // constant regclass looks up while translating is not looked up there)
                throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            tx.afterError();
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
        calls.query(sql);
        Translation t = translate(sql, parameterTypes);
        if (t.tree() != null && t.tree().is("DeclareCursorStmt") && dev.pgwire.serve.sql.Constants.firstParameter(t.tree()) != null) {
            return sqlLevel.prepareDeclare(t.tree(), sql, parameterTypes, t.info());
        }
        if (t.answeredByServe() || t.runsAsScript()) return CommandStatement.prepare(this, sql, t.info(), parameterTypes, null);
        Explain.Format explain = Explain.format(t.tree());
        if (explain != null) return CommandStatement.prepare(this, sql, t.info(), parameterTypes, ExplainSink.columns(explain));
        return call(t.info(), call -> PreparedDuckDbStatement.prepare(this, t, parameterTypes)
                .translatedBy(() -> translate(sql, parameterTypes)));
    }

    /** How many times the session's settings have changed (see {@link SessionParameters#changes}). */
    long settingsChanges() {
        return params.changes();
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

    /** PREPARE's statement, translated again from {@code query} (a parse tree kept unchanged) when the settings change. */
    PreparedStatement prepareTranslated(dev.pgwire.serve.sql.Node query, String source, int[] parameterTypes) {
        Translation t = translator.translate(query.copy(), source, parameterTypes);
        PreparedStatement p = prepareTranslated(t, parameterTypes);
        return p instanceof PreparedDuckDbStatement d ? d.translatedBy(() -> translator.translate(query.copy(), source, parameterTypes)) : p;
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
        tx.callStarted();
        long call = calls.start();
        boolean succeeded = false;
        ScheduledFuture<?> timeout = scheduleStatementTimeout(call);
        try {
            // a call that begins as the session closes (the client went away) does not start (close saw no call to interrupt)
            if (closed) throw new PgException(SqlState.QUERY_CANCELED, "canceling statement because the connection was closed");
            if (tx.status() == TransactionStatus.FAILED && !info.command().endsFailedTransaction()) {
                throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            if (settings.takeChangedByEngine()) applyDuckDbSettings();
            try {
                if (sink != null && sink.isCancelled()) {
                    calls.cancel(call, ErrorMapper.CANCELED_MESSAGE);
                    throw new PgException(SqlState.QUERY_CANCELED, ErrorMapper.CANCELED_MESSAGE);
                }
                T result = body.run(call);
                succeeded = true;
                return result;
            } catch (RuntimeException e) {
                PgException pg = calls.asPgException(e, call);
                tx.afterError();
                throw pg;
            } catch (OutOfMemoryError e) {
                // a value or result too large for the heap: this statement fails as any failing statement does
                tx.afterError();
                throw new PgException(SqlState.OUT_OF_MEMORY, "out of memory")
                        .withDetail("The statement needed more memory than the server's heap had free.");
            }
        } finally {
            if (timeout != null) timeout.cancel(false);
            boolean transactionEnded = !tx.inTransactionBlock() && !tx.implicitOpen();
            calls.end(transactionEnded);
            if (!tx.inTransactionBlock()) params.statementEnded();
            if (transactionEnded) {
                advisoryLocks.transactionEnded(processId);
                rowLocks.transactionEnded(processId, succeeded && !"SELECT".equals(info.main())); // a read changed no row it locked
                notifications.engineStatementEnded(succeeded);
            }
        }
    }

    /** Whether the call numbered {@code call} was cancelled (or timed out). */
    BooleanSupplier cancelled(long call) {
        return calls.cancelled(call);
    }

    synchronized dev.pgwire.serve.catalog.TempCatalog temporaryCatalog() {
        if (temporaryCatalog == null) {
            temporaryCatalog = catalogStore.get().temporary(processId, this::definingCatalog);
        }
        return temporaryCatalog;
    }

    /** What lastval() and currval answer this session. */
    private final SessionSequences sequences = new SessionSequences();

    SessionSequences sequences() {
        return sequences;
    }

    @Override
    public void implicitTransaction(ImplicitTransaction step) {
        if (tx.implicitTransaction(step)) applyDuckDbSettings();
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

    /** The portal whose DuckDB result is open, if any. */
    OpenPortal openPortal() {
        return openPortal;
    }

    /** A schema was made or dropped: search_path's entries are looked at again. */
    void schemasChanged() {
        settings.schemasChanged();
    }

    /** After a portal's statement completed: schema changes may make search_path entries valid. */
    void afterPortalStatement(StatementInfo info) {
        if (info.changesSchemas()) {
            settings.schemasChanged();
            applyDuckDbSettings();
        }
    }

    /** A statement of a DO block, run in the block's call (its cancel and timeout are the block's). */
    void runInBlock(String sql, ResultSink sink, long call) {
        Translation t = translator.translate(sql);
        if (t.info().isEmpty()) return;
        SessionCommands.refuseInBlock(t.info().command());
        noParametersInSimpleQuery(t);
        commands.dispatch(t, sink, call);
        applyDuckDbSettings();
    }

    // ---------------------------------------------------------------- cancel and timeout

    @Override
    public void cancel() {
        requestCancel(calls.current(), ErrorMapper.CANCELED_MESSAGE);
    }

    /** Whether the call in flight was cancelled (or timed out). */
    boolean currentCallCancelled() {
        return calls.currentCancelled();
    }

    /** Whether a call is in flight (for tests and diagnostics). */
    boolean isExecuting() {
        return calls.executing();
    }

    private void requestCancel(long call, String message) {
        if (!calls.cancel(call, message)) return;
        advisoryLocks.cancel(processId); // a wait for an advisory lock ends too
        rowLocks.cancel(processId); // and one for a row lock
        runner.interrupt(() -> calls.current() == call && !tx.rollingBack());
    }

    private ScheduledFuture<?> scheduleStatementTimeout(long call) {
        long millis = params.statementTimeoutMillis();
        if (millis <= 0) return null;
        return scheduler.schedule(() -> requestCancel(call, TIMEOUT_MESSAGE), millis, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- parameters

    private void reportParameterChanges(ResultSink sink) {
        for (Map.Entry<String, String> change : params.takeReportedChanges().entrySet()) {
            sink.parameterStatus(change.getKey(), change.getValue());
        }
    }

    /** The catalog version this session sees ({@link SessionTransactions#visibleCatalogVersion}). */
    long visibleCatalogVersion() {
        return tx.visibleCatalogVersion();
    }

    /** Tells DuckDB the session's TimeZone and search_path ({@link EngineSettings}); not in a failed block. */
    private void applyDuckDbSettings() {
        if (tx.status() == TransactionStatus.FAILED) return;
        settings.apply();
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
        String state = asking || calls.executing() ? "active" : switch (tx.status()) {
            case IDLE -> tx.implicitBlock() ? "idle in transaction" : "idle";
            case IN_TRANSACTION -> "idle in transaction";
            default -> "idle in transaction (aborted)";
        };
        List<String> row = new ArrayList<>(List.of(database, Integer.toString(processId), params.get("session_authorization"),
                params.get("application_name")));
        row.addAll(calls.times());
        row.addAll(java.util.Arrays.asList(state, calls.lastQuery(), waiting ? "Lock" : null,
                rowWait ? "transactionid" : advisoryWait ? "advisory" : null));
        return row;
    }

    void warn(ResultSink sink, String sqlState, String message) {
        if (params.sendsToClient("WARNING")) sink.notice("WARNING", sqlState, message);
    }

    // ---------------------------------------------------------------- COPY hooks

    /** The schemas of the session's search_path that exist, in order. */
    List<String> schemasOnPath() {
        return settings.schemasOnPath();
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
        tx.afterError();
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

    String database() {
        return database;
    }

    boolean externalAccess() {
        return externalAccess;
    }

    SessionParameters parameters() {
        return params;
    }

    /** The committed catalog as this session reads it now. */
    /** The catalog's lookups as this session sees it: with what its open transaction changed, while it has. */
    dev.pgwire.serve.catalog.Snapshot catalogSnapshot() {
        dev.pgwire.serve.catalog.Snapshot own = ownCatalog(true);
        return own != null ? own : catalogStore.get().current();
    }

    /**
     * The catalog's lookups for a result being streamed (the connection is busy): as the session's
     * open transaction saw it when last built, else the shared one.
     */
    private dev.pgwire.serve.catalog.Snapshot streamingCatalog() {
        dev.pgwire.serve.catalog.Snapshot own = ownCatalog(false);
        return own != null ? own : catalogStore.get().current();
    }

    /**
     * The catalog as the session's open transaction sees it, while that transaction has changed the
     * catalog (else null): built again first if it changed since and {@code build} (the connection
     * must be free), else as last built.
     */
    private dev.pgwire.serve.catalog.Snapshot ownCatalog(boolean build) {
        if (!definingCatalog()) return null;
        return build ? temporaryCatalog().pendingSnapshot(runner::connection) : temporaryCatalog().lastPending();
    }

    /** Whether the session's open transaction changed the catalog. */
    boolean definingCatalog() {
        return tx != null && tx.catalogDefined();
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

    AdvisoryLocks advisoryLocks() {
        return advisoryLocks;
    }

    RowLocks rowLocks() {
        return rowLocks;
    }

    SqlLevelStatements sqlLevel() {
        return sqlLevel;
    }

    ParameterCommands parameterCommands() {
        return parameterCommands;
    }

    ForeignKeys foreignKeys() {
        return foreignKeys;
    }

    DuckDbExecution execution() {
        return execution;
    }

    SessionTransactions transactions() {
        return tx;
    }

    EngineSettings engineSettings() {
        return settings;
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
        // closing waits for a running statement; make it short: interrupted until it ends (DuckDB forgets an
        // interrupt that comes before the query has started)
        long running = calls.current();
        if (running != 0) runner.interrupt(() -> calls.current() == running);
        advisoryLocks.sessionEnded(processId);
        rowLocks.sessionEnded(processId, isExecuting());
        notifications.unlistenAll();
        openPortal.abandon();
        try {
            runner.closeCachedStatements();
            runner.trials().close();
            if (tx.status() != TransactionStatus.IDLE || tx.implicitOpen()) tx.rollbackQuietly();
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
