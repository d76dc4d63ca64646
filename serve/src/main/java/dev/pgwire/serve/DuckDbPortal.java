package dev.pgwire.serve;

import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBPreparedStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A bound DuckDB prepared statement (a portal). The first Execute runs it; rows stream from
 * DuckDB's result, and Execute with a row limit stops after that many rows with the result kept
 * open, so the next Execute continues where it stopped (PortalSuspended in between).
 *
 * <p>A suspended portal holds no rows: each Execute reads on from DuckDB's open result (from its
 * vectors, {@link ResultVectors}, where the column types allow). But DuckDB refuses to start
 * anything on a connection while a streamed result is open, where PostgreSQL lets portals and
 * other statements interleave freely. When something else is about to run on the session, a
 * suspended portal therefore reads its remaining rows into {@link HeldRows} ({@link #detach}) —
 * at most {@link HeldRows#MEMORY_ROWS} in memory, the rest in a temporary file — and serves later
 * Executes from there.
 */
final class DuckDbPortal implements Portal {
    private final DuckDbSession session;
    private final PreparedDuckDbStatement statement;
    private final ParameterBinder parameters;

    private boolean started;
    /** The DuckDB statement and its open result while rows are streamed from DuckDB. */
    private java.sql.PreparedStatement running;
    /** Whether this run's INSERT has its sequence values written in, on a DuckDB statement of its own. */
    private boolean pinned;
    private ResultSet result;
    /** The result read from DuckDB's vectors instead ({@link ResultVectors}), when its columns allow. */
    private ResultVectors vectorRows;
    /** The rows left when the result had to be let go: a bounded number in memory, the rest in a file. */
    private HeldRows held;
    /** An error met while reading ahead, reported by the next Execute. */
    private PgException pendingError;
    /** The tag of a statement that returns no rows, once run. */
    private String tag;
    private long rowsSent;
    /** The result's columns: the statement's, or — when DuckDB decides them at binding — the result's own. */
    private List<Column> columns;
    private PgColumnType[] types;

    DuckDbPortal(DuckDbSession session, PreparedDuckDbStatement statement, ParameterBinder parameters) {
        this.session = session;
        this.statement = statement;
        this.parameters = parameters;
    }

    @Override
    public List<Column> columns() {
        if (statement.columnsKnown()) return statement.columns();
        if (!started) session.call(statement.info(), call -> {
            start(call);
            return null;
        });
        return columns;
    }

    @Override
    public boolean execute(int maxRows, ResultSink sink) {
        StatementInfo info = statement.info();
        return session.call(info, sink, call -> {
            try {
                if (!started) start(call);
                if (tag != null) {
                    sink.complete(tag);
                    finish();
                    session.afterPortalStatement(info);
                    return false;
                }
                int sent = stream(maxRows, sink, session.cancelled(call));
                if (sent < 0) return true;
                finish();
                // as PostgreSQL: a SELECT's tag counts the rows of this Execute, DML RETURNING all of them
                sink.complete(info.tagForRows(info.main().equals("SELECT") ? sent : rowsSent));
                session.afterPortalStatement(info);
                return false;
            } catch (RuntimeException e) {
                finish();
                throw e;
            }
        });
    }

    /** Binds the parameters and runs the statement on DuckDB (at the first Execute, or at Bind). */
    void start(long call) {
        started = true;
        boolean first = session.transactions().beginFirstStatement();
        // in a transaction block, an INSERT drawing from sequences runs with the values written in (Savepoints.pinned)
        Translation t = session.transactions().pinnedInBlock(statement.translation(), parameters);
        pinned = t != statement.translation();
        session.execution().lockRows(t, parameters);
        java.sql.PreparedStatement ps = borrow(t);
        running = ps;
        CopyVectors.Kind[] kinds = vectorKinds();
        try {
            parameters.bind(ps);
            // the first statement of its transaction runs again on a write-write conflict (ConflictRetry)
            boolean[] executed = new boolean[1];
            DuckDBChunkedResult[] chunked = new DuckDBChunkedResult[1];
            ConflictRetry.Attempt attempt = sink -> {
                try {
                    if (running.isClosed()) { // DuckDB closes a statement whose transaction failed
                        release(running);
                        running = borrow(t);
                        parameters.bind(running);
                    }
                } catch (SQLException e) {
                    throw ErrorMapper.map(e, statement.translation());
                }
                session.execution().touchRows(t, parameters::bind);
                if (kinds != null && running instanceof DuckDBPreparedStatement duck) {
                    chunked[0] = session.runner().queryPrepared(duck, t,
                            parameters::bind, session.transactions().inDuckDbTransaction(), session.cancelled(call));
                    executed[0] = true;
                    return;
                }
                executed[0] = session.runner().executePrepared(running, t,
                        parameters::bind, session.transactions().inDuckDbTransaction(), session.cancelled(call));
            };
            if (first) {
                ConflictRetry.retrying(attempt, session.transactions()::restartImplicitTransaction, session.cancelled(call));
            } else {
                attempt.run(null);
            }
            boolean hasResult = executed[0];
            long counted = -1;
            if (hasResult && chunked[0] == null && DataChangeCount.applies(t)) { // DuckDB's one-row count: PostgreSQL sends only the tag
                try (ResultSet c = running.getResultSet()) {
                    counted = DataChangeCount.read(c);
                }
                hasResult = false;
            }
            if (chunked[0] != null) vectorRows = new ResultVectors(chunked[0], kinds, statement.columnTypes());
            ResultSet rs = hasResult && vectorRows == null ? running.getResultSet() : null;
            if (statement.columnsKnown() && statement.predicted()) {
                if (rs != null) {
                    describe(rs.getMetaData());
                    try {
                        checkDescribed();
                    } catch (PgException mismatch) {
                        // the result is let go before the statement is kept for another Bind (an open one blocks the session)
                        try {
                            rs.close();
                        } catch (SQLException ignored) {
                            // the mismatch is what the client hears
                        }
                        throw mismatch;
                    }
                }
                columns = statement.columns();
            } else if (statement.columnsKnown()) {
                columns = statement.columns();
                types = statement.columnTypes();
            } else if (rs != null) {
                describe(rs.getMetaData());
            }
            session.transactions().succeeded(t, parameters);
            if (columns == null) {
                // a result PostgreSQL answers with the tag alone (a RESTART's setval) is read through: closed unread it would abort DuckDB's transaction
                while (rs != null && rs.next()) {
                    // nothing to keep
                }
                tag = statement.info().tagForUpdate(hasResult ? -1 : counted >= 0 ? counted : running.getLargeUpdateCount());
                finish();
            } else {
                result = rs;
                session.openPortal().opened(this);
            }
            // foreign keys serve enforces (a RETURNING result is read into memory first)
            session.execution().foreignKeysAfter(t, parameters);
        } catch (SQLException e) {
            finish();
            throw session.execution().constraintError(ErrorMapper.map(e, statement.translation()), statement.translation());
        } catch (PgException e) {
            finish();
            throw session.execution().constraintError(e, statement.translation());
        } catch (RuntimeException e) {
            finish();
            throw e;
        }
    }

    /**
     * The kinds of the columns when the result can be read from DuckDB's vectors: a SELECT whose
     * columns are known before it runs, all of types {@link ResultVectors} writes; else null.
     */
    private CopyVectors.Kind[] vectorKinds() {
        if (pinned || !statement.columnsKnown() || statement.predicted() || !"SELECT".equals(statement.info().main())) return null;
        PgColumnType[] known = statement.columnTypes();
        return known == null ? null : CopyVectors.kinds(known);
    }

    /**
     * The columns DuckDB gives are of the types the statement described from its translation
     * (clients decode the rows by that description); a column of another type is an error, never
     * rows in a format the client does not expect.
     */
    private void checkDescribed() {
        PgColumnType[] described = statement.columnTypes();
        for (int i = 0; i < described.length; i++) {
            if (i >= types.length || types[i].pgType.oid() != described[i].pgType.oid()) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "result column " + (i + 1) + " is not of the type described for it ("
                        + described[i].pgType.name() + ") once the parameters are bound");
            }
        }
    }

    private void describe(java.sql.ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        if (n == 0) return;
        types = new PgColumnType[n];
        List<Column> cols = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            types[i] = session.runner().columnType(md.getColumnTypeName(i + 1), statement.translation(), i);
            cols.add(session.runner().describe(types[i], md.getColumnLabel(i + 1), statement.translation(), i));
        }
        columns = List.copyOf(cols);
    }

    /** Writes rows until the limit or the end: how many, or -1 when it stopped at the limit. */
    private int stream(int maxRows, ResultSink sink, BooleanSupplier cancelled) {
        CodecContext ctx = session.codecContext();
        int sent = 0;
        session.runner().streaming(running);
        try {
            if (held != null) {
                while (true) {
                    if (maxRows > 0 && sent == maxRows) return -1;
                    if (held.isEmpty()) {
                        if (pendingError != null) throw pendingError;
                        break;
                    }
                    if (cancelled.getAsBoolean() || sink.isCancelled()) throw ErrorMapper.canceled();
                    RowWriter w = sink.row();
                    held.writeNext(w, ctx);
                    w.end();
                    sent++;
                    rowsSent++;
                }
                return sent;
            }
            if (vectorRows != null) {
                boolean plainFloats = ctx.extraFloatDigits() > 0;
                while (true) {
                    if (maxRows > 0 && sent == maxRows) return -1;
                    if (!vectorRows.hasRow()) break;
                    if (cancelled.getAsBoolean() || sink.isCancelled()) throw ErrorMapper.canceled();
                    RowWriter w = sink.row();
                    vectorRows.writeRow(w, ctx, plainFloats);
                    w.end();
                    sent++;
                    rowsSent++;
                }
                return sent;
            }
            while (true) {
                if (maxRows > 0 && sent == maxRows) return -1;
                Object[] row = nextRow(types);
                if (row == null) break;
                if (cancelled.getAsBoolean() || sink.isCancelled()) throw ErrorMapper.canceled();
                RowWriter w = sink.row();
                for (int i = 0; i < types.length; i++) types[i].write(w, row[i], ctx);
                w.end();
                sent++;
                rowsSent++;
            }
        } catch (SQLException e) {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            throw ErrorMapper.map(e, statement.translation());
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            // the driver converts whole chunks to Java objects and fails on values java.time lacks
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "value out of range: " + e.getMessage(), e);
        } finally {
            session.runner().streaming(null);
        }
        return sent;
    }

    private Object[] nextRow(PgColumnType[] types) throws SQLException {
        if (result == null || !result.next()) return null;
        return read(result, types);
    }

    private static Object[] read(ResultSet rs, PgColumnType[] types) throws SQLException {
        Object[] row = new Object[types.length];
        for (int i = 0; i < types.length; i++) row[i] = types[i].read(rs, i + 1);
        return row;
    }

    /**
     * Reads the rest of the result into {@link HeldRows} (a bounded number of rows in memory, the
     * rest in a temporary file) and frees the connection for another statement. An error while
     * reading is kept for the Execute that reaches it.
     */
    void detach() {
        if (result == null && vectorRows == null) return;
        held = new HeldRows(types);
        CodecContext ctx = session.codecContext();
        try {
            if (vectorRows != null) {
                while (vectorRows.hasRow()) held.add(vectorRows.readRow(), ctx);
            } else {
                while (result.next()) held.add(read(result, types), ctx);
            }
        } catch (SQLException e) {
            pendingError = ErrorMapper.map(e, statement.translation());
        } catch (java.io.IOException e) {
            pendingError = new PgException(SqlState.IO_ERROR, "could not keep the rows of a suspended portal: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pendingError = e instanceof PgException pg ? pg
                    : new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "value out of range: " + e.getMessage(), e);
        }
        releaseStatement();
    }

    /** The portal's transaction ended before it was finished (PostgreSQL drops such portals). */
    void abandon() {
        if (result == null && vectorRows == null) return;
        pendingError = new PgException(SqlState.INVALID_CURSOR_NAME, "portal was closed at the end of its transaction");
        if (held != null) held.close();
        held = new HeldRows(types);
        releaseStatement();
    }

    /** Lets go of DuckDB's result and statement. */
    private void finish() {
        session.openPortal().closed(this);
        releaseStatement();
        if (held != null) held.close();
    }

    /** The rows kept after the result was let go, or null while the portal reads from DuckDB. */
    HeldRows heldRows() {
        return held;
    }

    /** The statement's DuckDB statement, or one of its own for a pinned INSERT (closed after use). */
    private java.sql.PreparedStatement borrow(Translation t) {
        if (!pinned) return statement.borrow();
        session.openPortal().detach();
        return session.runner().prepare(t);
    }

    private void release(java.sql.PreparedStatement ps) {
        if (!pinned) {
            statement.release(ps);
            return;
        }
        try {
            ps.close();
        } catch (SQLException e) {
            // closing is all that is left to do with it
        }
    }

    private void releaseStatement() {
        if (vectorRows != null) {
            try {
                vectorRows.close();
            } catch (SQLException e) {
                // the statement is released below; closing it ends the result too
            }
            vectorRows = null;
        }
        if (result != null) {
            try {
                result.close();
            } catch (SQLException e) {
                // the statement is released below; closing it ends the result too
            }
            result = null;
        }
        if (running != null) {
            release(running);
            running = null;
        }
    }

    @Override
    public void close() {
        finish();
        held = null;
    }
}
