package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * transaction that is rolled back.
 */
final class DuckDbStatementRunner {
    private static final Logger log = LoggerFactory.getLogger(DuckDbStatementRunner.class);
    private static final int FETCH_SIZE = 2048; // one DuckDB vector
    private static final long REINTERRUPT_MILLIS = 50;
    /** Error kinds that depend on where a statement runs, not on its data; a re-run elsewhere may differ. */
    private static final Set<String> CONTEXT_ERRORS = Set.of("parser", "binder", "catalog", "transactioncontext", "interrupt");

    /** Opens a new connection to the same database; the caller closes it. */
    @FunctionalInterface
    interface ConnectionSource {
        DuckDBConnection open() throws SQLException;
    }

    private final DuckDBConnection connection;
    private final ConnectionSource scratch;
    private final ScheduledExecutorService scheduler;
    private volatile Statement running;

    DuckDbStatementRunner(DuckDBConnection connection, ConnectionSource scratch, ScheduledExecutorService scheduler) {
        this.connection = connection;
        this.scratch = scratch;
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code sql} and completes {@code sink} with its rows and tag.
     *
     * @param inTransaction whether the session has a DuckDB transaction open (decides where a lost
     *                      error is re-run)
     * @param cancelled     polled between rows and after failures
     */
    void run(String sql, StatementInfo info, ResultSink sink, PgColumnType.TextSettings settings, boolean inTransaction,
             BooleanSupplier cancelled) {
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(FETCH_SIZE);
            running = st;
            boolean hasResult;
            try {
                if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
                hasResult = st.execute(sql);
            } catch (SQLException e) {
                running = null;
                if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
                if (ErrorMapper.isLostError(e)) throw recoverLostError(sql, inTransaction, cancelled);
                throw ErrorMapper.map(e, sql);
            }
            if (!hasResult || info.resultIsStatus()) {
                sink.complete(info.tagForUpdate(hasResult ? -1 : st.getLargeUpdateCount()));
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                stream(rs, info, sink, settings, cancelled);
            }
        } catch (SQLException e) {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            throw ErrorMapper.map(e, sql);
        } finally {
            running = null;
        }
    }

    private void stream(ResultSet rs, StatementInfo info, ResultSink sink, PgColumnType.TextSettings settings,
                        BooleanSupplier cancelled) throws SQLException {
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
            types[i] = PgTypes.forDuckDbType(md.getColumnTypeName(i + 1));
            columns.add(types[i].column(md.getColumnLabel(i + 1)));
        }
        sink.describeColumns(columns);
        StringBuilder text = new StringBuilder(64);
        long rows = 0;
        try {
            while (rs.next()) {
                if (cancelled.getAsBoolean() || sink.isCancelled()) throw ErrorMapper.canceled();
                RowWriter row = sink.row();
                for (int i = 0; i < n; i++) {
                    Object value = types[i].read(rs, i + 1);
                    if (value == null) {
                        row.nul();
                    } else {
                        text.setLength(0);
                        types[i].appendText(text, value, settings);
                        row.text(text);
                    }
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
     * back: on the session's own connection when it has no transaction open (same temporary
     * objects and settings), else on a fresh connection, since the session's transaction is now
     * aborted. Only errors raised while executing are trusted; anything else means the re-run did
     * not reproduce the failure.
     */
    private PgException recoverLostError(String sql, boolean inTransaction, BooleanSupplier cancelled) {
        DuckDBConnection c = null;
        try {
            c = inTransaction ? scratch.open() : connection;
            try (Statement begin = c.createStatement()) {
                begin.execute("BEGIN TRANSACTION");
            }
            try (DuckDBPreparedStatement ps = c.prepare(sql)) {
                running = ps;
                try (DuckDBChunkedResult result = ps.query()) {
                    result.nextChunk();
                } catch (SQLException rerun) {
                    if (cancelled.getAsBoolean()) return ErrorMapper.canceled();
                    DuckDbError error = DuckDbError.parse(rerun.getMessage());
                    if (!CONTEXT_ERRORS.contains(error.kind())) return ErrorMapper.map(rerun, sql);
                    log.debug("re-run of a failed statement gave a different error: {}", rerun.getMessage());
                } finally {
                    running = null;
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
        } finally {
            if (inTransaction && c != null) closeQuietly(c);
        }
        if (cancelled.getAsBoolean()) return ErrorMapper.canceled();
        return new PgException(SqlState.INTERNAL_ERROR, "statement failed in DuckDB; the cause could not be determined")
                .withHint("DuckDB's JDBC driver drops errors raised before a result's first rows, and re-running the statement did not reproduce it.");
    }

    /** Runs a statement whose result does not matter (BEGIN TRANSACTION, a SET). */
    void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            running = st;
            st.execute(sql);
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        } finally {
            running = null;
        }
    }

    /** First column of the first row of a one-parameter query, or null. */
    String queryValue(String sql, String parameter) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        }
    }

    /** The first column of every row of a query, as text. */
    List<String> queryColumn(String sql) {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) values.add(rs.getString(1));
        } catch (SQLException e) {
            throw ErrorMapper.map(e, sql);
        }
        return values;
    }

    /**
     * Interrupts the statement running now, and keeps doing so while it runs: an interrupt that
     * arrives before DuckDB has started the query is forgotten by DuckDB.
     *
     * @param stillWanted false once the call that asked for the interrupt is over
     */
    void interrupt(BooleanSupplier stillWanted) {
        interruptOnce();
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        synchronized (self) {
            self[0] = scheduler.scheduleWithFixedDelay(() -> {
                if (!stillWanted.getAsBoolean()) {
                    synchronized (self) {
                        self[0].cancel(false);
                    }
                    return;
                }
                interruptOnce();
            }, REINTERRUPT_MILLIS, REINTERRUPT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void interruptOnce() {
        Statement s = running;
        if (s == null) return;
        try {
            s.cancel();
        } catch (SQLException | RuntimeException e) {
            log.debug("interrupting a DuckDB statement failed: {}", e.getMessage());
        }
    }

    private static void closeQuietly(DuckDBConnection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing a DuckDB connection failed: {}", e.getMessage());
        }
    }
}
