package dev.pgwire.serve;

import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Runs statements on one DuckDB connection and streams their rows into a {@link ResultSink},
 * and interrupts them on request. Rows are read from a streaming (forward-only) DuckDB result, so
 * no result is ever held whole.
 *
 * <p>Two driver behaviours shape this class. An interrupt that reaches DuckDB before the query
 * has started is forgotten, so {@link #interrupt} repeats until the statement ends. And when a
 * streamed query fails before its first chunk (a bad cast, a division by zero — most errors of a
 * SELECT) the driver replaces the error with "Invalid result set"; {@link #recoverLostError}
 * then re-runs the statement through DuckDB's chunk API, which reports errors faithfully, inside a
 * transaction that is rolled back (a prepared statement with its parameters bound again).
 *
 * <p>DuckDB starts nothing on a connection while a streamed result is open on it; every method
 * that starts something first runs the {@code beforeQuery} hook, which frees the connection of a
 * suspended portal's result.
 */
final class DuckDbStatementRunner {
    private static final Logger log = LoggerFactory.getLogger(DuckDbStatementRunner.class);
    private static final int FETCH_SIZE = 2048; // one DuckDB vector
    /** Error kinds that depend on where a statement runs, not on its data; a re-run elsewhere may differ. */
    private static final Set<String> CONTEXT_ERRORS = Set.of("parser", "binder", "catalog", "transactioncontext", "interrupt");

    private final DuckDBConnection connection;
    /** Sets the parameters of a statement prepared again to learn a lost error. */
    @FunctionalInterface
    interface Rebinder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Run before anything starts on the connection: frees it of a suspended portal's open result. */
    private final Runnable beforeQuery;
    private final TrialPrepares trials;
    /** The statement running now, and the interrupts that stop it. */
    private final StatementInterrupts interrupts;
    private final SelectCache selects;

    DuckDbStatementRunner(DuckDBConnection connection, ScheduledExecutorService scheduler, Runnable beforeQuery) {
        this.connection = connection;
        this.beforeQuery = beforeQuery;
        this.trials = new TrialPrepares(connection);
        this.interrupts = new StatementInterrupts(scheduler);
        this.selects = new SelectCache(connection);
    }

    /**
     * Runs {@code sql} and completes {@code sink} with its rows and tag.
     *
     * @param inTransaction whether the session has a DuckDB transaction open (decides where a lost
     *                      error is re-run)
     * @param cancelled     polled between rows and after failures
     */
    void run(Translation t, ResultSink sink, CodecContext settings, boolean inTransaction, BooleanSupplier cancelled) {
        String sql = t.duckDbSql();
        StatementInfo info = t.info();
        beforeQuery.run();
        catalogReady(t);
        PreparedStatement cached = info.command() == StatementInfo.Command.OTHER && info.main().equals("SELECT")
                ? selects.get(sql) : null;
        if (cached instanceof DuckDBPreparedStatement duck && !info.resultIsStatus()
                && runVectors(duck, t, sink, settings, inTransaction, cancelled)) {
            return;
        }
        try (Statement own = cached == null ? connection.createStatement() : null) {
            Statement st = cached != null ? cached : own;
            st.setFetchSize(FETCH_SIZE);
            running(st);
            boolean hasResult;
            try {
                if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
                hasResult = cached != null ? cached.execute() : st.execute(sql);
            } catch (SQLException e) {
                if (cached != null) selects.forget(sql);
                running(null);
                if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
                if (ErrorMapper.isLostError(e)) throw recoverLostError(t, ps -> { }, inTransaction, cancelled);
                throw ErrorMapper.map(e, t);
            }
            if (!hasResult || info.resultIsStatus()) {
                if (hasResult) drain(st); // a streamed result left unread would abort DuckDB's transaction (setval of a RESTART)
                sink.complete(info.tagForUpdate(hasResult ? -1 : st.getLargeUpdateCount()));
                return;
            }
            if (DataChangeCount.applies(t)) { // DuckDB's one-row count: PostgreSQL sends only the tag
                try (ResultSet rs = st.getResultSet()) {
                    sink.complete(info.tagForUpdate(DataChangeCount.read(rs)));
                }
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                stream(rs, t, sink, settings, cancelled);
            }
        } catch (SQLException e) {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            throw ErrorMapper.map(e, t);
        } finally {
            running(null);
        }
    }

    /** Reads a result to its end: DuckDB computes a streamed result as it is read. */
    private static void drain(Statement st) throws SQLException {
        try (ResultSet rs = st.getResultSet()) {
            while (rs != null && rs.next()) {
                // nothing to keep: the statement's answer is its tag
            }
        }
    }

    /**
     * Runs a cached SELECT whose result columns {@link ResultVectors} takes, reading DuckDB's
     * vectors; false, with nothing run, when its columns need the general path.
     */
    private boolean runVectors(DuckDBPreparedStatement ps, Translation t, ResultSink sink, CodecContext settings,
                               boolean inTransaction, BooleanSupplier cancelled) {
        PgColumnType[] types;
        List<Column> columns;
        CopyVectors.Kind[] kinds;
        try {
            ResultSetMetaData md = ps.getMetaData();
            int n = md == null ? 0 : md.getColumnCount();
            if (n == 0) return false;
            types = new PgColumnType[n];
            columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                types[i] = columnType(md.getColumnTypeName(i + 1), t, i);
                columns.add(describe(types[i], md.getColumnLabel(i + 1), t, i));
            }
            kinds = CopyVectors.kinds(types);
            if (kinds == null) return false;
        } catch (SQLException e) {
            return false;
        }
        DuckDBChunkedResult result;
        running(ps);
        try {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            result = ps.query();
        } catch (SQLException e) {
            selects.forget(t.duckDbSql());
            running(null);
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            if (ErrorMapper.isLostError(e)) throw recoverLostError(t, p -> { }, inTransaction, cancelled);
            throw ErrorMapper.map(e, t);
        }
        try (ResultVectors rows = new ResultVectors(result, kinds, types)) {
            sink.describeColumns(columns);
            boolean plainFloats = settings.extraFloatDigits() > 0;
            long count = 0;
            while (rows.hasRow()) {
                if (cancelled.getAsBoolean() || sink.isCancelled()) throw ErrorMapper.canceled();
                RowWriter row = sink.row();
                rows.writeRow(row, settings, plainFloats);
                row.end();
                count++;
            }
            sink.complete(t.info().tagForRows(count));
        } catch (SQLException e) {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            throw ErrorMapper.map(e, t);
        } finally {
            running(null);
        }
        return true;
    }

    /** The version of the definitions statements bind to (-1: none prepared may be reused). */
    void definitions(java.util.function.LongSupplier version) {
        selects.definitions(version);
    }

    /** The definitions' version now: prepared statements made at another one (or at -1) are prepared again. */
    long definitionsVersion() {
        return selects.definitionsVersion();
    }

    /** Closes the cached statements (the session is closing, or a setting DuckDB read when it prepared them changed). */
    void closeCachedStatements() {
        selects.close();
    }

    private void stream(ResultSet rs, Translation t, ResultSink sink, CodecContext settings,
                        BooleanSupplier cancelled) throws SQLException {
        StatementInfo info = t.info();
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        if (n == 0) {
            // CHECKPOINT and friends return an empty result; PostgreSQL sends no RowDescription then
            sink.complete(info.tagForUpdate(-1));
            return;
        }
        PgColumnType[] types = new PgColumnType[n];
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            types[i] = columnType(md.getColumnTypeName(i + 1), t, i);
            columns.add(describe(types[i], md.getColumnLabel(i + 1), t, i));
        }
        sink.describeColumns(columns);
        long rows = 0;
        try {
            while (rs.next()) {
                if (cancelled.getAsBoolean() || sink.isCancelled()) throw ErrorMapper.canceled();
                RowWriter row = sink.row();
                for (int i = 0; i < n; i++) {
                    Object value = types[i].read(rs, i + 1);
                    if (value == null) row.nul(); else row.text(types[i].text(value, settings));
                }
                row.end();
                rows++;
            }
        } catch (PgException | SQLException e) {
            throw e;
        } catch (RuntimeException e) {
            // the driver converts whole chunks to Java objects and fails on values java.time lacks
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "value out of range: " + e.getMessage(), e);
        }
        sink.complete(info.tagForRows(rows));
    }

    /**
     * Finds the error the driver lost by running {@code sql} again in a transaction that is rolled
     * back, on the session's own connection (its temporary objects and settings). An aborted
     * transaction of the session is rolled back first: DuckDB keeps the rows it wrote locked until
     * then, and a statement that wrote rows before it failed (an upsert whose check fails after it
     * ran) would otherwise meet its own writes in the re-run as a conflict. Only errors raised while
     * executing are trusted; anything else means the re-run did not reproduce the failure.
     */
    private PgException recoverLostError(Translation t, Rebinder rebinder, boolean inTransaction, BooleanSupplier cancelled) {
        String sql = t.duckDbSql();
        DuckDBConnection c = null;
        if (inTransaction) {
            try (Statement rollback = connection.createStatement()) {
                rollback.execute("ROLLBACK");
            } catch (SQLException e) {
                log.debug("ROLLBACK of the aborted transaction before a re-run failed: {}", e.getMessage());
            }
        }
        try {
            c = connection;
            try (Statement begin = c.createStatement()) {
                begin.execute("BEGIN TRANSACTION");
            }
            try (DuckDBPreparedStatement ps = c.prepare(sql)) {
                rebinder.bind(ps);
                running(ps);
                try (DuckDBChunkedResult result = ps.query()) {
                    result.nextChunk();
                } catch (SQLException rerun) {
                    if (cancelled.getAsBoolean()) return ErrorMapper.canceled();
                    DuckDbError error = DuckDbError.parse(rerun.getMessage());
                    if (!CONTEXT_ERRORS.contains(error.kind())) return ErrorMapper.map(rerun, t);
                    log.debug("re-run of a failed statement gave a different error: {}", rerun.getMessage());
                } finally {
                    running(null);
                }
            } catch (SQLException prepare) {
                log.debug("re-run of a failed statement did not prepare: {}", prepare.getMessage());
            } finally {
                try (Statement rollback = c.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
            }
        } catch (SQLException e) {
            log.debug("could not re-run a failed statement: {}", e.getMessage());
        }
        if (cancelled.getAsBoolean()) return ErrorMapper.canceled();
        return new PgException(SqlState.INTERNAL_ERROR, ConflictRetry.LOST_ERROR)
                .withHint("DuckDB's JDBC driver drops errors raised before a result's first rows, and re-running the statement did not reproduce it.");
    }

    /** The session's DuckDB connection (COPY's appender writes through it). */
    DuckDBConnection connection() {
        beforeQuery.run();
        return connection;
    }

    /** Prepares a statement's DuckDB SQL on the session's connection (Parse). */
    private Runnable catalogHook = () -> { };
    private java.util.function.ToIntFunction<dev.pgwire.serve.sql.ColumnOrigin> tableOids = o -> 0;

    /** How a result column's table is found in the catalog (its OID, 0 for none). */
    void tableOids(java.util.function.ToIntFunction<dev.pgwire.serve.sql.ColumnOrigin> lookup) {
        this.tableOids = lookup;
    }

    /** RowDescription's entry for result column {@code i} of {@code t}: its type, and the table column it is. */
    private UserTypes userTypes = UserTypes.NONE;

    /** How result columns of the user's composite and enum types find their OIDs. */
    void userTypes(UserTypes lookup) {
        this.userTypes = lookup;
    }

    UserTypes userTypes() {
        return userTypes;
    }

    /** Result column {@code i} of {@code t}, of DuckDB type {@code duckDbType}, as PostgreSQL describes it. */
    PgColumnType columnType(String duckDbType, Translation t, int i) {
        return PgTypes.resultColumn(duckDbType, t.resultType(i), userTypes);
    }

    Column describe(PgColumnType type, String label, Translation t, int i) {
        dev.pgwire.serve.sql.ColumnOrigin o = t.resultOrigin(i);
        if (o == null) return type.column(label);
        int table;
        try {
            table = tableOids.applyAsInt(o);
        } catch (RuntimeException e) {
            log.debug("no table OID for {}.{}: {}", o.schema(), o.table(), e.getMessage());
            table = 0;
        }
        return type.column(label, table, table == 0 ? 0 : o.number());
    }

    /** What makes the catalog tables current before a statement reading them runs or is prepared. */
    void catalogHook(Runnable hook) {
        this.catalogHook = hook;
    }

    void catalogReady(Translation t) {
        if (t.readsCatalog()) catalogHook.run();
        // the user's composite and enum types of the result, looked up now: while the result streams the
        // connection cannot answer a lookup (after a catalog change the session's cache of them is empty)
        if (userTypes != null && t.resultTypes() != null) {
            boolean ready = false;
            for (dev.pgwire.serve.sql.SqlType r : t.resultTypes()) {
                if (r == null || dev.pgwire.serve.catalog.Builtins.typeOid(r.name()) != 0) continue;
                if (!ready) userTypesHook.run();
                ready = true;
                if (userTypes.composite(r.name()) == null) userTypes.enumType(r.name());
            }
        }
    }

    private Runnable userTypesHook = () -> { };

    /** What makes the catalog's lookups of the user's types current before a result of them streams. */
    void userTypesHook(Runnable hook) {
        this.userTypesHook = hook;
    }

    PreparedStatement prepare(Translation t) {
        catalogReady(t);
        beforeQuery.run();
        try {
            PreparedStatement ps = connection.prepareStatement(t.duckDbSql());
            ps.setFetchSize(FETCH_SIZE);
            return ps;
        } catch (SQLException e) {
            throw ErrorMapper.map(e, t);
        }
    }

    /**
     * Executes a prepared statement whose parameters are set; true when it produced a result set
     * (left open on {@code ps} for the caller to stream). A lost error is recovered by preparing
     * {@code sql} again and binding it with {@code rebinder}.
     */
    boolean executePrepared(PreparedStatement ps, Translation t, Rebinder rebinder, boolean inTransaction,
                            BooleanSupplier cancelled) {
        return runPrepared(ps, ps::execute, t, rebinder, inTransaction, cancelled);
    }

    /**
     * Executes a prepared statement whose parameters are set through DuckDB's chunk API: its result
     * (left open for the caller to read chunk by chunk). Errors are handled as {@link #executePrepared}
     * handles them.
     */
    DuckDBChunkedResult queryPrepared(DuckDBPreparedStatement ps, Translation t, Rebinder rebinder, boolean inTransaction,
                                      BooleanSupplier cancelled) {
        return runPrepared(ps, ps::query, t, rebinder, inTransaction, cancelled);
    }

    /** One run of a prepared statement: {@code call} it as the running statement, with cancel and lost-error recovery. */
    private <R> R runPrepared(java.sql.Statement ps, PreparedCall<R> call, Translation t, Rebinder rebinder, boolean inTransaction,
                              BooleanSupplier cancelled) {
        beforeQuery.run();
        running(ps);
        try {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            return call.run();
        } catch (SQLException e) {
            running(null);
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            if (ErrorMapper.isLostError(e)) throw recoverLostError(t, rebinder, inTransaction, cancelled);
            throw ErrorMapper.map(e, t);
        } finally {
            running(null);
        }
    }

    private interface PreparedCall<R> {
        R run() throws SQLException;
    }


    /** Marks the statement whose rows are being read, so that a cancel interrupts it (null when done). */
    void streaming(Statement statement) {
        running(statement);
    }

    /** Runs a statement whose result does not matter (BEGIN TRANSACTION, a SET, a script's setval); a result is read through. */
    void execute(String sql) {
        beforeQuery.run();
        try (Statement st = connection.createStatement()) {
            running(st);
            if (st.execute(sql)) drain(st);
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        } finally {
            running(null);
        }
    }

    /**
     * Runs a statement of the transaction again (ROLLBACK TO SAVEPOINT), with its parameters when
     * {@code binder} is not null. A result it gives is read to its end: a SELECT whose WITH clause
     * changes data makes all of its changes only when its rows are read (closing it early would
     * interrupt it and abort DuckDB's transaction).
     */
    void replay(String sql, Binder binder) {
        beforeQuery.run();
        try (Statement st = binder == null ? connection.createStatement() : connection.prepareStatement(sql)) {
            running(st);
            boolean result;
            if (binder != null && st instanceof PreparedStatement ps) {
                binder.bind(ps);
                result = ps.execute();
            } else {
                result = st.execute(sql);
            }
            if (result) drain(st);
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        } finally {
            running(null);
        }
    }

    /** Runs a statement of serve's own that changes rows (a foreign key's action): how many it changed. */
    long executeCount(String sql) {
        beforeQuery.run();
        try (Statement st = connection.createStatement()) {
            running(st);
            st.execute(sql);
            return st.getLargeUpdateCount();
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        } finally {
            running(null);
        }
    }

    /** The first row of a query of serve's own (a foreign key's check) as text, or null; cancellable. */
    String[] firstRow(String sql) {
        beforeQuery.run();
        try (Statement st = connection.createStatement()) {
            running(st);
            try (ResultSet rs = st.executeQuery(sql)) {
                if (!rs.next()) return null;
                String[] row = new String[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < row.length; i++) row[i] = rs.getString(i + 1);
                return row;
            }
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        } finally {
            running(null);
        }
    }

    /** Runs a statement with parameters whose result does not matter (a savepoint replay). */
    void executeWith(String sql, Binder binder) {
        beforeQuery.run();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            running(ps);
            binder.bind(ps);
            ps.execute();
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        } finally {
            running(null);
        }
    }

    /** First column of the first row of a one-parameter query, or null. */
    String queryValue(String sql, String parameter) {
        beforeQuery.run();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        }
    }

    /** Sets the parameters of a statement serve runs for itself. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads one row of such a statement's result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a query of serve's own (on the catalog, say) and reads every row. */
    <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        List<T> rows = new ArrayList<>();
        beforeQuery.run();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(reader.read(rs));
            }
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        }
        return rows;
    }

    /** The first column of every row of a query, as text. */
    List<String> queryColumn(String sql) {
        List<String> values = new ArrayList<>();
        beforeQuery.run();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) values.add(rs.getString(1));
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        }
        return values;
    }

    /** The trial prepares of parameter typing, on a second connection ({@link TrialPrepares}). */
    TrialPrepares trials() {
        return trials;
    }

    /**
     * The first column of every row of a query taking {@code parameters}, as text; null when the
     * query does not take them (it is prepared and bound, not run). An error of the query as it
     * runs is the error of the statement it was asked for.
     */
    List<String> queryColumn(String sql, ParameterBinder parameters) {
        List<String> values = new ArrayList<>();
        beforeQuery.run();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            try {
                parameters.bind(ps);
            } catch (SQLException notThese) {
                return null;
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) values.add(rs.getString(1));
            } catch (SQLException e) {
                throw ErrorMapper.map(e, sql);
            }
        } catch (SQLException e) {
            return null;
        }
        return values;
    }

    private void running(Statement statement) {
        interrupts.running(statement);
    }

    /** Interrupts the statement running now while {@code stillWanted} holds ({@link StatementInterrupts#interrupt}). */
    void interrupt(BooleanSupplier stillWanted) {
        interrupts.interrupt(stillWanted);
    }
}
