package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.SessionFactory;
import dev.pgwire.server.spi.SessionInfo;
import dev.pgwire.server.spi.TransactionStatus;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small command language for exercising the server without an engine:
 * {@code echo X}, {@code rows N}, {@code error SQLSTATE}, {@code insert}, {@code count},
 * {@code wait} (blocks until cancelled), {@code hold} (blocks until the test releases it),
 * {@code whoami}, BEGIN / COMMIT / ROLLBACK.
 */
final class TestHandler implements SessionFactory {
    /** Committed "inserts", to observe implicit-transaction rollback. */
    final AtomicInteger committed = new AtomicInteger();
    /** Released once per {@code hold} statement a test lets finish. */
    final Semaphore holdRelease = new Semaphore(0);
    /** Counted down when a {@code wait} or {@code hold} statement starts running. */
    volatile CountDownLatch running = new CountDownLatch(1);
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    /** One permit per session closed, for waiting until the server has closed sessions whose clients left. */
    final Semaphore closedSessions = new Semaphore(0);
    /** Per process id: released when that session's {@code wait} starts (for tests that cancel it). */
    final java.util.concurrent.ConcurrentHashMap<Integer, Semaphore> waitStarted = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Session open(SessionInfo info) {
        if (info.database().equals("nosuchdb")) {
            throw new PgException(SqlState.INVALID_CATALOG_NAME, "database \"nosuchdb\" does not exist");
        }
        opened.incrementAndGet();
        return new TestSession(info);
    }

    final class TestSession implements Session {
        private final SessionInfo info;
        private TransactionStatus status = TransactionStatus.IDLE;
        private int pending;
        private boolean implicit;
        private final Semaphore cancelled = new Semaphore(0);

        TestSession(SessionInfo info) {
            this.info = info;
        }

        @Override
        public void execute(String sql, ResultSink sink) throws Exception {
            String[] w = sql.trim().split("\\s+", 2);
            String cmd = w[0].toLowerCase(Locale.ROOT);
            String arg = w.length > 1 ? w[1] : "";
            if (status == TransactionStatus.FAILED && !cmd.equals("rollback") && !cmd.equals("commit")) {
                throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            try {
                run(cmd, arg, sink);
            } catch (Exception e) {
                if (status == TransactionStatus.IN_TRANSACTION) status = TransactionStatus.FAILED;
                throw e;
            }
        }

        private void run(String cmd, String arg, ResultSink sink) throws Exception {
            switch (cmd) {
                case "echo" -> {
                    sink.describeColumns(List.of(Column.text("echo")));
                    sink.row().text(arg).end();
                    sink.complete("SELECT 1");
                }
                case "rows" -> {
                    long n = Long.parseLong(arg);
                    sink.describeColumns(List.of(Column.of("n", PgType.INT8), Column.text("t"), Column.of("z", PgType.INT4)));
                    for (long i = 0; i < n; i++) sink.row().text(Long.toString(i)).text("row").nul().end();
                    sink.complete("SELECT " + n);
                }
                case "set" -> sink.complete("SET");
                case "error" -> throw new PgException(arg, "requested error " + arg).withDetail("detail").withHint("hint");
                case "boom" -> throw new IllegalStateException("secret internal detail");
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "insert" -> {
                    if (status == TransactionStatus.IDLE && !implicit) committed.incrementAndGet(); else pending++;
                    sink.complete("INSERT 0 1");
                }
                case "count" -> {
                    sink.describeColumns(List.of(Column.of("count", PgType.INT4)));
                    sink.row().text(Integer.toString(committed.get())).end();
                    sink.complete("SELECT 1");
                }
                case "whoami" -> {
                    sink.describeColumns(List.of(Column.text("user"), Column.text("database"), Column.text("tls")));
                    sink.row().text(info.user()).text(info.database()).text(Boolean.toString(info.tls())).end();
                    sink.complete("SELECT 1");
                }
                case "notice" -> {
                    sink.notice("NOTICE", "00000", "hello " + arg);
                    sink.complete("DO");
                }
                case "wait" -> {
                    running.countDown();
                    waitStarted.computeIfAbsent(info.processId(), k -> new Semaphore(0)).release();
                    if (!cancelled.tryAcquire(30, TimeUnit.SECONDS)) throw new IllegalStateException("never cancelled");
                    throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                }
                case "hold" -> {
                    running.countDown();
                    if (!holdRelease.tryAcquire(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                    sink.complete("HOLD");
                }
                case "begin" -> {
                    status = TransactionStatus.IN_TRANSACTION;
                    implicit = false;
                    sink.complete("BEGIN");
                }
                case "commit" -> {
                    boolean failed = status == TransactionStatus.FAILED;
                    if (!failed) committed.addAndGet(pending);
                    pending = 0;
                    status = TransactionStatus.IDLE;
                    sink.complete(failed ? "ROLLBACK" : "COMMIT");
                }
                case "rollback" -> {
                    pending = 0;
                    status = TransactionStatus.IDLE;
                    sink.complete("ROLLBACK");
                }
                default -> throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + cmd + "\"").withPosition(1);
            }
        }

        /**
         * Real prepared statements for {@code rows N} (streams with suspension) and
         * {@code param $1} (echoes its text parameter); anything else takes the default.
         */
        @Override
        public PreparedStatement prepare(String sql, int[] declared) throws Exception {
            String[] w = sql.trim().split("\\s+", 2);
            if (w[0].equalsIgnoreCase("rows")) {
                long n = Long.parseLong(w[1]);
                List<Column> cols = List.of(Column.of("n", PgType.INT8), Column.text("t"), Column.of("z", PgType.INT4));
                return statement(new int[0], cols, params -> new Portal() {
                    long next;

                    @Override
                    public List<Column> columns() {
                        return cols;
                    }

                    @Override
                    public boolean execute(int maxRows, ResultSink sink) {
                        int sent = 0;
                        while (next < n) {
                            if (maxRows > 0 && sent == maxRows) return true;
                            sink.row().text(Long.toString(next++)).text("row").nul().end();
                            sent++;
                        }
                        sink.complete("SELECT " + sent);
                        return false;
                    }
                });
            }
            if (w[0].equalsIgnoreCase("ranges")) { // one row written from ranges of a reused array: n int8, t text, z int4
                List<Column> cols = List.of(Column.of("n", PgType.INT8), Column.text("t"), Column.of("z", PgType.INT4));
                return statement(new int[0], cols, params -> new Portal() {
                    @Override
                    public List<Column> columns() {
                        return cols;
                    }

                    @Override
                    public boolean execute(int maxRows, ResultSink sink) {
                        byte[] scratch = "..-5row42".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        RowWriter row = sink.row();
                        if (row.format() == 0) {
                            row.utf8(scratch, 2, 2);
                        } else {
                            row.bytes(new byte[] {9, -1, -1, -1, -1, -1, -1, -1, -5, 9}, 1, 8);
                        }
                        row.utf8(scratch, 4, 3); // text's bytes are the same in both formats
                        row.utf8(scratch, 7, 2); // text in a binary column: the server converts it
                        row.end();
                        sink.complete("SELECT 1");
                        return false;
                    }
                });
            }
            if (w[0].equalsIgnoreCase("slowbind")) { // Bind holds until released, deaf to cancel; Execute answers one row
                List<Column> cols = List.of(Column.text("v"));
                return statement(new int[0], cols, params -> {
                    running.countDown();
                    try {
                        if (!holdRelease.tryAcquire(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Portal() {
                        @Override
                        public List<Column> columns() {
                            return cols;
                        }

                        @Override
                        public boolean execute(int maxRows, ResultSink sink) {
                            sink.row().text("ran").end();
                            sink.complete("SELECT 1");
                            return false;
                        }
                    };
                });
            }
            if (w[0].equalsIgnoreCase("param")) {
                int[] types = {declared.length > 0 && declared[0] != 0 ? declared[0] : PgType.TEXT.oid()};
                List<Column> cols = List.of(Column.text("v"));
                return statement(types, cols, params -> new Portal() {
                    @Override
                    public List<Column> columns() {
                        return cols;
                    }

                    @Override
                    public boolean execute(int maxRows, ResultSink sink) {
                        sink.row().text(params.text(0)).end();
                        sink.complete("SELECT 1");
                        return false;
                    }
                });
            }
            return Session.super.prepare(sql, declared);
        }

        private PreparedStatement statement(int[] types, List<Column> cols,
                                            java.util.function.Function<Parameters, Portal> bind) {
            return new PreparedStatement() {
                @Override
                public int[] parameterTypes() {
                    return types.clone();
                }

                @Override
                public List<Column> columns() {
                    return cols;
                }

                @Override
                public Portal bind(Parameters parameters) {
                    return bind.apply(parameters);
                }
            };
        }

        @Override
        public void implicitTransaction(ImplicitTransaction step) {
            switch (step) {
                case BEGIN -> implicit = true;
                case COMMIT -> {
                    if (implicit && status == TransactionStatus.IDLE) committed.addAndGet(pending);
                    if (status == TransactionStatus.IDLE) pending = 0;
                    implicit = false;
                }
                case ROLLBACK -> {
                    if (status == TransactionStatus.IDLE) pending = 0;
                    implicit = false;
                }
            }
        }

        @Override
        public TransactionStatus transactionStatus() {
            return status;
        }

        @Override
        public void cancel() {
            cancelled.release();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            closedSessions.release();
        }
    }
}
