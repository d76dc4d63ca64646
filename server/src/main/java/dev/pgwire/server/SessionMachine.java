package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.Flush;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.FunctionCall;
import dev.pgwire.protocol.message.NotificationResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.server.spi.AsyncMessages;
import dev.pgwire.server.spi.CopyIn;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.TransactionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The protocol state machine of one session after authentication (protocol sections 55.2.2 and
 * 55.2.3): frontend messages in, calls on the handler's {@link Session} and backend messages out.
 *
 * <p>It is synchronous and knows no sockets or threads: {@link SessionHandler} feeds it from its
 * inbox on a worker thread (or the event loop), tests and the fuzz target feed it directly. Each
 * input is handled completely before the method returns. Only {@link #cancel} and
 * {@link #terminateRunningCall} may be called from another thread, while an input is being handled.
 */
final class SessionMachine {
    private static final Logger log = LoggerFactory.getLogger(SessionMachine.class);

    /** What the machine tells the connection that drives it. */
    interface Link {
        /**
         * ReadyForQuery has been written: the client may now wait for it, so the output should go
         * out unless more input is already waiting. {@code idleTimeoutMillis} is how long the
         * session may now stay idle before {@link #idleTimeout} ends it (0: no limit).
         */
        void readyForQuery(TransactionStatus status, long idleTimeoutMillis);
    }

    /** PostgreSQL's code for idle_in_transaction_session_timeout (not in {@link SqlState}'s list). */
    static final String IDLE_IN_TRANSACTION_SESSION_TIMEOUT = "25P03";

    private final Session session;
    private final SessionOutput out;
    private final Link link;
    private final TypeRegistry registry;
    private final SessionMemory memory;
    private final int processId;
    private final long idleSessionTimeoutMillis;
    private final ExtendedQuery extended;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private volatile CodecContext codecContext = CodecContext.DEFAULT;
    private final Object callLock = new Object();
    private volatile boolean callInFlight;
    private volatile boolean cancelRequested;
    /** The client's connection closed ({@link #connectionLost}); guarded by callLock. */
    private boolean connectionLost;
    /** The server is shutting down past its deadline: the running call's end ends the session (57P01). */
    private volatile boolean terminating;
    /** Another session terminated this one (pg_terminate_backend): FATAL 57P01 once no call runs. */
    private volatile boolean terminateRequested;
    /** Terminate, a FATAL error or close(): nothing more is handled. */
    private volatile boolean closed;
    /** After an error in an extended-protocol batch, messages are skipped until Sync. */
    private boolean skipUntilSync;
    /** close() has released the statements, portals and the handler's session. */
    private boolean released;
    /** COPY FROM STDIN under way: CopyData, CopyDone and CopyFail go to its receiver. */
    private CopyInProgress copy;
    /** Notifications and parameter reports waiting for the session to be idle outside a block. */
    private final ConcurrentLinkedQueue<BackendMessage> asyncPending = new ConcurrentLinkedQueue<>();

    /**
     * @param idleSessionTimeoutMillis how long the session may stay idle outside a transaction
     *                                 block (idle_session_timeout); 0 for no limit
     */
    SessionMachine(Session session, SessionOutput out, Link link, TypeRegistry registry, SessionMemory memory,
                   int processId, long idleSessionTimeoutMillis) {
        this.session = session;
        this.out = out;
        this.link = link;
        this.registry = registry;
        this.memory = memory;
        this.processId = processId;
        this.idleSessionTimeoutMillis = idleSessionTimeoutMillis;
        this.extended = new ExtendedQuery(this, out);
    }

    /** The run-time parameters reported at startup: the server's defaults, then the session's own. */
    static Map<String, String> initialParameters(Map<String, String> startupParams, String user, String serverVersion,
                                                 Session s) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("application_name", startupParams.getOrDefault("application_name", ""));
        p.put("client_encoding", "UTF8");
        p.put("DateStyle", "ISO, MDY");
        p.put("default_transaction_read_only", "off");
        p.put("in_hot_standby", "off");
        p.put("integer_datetimes", "on");
        p.put("IntervalStyle", "postgres");
        p.put("is_superuser", "on");
        p.put("server_encoding", "UTF8");
        p.put("server_version", serverVersion);
        p.put("session_authorization", user);
        p.put("standard_conforming_strings", "on");
        p.put("TimeZone", startupParams.getOrDefault("TimeZone", TimeZone.getDefault().getID()));
        p.putAll(s.parameterStatus());
        return p;
    }

    /** Greets the client once authenticated: ParameterStatus for each parameter, BackendKeyData, ReadyForQuery. */
    void start(Map<String, String> reported, byte[] secretKey) {
        for (Map.Entry<String, String> p : reported.entrySet()) {
            parameters.put(p.getKey(), p.getValue());
            out.write(new ParameterStatus(p.getKey(), p.getValue()));
        }
        codecContext = CodecContext.fromParameters(parameters);
        out.write(new BackendKeyData(processId, secretKey));
        readyForQuery();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * The handler's means of sending its client messages of its own accord: they queue here and
     * {@code wake} asks the driver to call {@link #deliverAsync} between messages.
     */
    AsyncMessages asyncMessages(Runnable wake) {
        return new AsyncMessages() {
            @Override
            public void notification(int processId, String channel, String payload) {
                post(new NotificationResponse(processId, channel, payload));
            }

            @Override
            public void parameterStatus(String name, String value) {
                post(new ParameterStatus(name, value));
            }

            @Override
            public void terminate() {
                if (closed) return;
                terminateRequested = true;
                terminateRunningCall();
                wake.run();
            }

            private void post(BackendMessage m) {
                if (closed) return;
                asyncPending.add(m);
                wake.run();
            }
        };
    }

    /**
     * Between messages: ends a session another one terminated; sends waiting notifications if the
     * session is idle outside a block.
     */
    void deliverAsync() {
        if (closed || callInFlight) return;
        if (terminateRequested) {
            shutdown();
            return;
        }
        if (copy != null || asyncPending.isEmpty()) return;
        if (session.transactionStatus() == TransactionStatus.IDLE) writeAsync();
    }

    private void writeAsync() {
        for (BackendMessage m; (m = asyncPending.poll()) != null; ) {
            if (m instanceof ParameterStatus p) parameterChanged(p.name(), p.value());
            out.write(m);
        }
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void parameterChanged(String name, String value) {
        parameters.put(name, value);
        if (name.equals("TimeZone") || name.equals("DateStyle") || name.equals("IntervalStyle")) {
            codecContext = CodecContext.fromParameters(parameters);
        }
    }

    SessionMemory memory() {
        return memory;
    }

    TypeRegistry registry() {
        return registry;
    }

    /** How values are rendered for this session (TimeZone, DateStyle, …), from its parameters. */
    CodecContext codecContext() {
        CodecContext own = session.codecContext();
        return own != null ? own : codecContext;
    }

    // ---- inputs ----------------------------------------------------------------------------

    /** One frontend message, in arrival order. */
    void handle(FrontendMessage fm) {
        if (closed) return;
        if (terminating) {
            shutdown(); // the shutdown deadline has passed: nothing more runs
            return;
        }
        if (copy != null) {
            copyMessage(fm);
            return;
        }
        if (skipUntilSync && !(fm instanceof Sync) && !(fm instanceof Terminate)) return;
        if (fm instanceof Query q) {
            extended.simpleQueryStarted();
            simpleQuery(q.sql());
        } else if (fm instanceof Sync) {
            skipUntilSync = false;
            synchronized (callLock) {
                cancelRequested = false; // a cancel lasts to the end of its batch
            }
            extended.sync(session);
            readyForQuery();
        } else if (fm instanceof Flush) {
            out.flush();
        } else if (fm instanceof Terminate) {
            closed = true;
            out.flushAndClose();
        } else if (fm instanceof Parse || fm instanceof Bind || fm instanceof Describe || fm instanceof Execute
                || fm instanceof Close) {
            extendedMessage(fm);
        } else if (fm instanceof FunctionCall) {
            sendError(new PgException(SqlState.FEATURE_NOT_SUPPORTED, "fast-path function calls are not supported"));
            readyForQuery();
        } else if (fm instanceof CopyData || fm instanceof CopyDone || fm instanceof CopyFail) {
            // Outside COPY these are ignored, as the protocol says: they may trail a failed COPY.
        } else {
            fatal(PgException.protocolViolation(
                    "unexpected message " + fm.getClass().getSimpleName() + " after authentication"));
        }
    }

    /** The byte stream could not be read as messages (bad framing): FATAL, the stream is lost. */
    void protocolError(PgException e) {
        fatal(e);
    }

    /**
     * A message refused for memory (see {@link SessionMemory}) in place of the message: answered
     * with {@code error} as if the message had failed. A refused Query or FunctionCall gets its
     * ReadyForQuery; a refused extended-protocol message fails its batch up to Sync.
     */
    void refused(byte type, PgException error) {
        if (closed) return;
        if (terminating) {
            shutdown();
            return;
        }
        if (copy != null) {
            // data of the COPY was refused: the COPY cannot be completed without it
            failCopy(type == 'd' ? error : unexpectedDuringCopy(type), error);
            return;
        }
        if (skipUntilSync) return; // the batch has failed already: dropped like any message before Sync
        switch (type) {
            case 'Q', 'F' -> {
                sendError(error);
                readyForQuery();
            }
            case 'd', 'f' -> { } // COPY data outside COPY is ignored anyway
            case 'p' -> fatal(PgException.protocolViolation("unexpected message PasswordMessage after authentication"));
            default -> {
                sendError(error);
                extended.failed();
                skipUntilSync = true;
            }
        }
    }

    /** The server is shutting down (between calls): FATAL 57P01. */
    void shutdown() {
        fatal(new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
    }

    /**
     * The session stayed idle past its timeout since the last ReadyForQuery, which reported
     * {@code status}: idle_session_timeout (57P05) outside a transaction block,
     * idle_in_transaction_session_timeout (25P03) inside one.
     */
    void idleTimeout(TransactionStatus status) {
        fatal(status == TransactionStatus.IDLE
                ? new PgException(SqlState.IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout")
                : new PgException(IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                        "terminating connection due to idle-in-transaction timeout"));
    }

    /** The connection is gone: releases every statement and portal and the handler's session. */
    void close() {
        closed = true;
        if (released) return;
        released = true;
        CopyInProgress c = copy;
        copy = null;
        if (c != null) abandonCopy(c, new PgException(SqlState.CONNECTION_FAILURE, "connection ended during COPY from stdin"));
        extended.closeAll();
        try {
            session.close();
        } catch (Throwable t) {
            log.warn("session {} close failed", processId, t);
        }
    }

    // ---- cancel (any thread) ----------------------------------------------------------------

    /** Cancels the call in flight, if any (CancelRequest). A late cancel does nothing. */
    boolean cancel() {
        synchronized (callLock) {
            if (!callInFlight) return false;
            cancelRequested = true;
        }
        try {
            session.cancel();
        } catch (RuntimeException e) {
            log.warn("session {} cancel failed", processId, e);
        }
        return true;
    }

    /**
     * The server's shutdown deadline has passed: cancels the running call, whose end then ends the
     * session with FATAL 57P01 instead of its own outcome, as a PostgreSQL backend does on SIGTERM.
     */
    void terminateRunningCall() {
        terminating = true;
        cancel();
    }

    // ---- the protocol ------------------------------------------------------------------------

    /** One message of an extended-protocol batch; an error skips the rest of the batch up to Sync. */
    private void extendedMessage(FrontendMessage fm) {
        beginBatchCall();
        try {
            // a cancel taken while an earlier message of the batch ran (say its Bind, before the
            // Execute started the query) stops the batch here, as PostgreSQL's pending cancel does
            if (cancelRequested && (fm instanceof Bind || fm instanceof Describe || fm instanceof Execute)) throw canceled();
            if (fm instanceof Parse p) {
                extended.parse(session, p);
            } else if (fm instanceof Bind b) {
                extended.bind(session, b);
            } else if (fm instanceof Describe d) {
                extended.describe(session, d);
            } else if (fm instanceof Execute e) {
                extended.execute(session, e);
            } else if (fm instanceof Close c) {
                extended.close(c);
            }
        } catch (Throwable t) {
            reportError(t);
            extended.failed();
            skipUntilSync = true;
        } finally {
            if (copy == null) endBatchCall(); // a COPY FROM STDIN keeps the call open until its data has come
        }
    }

    void reportError(Throwable t) {
        sendError(asPgException(t));
    }

    /**
     * A Query message (protocol section 55.2.2): each statement runs in turn; an error ends the
     * message; several statements outside a transaction block share one implicit transaction.
     */
    private void simpleQuery(String sql) {
        List<String> statements = SqlSplitter.split(sql);
        beginCall();
        boolean ended = true;
        try {
            // A Query sent inside the implicit transaction of an unfinished extended batch joins
            // it and ends it, as in PostgreSQL; the Sync that follows finds nothing to end.
            boolean joined = extended.takeImplicitTransaction();
            if (statements.isEmpty()) {
                out.write(EmptyQueryResponse.INSTANCE);
                if (joined) runStep(Session.ImplicitTransaction.COMMIT);
                return;
            }
            boolean implicit = joined
                    || statements.size() > 1 && session.transactionStatus() == TransactionStatus.IDLE;
            if (implicit && !joined && !runStep(Session.ImplicitTransaction.BEGIN)) return;
            ended = false;
            ended = runStatements(new QueryRun(statements, implicit));
        } finally {
            if (ended) endQuery();
        }
    }

    /** The statements of a Query message and how far they have run. */
    private static final class QueryRun {
        final List<String> statements;
        final boolean implicit;
        int next;

        QueryRun(List<String> statements, boolean implicit) {
            this.statements = statements;
            this.implicit = implicit;
        }
    }

    /**
     * Runs a Query's statements from where it stands. Returns false when a statement started
     * COPY FROM STDIN: the Query goes on once its data has come; otherwise the Query is over (the
     * caller ends it).
     */
    private boolean runStatements(QueryRun run) {
        while (run.next < run.statements.size()) {
            StatementSink sink = new StatementSink(out, this);
            if (!executeStatement(run.statements.get(run.next++), sink)) {
                if (run.implicit) runStep(Session.ImplicitTransaction.ROLLBACK);
                return true;
            }
            CopyIn receiver = sink.copyInReceiver();
            if (receiver != null) {
                startCopyIn(new CopyInProgress(sink, receiver, run, null));
                return false;
            }
        }
        if (run.implicit) runStep(Session.ImplicitTransaction.COMMIT);
        return true;
    }

    private void endQuery() {
        endCall();
        readyForQuery();
    }

    // ---- COPY FROM STDIN (protocol section 55.2.6) ---------------------------------------------

    /**
     * A COPY FROM STDIN under way: the statement's sink and receiver, and what follows its end —
     * the rest of a Query, or (extended protocol) the portal's completion.
     */
    record CopyInProgress(StatementSink sink, CopyIn receiver, QueryRun query,
                          java.util.function.Consumer<String> portalDone) {}

    /** A statement started COPY FROM STDIN: CopyInResponse goes out, the call stays in flight. */
    void startCopyIn(CopyInProgress c) {
        copy = c;
        c.sink().startCopyIn();
    }

    /** A message during COPY FROM STDIN. Flush and Sync are ignored there, as PostgreSQL does. */
    private void copyMessage(FrontendMessage fm) {
        CopyInProgress c = copy;
        if (fm instanceof CopyData d) {
            try {
                if (cancelRequested) throw canceled();
                c.receiver().data(d.data());
            } catch (Throwable t) {
                failCopy(asPgException(t), t);
            }
        } else if (fm instanceof CopyDone) {
            String tag;
            try {
                if (cancelRequested) throw canceled();
                tag = c.receiver().done();
            } catch (Throwable t) {
                failCopy(asPgException(t), t);
                return;
            }
            copy = null;
            c.sink().completeCopyIn(tag);
            if (c.query() != null) {
                boolean ended = true;
                try {
                    ended = runStatements(c.query());
                } finally {
                    if (ended) endQuery();
                }
            } else {
                c.portalDone().accept(tag);
                endCall();
            }
        } else if (fm instanceof CopyFail f) {
            PgException e = new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + f.message());
            failCopy(e, e);
        } else if (fm instanceof Terminate) {
            copy = null;
            abandonCopy(c, new PgException(SqlState.CONNECTION_FAILURE, "connection ended during COPY from stdin"));
            closed = true;
            out.flushAndClose();
        } else if (!(fm instanceof Sync) && !(fm instanceof Flush)) {
            PgException e = unexpectedDuringCopy(typeOf(fm));
            failCopy(e, e);
        }
    }

    /**
     * The COPY failed: its receiver undoes it, the client gets {@code error}, and the Query ends
     * (with ReadyForQuery) or the extended batch skips to Sync. What the client still sends of the
     * COPY is then ignored.
     */
    private void failCopy(PgException error, Throwable cause) {
        CopyInProgress c = copy;
        copy = null;
        abandonCopy(c, cause instanceof Exception ex ? ex : error);
        sendError(error);
        if (c.query() != null) {
            if (c.query().implicit) runStep(Session.ImplicitTransaction.ROLLBACK);
            endQuery();
        } else {
            extended.failed();
            skipUntilSync = true;
            endCall();
        }
    }

    private void abandonCopy(CopyInProgress c, Exception reason) {
        try {
            c.receiver().fail(reason);
        } catch (Throwable t) {
            log.warn("session {}: ending a failed COPY failed", processId, t);
        }
    }

    private static PgException unexpectedDuringCopy(int type) {
        return PgException.protocolViolation(String.format("unexpected message type 0x%02X during COPY from stdin", type));
    }

    private static int typeOf(FrontendMessage fm) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        try {
            fm.encode(b);
            return b.getByte(0) & 0xff;
        } finally {
            b.release();
        }
    }

    private static PgException canceled() {
        return new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }

    private boolean runStep(Session.ImplicitTransaction step) {
        try {
            session.implicitTransaction(step);
            return true;
        } catch (Throwable t) {
            sendError(asPgException(t));
            return false;
        }
    }

    private boolean executeStatement(String sql, StatementSink sink) {
        try {
            if (cancelRequested) throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            session.execute(sql, sink);
            sink.completeIfNeeded();
            return true;
        } catch (Throwable t) {
            sink.abandonPartialRow();
            sendError(asPgException(t));
            return false;
        }
    }

    private void beginCall() {
        synchronized (callLock) {
            cancelRequested = connectionLost; // a call that begins after the client went away stops before it runs
            callInFlight = true;
        }
    }

    /** A message of an extended batch: a cancel taken earlier in the batch stays until its Sync. */
    private void beginBatchCall() {
        synchronized (callLock) {
            if (connectionLost) cancelRequested = true;
            callInFlight = true;
        }
    }

    /**
     * The client's connection is gone (any thread): the call in flight is cancelled, and so is one
     * that begins after (the message was taken before the connection closed), which a cancel now
     * would miss; it could otherwise run to its end, however long, before the session closes.
     */
    void connectionLost() {
        synchronized (callLock) {
            connectionLost = true;
        }
        cancel();
    }

    private void endBatchCall() {
        synchronized (callLock) {
            callInFlight = false;
        }
    }

    private void endCall() {
        synchronized (callLock) {
            callInFlight = false;
            cancelRequested = false;
        }
    }

    private void readyForQuery() {
        if (closed) return; // a FATAL error ended the session: no ReadyForQuery follows it
        TransactionStatus status = session.transactionStatus();
        if (status == TransactionStatus.IDLE && !asyncPending.isEmpty()) writeAsync();
        out.write(switch (status) {
            case IN_TRANSACTION -> ReadyForQuery.IN_TRANSACTION;
            case FAILED -> ReadyForQuery.FAILED;
            default -> ReadyForQuery.IDLE;
        });
        link.readyForQuery(status, status == TransactionStatus.IDLE ? idleSessionTimeoutMillis
                : idleInTransactionTimeout());
    }

    private long idleInTransactionTimeout() {
        try {
            return Math.max(0, session.idleInTransactionSessionTimeoutMillis());
        } catch (Throwable t) {
            log.warn("session {}: idleInTransactionSessionTimeoutMillis failed", processId, t);
            return 0;
        }
    }

    private void sendError(PgException e) {
        if (e.isFatal()) {
            fatal(e);
            return;
        }
        if (!closed) out.write(ErrorResponse.of(e));
    }

    /** Ends the session with a FATAL error after the output before it. */
    private void fatal(PgException e) {
        if (closed) return;
        closed = true;
        e.withSeverity("FATAL");
        out.write(ErrorResponse.of(e));
        out.flushAndClose();
    }

    private PgException asPgException(Throwable t) {
        if (terminating) {
            return new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command")
                    .withSeverity("FATAL");
        }
        if (t instanceof PgException pg) return pg;
        if (cancelRequested) return new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        if (t instanceof OutOfMemoryError) {
            // what failed to allocate is garbage now: the statement fails, the session and the others go on
            log.warn("session {}: a statement ran out of heap: {}", processId, t.getMessage());
            return new PgException(SqlState.OUT_OF_MEMORY, "out of memory")
                    .withDetail("The statement needed more memory than the server's heap had free.");
        }
        log.error("session {}: handler failed", processId, t);
        return new PgException(SqlState.INTERNAL_ERROR, "internal error: " + t.getClass().getSimpleName());
    }
}
