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

    /** SET, BEGIN, COMMIT, ROLLBACK, END: acknowledged, nothing to do. */
    static boolean isControl(String sql) {
        for (String k : new String[] {"SET", "BEGIN", "COMMIT", "ROLLBACK", "END"}) {
            if (sql.regionMatches(true, 0, k, 0, k.length())) return true;
        }
        return false;
    }

    static final List<Column> ONE_INT = List.of(Column.of("?column?", PgType.INT4));

    /** Constant answers, computed on the event loop. */
    static final class NoopSession implements Session {
        @Override
        public void execute(String sql, ResultSink sink) {
            if (isControl(sql)) {
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

    /**
     * Streams generated rows; the row count comes from the SQL text ("SELECT 1000000"). Also
     * answers {@code PEAK}: the JVM's peak heap use in bytes since the previous PEAK.
     */
    static final class GeneratingSession implements Session {
        private boolean inBlock;

        @Override
        public dev.pgwire.server.spi.TransactionStatus transactionStatus() {
            return inBlock ? dev.pgwire.server.spi.TransactionStatus.IN_TRANSACTION
                    : dev.pgwire.server.spi.TransactionStatus.IDLE;
        }

        @Override
        public void execute(String sql, ResultSink sink) {
            if (isControl(sql)) {
                String tag = sql.split("\\s+", 2)[0].toUpperCase();
                if (tag.equals("BEGIN")) inBlock = true;
                if (tag.equals("COMMIT") || tag.equals("ROLLBACK") || tag.equals("END")) inBlock = false;
                sink.complete(tag);
                return;
            }
            if (sql.equalsIgnoreCase("PEAK")) {
                sink.describeColumns(List.of(Column.of("peak_heap_bytes", PgType.INT8)));
                sink.row().text(Long.toString(peakHeapAndReset())).end();
                sink.complete("SELECT 1");
                return;
            }
            sink.describeColumns(FOUR);
            new Generator(rowCount(sql)).execute(0, sink);
        }

        @Override
        public PreparedStatement prepare(String sql, int[] parameterTypes) throws Exception {
            if (isControl(sql) || sql.equalsIgnoreCase("PEAK")) {
                return Session.super.prepare(sql, parameterTypes);
            }
            long n = rowCount(sql);
            return new PreparedStatement() {
                @Override
                public int[] parameterTypes() {
                    return new int[0];
                }

                @Override
                public List<Column> columns() {
                    return FOUR;
                }

                @Override
                public Portal bind(Parameters parameters) {
                    return new Generator(n);
                }
            };
        }

        private static long rowCount(String sql) {
            return Long.parseLong(sql.replaceAll("[^0-9]", ""));
        }
    }

    /** A portal over generated rows that can stop at a row limit and resume. */
    static final class Generator implements Portal {
        private final long n;
        private long next = 1;
        private final StringBuilder sb = new StringBuilder(16);

        Generator(long n) {
            this.n = n;
        }

        @Override
        public List<Column> columns() {
            return FOUR;
        }

        @Override
        public boolean execute(int maxRows, ResultSink sink) {
            long sent = 0;
            for (; next <= n; next++) {
                if (maxRows > 0 && sent == maxRows) return true;
                sb.setLength(0);
                sb.append(next);
                sink.row().text(sb).text("name").text("0.5").text((next & 1) == 0 ? "t" : "f").end();
                sent++;
            }
            sink.complete("SELECT " + sent);
            return false;
        }
    }

    static long peakHeapAndReset() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
                pool.resetPeakUsage();
            }
        }
        return peak;
    }
}
