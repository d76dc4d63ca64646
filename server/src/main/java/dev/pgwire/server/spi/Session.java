package dev.pgwire.server.spi;

/**
 * One client session. The server calls it from a worker thread, never from an event loop, and
 * never two calls at once; calls may block. A handler that answers simple text queries implements
 * just {@link #execute}.
 *
 * <p>A simple-protocol Query message is split into statements by the server; each runs through
 * {@link #execute}. When a Query holds several statements and no transaction block is open the
 * server wraps them in {@link #implicitTransaction} calls, giving PostgreSQL's rule that an error
 * rolls back the whole message.
 */
@FunctionalInterface
public interface Session {

    /**
     * Runs one SQL statement and writes its outcome to {@code sink}: optionally columns and rows,
     * then exactly one of {@link ResultSink#complete} or {@link ResultSink#emptyQuery}. Throw a
     * {@link dev.pgwire.protocol.PgException} to report an error; any other exception becomes
     * XX000 with a generic message (and is logged).
     */
    void execute(String sql, ResultSink sink) throws Exception;

    /**
     * Prepares a statement for the extended query protocol (Parse). {@code parameterTypes} holds
     * the OIDs the client declared, 0 where it left the type open; the statement must keep the
     * declared ones. The default serves handlers that only implement {@link #execute}: statements
     * without parameters run through {@code execute} when first described or executed (their rows
     * are then held until Execute), and binding parameter values fails with 0A000.
     */
    default PreparedStatement prepare(String sql, int[] parameterTypes) throws Exception {
        return DeferredStatement.of(this, sql, parameterTypes);
    }

    /**
     * The SQL-level cursor {@code name} (DECLARE … CURSOR) as a portal, or null when there is none.
     * PostgreSQL lets Describe and Execute of a portal reach a cursor by its name (psycopg's
     * server-side cursors describe theirs so); the server asks here for a name it has no portal
     * of. The server never closes it: CLOSE and the transaction's end do.
     */
    default Portal cursor(String name) {
        return null;
    }

    /**
     * Whether calls may block (run a query, wait for I/O). Sessions that answer from memory can
     * return false: the server then calls them on the connection's event loop, saving a thread
     * hand-off per message. Such sessions must never block, and their output is not held back for
     * slow readers, so they should produce small results.
     */
    default boolean mayBlock() {
        return true;
    }

    /**
     * How the server renders and reads values for this session: TimeZone, extra_float_digits,
     * DateStyle, IntervalStyle. Null (the default) lets the server derive it from the parameters
     * the session reported. Read once per statement.
     */
    default dev.pgwire.protocol.types.CodecContext codecContext() {
        return null;
    }

    /** The transaction status reported in ReadyForQuery. Sessions without transactions stay idle. */
    default TransactionStatus transactionStatus() {
        return TransactionStatus.IDLE;
    }

    /**
     * How long, in milliseconds, the session may sit idle inside a transaction block before the
     * server ends it with FATAL 25P03 ("terminating connection due to idle-in-transaction timeout"),
     * as PostgreSQL's {@code idle_in_transaction_session_timeout}; 0 (the default) for no limit.
     * The server asks each time it sends ReadyForQuery with status T or E, so a handler can return
     * its current setting; the clock starts at that ReadyForQuery and stops at the next message.
     */
    default long idleInTransactionSessionTimeoutMillis() {
        return 0;
    }

    /**
     * Run-time parameters to report at startup (ParameterStatus), added to or replacing the
     * server's defaults (server_version, TimeZone, DateStyle, …).
     */
    default java.util.Map<String, String> parameterStatus() {
        return java.util.Map.of();
    }

    /**
     * Brackets the statements of a multi-statement Query run outside a transaction block:
     * {@code BEGIN} before the first, then {@code COMMIT} after the last, or {@code ROLLBACK} if one
     * failed. A statement that opens or ends an explicit block takes over from the implicit one, as
     * in PostgreSQL.
     */
    default void implicitTransaction(ImplicitTransaction step) throws Exception {
    }

    /**
     * Asks the call running now to stop, from another thread (a CancelRequest). The call should
     * end with a PgException 57014. Only called while a call is in flight.
     */
    default void cancel() {
    }

    /**
     * Gives the session the means to send its client messages of its own accord (notifications,
     * parameter reports): called once, after {@link SessionFactory#open} and before the client is
     * greeted. The default ignores it.
     */
    default void attach(AsyncMessages client) {
    }

    /** The client went away or the server is shutting down; release resources. */
    default void close() {
    }

    enum ImplicitTransaction { BEGIN, COMMIT, ROLLBACK }
}
