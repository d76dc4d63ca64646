package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.PgTypeNames;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL-level forms of prepared statements and portals: PREPARE / EXECUTE / DEALLOCATE and
 * DECLARE … CURSOR / FETCH / MOVE / CLOSE. They use the same DuckDB prepared statements and
 * streaming portals as the extended protocol; a cursor reads forward only, as a NO SCROLL cursor
 * does in PostgreSQL.
 */
final class SqlLevelStatements {

    /** A cursor: its portal, whether it outlives its transaction, and the rows it has passed. */
    private static final class Cursor {
        final Portal portal;
        final boolean hold;
        long position;
        boolean done;

        Cursor(Portal portal, boolean hold) {
            this.portal = portal;
            this.hold = hold;
        }
    }

    private final DuckDbSession session;
    private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>();
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();

    SqlLevelStatements(DuckDbSession session) {
        this.session = session;
    }

    // ---------------------------------------------------------------- PREPARE / EXECUTE / DEALLOCATE

    void prepare(Node stmt, String source, ResultSink sink) {
        String name = stmt.str("name");
        if (prepared.containsKey(name)) throw new PgException("42P05", "prepared statement \"" + name + "\" already exists");
        List<Node> argtypes = stmt.list("argtypes");
        int[] types = new int[argtypes.size()];
        for (int i = 0; i < types.length; i++) types[i] = PgTypeNames.oid(argtypes.get(i));
        prepared.put(name, session.prepareTranslated(stmt.node("query").copy(), source, types));
        sink.complete("PREPARE");
    }

    void execute(Node stmt, ResultSink sink) {
        String name = stmt.str("name");
        PreparedStatement st = prepared.get(name);
        if (st == null) throw new PgException("26000", "prepared statement \"" + name + "\" does not exist");
        List<Node> params = stmt.list("params");
        int[] types = st.parameterTypes();
        if (params.size() != types.length) {
            throw new PgException(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \"" + name + "\"")
                    .withDetail("Expected " + types.length + " parameters but got " + params.size() + ".");
        }
        List<String> values = evaluateAsText(params);
        byte[][] raw = new byte[values.size()][];
        for (int i = 0; i < raw.length; i++) raw[i] = values.get(i) == null ? null : values.get(i).getBytes(StandardCharsets.UTF_8);
        Portal portal = bind(st, new Parameters(types, new short[types.length], raw, PgTypes.REGISTRY, session.codecContext()));
        try {
            List<Column> columns = portal.columns();
            if (columns != null) sink.describeColumns(columns);
            portal.execute(0, sink);
        } catch (PgException e) {
            throw e;
        } catch (Exception e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "EXECUTE failed: " + e.getMessage(), e);
        } finally {
            portal.close();
        }
    }

    void deallocate(Node stmt, ResultSink sink) {
        if (!stmt.has("name")) {
            for (PreparedStatement st : prepared.values()) st.close();
            prepared.clear();
            sink.complete("DEALLOCATE ALL");
            return;
        }
        PreparedStatement st = prepared.remove(stmt.str("name"));
        if (st == null) throw new PgException("26000", "prepared statement \"" + stmt.str("name") + "\" does not exist");
        st.close();
        sink.complete("DEALLOCATE");
    }

    // ---------------------------------------------------------------- cursors

    /** DECLARE name CURSOR [WITH HOLD] FOR query. */
    void declare(Node stmt, String source, boolean inTransactionBlock, ResultSink sink) {
        open(stmt, () -> bind(session.prepareTranslated(query(stmt, source), new int[0]), Parameters.NONE), inTransactionBlock, sink);
    }

    /**
     * DECLARE … CURSOR FOR a query with parameters, sent through the extended protocol (as
     * psycopg's server-side cursors send it): prepared with the query's parameter types; each
     * Execute of a portal of it opens the cursor over the values bound.
     */
    PreparedStatement prepareDeclare(Node stmt, String source, int[] declared, dev.pgwire.serve.sql.StatementInfo info) {
        Translation t = query(stmt, source);
        PreparedStatement query = session.call(info, call -> session.prepareTranslated(t, declared));
        return PreparedStatement.withoutRows(query.parameterTypes(), parameters -> sink -> session.openCursorFromPortal(info,
                (inBlock, s) -> open(stmt, () -> SqlLevelStatements.bind(query, parameters), inBlock, s), sink));
    }

    /** The query of DECLARE, translated; a data-modifying WITH is refused as PostgreSQL refuses it. */
    private Translation query(Node stmt, String source) {
        Node query = stmt.node("query");
        Node with = query == null ? null : query.node("withClause");
        if (with != null) {
            for (Node cte : with.list("ctes")) {
                Node q = cte.node("ctequery");
                if (q != null && (q.is("InsertStmt") || q.is("UpdateStmt") || q.is("DeleteStmt"))) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "DECLARE CURSOR must not contain data-modifying statements in WITH");
                }
            }
        }
        return session.translateTree(query, source);
    }

    /** Opens the cursor DECLARE names over the portal {@code bound} gives. */
    private void open(Node stmt, java.util.function.Supplier<Portal> bound, boolean inTransactionBlock, ResultSink sink) {
        String name = stmt.str("portalname");
        int options = (int) stmt.num("options");
        boolean hold = (options & CURSOR_OPT_HOLD) != 0;
        if ((options & CURSOR_OPT_SCROLL) != 0) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "SCROLL cursors are not supported")
                    .withDetail("Cursors read forward only here.");
        }
        if (!hold && !inTransactionBlock) {
            throw new PgException("25P01", "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (cursors.containsKey(name)) throw new PgException("42P03", "cursor \"" + name + "\" already exists");
        cursors.put(name, new Cursor(bound.get(), hold));
        sink.complete("DECLARE CURSOR");
    }

    /** FETCH / MOVE: forward only. */
    void fetch(Node stmt, ResultSink sink) {
        String name = stmt.str("portalname");
        Cursor c = cursors.get(name);
        if (c == null) throw new PgException("34000", "cursor \"" + name + "\" does not exist");
        String direction = stmt.str("direction");
        long howMany = stmt.has("howMany") ? stmt.num("howMany") : 0;
        boolean move = stmt.bool("ismove");
        if (!direction.isEmpty() && !direction.equals("FETCH_FORWARD")) {
            if (direction.equals("FETCH_RELATIVE") && howMany == 0) {
                howMany = 0; // the current row: nothing read on
            } else {
                throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward")
                        .withHint("Declare it with SCROLL option to enable backward scan.");
            }
        }
        if (howMany < 0) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward")
                    .withHint("Declare it with SCROLL option to enable backward scan.");
        }
        int limit = howMany >= Integer.MAX_VALUE ? 0 : (int) howMany; // FETCH ALL
        String verb = move ? "MOVE " : "FETCH ";
        try {
            List<Column> columns = c.portal.columns();
            if (!move && columns != null) sink.describeColumns(columns);
            // FETCH 0 (a count of 0 the parse tree leaves out) reads nothing on: FETCH ALL's count is given
            if (c.done || howMany == 0) {
                sink.complete(verb + "0");
                return;
            }
            CountingSink counting = new CountingSink(sink, move);
            boolean suspended = c.portal.execute(limit, counting);
            if (!suspended) c.done = true;
            c.position += counting.rows;
            sink.complete(verb + counting.rows);
        } catch (PgException e) {
            throw e;
        } catch (Exception e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "FETCH failed: " + e.getMessage(), e);
        }
    }

    /**
     * Cursor {@code name} as a portal of the protocol, as PostgreSQL lets Describe and Execute reach
     * it (psycopg's server-side cursors describe theirs); null when there is none. Its rows count
     * as FETCH's do.
     */
    Portal portalOf(String name) {
        Cursor c = cursors.get(name);
        if (c == null) return null;
        return new Portal() {
            @Override
            public List<Column> columns() throws Exception {
                return c.portal.columns();
            }

            @Override
            public boolean execute(int maxRows, ResultSink sink) throws Exception {
                if (c.done) {
                    sink.complete("SELECT 0");
                    return false;
                }
                CountingSink counting = new CountingSink(sink, false);
                boolean suspended = c.portal.execute(maxRows, counting);
                if (!suspended) c.done = true;
                c.position += counting.rows;
                return suspended;
            }
        };
    }

    void close(Node stmt, ResultSink sink) {
        if (!stmt.has("portalname")) {
            for (Cursor c : cursors.values()) c.portal.close();
            cursors.clear();
            sink.complete("CLOSE CURSOR ALL"); // PostgreSQL's tag for CLOSE ALL
            return;
        }
        Cursor c = cursors.remove(stmt.str("portalname"));
        if (c == null) throw new PgException("34000", "cursor \"" + stmt.str("portalname") + "\" does not exist");
        c.portal.close();
        sink.complete("CLOSE CURSOR");
    }

    /** The transaction ended: its cursors go, except those WITH HOLD after a commit. */
    /** Whether {@code portal} is the portal of a WITH HOLD cursor. */
    boolean holds(Portal portal) {
        for (Cursor c : cursors.values()) if (c.hold && c.portal == portal) return true;
        return false;
    }

    void transactionEnded(boolean committed) {
        for (Iterator<Cursor> it = cursors.values().iterator(); it.hasNext(); ) {
            Cursor c = it.next();
            if (!c.hold || !committed) {
                c.portal.close();
                it.remove();
            }
        }
    }

    /** DISCARD ALL: every prepared statement and cursor goes. */
    void discardAll() {
        for (PreparedStatement st : prepared.values()) st.close();
        prepared.clear();
        for (Cursor c : cursors.values()) c.portal.close();
        cursors.clear();
    }

    /** The statements PREPARE made, for pg_prepared_statements. */
    List<String> preparedNames() {
        return new ArrayList<>(prepared.keySet());
    }

    private static Portal bind(PreparedStatement st, Parameters parameters) {
        try {
            return st.bind(parameters);
        } catch (PgException e) {
            throw e;
        } catch (Exception e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not bind: " + e.getMessage(), e);
        }
    }

    // CURSOR_OPT_* of PostgreSQL's parsenodes.h
    private static final int CURSOR_OPT_SCROLL = 0x0002;
    private static final int CURSOR_OPT_HOLD = 0x0020;

    /** Passes rows on (or drops them for MOVE) and counts them; the caller writes the tag. */
    private static final class CountingSink extends ForwardingSink {
        private final boolean drop;
        long rows;

        CountingSink(ResultSink target, boolean drop) {
            super(target);
            this.drop = drop;
        }

        @Override
        public void describeColumns(List<Column> columns) {
        }

        @Override
        public RowWriter row() {
            rows++;
            return drop ? DroppedRow.INSTANCE : sink.row();
        }

        @Override
        public void complete(String commandTag) {
        }

        @Override
        public void emptyQuery() {
        }
    }

    /** A row of MOVE: counted, not sent. */
    private enum DroppedRow implements RowWriter {
        INSTANCE;

        @Override
        public RowWriter text(CharSequence value) {
            return this;
        }

        @Override
        public RowWriter bytes(byte[] value) {
            return this;
        }

        @Override
        public RowWriter value(Object value) {
            return this;
        }

        @Override
        public RowWriter nul() {
            return this;
        }

        @Override
        public void end() {
        }
    }

    /** The values of EXECUTE's arguments as text: constants as written, expressions as DuckDB computes them. */
    private List<String> evaluateAsText(List<dev.pgwire.serve.sql.Node> expressions) {
        List<String> out = new ArrayList<>();
        boolean allConstant = true;
        for (dev.pgwire.serve.sql.Node e : expressions) {
            String c = dev.pgwire.serve.sql.Constants.text(e);
            if (c == null && !(e.is("A_Const") && e.bool("isnull"))) allConstant = false;
            out.add(c);
        }
        if (allConstant) return out;
        Translation t = session.translateTree(dev.pgwire.serve.sql.Constants.selectOf(expressions), "");
        List<List<String>> rows = session.runner().query("SELECT * FROM (" + t.duckDbSql() + ")", ps -> { }, rs -> {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= expressions.size(); i++) row.add(rs.getString(i));
            return row;
        });
        return rows.get(0);
    }
}
