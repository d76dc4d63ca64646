package dev.pgwire.server.spi;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.Arrays;
import java.util.List;

/**
 * The extended-protocol fallback for handlers that only implement {@link Session#execute}: a
 * statement without parameters that runs as a simple statement. Its columns are not known until it
 * runs, so Describe of the statement answers NoData, and Describe of a portal runs it and holds
 * the rows until Execute.
 */
final class DeferredStatement implements PreparedStatement {
    private final Session session;
    private final String sql;
    private final int[] parameterTypes;

    private DeferredStatement(Session session, String sql, int[] parameterTypes) {
        this.session = session;
        this.sql = sql;
        this.parameterTypes = parameterTypes;
    }

    static PreparedStatement of(Session session, String sql, int[] declared) {
        int n = Math.max(declared.length, highestParameter(sql));
        int[] types = Arrays.copyOf(declared, n);
        for (int i = 0; i < n; i++) if (types[i] == 0) types[i] = 25; // text
        return new DeferredStatement(session, sql, types);
    }

    /** The highest $n outside quotes and comments. */
    static int highestParameter(String sql) {
        int max = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                int j = i + 1;
                int v = 0;
                while (j < n && Character.isDigit(sql.charAt(j)) && v < 100_000) v = v * 10 + (sql.charAt(j++) - '0');
                max = Math.max(max, v);
                i = j - 1;
            }
        }
        return max;
    }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<Column> columns() {
        return null;
    }

    @Override
    public Portal bind(Parameters parameters) {
        if (parameters.size() > 0) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "this server does not accept query parameters ($1, $2, ...)")
                    .withHint("Send the values inline in the SQL text, or use the simple query protocol.");
        }
        return new DeferredPortal();
    }

    /** Runs the statement once, on first describe or execute, and replays what it produced. */
    private final class DeferredPortal implements Portal {
        private BufferedResult result;

        private BufferedResult run() throws Exception {
            if (result == null) {
                result = new BufferedResult();
                session.execute(sql, result);
            }
            return result;
        }

        @Override
        public List<Column> columns() throws Exception {
            return run().columns();
        }

        @Override
        public boolean execute(int maxRows, ResultSink sink) throws Exception {
            return run().replay(maxRows, sink);
        }
    }
}
