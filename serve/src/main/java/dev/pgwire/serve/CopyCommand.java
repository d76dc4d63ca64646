package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.BooleanSupplier;

/**
 * {@code COPY table [(columns)] FROM STDIN} and {@code COPY table [(columns)] | (query) TO STDOUT},
 * read from PostgreSQL's parse tree (CopyStmt): options as PostgreSQL checks them, the relation
 * and columns resolved as the session sees them, then the COPY handed to the server's COPY
 * protocol — {@link CopyFromStdin} for data coming in, {@link CopyToStdout} for data going out.
 */
final class CopyCommand {
    private final DuckDbSession session;
    private final DuckDbStatementRunner runner;

    CopyCommand(DuckDbSession session, DuckDbStatementRunner runner) {
        this.session = session;
        this.runner = runner;
    }

    void run(Translation t, ResultSink sink, long call) {
        Node stmt = t.tree();
        boolean from = stmt.bool("is_from");
        CopyOptions options = CopyOptions.of(stmt.list("options"), from);
        if (from) {
            copyFrom(t, stmt, options, sink);
        } else {
            copyTo(t, stmt, options, sink, call);
        }
    }

    private Relation relation(Node rel) {
        String schema = rel.str("schemaname").isEmpty() ? null : rel.str("schemaname");
        Relation r = session.catalogView().relation(schema, rel.str("relname"));
        if (r == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + (schema == null ? "" : schema + ".")
                    + rel.str("relname") + "\" does not exist");
        }
        return r;
    }

    /** The columns COPY moves: those named, else every column but the generated ones (which COPY never moves, as in PostgreSQL). */
    private static List<ColumnInfo> columns(Node stmt, Relation r) {
        if (!stmt.has("attlist")) return r.columns().stream().filter(c -> !c.generated()).toList();
        List<ColumnInfo> out = new ArrayList<>();
        for (Node n : stmt.list("attlist")) {
            String name = n.str("sval");
            ColumnInfo c = r.column(name);
            if (c == null) {
                throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + r.name() + "\" does not exist");
            }
            if (c.generated()) {
                throw new PgException("42P10", "column \"" + name + "\" is a generated column")
                        .withDetail("Generated columns cannot be used in COPY.");
            }
            if (out.contains(c)) throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
            out.add(c);
        }
        return out;
    }

    private void copyFrom(Translation t, Node stmt, CopyOptions options, ResultSink sink) {
        if (stmt.node("whereClause") != null) {
            // refused before any data comes, rather than every row loaded whatever the condition
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM with WHERE is not supported")
                    .withHint("Load the rows into a temporary table, then INSERT … SELECT … WHERE.");
        }
        Relation r = relation(stmt.node("relation"));
        if (r.view()) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot copy to view \"" + r.name() + "\"")
                    .withHint("To enable copying to a view, provide an INSTEAD OF INSERT trigger.");
        }
        if (r.meta().matView() != null) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot copy to materialized view \"" + r.name() + "\"");
        }
        if ("on".equals(session.setting(session.transactions().inDuckDbTransaction() ? "transaction_read_only" : "default_transaction_read_only"))) {
            throw new PgException("25006", "cannot execute COPY FROM in a read-only transaction");
        }
        List<ColumnInfo> infos = columns(stmt, r);
        List<CopyColumn> columns = new ArrayList<>();
        boolean appendable = true;
        for (ColumnInfo c : infos) {
            CopyColumn col = new CopyColumn(c, r.name());
            columns.add(col);
            appendable &= col.kind != CopyColumn.Kind.OTHER;
        }
        boolean temp = r.schema().equals("pg_temp");
        session.openPortal().detach();
        session.transactions().beginImplicitTransactionIfNeeded();
        boolean own = !session.transactions().inDuckDbTransaction();
        if (own) session.transactions().beginFreshTransaction();
        DuckDBAppender appender = null;
        PreparedStatement insert = null;
        CopyFromStdin.Staging staging = null;
        try {
            DuckDBConnection c = runner.connection();
            if (appendable && leavesOutVolatileDefault(r, infos)) {
                // DuckDB's appender computes a column's default once per chunk, so a serial column
                // left out would repeat one value: rows go through a staging table and INSERT … SELECT
                staging = staging(r, infos, temp);
                appender = c.createAppender("temp", "main", staging.table());
            } else if (appendable) {
                try {
                    appender = temp ? c.createAppender("temp", "main", r.name()) : c.createAppender(r.schema(), r.name());
                } catch (SQLException e) {
                    appender = null; // a column type the appender cannot write: the INSERT path takes it
                }
            }
            if (appender == null) insert = c.prepareStatement(insertSql(r, infos, temp));
        } catch (SQLException e) {
            if (own) runner.execute("ROLLBACK");
            throw ErrorMapper.map(e, (String) null);
        } catch (RuntimeException e) {
            if (own) runner.execute("ROLLBACK");
            throw e;
        }
        // DuckDB's appender takes the table's columns but its generated ones
        List<ColumnInfo> appended = r.columns().stream().filter(c -> !c.generated()).toList();
        CopyFromStdin receiver = new CopyFromStdin(host(t), options, r.name(), staging != null ? infos : appended,
                columns, own, appender, insert, staging);
        sink.copyIn(options.format == CopyOptions.Format.BINARY, columns.size(), receiver);
    }

    private static boolean leavesOutVolatileDefault(Relation r, List<ColumnInfo> copied) {
        for (ColumnInfo c : r.columns()) {
            if (!copied.contains(c) && (c.sequence() != null || c.volatileDefault())) return true;
        }
        return false;
    }

    private CopyFromStdin.Staging staging(Relation r, List<ColumnInfo> infos, boolean temp) {
        String name = "pgwire_copy_" + Long.toHexString(System.nanoTime());
        StringJoiner defs = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (ColumnInfo c : infos) {
            defs.add(SqlNames.quote(c.name()) + " " + c.duckDbType());
            names.add(SqlNames.quote(c.name()));
        }
        String stagingTable = "temp.main." + SqlNames.quote(name);
        runner.execute("CREATE TEMPORARY TABLE " + SqlNames.quote(name) + " (" + defs + ")");
        String target = SqlNames.table(r.schema(), r.name());
        // the serial columns left out draw as an INSERT's would, seen by the session (lastval and currval answer them)
        StringJoiner drawn = new StringJoiner(", ");
        StringJoiner drawnNames = new StringJoiner(", ");
        for (ColumnInfo c : r.columns()) {
            if (infos.contains(c) || c.sequence() == null || c.defaultExpr() == null || temp) continue;
            String[] sequence = SqlNames.sequence(r.schema(), c.sequence());
            String key = SqlNames.quote(sequence[0]) + "." + SqlNames.quote(sequence[1]);
            drawn.add("pgwire_nextval_seen(" + session.processId() + ", " + SqlNames.literal(key) + ", " + c.defaultExpr() + ")");
            drawnNames.add(SqlNames.quote(c.name()));
        }
        String columns = drawn.length() == 0 ? names.toString() : names + ", " + drawnNames;
        String values = drawn.length() == 0 ? names.toString() : names + ", " + drawn;
        return new CopyFromStdin.Staging(name, "INSERT INTO " + target + " (" + columns + ") SELECT " + values + " FROM " + stagingTable,
                "DELETE FROM " + stagingTable, "DROP TABLE IF EXISTS " + stagingTable);
    }

    private static String insertSql(Relation r, List<ColumnInfo> columns, boolean temp) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (ColumnInfo c : columns) {
            names.add(SqlNames.quote(c.name()));
            values.add("?");
        }
        String table = SqlNames.table(r.schema(), r.name());
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")";
    }

    private CopyFromStdin.Host host(Translation t) {
        return new CopyFromStdin.Host() {
            @Override
            public void call(Runnable piece) {
                session.call(t.info(), call -> {
                    piece.run();
                    return null;
                });
            }

            @Override
            public void failed() {
                session.copyFailed();
            }

            @Override
            public void succeeded() {
                session.transactions().succeeded(t, null);
            }

            @Override
            public void rowsIn() {
                session.execution().foreignKeysAfter(t);
            }

            @Override
            public void execute(String sql) {
                runner.execute(sql);
            }

            @Override
            public CodecContext codecContext() {
                return session.codecContext();
            }
        };
    }

    private void copyTo(Translation t, Node stmt, CopyOptions options, ResultSink sink, long call) {
        Translation query;
        if (stmt.has("relation")) {
            Node rel = stmt.node("relation");
            Relation r = relation(rel);
            if (r.view() || r.meta().matView() != null) {
                throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot copy from " + (r.view() ? "" : "materialized ")
                        + "view \"" + r.name() + "\"").withHint("Try the COPY (SELECT ...) TO variant.");
            }
            StringJoiner names = new StringJoiner(", ");
            for (ColumnInfo c : columns(stmt, r)) names.add(SqlNames.quote(c.name()));
            String name = (rel.str("schemaname").isEmpty() ? "" : SqlNames.quote(rel.str("schemaname")) + ".")
                    + SqlNames.quote(rel.str("relname"));
            query = session.translate("SELECT " + names + " FROM " + name);
        } else {
            query = session.translateTree(stmt.node("query"), t.source());
        }
        if (query.duckDbSql() == null || query.answeredByServe()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY (" + query.info().main() + ") TO is not supported");
        }
        if (session.execution().changesKeyedTables(query)) { // its rows go out before the keys could be checked
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY (query) TO of a query that changes tables with foreign keys is not supported")
                    .withHint("Run the statement as a query (SELECT, or INSERT/UPDATE/DELETE … RETURNING) instead.");
        }
        CopyToStdout out = new CopyToStdout(sink, options, session.codecContext());
        session.transactions().beginImplicitTransactionIfNeeded();
        copyRows(query, out, session.codecContext(), session.transactions().inDuckDbTransaction(), session.cancelled(call));
    }

    /**
     * The COPY through {@link CopyVectors} when it takes the query's columns (types known from the
     * prepared statement, before it runs); false, with nothing run or sent, when the general path
     * must do it — also when DuckDB lost the query's error, which that path recovers.
     */
    private boolean copyVectors(PreparedStatement ps, Translation query, CopyToStdout out, CodecContext ctx,
                                BooleanSupplier cancelled) throws SQLException {
        if (!CopyVectors.available() || !(ps instanceof DuckDBPreparedStatement duck)) return false;
        ResultSetMetaData md = ps.getMetaData();
        int n = md == null ? 0 : md.getColumnCount();
        if (n == 0) return false;
        PgColumnType[] types = new PgColumnType[n];
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            types[i] = runner.columnType(md.getColumnTypeName(i + 1), query, i);
            columns.add(types[i].column(md.getColumnLabel(i + 1)));
        }
        CopyVectors.Kind[] kinds = CopyVectors.kinds(types, out.options());
        if (kinds == null) return false;
        runner.streaming(ps);
        DuckDBChunkedResult result;
        try {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            result = duck.query();
        } catch (SQLException e) {
            runner.streaming(null);
            if (ErrorMapper.isLostError(e) && !cancelled.getAsBoolean()) return false;
            throw e;
        }
        try (result) {
            out.describeColumns(columns);
            CopyVectors.copy(result, kinds, types, out, ctx, cancelled);
        }
        out.complete("");
        return true;
    }

    /**
     * Runs the query of a COPY TO and hands its rows to {@code out} as the type registry's values
     * ({@link PgColumnType#write}), not as text: binary COPY writes each value's binary form
     * directly, text and csv render it as the statement runner renders rows. The query goes through
     * the runner's prepared-statement path, the one portals use (a lost error recovered, a cancel
     * interrupting it).
     */
    private void copyRows(Translation query, CopyToStdout out, CodecContext ctx, boolean inTransaction,
                          BooleanSupplier cancelled) {
        PreparedStatement ps = runner.prepare(query);
        try {
            if (copyVectors(ps, query, out, ctx, cancelled)) return;
            if (!runner.executePrepared(ps, query, p -> { }, inTransaction, cancelled)) {
                out.complete("");
                return;
            }
            runner.streaming(ps);
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                PgColumnType[] types = new PgColumnType[n];
                List<Column> columns = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    types[i] = runner.columnType(md.getColumnTypeName(i + 1), query, i);
                    columns.add(types[i].column(md.getColumnLabel(i + 1)));
                }
                if (n > 0) out.describeColumns(columns);
                while (n > 0 && rs.next()) {
                    if (cancelled.getAsBoolean() || out.isCancelled()) throw ErrorMapper.canceled();
                    RowWriter row = out.row();
                    for (int i = 0; i < n; i++) types[i].write(row, types[i].read(rs, i + 1), ctx);
                    row.end();
                }
            }
            out.complete("");
        } catch (SQLException e) {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            throw ErrorMapper.map(e, query);
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            if (cancelled.getAsBoolean()) throw ErrorMapper.canceled();
            // the driver converts whole chunks to Java objects and fails on values java.time lacks
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "value out of range: " + e.getMessage(), e);
        } finally {
            runner.streaming(null);
            try {
                ps.close();
            } catch (SQLException e) {
                // the result is read or abandoned either way
            }
        }
    }
}
