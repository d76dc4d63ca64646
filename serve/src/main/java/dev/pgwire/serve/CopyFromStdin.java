package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.ErrorField;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.server.spi.CopyIn;
import io.netty.buffer.ByteBuf;
import org.duckdb.DuckDBAppender;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The receiving end of {@code COPY table FROM STDIN}: reads the client's data as it arrives
 * (text, csv or binary), converts each field by PostgreSQL's input rules for its column
 * ({@link CopyColumn}) and streams the rows into DuckDB through its appender — or, for tables with
 * column types the appender cannot write, through a prepared INSERT — inside one transaction: its
 * own, or the session's block. Memory stays bounded whatever the size of the data: the readers hold
 * one unfinished row, the appender a chunk and DuckDB the chunks it inserts together
 * ({@link AppenderBatches}). A bad row fails the COPY with PostgreSQL's SQLSTATE
 * and a CONTEXT naming the line ({@code COPY t, line 3, column n: "x"}), and nothing of the COPY
 * is kept.
 */
final class CopyFromStdin implements CopyIn {

    /** What the COPY needs of its session. */
    interface Host {
        /** Runs one piece of the COPY as a call of the session (cancellable, errors mapped, the block failed on error). */
        void call(Runnable piece);

        /** The COPY has failed outside such a call (CopyFail, a cancel between messages): fail the block. */
        void failed();

        /** The COPY is complete: record it as a statement of the transaction. */
        void succeeded();

        /** Every row is in the table, before the COPY commits: its foreign keys are checked. */
        void rowsIn();

        void execute(String sql);

        CodecContext codecContext();
    }

    /**
     * A staging table the appender fills and {@code insert} moves into the target every
     * {@link #STAGED_ROWS} rows and at the end, so that DuckDB computes the defaults of the columns
     * left out row by row.
     */
    record Staging(String table, String insert, String clear, String drop) {}

    static final int STAGED_ROWS = 100_000;

    private final Host host;
    private final Staging staging;
    private long staged;
    private final CopyOptions options;
    private final String table;
    /** Per table column in order: where the data holds its value, or -1 for the column's default. */
    private final int[] dataIndex;
    /** The COPY's columns in the order the data holds them. */
    private final CopyColumn[] columns;
    private final boolean ownTransaction;
    private final CodecContext ctx;
    private final CopyTextReader text;
    private final CopyBinaryReader binary;
    private DuckDBAppender appender;
    /** Hands the appender's chunks to DuckDB many at a time; null without an appender. */
    private final AppenderBatches batches;
    /**
     * DuckDB's appender refuses calls from any thread but the one that made it; the server runs a
     * session's calls one at a time but on whichever worker thread is free, so each CopyData may
     * arrive on another thread. The confinement is lifted and every use is under this lock.
     */
    private final Lock appenderLock;
    private PreparedStatement insert;
    private final Object[] row;
    private boolean headerPending;
    private long rows;
    private long line;
    private boolean ended;
    private boolean failedInCall;

    CopyFromStdin(Host host, CopyOptions options, String table, List<ColumnInfo> tableColumns, List<CopyColumn> columns,
                  boolean ownTransaction, DuckDBAppender appender, PreparedStatement insert, Staging staging) {
        this.host = host;
        this.staging = staging;
        this.options = options;
        this.table = table;
        this.columns = columns.toArray(new CopyColumn[0]);
        this.dataIndex = new int[tableColumns.size()];
        java.util.Arrays.fill(dataIndex, -1);
        for (int i = 0; i < this.columns.length; i++) dataIndex[tableColumns.indexOf(this.columns[i].info)] = i;
        this.ownTransaction = ownTransaction;
        this.appender = appender;
        this.batches = appender != null ? new AppenderBatches(appender) : null;
        if (appender != null) for (CopyColumn c : this.columns) c.appending();
        this.appenderLock = appender != null ? appender.unsafeBreakThreadConfinement() : new ReentrantLock();
        this.insert = insert;
        this.appendsFields = appendsFields();
        this.ctx = host.codecContext();
        this.row = new Object[this.columns.length];
        this.headerPending = options.header != CopyOptions.Header.NONE;
        if (options.format == CopyOptions.Format.BINARY) {
            this.text = null;
            this.binary = new CopyBinaryReader();
        } else {
            boolean[] forceNotNull = flags(options.forceNotNull);
            boolean[] forceNull = flags(options.forceNull);
            this.text = new CopyTextReader(options, forceNotNull, forceNull);
            this.binary = null;
        }
    }

    private boolean[] flags(List<String> names) {
        if (names.isEmpty()) return null;
        boolean[] f = new boolean[columns.length];
        for (String n : names) {
            int i = indexOf(n);
            if (i < 0) {
                throw new PgException("42P10", "FORCE_NOT_NULL column \"" + n
                        + "\" not referenced by COPY");
            }
            f[i] = true;
        }
        return f;
    }

    private int indexOf(String name) {
        for (int i = 0; i < columns.length; i++) if (columns[i].info.name().equals(name)) return i;
        return -1;
    }

    @Override
    public void data(byte[] data) {
        run(() -> {
            if (text != null) text.feed(data, this::record); else binary.feed(data, tuples);
        });
    }

    @Override
    public String done() {
        run(() -> {
            if (text != null) text.finish(this::record); else binary.finish();
            try {
                if (appender != null) {
                    batches.flush();
                    appender.close();
                    appender = null;
                }
                if (staging != null) {
                    host.execute(staging.insert());
                    host.execute(staging.drop());
                }
                if (insert != null) {
                    insert.close();
                    insert = null;
                }
            } catch (SQLException e) {
                throw withContext(mapped(e), null);
            }
            host.rowsIn();
            if (ownTransaction) host.execute("COMMIT");
            host.succeeded();
        });
        ended = true;
        return "COPY " + rows;
    }

    @Override
    public void fail(Exception reason) {
        if (ended) return;
        ended = true;
        appenderLock.lock();
        try {
            closeQuietly();
        } finally {
            appenderLock.unlock();
        }
        if (ownTransaction) {
            try {
                host.execute("ROLLBACK");
            } catch (PgException e) {
                // the transaction may already be gone with the error
            }
        } else if (!failedInCall) {
            host.failed();
        }
    }

    private void run(Runnable piece) {
        appenderLock.lock();
        try {
            host.call(piece);
        } catch (RuntimeException e) {
            failedInCall = true;
            throw e;
        } finally {
            appenderLock.unlock();
        }
    }

    private void closeQuietly() {
        try {
            if (appender != null) appender.close();
        } catch (SQLException | RuntimeException e) {
            // a failed flush leaves nothing to keep: the transaction is rolled back
        }
        appender = null;
        try {
            if (insert != null) insert.close();
        } catch (SQLException e) {
            // as above
        }
        insert = null;
    }

    // ---- text and csv

    private void record(String[] fields, int count, long lineNo, CopyTextReader.RawLine raw) {
        line = lineNo;
        if (headerPending) {
            headerPending = false;
            if (options.header == CopyOptions.Header.MATCH) matchHeader(fields, count, raw);
            return;
        }
        int n = columns.length;
        // PostgreSQL's order (NextCopyFrom): extra data first, then column by column, missing data or conversion
        if (count > n && !(n == 0 && count == 1 && fields[0] != null && fields[0].isEmpty())) {
            throw withContext(new PgException(CopyTextReader.BAD_COPY_FILE_FORMAT, "extra data after last expected column"),
                    "line " + lineNo + ": \"" + raw.text() + "\"");
        }
        for (int i = 0; i < n; i++) {
            if (i >= count) {
                throw withContext(new PgException(CopyTextReader.BAD_COPY_FILE_FORMAT, "missing data for column \""
                        + columns[i].info.name() + "\""), "line " + lineNo + ": \"" + raw.text() + "\"");
            }
            try {
                Object v = columns[i].fromText(fields[i], ctx);
                columns[i].checkNotNull(v, row, columns);
                row[i] = v;
            } catch (PgException e) {
                String field = fields[i] == null ? "null input" : "\"" + fields[i] + "\"";
                throw withContext(e, "line " + lineNo + ", column " + columns[i].info.name() + ": " + field);
            }
        }
        writeRow();
    }

    private void matchHeader(String[] fields, int count, CopyTextReader.RawLine raw) {
        if (count != columns.length) {
            throw withContext(new PgException(CopyTextReader.BAD_COPY_FILE_FORMAT, "wrong number of fields in header line: got "
                    + count + ", expected " + columns.length), "line " + line + ": \"" + raw.text() + "\"");
        }
        for (int i = 0; i < count; i++) {
            String got = fields[i];
            String expected = columns[i].info.name();
            if (got == null) {
                throw withContext(new PgException(CopyTextReader.BAD_COPY_FILE_FORMAT, "column name mismatch in header line field "
                        + (i + 1) + ": got null value (\"" + options.nullString + "\"), expected \"" + expected + "\""), "line " + line);
            }
            if (!got.equals(expected)) {
                throw withContext(new PgException(CopyTextReader.BAD_COPY_FILE_FORMAT, "column name mismatch in header line field "
                        + (i + 1) + ": got \"" + got + "\", expected \"" + expected + "\""), "line " + line);
            }
        }
    }

    // ---- binary

    /**
     * Binary tuples whose fields are the table's columns in order (no defaults to fill in) go to
     * the appender field by field as they are read ({@link CopyColumn#appendBinary}), without a
     * row of values in between; a field that fails fails the COPY, whose appender and transaction
     * are then dropped, so the unfinished row never counts.
     */
    private final boolean appendsFields;

    private boolean appendsFields() {
        if (appender == null) return false;
        if (dataIndex.length != columns.length) return false;
        for (int i = 0; i < dataIndex.length; i++) if (dataIndex[i] != i) return false;
        return true;
    }

    private final CopyBinaryReader.Tuples tuples = new CopyBinaryReader.Tuples() {
        @Override
        public void begin(int fields, long tuple) {
            line = tuple;
            if (fields != columns.length) {
                throw withContext(new PgException(CopyTextReader.BAD_COPY_FILE_FORMAT, "row field count is " + fields
                        + ", expected " + columns.length), "line " + tuple);
            }
            if (appendsFields) {
                try {
                    appender.beginRow();
                } catch (SQLException e) {
                    throw withContext(mapped(e), null);
                }
            }
        }

        @Override
        public void field(int column, ByteBuf in, int length) {
            CopyColumn c = columns[column];
            try {
                if (appendsFields) {
                    if (length >= 0 && c.appendBinary(appender, in, length)) return;
                    Object v = c.fromBinary(in, length, ctx);
                    c.checkNotNull(v, row, columns);
                    c.append(appender, v);
                    return;
                }
                Object v = c.fromBinary(in, length, ctx);
                c.checkNotNull(v, row, columns);
                row[column] = v;
            } catch (PgException e) {
                throw withContext(e, "line " + line + ", column " + c.info.name());
            } catch (SQLException e) {
                throw withContext(mapped(e), null);
            }
        }

        @Override
        public void end() {
            if (!appendsFields) {
                writeRow();
                return;
            }
            try {
                appender.endRow();
                rowAppended();
            } catch (SQLException e) {
                throw withContext(mapped(e), null);
            }
            rows++;
        }
    };

    // ---- DuckDB

    private void writeRow() {
        try {
            if (appender != null) {
                DuckDBAppender a = appender;
                a.beginRow();
                for (int k : dataIndex) {
                    if (k < 0) a.appendDefault(); else columns[k].append(a, row[k]);
                }
                a.endRow();
                rowAppended();
            } else {
                int[] oids = new int[columns.length];
                String[] duckTypes = new String[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    oids[i] = columns[i].oid;
                    duckTypes[i] = columns[i].info.duckDbType();
                }
                new ParameterBinder(row.clone(), oids, duckTypes).bind(insert);
                insert.execute();
            }
        } catch (SQLException e) {
            throw withContext(mapped(e), appender != null ? null : "line " + line);
        }
        rows++;
    }

    /** A row is in the appender: a full chunk goes to DuckDB, a full staging table moves into the target. */
    private void rowAppended() throws SQLException {
        batches.rowEnded();
        if (staging != null && ++staged == STAGED_ROWS) {
            staged = 0;
            batches.flush();
            host.execute(staging.insert());
            host.execute(staging.clear());
        }
    }

    /**
     * A DuckDB error of the COPY as PostgreSQL's: the appender's errors come as
     * {@code Failed to append: {"exception_type":"Constraint",…}}, DuckDB's error behind a prefix of
     * the appender's own, which hid the error's kind (a duplicate key was XX000, not 23505).
     */
    private static PgException mapped(SQLException e) {
        String message = e.getMessage();
        String prefix = "Failed to append: ";
        if (message != null && message.startsWith(prefix + "{")) {
            e = new SQLException(message.substring(prefix.length()), e.getSQLState(), e);
        }
        return ErrorMapper.map(e, (String) null);
    }

    /** Adds PostgreSQL's CONTEXT line: {@code COPY t, <where>}. */
    private PgException withContext(PgException e, String where) {
        String context = "COPY " + table + (where == null ? "" : ", " + where);
        String existing = e.fields().get(ErrorField.WHERE);
        return e.with(ErrorField.WHERE, existing == null ? context : existing + "\n" + context);
    }
}
