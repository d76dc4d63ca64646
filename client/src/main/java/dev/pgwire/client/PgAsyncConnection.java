package dev.pgwire.client;

import dev.pgwire.client.StartupHandler.TlsMode;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.types.TypeRegistry;
import io.netty.channel.EventLoopGroup;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A PostgreSQL connection with an asynchronous API: every request returns at once and is written
 * behind the ones before it, so any number can be in flight (pipelining); each completes with its
 * own response. Safe to use from any thread. Futures complete, and listeners and row consumers
 * run, on the connection's event loop: they must not block (use the {@code *Async} methods of
 * {@link CompletableFuture} to move work elsewhere, or {@link PgConnection} for a blocking API).
 *
 * <pre>{@code
 * PgAsyncConnection conn = PgAsyncConnection.connect("postgresql://app@localhost/shop").join();
 * List<CompletableFuture<RowSet>> results = new ArrayList<>();
 * for (int id = 1; id <= 1000; id++) results.add(conn.execute("SELECT name FROM items WHERE id = $1", id));
 * CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();   // one round trip's worth of waiting
 * conn.close();
 * }</pre>
 *
 * <p>Errors: a request the server rejects fails with a {@link dev.pgwire.protocol.PgException}
 * holding every field of the ErrorResponse; each extended-protocol request is its own implicit
 * transaction and unit of error recovery, so a failure does not affect the requests around it. If
 * the connection is lost, every pending request fails (with the server's FATAL error when it sent
 * one, else SQLSTATE 08006).
 */
public final class PgAsyncConnection implements AutoCloseable {
    private final ConnectionHandler handler;
    private final SessionState session;
    private final PgConnectOptions options;
    private final PgConnectOptions.Host host;
    private final TlsSetup.Tls tls;
    private final TlsMode tlsMode;
    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    PgAsyncConnection(ConnectionHandler handler, PgConnectOptions options, PgConnectOptions.Host host, TlsSetup.Tls tls,
            TlsMode tlsMode) {
        this.handler = handler;
        this.session = handler.session;
        this.options = options;
        this.host = host;
        this.tls = tls;
        this.tlsMode = tlsMode;
    }

    /** Connects with a libpq connection string (URI or key/value); see {@link PgConnectOptions}. */
    public static CompletableFuture<PgAsyncConnection> connect(String conninfo) {
        try {
            return connect(PgConnectOptions.parse(conninfo));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public static CompletableFuture<PgAsyncConnection> connect(PgConnectOptions options) {
        return connect(options, Transports.sharedGroup());
    }

    /** Connects on the given event loops (epoll or NIO). */
    public static CompletableFuture<PgAsyncConnection> connect(PgConnectOptions options, EventLoopGroup group) {
        return Connector.connect(options, group, TypeRegistry.standard());
    }

    // ---- queries -----------------------------------------------------------------------------

    /** Runs a simple-protocol query: one or more statements, text results, one RowSet per statement. */
    public CompletableFuture<RowSet> query(String sql) {
        return submit(new SimpleQueryCommand<>(sql, new RowSink.Collecting()));
    }

    /**
     * Runs one statement with parameters ($1, $2, …) through the extended protocol (Parse, Bind,
     * Execute, Sync with the unnamed statement): one round trip, results in text format.
     * Parameters whose Java type maps to a PostgreSQL type (Integer → int4, Long → int8, UUID,
     * OffsetDateTime → timestamptz, arrays, Lists…) are declared as that type and sent in binary;
     * Strings and nulls are sent as text for the server to type, so {@code WHERE id = $1} works
     * with "42" as well as with 42.
     */
    public CompletableFuture<RowSet> execute(String sql, Object... params) {
        return submit(new ExtendedQueryCommand<>(sql, list(params), new RowSink.Collecting()));
    }

    /** Prepares a named statement, letting the server infer parameter types. */
    public CompletableFuture<PgPreparedStatement> prepare(String sql) {
        return prepare(sql, new int[0]);
    }

    /** Prepares a named statement with the given parameter type OIDs (0 leaves one to the server). */
    public CompletableFuture<PgPreparedStatement> prepare(String sql, int... parameterTypes) {
        String name = "pgwire_" + statements.incrementAndGet();
        return submit(new StatementCommands.Prepare(name, sql, parameterTypes.clone()));
    }

    /** Executes a prepared statement: parameters and results in binary wherever the registry has a codec. */
    public CompletableFuture<RowSet> execute(PgPreparedStatement statement, Object... params) {
        return submit(new ExtendedQueryCommand<>(statement, list(params), new RowSink.Collecting()));
    }

    /** Closes a prepared statement on the server. */
    public CompletableFuture<Void> close(PgPreparedStatement statement) {
        return submit(new StatementCommands.CloseStatement(statement.name()));
    }

    /**
     * Streams a result to a subscriber, honouring its demand: while it is behind, the socket is not
     * read, so any number of rows streams in bounded memory. The query runs when a subscriber
     * subscribes; only one may.
     */
    public Flow.Publisher<Row> stream(String sql, Object... params) {
        List<Object> p = list(params);
        return publisher(sink -> new ExtendedQueryCommand<>(sql, p, sink));
    }

    public Flow.Publisher<Row> stream(PgPreparedStatement statement, Object... params) {
        List<Object> p = list(params);
        return publisher(sink -> new ExtendedQueryCommand<>(statement, p, sink));
    }

    /**
     * Calls {@code consumer} for each row, on the event loop, as rows arrive: the cheapest way
     * through a large result. Completes with the number of rows.
     */
    public CompletableFuture<Long> forEach(String sql, List<?> params, Consumer<? super Row> consumer) {
        return submit(new ExtendedQueryCommand<>(sql, params, new RowSink.ForEach(consumer)));
    }

    public CompletableFuture<Long> forEach(PgPreparedStatement statement, List<?> params, Consumer<? super Row> consumer) {
        return submit(new ExtendedQueryCommand<>(statement, params, new RowSink.ForEach(consumer)));
    }

    /** Opens a cursor over a query: Execute with a row limit, resumed batch by batch. */
    public PgCursor cursor(String sql, int fetchSize, Object... params) {
        PgCursor c = new PgCursor(handler, sql, null, list(params), fetchSize);
        submit(c.command());
        return c;
    }

    public PgCursor cursor(PgPreparedStatement statement, int fetchSize, Object... params) {
        PgCursor c = new PgCursor(handler, null, statement, list(params), fetchSize);
        submit(c.command());
        return c;
    }

    // ---- COPY --------------------------------------------------------------------------------

    /** Starts {@code COPY ... FROM STDIN}; write the data through the returned {@link CopyIn}. */
    public CompletableFuture<CopyIn> copyIn(String sql) {
        CopyIn.CopyInCommand c = new CopyIn.CopyInCommand(sql);
        submit(c);
        return c.started;
    }

    /** COPY FROM STDIN with data from a publisher, requested as fast as the socket takes it. */
    public CompletableFuture<Long> copyIn(String sql, Flow.Publisher<byte[]> data) {
        return CopyPumps.from(copyIn(sql), data);
    }

    /** COPY FROM STDIN with data from an iterator, which is read on the event loop: it must not block. */
    public CompletableFuture<Long> copyIn(String sql, Iterator<byte[]> data) {
        return copyIn(sql).thenCompose(copy -> CopyPumps.from(copy, data));
    }

    /** {@code COPY ... TO STDOUT}: each data message goes to {@code consumer} on the event loop. */
    public CompletableFuture<Long> copyOut(String sql, Consumer<byte[]> consumer) {
        return submit(new CopyOutCommand(sql, CopyOutCommand.consumer(consumer)));
    }

    // ---- session -----------------------------------------------------------------------------

    /**
     * Asks the server to cancel what this session is running, over a new connection with the
     * cancel key (CancelRequest). Completes once the request was delivered; the running request
     * then fails with SQLSTATE 57014, if it had not finished already.
     */
    public CompletableFuture<Void> cancelRequest() {
        return CancelSender.send(handler.channel().eventLoop().parent(), options, host, tlsMode, tls,
                session.processId, session.secretKey);
    }

    /** Sets the listener for NOTIFY messages to this session (after LISTEN); null removes it. */
    public void onNotification(Consumer<Notification> listener) {
        session.notificationListener = listener;
    }

    /** Sets the listener for notices (RAISE NOTICE, warnings); by default they are logged. */
    public void onNotice(Consumer<Notice> listener) {
        session.noticeListener = listener;
    }

    /** A run-time parameter as last reported by the server (server_version, TimeZone, …), or null. */
    public String parameter(String name) {
        return session.parameters.get(name);
    }

    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(session.parameters);
    }

    /** The transaction status of the latest ReadyForQuery. */
    public TransactionStatus transactionStatus() {
        return session.transactionStatus;
    }

    /** The backend's process id (BackendKeyData). */
    public int processId() {
        return session.processId;
    }

    /** The protocol version in use: "3.0", or "3.2" when asked for and the server speaks it. */
    public String protocolVersion() {
        return (session.protocolVersion >>> 16) + "." + (session.protocolVersion & 0xFFFF);
    }

    /** Whether the connection is encrypted with TLS. */
    public boolean isTls() {
        return tlsMode != TlsMode.NONE;
    }

    /** The host this connection went to. */
    public PgConnectOptions.Host host() {
        return host;
    }

    public PgConnectOptions options() {
        return options;
    }

    /** The type registry values are encoded and decoded with; codecs registered here apply to this connection. */
    public TypeRegistry types() {
        return session.types;
    }

    public boolean isOpen() {
        return handler.isOpen() && !closing.get();
    }

    /** Sends Terminate once the requests already submitted are answered, then closes the socket. */
    public CompletableFuture<Void> closeAsync() {
        if (closing.compareAndSet(false, true) && handler.isOpen()) {
            handler.submit(new StatementCommands.Terminate());
        }
        return handler.closeFuture();
    }

    /** Completes when the connection has closed, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        return handler.closeFuture();
    }

    @Override
    public void close() {
        closeAsync().join();
    }

    @Override
    public String toString() {
        return "PgAsyncConnection[" + host + ", pid " + session.processId + (isTls() ? ", TLS" : "") + "]";
    }

    // ---- internals ---------------------------------------------------------------------------

    ConnectionHandler handler() {
        return handler;
    }

    <T> CompletableFuture<T> submit(Command<T> c) {
        if (closing.get()) c.fail(new PgException("08003", "connection is closed"));
        else handler.submit(c);
        return c.result;
    }

    private Flow.Publisher<Row> publisher(java.util.function.Function<RowSubscription, Command<Long>> command) {
        AtomicBoolean subscribed = new AtomicBoolean();
        return subscriber -> {
            if (!subscribed.compareAndSet(false, true)) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override public void request(long n) { }
                    @Override public void cancel() { }
                });
                subscriber.onError(new IllegalStateException("this result stream has already been subscribed to"));
                return;
            }
            RowSubscription s = new RowSubscription(handler, subscriber);
            subscriber.onSubscribe(s);
            submit(command.apply(s));
        };
    }

    private static List<Object> list(Object[] params) {
        return params == null ? List.of() : Arrays.asList(params);
    }
}
