package dev.pgwire.bench;

import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.SessionInfo;

import java.util.List;

/**
 * Handlers for benchmarks. {@code noop}: every statement answers one int4 row "1" (what pgbench's
 * {@code SELECT 1} needs), on the event loop. {@code generate}: {@code SELECT <n>} streams n rows
 * of four columns (int8, text, float8, bool) from a worker thread, like generate_series.
 *
 * <pre>java -cp bench/target/pgwire-bench.jar dev.pgwire.bench.BenchServer noop 5499</pre>
 */
public final class BenchServer {
    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "noop";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5499;
        PgServer server = PgServer.builder().port(port).maxConnections(1000)
                .sessionFactory(info -> mode.equals("generate") ? new GeneratingSession() : new NoopSession())
                .start();
        System.out.println("bench server (" + mode + ") listening on 127.0.0.1:" + server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }

    static final List<Column> ONE_INT = List.of(Column.of("?column?", PgType.INT4));

    /** Constant answers, computed on the event loop. */
    static final class NoopSession implements Session {
        @Override
        public void execute(String sql, ResultSink sink) {
            if (sql.regionMatches(true, 0, "SET", 0, 3) || sql.regionMatches(true, 0, "BEGIN", 0, 5)
                    || sql.regionMatches(true, 0, "END", 0, 3) || sql.regionMatches(true, 0, "COMMIT", 0, 6)) {
                sink.complete(sql.split("\\s+", 2)[0].toUpperCase());
                return;
            }
            sink.describeColumns(ONE_INT);
            sink.row().text("1").end();
            sink.complete("SELECT 1");
        }

        @Override
        public PreparedStatement prepare(String sql, int[] parameterTypes) {
            return new PreparedStatement() {
                @Override
                public int[] parameterTypes() {
                    return parameterTypes;
                }

                @Override
                public List<Column> columns() {
                    return ONE_INT;
                }

                @Override
                public Portal bind(Parameters parameters) {
                    return new Portal() {
                        @Override
                        public List<Column> columns() {
                            return ONE_INT;
                        }

                        @Override
                        public boolean execute(int maxRows, ResultSink sink) {
                            sink.row().text("1").end();
                            sink.complete("SELECT 1");
                            return false;
                        }
                    };
                }
            };
        }

        @Override
        public boolean mayBlock() {
            return false;
        }
    }

    static final List<Column> FOUR = List.of(Column.of("id", PgType.INT8), Column.text("name"),
            Column.of("score", PgType.FLOAT8), Column.of("flag", PgType.BOOL));

    /** Streams generated rows; the row count comes from the SQL text ("SELECT 1000000"). */
    static final class GeneratingSession implements Session {
        @Override
        public void execute(String sql, ResultSink sink) {
            if (sql.regionMatches(true, 0, "SET", 0, 3)) {
                sink.complete("SET");
                return;
            }
            long n = Long.parseLong(sql.replaceAll("[^0-9]", ""));
            sink.describeColumns(FOUR);
            StringBuilder sb = new StringBuilder(16);
            for (long i = 1; i <= n; i++) {
                sb.setLength(0);
                sb.append(i);
                sink.row().text(sb).text("name").text("0.5").text((i & 1) == 0 ? "t" : "f").end();
            }
            sink.complete("SELECT " + n);
        }
    }
}
