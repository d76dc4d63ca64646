package dev.pgwire.bench;

import dev.pgwire.client.PgAsyncConnection;
import dev.pgwire.client.PgConnection;
import dev.pgwire.client.PgPreparedStatement;
import dev.pgwire.client.RowSet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pgwire client against pgjdbc on the same server. Each run does {@code warmups} unmeasured
 * rounds (JIT) and then one measured round, and prints one line with the figure.
 *
 * <pre>
 * ClientBench select1 pgwire-pipeline|pgwire-sequential|pgjdbc CONNINFO_OR_JDBC_URL STATEMENTS [warmups]
 * ClientBench large pgwire-stream|pgwire-foreach|pgjdbc CONNINFO_OR_JDBC_URL ROWS [warmups]
 * </pre>
 *
 * select1: a prepared {@code SELECT 1} executed STATEMENTS times — pipelined (all sent, then all
 * results awaited) or one round trip at a time; prints {@code statements_per_sec=N}.
 * large: ROWS rows of (int8, text, float8, bool) read as long, String, double, boolean — the
 * pgwire client streaming a prepared statement (binary results; on the calling thread, or on the
 * event loop), pgjdbc with fetch size 10 000 in a transaction; prints {@code rows_per_sec=N}.
 */
public final class ClientBench {
    private ClientBench() {}

    public static void main(String[] args) throws Exception {
        String what = args[0];
        String mode = args[1];
        String target = args[2];
        int n = Integer.parseInt(args[3]);
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        Round round = switch (what + " " + mode) {
            case "select1 pgwire-pipeline" -> pgwireSelect1(target, true);
            case "select1 pgwire-sequential" -> pgwireSelect1(target, false);
            case "select1 pgjdbc" -> jdbcSelect1(target);
            case "large pgwire-stream" -> pgwireLarge(target, false);
            case "large pgwire-foreach" -> pgwireLarge(target, true);
            case "large pgjdbc" -> jdbcLarge(target);
            default -> throw new IllegalArgumentException("unknown benchmark: " + what + " " + mode);
        };
        try {
            for (int i = 0; i < warmups; i++) round.run(n);
            long start = System.nanoTime();
            long check = round.run(n);
            double secs = (System.nanoTime() - start) / 1e9;
            String unit = what.equals("select1") ? "statements_per_sec" : "rows_per_sec";
            System.out.printf("%s %s n=%d seconds=%.3f %s=%d check=%d%n", what, mode, n, secs, unit, (long) (n / secs), check);
        } finally {
            round.close();
        }
    }

    private interface Round extends AutoCloseable {
        long run(int n) throws Exception;
    }

    static String largeSql(int rows) {
        return "SELECT g::int8 AS id, 'name'::text AS name, 0.5::float8 AS score, (g % 2 = 0) AS flag"
                + " FROM generate_series(1, " + rows + ") g";
    }

    private static Round pgwireSelect1(String conninfo, boolean pipelined) {
        PgAsyncConnection conn = PgAsyncConnection.connect(conninfo).join();
        PgPreparedStatement ps = conn.prepare("SELECT 1").join();
        return new Round() {
            @Override
            public long run(int n) {
                long sum = 0;
                if (pipelined) {
                    @SuppressWarnings("unchecked")
                    CompletableFuture<RowSet>[] results = new CompletableFuture[n];
                    for (int i = 0; i < n; i++) results[i] = conn.execute(ps);
                    for (CompletableFuture<RowSet> f : results) sum += f.join().first().getInt(0);
                } else {
                    for (int i = 0; i < n; i++) sum += conn.execute(ps).join().first().getInt(0);
                }
                return sum;
            }

            @Override
            public void close() {
                conn.close();
            }
        };
    }

    private static Round jdbcSelect1(String url) throws Exception {
        Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement("SELECT 1");
        return new Round() {
            @Override
            public long run(int n) throws Exception {
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sum += rs.getInt(1);
                    }
                }
                return sum;
            }

            @Override
            public void close() throws Exception {
                c.close();
            }
        };
    }

    private static Round pgwireLarge(String conninfo, boolean onEventLoop) {
        PgConnection conn = PgConnection.connect(conninfo);
        return new Round() {
            private PgPreparedStatement ps;
            private int preparedFor = -1;

            @Override
            public long run(int n) {
                if (preparedFor != n) {
                    ps = conn.prepare(largeSql(n));
                    preparedFor = n;
                }
                long[] check = {0};
                long rows;
                if (onEventLoop) {
                    rows = conn.async().forEach(ps, List.of(), r -> check[0] += r.getLong(0) + r.getString(1).length()
                            + (long) r.getDouble(2) + (r.getBoolean(3) ? 1 : 0)).join();
                } else {
                    rows = conn.stream(ps, List.of(), r -> check[0] += r.getLong(0) + r.getString(1).length()
                            + (long) r.getDouble(2) + (r.getBoolean(3) ? 1 : 0));
                }
                if (rows != n) throw new IllegalStateException("read " + rows + " rows, expected " + n);
                return check[0];
            }

            @Override
            public void close() {
                conn.close();
            }
        };
    }

    private static Round jdbcLarge(String url) throws Exception {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        return new Round() {
            @Override
            public long run(int n) throws Exception {
                long check = 0;
                long rows = 0;
                try (PreparedStatement st = c.prepareStatement(largeSql(n))) {
                    st.setFetchSize(10_000);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            check += rs.getLong(1) + rs.getString(2).length() + (long) rs.getDouble(3) + (rs.getBoolean(4) ? 1 : 0);
                            rows++;
                        }
                    }
                }
                c.commit();
                if (rows != n) throw new IllegalStateException("read " + rows + " rows, expected " + n);
                return check;
            }

            @Override
            public void close() throws Exception {
                c.close();
            }
        };
    }
}
