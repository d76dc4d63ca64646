package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.Flush;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.FunctionCall;
import dev.pgwire.protocol.message.NoData;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.ParameterDescription;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.PortalSuspended;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.server.spi.TransactionStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives one {@link SessionMachine} after authentication with a sequence of inputs decoded from
 * bytes — frontend messages, cancels between and during calls, timers, shutdown, refusals, slow
 * readers and disconnects — and checks after each input that the output is well-formed (decoded
 * by the protocol module) and answers that input as the protocol says: every Sync and every Query
 * exactly one ReadyForQuery with the session's status, nothing at all while a failed batch skips
 * to Sync, nothing after a FATAL error or Terminate, no 57014 without a cancel (taken during that
 * message's call, or during an earlier message of its extended batch), no exception out
 * of the machine, and at the end every byte of memory given back and the session closed once.
 */
final class SessionMachineHarness implements SessionOutput, SessionMachine.Link, FuzzSession.World {
    private static final TypeRegistry REGISTRY = TypeRegistry.standard();
    private static final String[] SQL = {
            "echo a", "rows 3", "rows 0", "rows 25", "", " ; ", "error 22012", "error 40001", "boom", "fatal",
            "notice", "tz", "begin", "commit", "rollback", "echo a; echo b", "rows 2; error 42601; echo x",
            "begin; echo in; commit", "param $1", "cancelme 0", "cancelme 3", "echo 'a;b' -- c;", "bad",
            "select $1, $2", "nonsense",
    };
    private static final String[] NAMES = {"", "", "s1", "s2"};

    private final byte[] data;
    private int at;
    private final FuzzSession session = new FuzzSession(this);
    private final MemoryBudget budget = new MemoryBudget(4L << 20);
    private final SessionMemory memory = new SessionMemory(budget, 1L << 20);
    private final SessionMachine machine;
    private final ByteBuf written = Unpooled.buffer();
    private final List<Character> readyReported = new ArrayList<>();
    /** What happens at the next flushIfFull while a result streams: 0 nothing, 1 cancel, 2 disconnect, 3 deadline. */
    private int slowReaderEvent;
    private boolean closedByMachine;
    private boolean disconnected;
    private boolean cancelledDuringCall;
    /** A cancel took a call of the extended batch in progress: it stops the batch's later messages until Sync. */
    private boolean cancelPendingInBatch;
    private boolean terminating;
    private boolean skipping;

    SessionMachineHarness(byte[] data) {
        this.data = data;
        this.machine = new SessionMachine(session, this, this, REGISTRY, memory, 1234, 0);
    }

    // ---- the input language -------------------------------------------------------------------

    private int next() {
        return at < data.length ? data[at++] & 0xff : 0;
    }

    private boolean more() {
        return at < data.length;
    }

    private String name() {
        return NAMES[next() % NAMES.length];
    }

    private String sql() {
        int k = next();
        if (k < 240) return SQL[k % SQL.length];
        // now and then raw text, for the statement splitter
        int n = next() % 24;
        StringBuilder sb = new StringBuilder();
        String alphabet = "ab;'\"$-/* \n1e";
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(next() % alphabet.length()));
        return sb.toString();
    }

    void run() {
        machine.start(Map.of("TimeZone", "UTC", "DateStyle", "ISO, MDY"), new byte[4]);
        checkGreeting();
        int steps = 0;
        while (more() && !disconnected && steps++ < 200) {
            int op = next() % 24;
            int before = written.writerIndex();
            cancelledDuringCall = false;
            // now and then the client reads slowly during this input, and something happens meanwhile
            slowReaderEvent = next() % 8 == 0 ? 1 + next() % 3 : 0;
            FrontendMessage sent = switch (op) {
                case 0, 1, 2 -> new Query(sql());
                case 3, 4 -> new Parse(name(), sql(), next() % 3 == 0 ? new int[] {25} : new int[0]);
                case 5, 6 -> new Bind(name(), name(), new short[0], params(), next() % 4 == 0 ? new short[] {1} : new short[0]);
                case 7 -> new Describe(next() % 2 == 0 ? 'S' : 'P', name());
                case 8, 9 -> new Execute(name(), next() % 4);
                case 10 -> new Close(next() % 2 == 0 ? 'S' : 'P', name());
                case 11, 12 -> Sync.INSTANCE;
                case 13 -> Flush.INSTANCE;
                case 14 -> next() % 8 == 0 ? Terminate.INSTANCE : Flush.INSTANCE;
                case 15 -> new FunctionCall(next(), new short[0], new byte[0][], (short) 0);
                case 16 -> switch (next() % 3) {
                    case 0 -> new CopyData(new byte[] {1, 2});
                    case 1 -> CopyDone.INSTANCE;
                    default -> new CopyFail("stop");
                };
                case 17 -> new Query("rows 40"); // a longer result, for the slow reader
                default -> null;
            };
            if (sent != null) {
                boolean pendingBefore = cancelPendingInBatch && (sent instanceof Bind || sent instanceof Describe || sent instanceof Execute);
                machine.handle(sent);
                cancelledDuringCall |= pendingBefore;
                check(sent, before);
                if (sent instanceof Sync || sent instanceof Query) cancelPendingInBatch = false;
                if (cancelledDuringCall && !(sent instanceof Sync || sent instanceof Query)) cancelPendingInBatch = true;
            } else {
                other(op, before);
            }
        }
        end();
    }

    private byte[][] params() {
        int n = next() % 3;
        byte[][] p = new byte[n][];
        for (int i = 0; i < n; i++) p[i] = next() % 5 == 0 ? null : ("v" + next()).getBytes(StandardCharsets.UTF_8);
        return p;
    }

    /** Inputs that are not frontend messages. */
    private void other(int op, int before) {
        switch (op) {
            case 18 -> { // a cancel that arrives between calls: must change nothing
                if (machine.cancel()) throw new AssertionError("a cancel between calls reported a call");
                nothingWritten(before, "a late cancel");
            }
            case 19 -> { // the idle clock ran out
                boolean wasClosed = closedByMachine;
                TransactionStatus s = wasClosed ? TransactionStatus.IDLE : session.status;
                machine.idleTimeout(s);
                expectFatal(before, wasClosed, s == TransactionStatus.IDLE ? "57P05" : "25P03");
            }
            case 20 -> {
                boolean wasClosed = closedByMachine;
                machine.shutdown();
                expectFatal(before, wasClosed, "57P01");
            }
            case 21 -> {
                boolean wasClosed = closedByMachine;
                machine.protocolError(PgException.protocolViolation("bad frame"));
                expectFatal(before, wasClosed, "08P01");
            }
            case 22 -> { // a large message refused for memory, in place of a message of this type
                byte type = (byte) "QPBDECFdfp".charAt(next() % 10);
                boolean wasClosed = closedByMachine;
                boolean wasSkipping = skipping;
                machine.refused(type, new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too large"));
                List<BackendMessage> got = newMessages(before);
                int readies = readyReported.size();
                readyReported.clear();
                String what = "refused '" + (char) type + "'";
                if (wasClosed) {
                    if (!got.isEmpty()) fail(what + " after close", got);
                } else if (terminating) {
                    expectFatalIn(got, "57P01");
                } else if (wasSkipping || type == 'd' || type == 'f') {
                    if (!got.isEmpty()) fail(what + " while skipping or outside COPY", got);
                } else if (type == 'p') {
                    expectFatalIn(got, "08P01");
                } else if (type == 'Q' || type == 'F') {
                    if (got.size() != 2 || !(got.get(0) instanceof ErrorResponse) || readies != 1) fail(what, got);
                    expectEndsWithReady(got, what);
                } else {
                    if (got.size() != 1 || !(got.get(0) instanceof ErrorResponse) || readies != 0) fail(what, got);
                    skipping = true;
                }
            }
            default -> { // the connection drops between messages
                disconnected = true;
            }
        }
    }

    // ---- the machine's world ------------------------------------------------------------------

    @Override
    public ByteBuf buffer() {
        if (closedByMachine) throw new AssertionError("output written after the connection was closed");
        return written;
    }

    @Override
    public void flushIfFull() {
        if (slowReaderEvent == 0 || written.writerIndex() % 3 != 0) return;
        int e = slowReaderEvent;
        slowReaderEvent = 0;
        switch (e) {
            case 1 -> cancelArrives();
            case 2 -> { // the client goes away while the server waits for it to read
                disconnected = true;
                machine.cancel();
            }
            default -> { // the shutdown deadline passes
                terminating = true;
                machine.terminateRunningCall();
            }
        }
    }

    @Override
    public void flush() {
        if (closedByMachine) throw new AssertionError("flush after the connection was closed");
    }

    @Override
    public void flushAndClose() {
        if (closedByMachine) throw new AssertionError("closed twice");
        closedByMachine = true;
    }

    @Override
    public void discard() {
    }

    @Override
    public void readyForQuery(TransactionStatus status, long idleTimeoutMillis) {
        readyReported.add(status.code);
        if (idleTimeoutMillis != (status == TransactionStatus.IDLE ? 0 : 1000)) {
            throw new AssertionError("idle timeout " + idleTimeoutMillis + " for status " + status);
        }
    }

    @Override
    public void cancelArrives() {
        if (machine.cancel()) cancelledDuringCall = true;
    }

    // ---- the checks ---------------------------------------------------------------------------

    /** The messages written since {@code from}, decoded; the bytes must hold whole messages only. */
    private List<BackendMessage> newMessages(int from) {
        List<BackendMessage> got = new ArrayList<>();
        ByteBuf b = written.slice(from, written.writerIndex() - from);
        while (b.isReadable()) {
            if (b.readableBytes() < 5) throw new AssertionError("partial message header");
            byte type = b.readByte();
            int len = b.readInt();
            if (len < 4 || len - 4 > b.readableBytes()) {
                throw new AssertionError("bad length " + len + " in " + io.netty.buffer.ByteBufUtil.prettyHexDump(
                        written, from, written.writerIndex() - from) + " after " + got);
            }
            got.add(BackendMessages.decode(type, b.readSlice(len - 4)));
        }
        return got;
    }

    private void checkGreeting() {
        List<BackendMessage> got = newMessages(0);
        if (!(got.get(got.size() - 1) instanceof ReadyForQuery r) || r.transactionStatus() != 'I') fail("greeting", got);
        readyReported.clear();
    }

    private void check(FrontendMessage m, int before) {
        boolean wasSkipping = skipping;
        List<BackendMessage> got = newMessages(before);
        List<Character> ready = new ArrayList<>(readyReported);
        readyReported.clear();
        if (disconnected) return; // what it sent went nowhere
        boolean fatal = !got.isEmpty() && got.get(got.size() - 1) instanceof ErrorResponse e && "FATAL".equals(e.fields().get('S'));
        if (fatal || closedByMachine) {
            if (!closedByMachine) fail("FATAL without closing", got);
            for (int i = 0; i < got.size() - 1; i++) {
                if (got.get(i) instanceof ReadyForQuery) fail("ReadyForQuery in a response that ended FATAL", got);
            }
            if (!fatal && !(m instanceof Terminate) && !got.isEmpty()) fail("closed without FATAL", got);
            return;
        }
        for (BackendMessage g : got) {
            if (g instanceof ErrorResponse e && "57014".equals(e.fields().get('C')) && !cancelledDuringCall) {
                fail("57014 without a cancel", got);
            }
        }
        int readies = (int) got.stream().filter(g -> g instanceof ReadyForQuery).count();
        if (readies != ready.size()) fail("ReadyForQuery written " + readies + " times, reported " + ready.size(), got);
        if (m instanceof Sync) {
            skipping = false;
            expectEndsWithReady(got, "Sync");
            return;
        }
        if (wasSkipping) {
            if (!got.isEmpty()) fail("output while skipping to Sync", got);
            return;
        }
        if (m instanceof Query || m instanceof FunctionCall) {
            expectEndsWithReady(got, m.getClass().getSimpleName());
            checkRows(got);
        } else if (m instanceof Parse || m instanceof Bind || m instanceof Describe || m instanceof Execute
                || m instanceof Close) {
            if (readies != 0) fail("ReadyForQuery before Sync", got);
            boolean error = !got.isEmpty() && got.get(got.size() - 1) instanceof ErrorResponse;
            if (error) skipping = true;
            checkExtended(m, got, error);
        } else if (!got.isEmpty()) {
            fail("output for " + m.getClass().getSimpleName(), got);
        }
    }

    private void checkExtended(FrontendMessage m, List<BackendMessage> got, boolean error) {
        List<BackendMessage> body = error ? got.subList(0, got.size() - 1) : got;
        boolean ok;
        if (m instanceof Parse) {
            ok = error ? body.isEmpty() : body.size() == 1 && body.get(0).getClass().getSimpleName().equals("ParseComplete");
        } else if (m instanceof Bind) {
            ok = error ? body.isEmpty() : body.size() == 1 && body.get(0).getClass().getSimpleName().equals("BindComplete");
        } else if (m instanceof Close) {
            ok = !error && body.size() == 1 && body.get(0).getClass().getSimpleName().equals("CloseComplete");
        } else if (m instanceof Describe d) {
            int i = 0;
            if (d.kind() == 'S' && !error) ok = body.size() == 2 && body.get(i++) instanceof ParameterDescription;
            else ok = error ? body.isEmpty() : body.size() == 1;
            if (ok && !error) ok = body.get(i) instanceof RowDescription || body.get(i) instanceof NoData;
        } else {
            int i = 0;
            while (i < body.size() && (body.get(i) instanceof DataRow || body.get(i) instanceof NoticeResponse
                    || body.get(i) instanceof ParameterStatus)) i++;
            ok = error ? i == body.size()
                    : i == body.size() - 1 && (body.get(i) instanceof CommandComplete || body.get(i) instanceof PortalSuspended
                    || body.get(i) instanceof EmptyQueryResponse);
        }
        if (!ok) fail(m.toString(), got);
    }

    /** Simple-query results: RowDescription, its DataRows with as many values, then one end. */
    private void checkRows(List<BackendMessage> got) {
        int columns = -1;
        for (BackendMessage g : got) {
            if (g instanceof RowDescription rd) {
                columns = rd.fields().size();
            } else if (g instanceof DataRow row) {
                if (row.values().length != columns) fail("DataRow with " + row.values().length + " values", got);
            } else if (g instanceof CommandComplete || g instanceof EmptyQueryResponse || g instanceof ErrorResponse) {
                columns = -1;
            }
        }
    }

    private void expectEndsWithReady(List<BackendMessage> got, String what) {
        if (got.isEmpty() || !(got.get(got.size() - 1) instanceof ReadyForQuery r)) {
            fail(what + " without ReadyForQuery", got);
            return;
        }
        if (r.transactionStatus() != session.status.code) fail(what + ": ReadyForQuery status " + r.transactionStatus(), got);
        for (int i = 0; i < got.size() - 1; i++) {
            if (got.get(i) instanceof ReadyForQuery) fail(what + " with two ReadyForQuery", got);
            if (got.get(i) instanceof ErrorResponse && i != got.size() - 2
                    && !(got.get(i + 1) instanceof ErrorResponse)) {
                // an error ends the Query message: only ReadyForQuery (or a rollback's error) follows
                fail(what + ": output after an error", got);
            }
        }
    }

    private void expectFatal(int before, boolean wasClosed, String code) {
        List<BackendMessage> got = newMessages(before);
        readyReported.clear();
        if (wasClosed) {
            if (!got.isEmpty()) fail("output after close", got);
            return;
        }
        expectFatalIn(got, code);
    }

    private void expectFatalIn(List<BackendMessage> got, String code) {
        if (got.size() != 1 || !(got.get(0) instanceof ErrorResponse e) || !code.equals(e.fields().get('C'))
                || !"FATAL".equals(e.fields().get('S')) || !closedByMachine) {
            fail("expected FATAL " + code, got);
        }
    }

    private void nothingWritten(int before, String what) {
        List<BackendMessage> got = newMessages(before);
        if (!got.isEmpty()) fail("output for " + what, got);
    }

    /** The connection ends: everything is released and the session closed exactly once. */
    private void end() {
        machine.close();
        if (session.closes != 1) throw new AssertionError("session closed " + session.closes + " times");
        if (memory.held() != 0) throw new AssertionError("session memory still held: " + memory.held());
        if (budget.used() != 0) throw new AssertionError("server memory still reserved: " + budget.used());
        machine.handle(new Query("echo after close")); // ignored, and never reaches the session
        written.release();
    }

    private void fail(String what, List<BackendMessage> got) {
        throw new AssertionError(what + ": " + got + " (input at byte " + at + ", terminating=" + terminating + ")");
    }
}
