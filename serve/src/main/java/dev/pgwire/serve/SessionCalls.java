package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The calls of one session — a call is the work of one client message — as cancel,
 * statement_timeout and pg_stat_activity see them. Each call has a number: a cancel names the call
 * it was meant for, so one that arrives after its statement ended stops nothing else; an error of
 * a cancelled call is 57014 with the cancel's message, whatever DuckDB said.
 */
final class SessionCalls {
    private static final Logger log = LoggerFactory.getLogger(SessionCalls.class);
    private static final java.time.format.DateTimeFormatter UTC =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    /** For pg_stat_activity; milliseconds since the epoch, 0 when there is none. */
    private final long backendStart = System.currentTimeMillis();
    private volatile long queryStart;
    private volatile long xactStart;
    private volatile long stateChange = backendStart;
    private volatile String lastQuery;

    private long calls;
    private volatile long currentCall;
    private volatile long cancelledCall;
    private volatile String cancelMessage;

    /** The text of the statement the client sent last (pg_stat_activity.query). */
    void query(String sql) {
        lastQuery = sql;
    }

    /** A call begins; its number. */
    long start() {
        long call = ++calls;
        queryStart = System.currentTimeMillis();
        if (xactStart == 0) xactStart = queryStart;
        currentCall = call;
        return call;
    }

    /** The call ended; {@code transactionEnded} when no transaction stays open after it. */
    void end(boolean transactionEnded) {
        currentCall = 0;
        stateChange = System.currentTimeMillis();
        if (transactionEnded) xactStart = 0;
    }

    /** The call in flight, 0 when there is none. */
    long current() {
        return currentCall;
    }

    boolean executing() {
        return currentCall != 0;
    }

    /** Marks {@code call} cancelled with {@code message}; false (and nothing changes) unless it is the call in flight. */
    boolean cancel(long call, String message) {
        if (call == 0 || call != currentCall) return false;
        cancelMessage = message;
        cancelledCall = call;
        return true;
    }

    /** Whether the call numbered {@code call} was cancelled (or timed out). */
    BooleanSupplier cancelled(long call) {
        return () -> cancelledCall == call;
    }

    /** Whether the call in flight was cancelled (or timed out). */
    boolean currentCancelled() {
        return currentCall != 0 && cancelledCall == currentCall;
    }

    /** A failure of call {@code call} as the client sees it: 57014 if it was cancelled; never Java's text. */
    PgException asPgException(RuntimeException e, long call) {
        if (cancelledCall == call) {
            return new PgException(SqlState.QUERY_CANCELED, cancelMessage == null ? ErrorMapper.CANCELED_MESSAGE : cancelMessage);
        }
        if (e instanceof PgException) return (PgException) e;
        log.warn("unexpected failure running a statement", e);
        // the client gets no Java text, as from the server (the log has the whole story)
        return new PgException(SqlState.INTERNAL_ERROR, "internal error: " + e.getClass().getSimpleName(), e);
    }

    /** backend_start, xact_start, query_start and state_change as UTC text (null where there is none). */
    List<String> times() {
        return java.util.Arrays.asList(utc(backendStart), utc(xactStart), utc(queryStart), utc(stateChange));
    }

    String lastQuery() {
        return lastQuery == null ? "" : lastQuery;
    }

    private static String utc(long epochMillis) {
        return epochMillis == 0 ? null : UTC.format(java.time.Instant.ofEpochMilli(epochMillis)) + "+00";
    }
}
