package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.serve.catalog.Builtins;
import dev.pgwire.serve.plpgsql.Executor;
import dev.pgwire.serve.plpgsql.InlineCodeBlock;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * DO blocks in PL/pgSQL ({@link InlineCodeBlock}) run by a session: each statement of the block
 * goes through the session's whole path in the block's transaction, its rows collected as text
 * for the block (bounded: {@link #MAX_COLLECTED_CHARS}); notices and parameter changes reach the
 * client, command tags do not.
 */
final class InlineBlocks implements Executor {
    /** The text a block may hold of its statements' results at once (a FOR loop's rows, say). */
    static final long MAX_COLLECTED_CHARS = 64L << 20;

    /** A sink for what the block's own bookkeeping answers (its BEGIN and COMMIT). */
    static final ResultSink QUIET = new ResultSink() {
        @Override
        public void describeColumns(List<Column> columns) {
        }

        @Override
        public RowWriter row() {
            throw new IllegalStateException("no rows expected");
        }

        @Override
        public void complete(String commandTag) {
        }

        @Override
        public void emptyQuery() {
        }

        @Override
        public void notice(String severity, String sqlState, String message) {
        }

        @Override
        public void parameterStatus(String name, String value) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private final DuckDbSession session;
    private final ResultSink client;
    private final long call;

    InlineBlocks(DuckDbSession session, ResultSink client, long call) {
        this.session = session;
        this.client = client;
        this.call = call;
    }

    /** The PL/pgSQL source of a DO statement; another language is refused as PostgreSQL refuses it. */
    static String body(Node doStmt) {
        String body = null;
        String language = "plpgsql";
        for (Node arg : doStmt.list("args")) {
            String value = arg.node("arg") == null ? "" : arg.node("arg").str("sval");
            if (arg.str("defname").equals("as")) body = value;
            if (arg.str("defname").equals("language")) language = value;
        }
        if (!language.equals("plpgsql")) {
            if (language.equals("sql") || language.equals("c") || language.equals("internal")) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "language \"" + language + "\" does not support inline code execution");
            }
            throw new PgException("42704", "language \"" + language + "\" does not exist");
        }
        if (body == null) throw new PgException(SqlState.SYNTAX_ERROR, "no inline code specified");
        return body;
    }

    void runBlock(String body) {
        InlineCodeBlock.run(body, this);
    }

    @Override
    public Result run(String sql) {
        Collector sink = new Collector(client, session.codecContext());
        session.runInBlock(sql, sink, call);
        return new Result(sink.names, sink.types, sink.rows, sink.tag);
    }

    @Override
    public void notice(String severity, String sqlState, String message) {
        client.notice(severity, sqlState, message);
    }

    @Override
    public void savepoint(String name) {
        session.transactions().blockSavepoint(name);
    }

    @Override
    public void rollbackTo(String name) {
        session.transactions().blockRollbackTo(name);
    }

    @Override
    public void release(String name) {
        session.transactions().blockRelease(name);
    }

    @Override
    public void checkInterrupts() {
        if (session.cancelled(call).getAsBoolean() || client.isCancelled()) throw ErrorMapper.canceled();
    }

    /** A statement's result as text, within the block's bound; notices and parameter changes go on to the client. */
    private static final class Collector extends ForwardingSink implements RowWriter {
        private final CodecContext context;
        final List<String> names = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        private final List<Integer> oids = new ArrayList<>();
        final List<List<String>> rows = new ArrayList<>();
        private List<String> current;
        private long chars;
        String tag;

        Collector(ResultSink client, CodecContext context) {
            super(client);
            this.context = context;
        }

        @Override
        public void describeColumns(List<Column> columns) {
            for (Column c : columns) {
                names.add(c.name());
                oids.add(c.typeOid());
                types.add(castName(c.typeOid()));
            }
        }

        /** A built-in type as a cast names it (int4, text, int4[]); null for others (enums, domains). */
        private static String castName(int oid) {
            String name = Builtins.typeName(oid);
            if (name == null || name.isEmpty()) return null;
            return name.startsWith("_") ? name.substring(1) + "[]" : name;
        }

        @Override
        public RowWriter row() {
            current = new ArrayList<>(names.size());
            return this;
        }

        @Override
        public RowWriter text(CharSequence value) {
            return add(value.toString());
        }

        @Override
        public RowWriter bytes(byte[] value) {
            throw new IllegalStateException("text values expected");
        }

        @Override
        public RowWriter value(Object value) {
            if (value == null) return nul();
            return add(PgTypes.REGISTRY.encodeText(oids.get(current.size()), value, context));
        }

        @Override
        public RowWriter nul() {
            current.add(null);
            return this;
        }

        private RowWriter add(String value) {
            chars += value.length();
            if (chars > MAX_COLLECTED_CHARS) {
                throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "result of a statement in a DO block is too large")
                        .withDetail("A DO block holds at most " + (MAX_COLLECTED_CHARS >> 20) + " MB of a statement's rows at once.");
            }
            current.add(value);
            return this;
        }

        @Override
        public void end() {
            rows.add(current);
        }

        @Override
        public void complete(String commandTag) {
            tag = commandTag;
        }

        @Override
        public void emptyQuery() {
        }
    }
}
