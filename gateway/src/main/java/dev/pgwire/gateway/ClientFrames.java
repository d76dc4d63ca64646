package dev.pgwire.gateway;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.gateway.Statements.Prepared;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the gateway does with each frame a client sends while it holds a server connection: most
 * go on untouched; in transaction mode statement names are mapped to gateway-wide ones (and the
 * statement prepared first where the connection lacks it), Close of a statement and DEALLOCATE
 * are answered here, and SET, PREPARE and EXECUTE in Query text are read.
 */
final class ClientFrames {
    private final ClientSession c;
    private final Statements registry;

    ClientFrames(ClientSession c) {
        this.c = c;
        this.registry = c.gateway.statements;
    }

    private boolean transactionMode() {
        return c.mode() == PoolMode.TRANSACTION;
    }

    /** Frames that need no server connection when the client holds none; true if answered. */
    boolean answerWithoutServer(byte type, ByteBuf frame) {
        ByteBufAllocator alloc = c.channel.alloc();
        switch (type) {
            case 'S' -> {
                frame.release();
                c.skipUntilSync = false;
                c.inBatch = false;
                c.channel.write(Frames.readyForQuery(alloc, (byte) 'I'));
                return true;
            }
            case 'H' -> {
                frame.release();
                c.channel.flush();
                return true;
            }
            case 'C' -> {
                if (!transactionMode() || frame.getByte(frame.readerIndex() + 5) != 'S') return false;
                if (c.skipUntilSync) {
                    frame.release();
                    return true;
                }
                closeStatement(frame);
                c.inBatch = true;
                c.channel.write(Frames.empty(alloc, Frames.CLOSE_COMPLETE));
                return true;
            }
            case 'P' -> {
                if (c.skipUntilSync) {
                    frame.release();
                    return true;
                }
                return transactionMode() && parseKnown(frame);
            }
            default -> {
                if (c.skipUntilSync) {
                    frame.release();
                    return true;
                }
                return false;
            }
        }
    }

    /**
     * A named Parse of a statement PostgreSQL has accepted before needs no server connection: the
     * name is mapped and ParseComplete answered here; the statement is prepared where it runs. (A
     * driver that prepares synchronously while its other sessions hold every server connection
     * thus never waits for one, as pgbench -M prepared does.)
     */
    private boolean parseKnown(ByteBuf frame) {
        int start = frame.readerIndex();
        int end = Frames.end(frame, start);
        int nameEnd = Frames.cstringEnd(frame, start + 5, end);
        if (nameEnd == start + 5) return false;
        String name = Frames.string(frame, start + 5, nameEnd);
        if (c.statements.containsKey(name)) return false;
        Prepared st = registry.internValidated(frame, nameEnd + 1, end);
        if (st == null) return false;
        frame.release();
        c.statements.put(name, st);
        if (st.touchesSessionState) c.mayTouchState = true;
        c.inBatch = true;
        c.channel.write(Frames.empty(c.channel.alloc(), Frames.PARSE_COMPLETE));
        return true;
    }

    void process(byte type, ByteBuf frame, ServerConnection s) {
        if (c.skipUntilSync && type != 'S') {
            frame.release();
            return;
        }
        c.markQueryStart(s);
        boolean tx = transactionMode();
        switch (type) {
            case 'Q' -> query(frame, s, tx);
            case 'P' -> {
                c.inBatch = true;
                if (tx) parse(frame, s);
                else forward(s, frame, Expectations.PARSE, null);
            }
            case 'B' -> {
                c.inBatch = true;
                if (tx) bind(frame, s);
                else forward(s, frame, Expectations.BIND, null);
            }
            case 'D' -> {
                c.inBatch = true;
                boolean statement = frame.getByte(frame.readerIndex() + 5) == 'S';
                if (tx && statement) describeStatement(frame, s);
                else forward(s, frame, statement ? Expectations.DESCRIBE_STATEMENT : Expectations.DESCRIBE_PORTAL, null);
            }
            case 'C' -> {
                c.inBatch = true;
                if (tx && frame.getByte(frame.readerIndex() + 5) == 'S') {
                    closeStatement(frame);
                    s.local(Frames.empty(c.channel.alloc(), Frames.CLOSE_COMPLETE));
                } else {
                    forward(s, frame, Expectations.CLOSE, null);
                }
            }
            case 'E' -> {
                c.inBatch = true;
                forward(s, frame, Expectations.EXECUTE, null);
            }
            case 'S' -> {
                c.skipUntilSync = false;
                c.inBatch = false;
                forward(s, frame, Expectations.SYNC, null);
            }
            case 'F' -> forward(s, frame, Expectations.QUERY, null); // FunctionCall: answered like a Query
            default -> forward(s, frame, (byte) 0, null); // Flush, CopyData, CopyDone, CopyFail
        }
    }

    private static void forward(ServerConnection s, ByteBuf frame, byte kind, Object ref) {
        s.send(frame, kind, ref);
    }

    // ---- simple query ----------------------------------------------------------------------

    private void query(ByteBuf frame, ServerConnection s, boolean tx) {
        int start = frame.readerIndex();
        int end = Frames.end(frame, start) - 1; // the text's NUL
        if (SqlText.mayTouchSessionState(frame, start + 5, end, c.pinnedReason != null)) c.mayTouchState = true;
        if (tx && mentionsSessionCommands(frame, start + 5, end)) {
            String sql = frame.toString(start + 5, end - start - 5, StandardCharsets.UTF_8);
            if (rewriteQuery(sql, frame, s)) return;
        }
        forward(s, frame, Expectations.QUERY, null);
    }

    /** Reads statements that concern session state; true if the Query was answered or rewritten here. */
    private boolean rewriteQuery(String sql, ByteBuf frame, ServerConnection s) {
        List<String> stmts = SqlText.statements(sql);
        if (stmts.size() == 1) {
            String one = stmts.get(0);
            SqlText.Prepare p = SqlText.prepare(one);
            if (p != null) return sqlPrepare(p, frame, s);
            SqlText.Execute x = SqlText.execute(one);
            if (x != null && c.sqlStatements.containsKey(x.name())) return sqlExecute(x, frame, s);
            String dealloc = SqlText.deallocate(one);
            if (dealloc != null) return sqlDeallocate(dealloc, frame, s);
        } else if (rewriteStatements(stmts, frame, s)) {
            return true;
        }
        for (String st : stmts) {
            String w = SqlText.firstWord(st);
            if (w.equals("discard") || w.equals("deallocate")) s.watchTags = true;
            SqlText.Setting set = SqlText.setting(st);
            if (set != null && !set.name().equals("session characteristics")) c.noteSetting(set.name(), set.value(), s);
        }
        return false;
    }

    /**
     * A Query of several statements: each EXECUTE of a statement the client prepared by SQL is
     * sent under the statement's gateway name (prepared on this connection first if needed).
     * PREPARE and DEALLOCATE of one name there are refused: whether they ran depends on the
     * statements before them, which the gateway does not follow, and sent as they are they would
     * leave the client's name on a connection other clients share.
     */
    private boolean rewriteStatements(List<String> stmts, ByteBuf frame, ServerConnection s) {
        boolean rewrite = false;
        for (String one : stmts) {
            String dealloc = SqlText.deallocate(one);
            if (SqlText.prepare(one) != null || (dealloc != null && !dealloc.isEmpty())) {
                frame.release();
                raiseOnServer(s, SqlState.FEATURE_NOT_SUPPORTED, (dealloc != null ? "DEALLOCATE" : "PREPARE")
                        + " in a query string of several statements is not supported by the gateway in transaction pooling mode",
                        "Send it as a query of its own.");
                return true;
            }
            SqlText.Execute x = SqlText.execute(one);
            if (x != null && c.sqlStatements.containsKey(x.name())) rewrite = true;
        }
        if (!rewrite) return false;
        StringBuilder sql = new StringBuilder();
        for (String one : stmts) {
            SqlText.Execute x = SqlText.execute(one);
            Prepared st = x == null ? null : c.sqlStatements.get(x.name());
            if (sql.length() > 0) sql.append("\n;"); // a newline first ends a trailing line comment
            if (st == null) {
                sql.append(one);
                continue;
            }
            if (st.touchesSessionState) c.mayTouchState = true;
            ensurePrepared(s, st);
            sql.append("EXECUTE ").append(st.name).append(x.args().isEmpty() ? "" : " " + x.args());
        }
        frame.release();
        for (String one : stmts) {
            String w = SqlText.firstWord(one);
            if (w.equals("discard") || w.equals("deallocate")) s.watchTags = true;
            SqlText.Setting set = SqlText.setting(one);
            if (set != null && !set.name().equals("session characteristics")) c.noteSetting(set.name(), set.value(), s);
        }
        s.send(Frames.query(c.channel.alloc(), sql.toString()), Expectations.QUERY, null);
        return true;
    }

    private boolean sqlPrepare(SqlText.Prepare p, ByteBuf frame, ServerConnection s) {
        ByteBufAllocator alloc = c.channel.alloc();
        if (c.sqlStatements.containsKey(p.name())) {
            frame.release();
            String message = "prepared statement \"" + p.name() + "\" already exists";
            // Inside a transaction block the block must fail on the server too, or a COMMIT the
            // client expects to roll back would commit.
            if (s.status == 'T') raiseOnServer(s, SqlState.DUPLICATE_PREPARED_STATEMENT, message, null);
            else localError(s, new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT, message), true);
            return true;
        }
        if (s.status == 'E') return false; // the server answers 25P02
        Prepared st = registry.internSql(p.types(), p.body());
        c.sqlStatements.put(p.name(), st);
        frame.release();
        if (st.touchesSessionState) c.mayTouchState = true;
        if (s.prepared.containsKey(st)) {
            s.local(answer(alloc, "PREPARE", s.status), true);
            return true;
        }
        prepareRoom(s);
        s.prepared.put(st, ServerConnection.CONFIRMED);
        s.send(Frames.query(alloc, st.prepareSql()), Expectations.QUERY, null);
        return true;
    }

    private boolean sqlExecute(SqlText.Execute x, ByteBuf frame, ServerConnection s) {
        Prepared st = c.sqlStatements.get(x.name());
        frame.release();
        if (st.touchesSessionState) c.mayTouchState = true;
        ensurePrepared(s, st);
        s.send(Frames.query(c.channel.alloc(), "EXECUTE " + st.name + (x.args().isEmpty() ? "" : " " + x.args())),
                Expectations.QUERY, null);
        return true;
    }

    private boolean sqlDeallocate(String name, ByteBuf frame, ServerConnection s) {
        if (s.status == 'E') return false; // the server answers 25P02
        if (name.isEmpty()) {
            frame.release();
            forgetStatements();
            s.local(answer(c.channel.alloc(), "DEALLOCATE ALL", s.status), true);
            return true;
        }
        Prepared st = c.sqlStatements.remove(name);
        if (st == null) {
            st = c.statements.remove(name); // DEALLOCATE also drops protocol-level statements
        }
        if (st == null) {
            return false; // the server answers 26000 (and fails the transaction block, as it should)
        }
        frame.release();
        registry.release(st);
        s.local(answer(c.channel.alloc(), "DEALLOCATE", s.status), true);
        return true;
    }

    /**
     * An error the gateway gives, raised by the server (a DO block's RAISE) in place of a Query,
     * so that the server's transaction state follows: a transaction block fails there as the
     * client is told. Its context field names the DO block.
     */
    private void raiseOnServer(ServerConnection s, String sqlState, String message, String hint) {
        String body = "BEGIN RAISE EXCEPTION USING ERRCODE = '" + sqlState + "', MESSAGE = " + escapedLiteral(message)
                + (hint == null ? "" : ", HINT = " + escapedLiteral(hint)) + "; END";
        String tag = "$pgwire$";
        for (int i = 0; body.contains(tag); i++) tag = "$pgwire" + i + "$";
        s.send(Frames.query(c.channel.alloc(), "DO " + tag + body + tag), Expectations.QUERY, null);
    }

    /** An E'…' literal: the same text whatever standard_conforming_strings is. */
    private static String escapedLiteral(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static ByteBuf answer(ByteBufAllocator alloc, String tag, byte status) {
        ByteBuf b = Frames.commandComplete(alloc, tag);
        b.writeByte('Z').writeInt(5).writeByte(status);
        return b;
    }

    /** An error given here: a Query's with its ReadyForQuery, a batch's with skipping to Sync. */
    private void localError(ServerConnection s, PgException e, boolean simple) {
        ByteBufAllocator alloc = c.channel.alloc();
        ByteBuf b = Frames.error(alloc, e);
        if (simple) {
            ByteBuf z = Frames.readyForQuery(alloc, s.status == 'I' ? (byte) 'I' : (byte) 'E');
            b.writeBytes(z);
            z.release();
        } else {
            c.skipUntilSync = true;
        }
        s.local(b, simple);
    }

    /** Whether the text may hold SET, RESET, PREPARE, EXECUTE, DEALLOCATE or DISCARD. */
    private static boolean mentionsSessionCommands(ByteBuf t, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            int ch = t.getByte(i) | 0x20;
            if (ch == 's' && (t.getByte(i + 1) | 0x20) == 'e' && (t.getByte(i + 2) | 0x20) == 't') return true;
            if (ch == 'p' && matches(t, i, to, "prepare")) return true;
            if (ch == 'e' && matches(t, i, to, "execute")) return true;
            if (ch == 'd' && (matches(t, i, to, "deallocate") || matches(t, i, to, "discard"))) return true;
        }
        return false;
    }

    private static boolean matches(ByteBuf t, int at, int to, String w) {
        if (at + w.length() > to) return false;
        for (int k = 0; k < w.length(); k++) if ((t.getByte(at + k) | 0x20) != w.charAt(k)) return false;
        return true;
    }

    // ---- extended query in transaction mode ------------------------------------------------

    private void parse(ByteBuf frame, ServerConnection s) {
        int start = frame.readerIndex();
        int end = Frames.end(frame, start);
        int nameEnd = Frames.cstringEnd(frame, start + 5, end);
        if (nameEnd == start + 5) {
            // The unnamed statement stays unnamed: remembered, to be prepared again where it is missing.
            if (c.unnamedParse != null) c.unnamedParse.release();
            c.unnamedParse = frame.retainedDuplicate();
            c.unnamedStamp++;
            s.unnamedBy = c;
            s.unnamedStamp = c.unnamedStamp;
            s.unnamedBatch = s.batches;
            int queryEnd = Frames.cstringEnd(frame, start + 6, end);
            if (SqlText.mayTouchSessionState(frame, start + 6, Math.max(start + 6, queryEnd), c.pinnedReason != null)) {
                c.mayTouchState = true;
            }
            if (queryEnd > start + 6) noteSetting(frame.toString(start + 6, queryEnd - start - 6, StandardCharsets.UTF_8), s);
            forward(s, frame, Expectations.PARSE, new ServerConnection.UnnamedParse(s.batches));
            return;
        }
        String name = Frames.string(frame, start + 5, nameEnd);
        if (c.statements.containsKey(name)) {
            frame.release();
            localError(s, new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + name + "\" already exists"), false);
            return;
        }
        Prepared st = registry.intern(frame, nameEnd + 1, end);
        frame.release();
        c.statements.put(name, st);
        if (st.touchesSessionState) c.mayTouchState = true;
        if (s.prepared.get(st) != null) {
            s.local(Frames.empty(c.channel.alloc(), Frames.PARSE_COMPLETE));
            return;
        }
        prepareRoom(s);
        s.prepared.put(st, ServerConnection.CONFIRMED);
        s.send(st.parseFrame(c.channel.alloc()), Expectations.PARSE, new ServerConnection.ParseUndo(c, name, st));
    }

    /** A SET sent through the extended protocol (drivers do): tracked as a Query's would be. */
    private void noteSetting(String sql, ServerConnection s) {
        String w = SqlText.firstWord(sql);
        if (!w.equals("set") && !w.equals("reset")) return;
        SqlText.Setting set = SqlText.setting(sql);
        if (set != null && !set.name().equals("session characteristics")) c.noteSetting(set.name(), set.value(), s);
    }

    /** Makes room for one more statement on the connection: the least recently used is closed. */
    private void prepareRoom(ServerConnection s) {
        if (!s.strays.isEmpty()) {
            for (Prepared p : s.strays) {
                if (!s.prepared.containsKey(p)) close(s, p, p);
            }
            s.strays.clear();
        }
        int max = c.gateway.config().maxPreparedStatements();
        while (s.prepared.size() >= max) {
            Map.Entry<Prepared, Long> eldest = s.prepared.entrySet().iterator().next();
            Prepared old = eldest.getKey();
            s.prepared.remove(old);
            // Close works for statements made by PREPARE too; it rides in the client's batch (and
            // if that batch fails, the statement is a stray, closed next time).
            close(s, old, old);
        }
    }

    /** An injected Close of a gateway statement; {@code stray} is what to close later if it is skipped. */
    private void close(ServerConnection s, Prepared st, Prepared stray) {
        byte[] n = st.name.getBytes(StandardCharsets.US_ASCII);
        ByteBuf close = c.channel.alloc().ioBuffer(7 + n.length);
        close.writeByte('C').writeInt(4 + 1 + n.length + 1).writeByte('S').writeBytes(n).writeByte(0);
        s.send(close, Expectations.CLOSE_INJECTED, stray);
    }

    /**
     * Prepares {@code st} on the connection first if it lacks it, or if its Parse went in an
     * earlier batch still unanswered (which may fail, and take the Parse with it).
     */
    private void ensurePrepared(ServerConnection s, Prepared st) {
        Long batch = s.prepared.get(st);
        if (batch != null && (batch < 0 || batch == s.batches)) return;
        if (batch == null) prepareRoom(s);
        if (st.isSql()) {
            s.prepared.put(st, ServerConnection.CONFIRMED);
            s.send(Frames.query(c.channel.alloc(), st.prepareSql()), Expectations.QUERY_INJECTED, st);
            return;
        }
        s.prepared.put(st, s.batches);
        // Closed first: the name may be on the server still (an earlier batch's Parse that did
        // succeed, a Close skipped with its batch); closing a statement that does not exist is no error.
        close(s, st, st);
        s.send(st.parseFrame(c.channel.alloc()), Expectations.PARSE_INJECTED, new ServerConnection.Injection(st, s.batches));
    }

    /**
     * The unnamed statement, prepared again if another Parse took its place on this connection,
     * or if its Parse went in an earlier batch still unanswered (a failed batch skips it, and the
     * server's unnamed statement could then be another client's).
     */
    private void ensureUnnamed(ServerConnection s) {
        if (c.unnamedParse == null) return;
        if (s.unnamedBy == c && s.unnamedStamp == c.unnamedStamp && (s.unnamedBatch < 0 || s.unnamedBatch == s.batches)) return;
        s.send(c.unnamedParse.retainedDuplicate(), Expectations.PARSE_INJECTED, new ServerConnection.UnnamedParse(s.batches));
        s.unnamedBy = c;
        s.unnamedStamp = c.unnamedStamp;
        s.unnamedBatch = s.batches;
    }

    private void bind(ByteBuf frame, ServerConnection s) {
        int start = frame.readerIndex();
        int end = Frames.end(frame, start);
        int portalEnd = Frames.cstringEnd(frame, start + 5, end);
        int stmtEnd = Frames.cstringEnd(frame, portalEnd + 1, end);
        if (stmtEnd == portalEnd + 1) {
            ensureUnnamed(s);
            forward(s, frame, Expectations.BIND, null);
            return;
        }
        Prepared st = c.statements.get(Frames.string(frame, portalEnd + 1, stmtEnd));
        if (st == null) {
            forward(s, frame, Expectations.BIND, null); // the server says it does not exist
            return;
        }
        if (st.touchesSessionState) c.mayTouchState = true;
        ensurePrepared(s, st);
        // The Bind with the gateway's name: a new header, then the parameters as they came.
        byte[] n = st.name.getBytes(StandardCharsets.US_ASCII);
        int portalLen = portalEnd - (start + 5);
        int restLen = end - (stmtEnd + 1);
        ByteBuf head = c.channel.alloc().ioBuffer(5 + portalLen + 1 + n.length + 1);
        head.writeByte('B').writeInt(4 + portalLen + 1 + n.length + 1 + restLen);
        head.writeBytes(frame, start + 5, portalLen + 1).writeBytes(n).writeByte(0);
        s.send(head, (byte) 0, null);
        s.send(frame.retainedSlice(stmtEnd + 1, restLen), Expectations.BIND, null);
        frame.release();
    }

    private void describeStatement(ByteBuf frame, ServerConnection s) {
        int start = frame.readerIndex();
        int end = Frames.end(frame, start);
        int nameEnd = Frames.cstringEnd(frame, start + 6, end);
        if (nameEnd == start + 6) {
            ensureUnnamed(s);
            forward(s, frame, Expectations.DESCRIBE_STATEMENT, null);
            return;
        }
        Prepared st = c.statements.get(Frames.string(frame, start + 6, nameEnd));
        if (st == null) {
            forward(s, frame, Expectations.DESCRIBE_STATEMENT, null);
            return;
        }
        frame.release();
        ensurePrepared(s, st);
        byte[] n = st.name.getBytes(StandardCharsets.US_ASCII);
        ByteBuf d = c.channel.alloc().ioBuffer(7 + n.length);
        d.writeByte('D').writeInt(4 + 1 + n.length + 1).writeByte('S').writeBytes(n).writeByte(0);
        s.send(d, Expectations.DESCRIBE_STATEMENT, null);
    }

    /** Close of a statement: the client forgets its name; the server connection keeps the statement. */
    private void closeStatement(ByteBuf frame) {
        int start = frame.readerIndex();
        int end = Frames.end(frame, start);
        int nameEnd = Frames.cstringEnd(frame, start + 6, end);
        String name = Frames.string(frame, start + 6, nameEnd);
        frame.release();
        if (name.isEmpty()) {
            if (c.unnamedParse != null) {
                c.unnamedParse.release();
                c.unnamedParse = null;
            }
            return;
        }
        Prepared st = c.statements.remove(name);
        if (st != null) registry.release(st);
    }

    /** DEALLOCATE ALL, DISCARD ALL, the end of the client: its names go. */
    void forgetStatements() {
        for (Prepared p : c.statements.values()) registry.release(p);
        for (Prepared p : c.sqlStatements.values()) registry.release(p);
        c.statements.clear();
        c.sqlStatements.clear();
    }
}
