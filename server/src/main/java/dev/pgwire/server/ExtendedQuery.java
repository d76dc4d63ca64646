package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.BindComplete;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CloseComplete;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.NoData;
import dev.pgwire.protocol.message.ParameterDescription;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.ParseComplete;
import dev.pgwire.protocol.message.PortalSuspended;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.TransactionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol of one session (protocol section 55.2.3): named and unnamed
 * prepared statements and portals with PostgreSQL's lifetimes, Describe, Execute with row limits.
 * Errors propagate as {@link PgException} to the {@link SessionMachine}, which sends ErrorResponse
 * and skips to Sync.
 */
final class ExtendedQuery {
    private static final Logger log = LoggerFactory.getLogger(ExtendedQuery.class);
    /** Parameter and column counts travel as unsigned 16-bit integers. */
    static final int MAX_COUNT = 65_535;

    private final SessionMachine machine;
    private final SessionOutput out;
    private final Map<String, StatementEntry> statements = new HashMap<>();
    /** The unnamed portal, kept apart from the named ones: most drivers use only it. */
    private PortalState unnamedPortal;
    private final Map<String, PortalState> portals = new HashMap<>();
    /** The last RowDescription sent, reused while the same columns are described the same way. */
    private List<Column> describedColumns;
    private short[] describedFormats;
    private RowDescription description;
    /** An implicit transaction opened for this batch (reset at Sync). */
    private boolean implicitOpen;
    private boolean batchFailed;

    ExtendedQuery(SessionMachine machine, SessionOutput out) {
        this.machine = machine;
        this.out = out;
    }

    /** A prepared statement and the bytes it holds in the session's memory (its text). */
    private record StatementEntry(PreparedStatement statement, long bytes) {}

    /** A bound portal and what the server needs to send its rows. */
    private static final class PortalState {
        final Portal portal;
        final short[] resultFormats;
        /** Bytes held in the session's memory: the parameter values. */
        final long bytes;
        List<Column> columns;
        boolean columnsKnown;
        boolean done;
        String lastTag;

        PortalState(Portal portal, short[] resultFormats, long bytes) {
            this.portal = portal;
            this.resultFormats = resultFormats;
            this.bytes = bytes;
        }

        List<Column> columns() throws Exception {
            if (!columnsKnown) {
                columns = portal.columns();
                columnsKnown = true;
                if (columns != null && resultFormats.length > 1 && resultFormats.length != columns.size()) {
                    throw PgException.protocolViolation("bind message has " + resultFormats.length
                            + " result formats but query has " + columns.size() + " columns");
                }
            }
            return columns;
        }
    }

    void parse(Session session, Parse p) throws Exception {
        String name = p.name();
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
        }
        List<String> parts = SqlSplitter.split(p.query());
        if (parts.size() > 1) {
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        long bytes = 64 + 2L * p.query().length() + 4L * p.parameterTypes().length;
        machine.memory().hold(bytes, "prepared statement");
        PreparedStatement st;
        try {
            // an empty query string: Execute answers EmptyQueryResponse
            st = parts.isEmpty() ? PreparedStatement.withoutRows(p.parameterTypes(), parameters -> ResultSink::emptyQuery)
                    : session.prepare(p.query(), p.parameterTypes().clone());
            if (st.parameterTypes().length > MAX_COUNT) {
                closeQuietly(st);
                throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "prepared statement has "
                        + st.parameterTypes().length + " parameters, more than the protocol's " + MAX_COUNT);
            }
        } catch (Throwable t) {
            machine.memory().unhold(bytes);
            throw t;
        }
        if (name.isEmpty()) closeStatement("");
        statements.put(name, new StatementEntry(st, bytes));
        out.write(ParseComplete.INSTANCE);
    }

    /**
     * Everything up to Sync outside a transaction block is one implicit transaction, as in
     * PostgreSQL: an error anywhere in the batch rolls back what ran before it.
     */
    private void beginImplicitIfIdle(Session session) throws Exception {
        if (!implicitOpen && session.transactionStatus() == TransactionStatus.IDLE) {
            session.implicitTransaction(Session.ImplicitTransaction.BEGIN);
            implicitOpen = true;
        }
    }

    void bind(Session session, Bind b) throws Exception {
        beginImplicitIfIdle(session);
        StatementEntry entry = statements.get(b.statement());
        if (entry == null) throw unknownStatement(b.statement());
        PreparedStatement st = entry.statement();
        String name = b.portal();
        if (!name.isEmpty() && portals.containsKey(name)) {
            throw new PgException(SqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
        int[] types = st.parameterTypes();
        int n = b.parameters().length;
        short[] pf = b.parameterFormats();
        if (pf.length > 1 && pf.length != n) {
            throw PgException.protocolViolation("bind message has " + pf.length + " parameter formats but " + n + " parameters");
        }
        if (n != types.length) {
            throw PgException.protocolViolation("bind message supplies " + n + " parameters, but prepared statement \""
                    + b.statement() + "\" requires " + types.length);
        }
        short[] formats = new short[n];
        for (int i = 0; i < n; i++) {
            formats[i] = b.parameterFormat(i);
            if (formats[i] != 0 && formats[i] != 1) throw PgException.protocolViolation("invalid format code " + formats[i]);
        }
        for (short f : b.resultFormats()) {
            if (f != 0 && f != 1) throw PgException.protocolViolation("invalid format code " + f);
        }
        long bytes = 64;
        for (byte[] v : b.parameters()) bytes += 16 + (v == null ? 0 : v.length);
        machine.memory().hold(bytes, "portal");
        Portal portal;
        try {
            portal = st.bind(new Parameters(types, formats, b.parameters(), machine.registry(), machine.codecContext()));
        } catch (Throwable t) {
            machine.memory().unhold(bytes);
            throw t;
        }
        if (name.isEmpty()) {
            closePortal("");
            unnamedPortal = new PortalState(portal, b.resultFormats(), bytes);
        } else {
            portals.put(name, new PortalState(portal, b.resultFormats(), bytes));
        }
        out.write(BindComplete.INSTANCE);
    }

    void describe(Session session, Describe d) throws Exception {
        if (d.kind() == 'S') {
            StatementEntry entry = statements.get(d.name());
            if (entry == null) throw unknownStatement(d.name());
            out.write(new ParameterDescription(entry.statement().parameterTypes()));
            writeDescription(entry.statement().columns(), new short[0]);
        } else {
            PortalState ps = portalOrCursor(session, d.name());
            if (ps == null) throw unknownPortal(d.name());
            writeDescription(ps.columns(), ps.resultFormats);
        }
    }

    private PortalState portal(String name) {
        return name.isEmpty() ? unnamedPortal : portals.get(name);
    }

    /** The portal {@code name}, else the session's SQL-level cursor of that name (rows in text), else null. */
    private PortalState portalOrCursor(Session session, String name) {
        PortalState ps = portal(name);
        if (ps != null || name.isEmpty()) return ps;
        Portal cursor = session.cursor(name);
        if (cursor == null) return null;
        Portal kept = new Portal() { // CLOSE or the transaction's end closes the cursor, not the protocol
            @Override
            public List<Column> columns() throws Exception {
                return cursor.columns();
            }

            @Override
            public boolean execute(int maxRows, dev.pgwire.server.spi.ResultSink sink) throws Exception {
                return cursor.execute(maxRows, sink);
            }
        };
        return new PortalState(kept, new short[0], 0);
    }

    private void writeDescription(List<Column> columns, short[] formats) {
        if (columns == null) {
            out.write(NoData.INSTANCE);
            return;
        }
        checkColumnCount(columns.size());
        if (columns == describedColumns && java.util.Arrays.equals(formats, describedFormats)) {
            out.write(description); // the same statement described again, as in a loop of executes
            return;
        }
        List<RowDescription.Field> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            fields.add(new RowDescription.Field(c.name(), c.tableOid(), c.columnNumber(), c.typeOid(), c.typeSize(),
                    c.typeModifier(), Bind.formatAt(formats, i)));
        }
        description = new RowDescription(fields);
        describedColumns = columns;
        describedFormats = formats.clone();
        out.write(description);
    }

    void execute(Session session, Execute e) throws Exception {
        PortalState ps = portalOrCursor(session, e.portal());
        if (ps == null) throw unknownPortal(e.portal());
        if (ps.done) {
            // A finished portal yields nothing more (PostgreSQL reports zero rows); one that held
            // an empty query answers that again.
            if (ps.lastTag == null) {
                out.write(EmptyQueryResponse.INSTANCE);
            } else {
                out.write(new CommandComplete(ps.lastTag.startsWith("SELECT") ? "SELECT 0" : ps.lastTag));
            }
            return;
        }
        beginImplicitIfIdle(session);
        List<Column> columns = ps.columns();
        StatementSink sink = new StatementSink(out, machine, columns, ps.resultFormats);
        try {
            boolean suspended = ps.portal.execute(Math.max(0, e.maxRows()), sink);
            dev.pgwire.server.spi.CopyIn copyIn = sink.copyInReceiver();
            if (copyIn != null) {
                // COPY FROM STDIN: the portal completes when the client's data has come
                machine.startCopyIn(new SessionMachine.CopyInProgress(sink, copyIn, null, tag -> {
                    ps.done = true;
                    ps.lastTag = tag;
                }));
                return;
            }
            if (suspended) {
                out.write(PortalSuspended.INSTANCE);
            } else {
                sink.completeIfNeeded();
                ps.done = true;
                ps.lastTag = sink.tag();
            }
        } catch (Throwable t) {
            sink.abandonPartialRow();
            throw t;
        }
    }

    void close(Close c) {
        if (c.kind() == 'S') closeStatement(c.name()); else closePortal(c.name());
        out.write(CloseComplete.INSTANCE);
    }

    /** Hands the batch's open implicit transaction, if any, to a simple Query that ends it. */
    boolean takeImplicitTransaction() {
        boolean open = implicitOpen;
        implicitOpen = false;
        return open;
    }

    /** An error inside the batch: the implicit transaction, if any, rolls back at Sync. */
    void failed() {
        batchFailed = true;
    }

    /** Sync: ends the implicit transaction; portals do not outlive their transaction. */
    void sync(Session session) {
        if (implicitOpen) {
            implicitOpen = false;
            try {
                session.implicitTransaction(batchFailed ? Session.ImplicitTransaction.ROLLBACK
                        : Session.ImplicitTransaction.COMMIT);
            } catch (Throwable t) {
                machine.reportError(t);
            }
        }
        batchFailed = false;
        if (session.transactionStatus() == TransactionStatus.IDLE) closeAllPortals();
    }

    /** A simple Query drops the unnamed statement and portal, as PostgreSQL does. */
    void simpleQueryStarted() {
        closeStatement("");
        closePortal("");
    }

    void closeAll() {
        closeAllPortals();
        for (StatementEntry entry : statements.values()) {
            machine.memory().unhold(entry.bytes());
            closeQuietly(entry.statement());
        }
        statements.clear();
    }

    private void closeAllPortals() {
        closePortal("");
        if (portals.isEmpty()) return;
        for (Iterator<PortalState> it = portals.values().iterator(); it.hasNext(); ) {
            PortalState ps = it.next();
            machine.memory().unhold(ps.bytes);
            closeQuietly(ps.portal);
            it.remove();
        }
    }

    private void closeStatement(String name) {
        StatementEntry entry = statements.remove(name);
        if (entry != null) {
            machine.memory().unhold(entry.bytes());
            closeQuietly(entry.statement());
        }
    }

    private void closePortal(String name) {
        PortalState ps;
        if (name.isEmpty()) {
            ps = unnamedPortal;
            unnamedPortal = null;
        } else {
            ps = portals.remove(name);
        }
        if (ps != null) {
            machine.memory().unhold(ps.bytes);
            closeQuietly(ps.portal);
        }
    }

    private static void closeQuietly(Object o) {
        try {
            if (o instanceof Portal p) p.close(); else if (o instanceof PreparedStatement s) s.close();
        } catch (Throwable t) {
            log.warn("closing {} failed", o, t);
        }
    }

    static void checkColumnCount(int n) {
        if (n > MAX_COUNT) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "result has " + n + " columns, more than the protocol's " + MAX_COUNT);
        }
    }

    private static PgException unknownStatement(String name) {
        return new PgException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
    }

    private static PgException unknownPortal(String name) {
        return new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
    }
}
