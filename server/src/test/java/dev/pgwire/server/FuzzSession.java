package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.TransactionStatus;

import java.util.List;
import java.util.Locale;

/**
 * A deterministic, never-blocking session for driving {@link SessionMachine} with generated
 * message sequences. It checks the SPI's promises as it is called: one call at a time, nothing
 * after close, close once. Commands: {@code echo X}, {@code rows N}, {@code error SQLSTATE},
 * {@code boom} (a handler bug), {@code fatal}, {@code notice}, {@code tz} (reports a parameter),
 * {@code cancelme N} (a CancelRequest arrives after N rows), {@code begin} / {@code commit} /
 * {@code rollback}, and as prepared statements {@code rows N} and {@code param $1}.
 */
final class FuzzSession implements Session {
    /** What the session does when its call wants the outside world to act (a cancel arriving). */
    interface World {
        void cancelArrives();
    }

    private final World world;
    TransactionStatus status = TransactionStatus.IDLE;
    int calls;
    int closes;
    private boolean inCall;
    private boolean implicit;

    FuzzSession(World world) {
        this.world = world;
    }

    private void enter() {
        if (closes > 0) throw new AssertionError("session called after close");
        if (inCall) throw new AssertionError("two calls at once");
        inCall = true;
        calls++;
    }

    private void leave() {
        inCall = false;
    }

    @Override
    public void execute(String sql, ResultSink sink) throws Exception {
        enter();
        try {
            String[] w = sql.trim().split("\\s+", 2);
            String cmd = w[0].toLowerCase(Locale.ROOT);
            String arg = w.length > 1 ? w[1] : "";
            if (status == TransactionStatus.FAILED && !cmd.equals("rollback") && !cmd.equals("commit")) {
                throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION, "current transaction is aborted");
            }
            try {
                run(cmd, arg, sink);
            } catch (Exception e) {
                if (status == TransactionStatus.IN_TRANSACTION) status = TransactionStatus.FAILED;
                throw e;
            }
        } finally {
            leave();
        }
    }

    private static int number(String s, int max) {
        try {
            return Math.min(max, Math.max(0, Integer.parseInt(s.trim())));
        } catch (NumberFormatException e) {
            return 1;
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
                int n = number(arg, 40);
                sink.describeColumns(List.of(Column.of("n", PgType.INT8), Column.text("t")));
                for (int i = 0; i < n; i++) sink.row().value((long) i).text("row").end();
                sink.complete("SELECT " + n);
            }
            case "cancelme" -> {
                int n = number(arg, 10);
                sink.describeColumns(List.of(Column.of("n", PgType.INT4)));
                for (int i = 0; i < 20; i++) {
                    if (i == n) world.cancelArrives();
                    sink.row().value(i).end(); // ends with 57014 once the cancel has arrived
                }
                sink.complete("SELECT 20");
            }
            case "error" -> throw new PgException(arg.length() == 5 ? arg : SqlState.DIVISION_BY_ZERO, "requested error");
            case "boom" -> throw new IllegalStateException("a handler bug");
            case "fatal" -> throw new PgException(SqlState.ADMIN_SHUTDOWN, "requested fatal").withSeverity("FATAL");
            case "notice" -> {
                sink.notice("NOTICE", "00000", "hello");
                sink.complete("DO");
            }
            case "tz" -> {
                sink.parameterStatus("TimeZone", "UTC");
                sink.complete("SET");
            }
            case "begin" -> {
                status = TransactionStatus.IN_TRANSACTION;
                sink.complete("BEGIN");
            }
            case "commit", "rollback" -> {
                status = TransactionStatus.IDLE;
                sink.complete(cmd.toUpperCase(Locale.ROOT));
            }
            default -> throw new PgException(SqlState.SYNTAX_ERROR, "syntax error");
        }
    }

    @Override
    public PreparedStatement prepare(String sql, int[] declared) throws Exception {
        enter();
        try {
            String[] w = sql.trim().split("\\s+", 2);
            if (w[0].equalsIgnoreCase("rows")) {
                int n = number(w.length > 1 ? w[1] : "1", 40);
                return statement(new int[0], List.of(Column.of("n", PgType.INT8)), params -> new CountingPortal(n));
            }
            if (w[0].equalsIgnoreCase("param")) {
                int[] types = {declared.length > 0 && declared[0] != 0 ? declared[0] : PgType.TEXT.oid()};
                return statement(types, List.of(Column.text("v")), params -> new Portal() {
                    @Override
                    public List<Column> columns() {
                        return List.of(Column.text("v"));
                    }

                    @Override
                    public boolean execute(int maxRows, ResultSink sink) {
                        enter();
                        try {
                            sink.row().text(params.text(0)).end();
                            sink.complete("SELECT 1");
                            return false;
                        } finally {
                            leave();
                        }
                    }
                });
            }
            if (w[0].equalsIgnoreCase("bad")) throw new PgException(SqlState.SYNTAX_ERROR, "cannot prepare");
        } finally {
            leave();
        }
        return Session.super.prepare(sql, declared); // runs through execute later
    }

    /** A portal over rows 0..n-1 that stops at the row limit. */
    private final class CountingPortal implements Portal {
        private final int n;
        private int next;

        CountingPortal(int n) {
            this.n = n;
        }

        @Override
        public List<Column> columns() {
            return List.of(Column.of("n", PgType.INT8));
        }

        @Override
        public boolean execute(int maxRows, ResultSink sink) {
            enter();
            try {
                int sent = 0;
                while (next < n) {
                    if (maxRows > 0 && sent == maxRows) return true;
                    sink.row().value((long) next++).end();
                    sent++;
                }
                sink.complete("SELECT " + sent);
                return false;
            } finally {
                leave();
            }
        }
    }

    private PreparedStatement statement(int[] types, List<Column> cols, java.util.function.Function<Parameters, Portal> bind) {
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
                if (closes > 0) throw new AssertionError("bind after close");
                return bind.apply(parameters);
            }
        };
    }

    @Override
    public void implicitTransaction(ImplicitTransaction step) {
        enter();
        try {
            switch (step) {
                case BEGIN -> {
                    if (implicit) throw new AssertionError("implicit BEGIN inside an implicit transaction");
                    implicit = true;
                }
                case COMMIT, ROLLBACK -> {
                    if (!implicit) throw new AssertionError("implicit " + step + " without BEGIN");
                    implicit = false;
                }
            }
        } finally {
            leave();
        }
    }

    @Override
    public TransactionStatus transactionStatus() {
        if (closes > 0) throw new AssertionError("status asked after close");
        return status;
    }

    @Override
    public long idleInTransactionSessionTimeoutMillis() {
        return 1000;
    }

    @Override
    public void cancel() {
        // the call notices through ResultSink.isCancelled / the row end
    }

    @Override
    public void close() {
        closes++;
        if (closes > 1) throw new AssertionError("closed twice");
    }
}
