package dev.pgwire.compat;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.SessionFactory;
import dev.pgwire.server.spi.SessionInfo;
import dev.pgwire.server.spi.TransactionStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every error serve answered, with the exact SQL the client sent: the compat tests' serve runs
 * behind {@link #recording}, a session decorator that notes each failing execute, prepare,
 * describe, bind or portal execution before passing the error on unchanged. A test that sees a tool
 * fail reads {@link #since} for its database, so the report names the statement, not just the
 * tool's own message about it.
 */
public final class ServeErrors {

    /** One error answered by serve. {@code stage} is execute (simple query), parse, describe, bind or portal. */
    public record Error(String database, String stage, String sql, String sqlState, String message) {
        @Override
        public String toString() {
            String oneLine = sql.strip().replaceAll("\\s+", " ");
            return "[" + sqlState + "] " + message.lines().findFirst().orElse("") + "\n      SQL (" + stage + "): " + oneLine;
        }
    }

    private static final List<Error> ERRORS = new CopyOnWriteArrayList<>();

    private ServeErrors() {
    }

    /** A position in the log, to read later what came after it. */
    public static int mark() {
        return ERRORS.size();
    }

    /** Errors since {@code mark} in {@code database} (all databases when null). */
    public static List<Error> since(int mark, String database) {
        List<Error> out = new ArrayList<>();
        List<Error> all = List.copyOf(ERRORS);
        for (int i = mark; i < all.size(); i++) {
            if (database == null || all.get(i).database().equals(database)) out.add(all.get(i));
        }
        return out;
    }

    /** The distinct errors (same SQL and SQLSTATE once, in first-seen order), one per line. */
    public static String describe(List<Error> errors) {
        Map<String, Error> distinct = new LinkedHashMap<>();
        for (Error e : errors) distinct.putIfAbsent(e.sqlState() + "|" + e.sql(), e);
        StringBuilder sb = new StringBuilder();
        for (Error e : distinct.values()) sb.append("\n    ").append(e);
        return sb.toString();
    }

    static SessionFactory recording(SessionFactory inner) {
        return info -> new RecordingSession(inner.open(info), info.database());
    }

    private static Exception note(String database, String stage, String sql, Exception e) {
        if (e instanceof PgException pg) {
            ERRORS.add(new Error(database, stage, sql, pg.sqlState(), String.valueOf(pg.getMessage())));
        } else {
            ERRORS.add(new Error(database, stage, sql, "XX000", String.valueOf(e)));
        }
        return e;
    }

    private record RecordingSession(Session inner, String database) implements Session {
        @Override
        public void execute(String sql, ResultSink sink) throws Exception {
            try {
                inner.execute(sql, sink);
            } catch (Exception e) {
                throw note(database, "execute", sql, e);
            }
        }

        @Override
        public PreparedStatement prepare(String sql, int[] parameterTypes) throws Exception {
            try {
                return new RecordingStatement(inner.prepare(sql, parameterTypes), database, sql);
            } catch (Exception e) {
                throw note(database, "parse", sql, e);
            }
        }

        @Override
        public boolean mayBlock() {
            return inner.mayBlock();
        }

        @Override
        public CodecContext codecContext() {
            return inner.codecContext();
        }

        @Override
        public TransactionStatus transactionStatus() {
            return inner.transactionStatus();
        }

        @Override
        public dev.pgwire.server.spi.Portal cursor(String name) {
            return inner.cursor(name);
        }

        @Override
        public long idleInTransactionSessionTimeoutMillis() {
            return inner.idleInTransactionSessionTimeoutMillis();
        }

        @Override
        public Map<String, String> parameterStatus() {
            return inner.parameterStatus();
        }

        @Override
        public void implicitTransaction(ImplicitTransaction step) throws Exception {
            inner.implicitTransaction(step);
        }

        @Override
        public void cancel() {
            inner.cancel();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private record RecordingStatement(PreparedStatement inner, String database, String sql) implements PreparedStatement {
        @Override
        public int[] parameterTypes() {
            return inner.parameterTypes();
        }

        @Override
        public List<Column> columns() throws Exception {
            try {
                return inner.columns();
            } catch (Exception e) {
                throw note(database, "describe", sql, e);
            }
        }

        @Override
        public Portal bind(Parameters parameters) throws Exception {
            try {
                return new RecordingPortal(inner.bind(parameters), database, sql);
            } catch (Exception e) {
                throw note(database, "bind", sql, e);
            }
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private record RecordingPortal(Portal inner, String database, String sql) implements Portal {
        @Override
        public List<Column> columns() throws Exception {
            try {
                return inner.columns();
            } catch (Exception e) {
                throw note(database, "describe", sql, e);
            }
        }

        @Override
        public boolean execute(int maxRows, ResultSink sink) throws Exception {
            try {
                return inner.execute(maxRows, sink);
            } catch (Exception e) {
                throw note(database, "execute", sql, e);
            }
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
