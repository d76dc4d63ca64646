package dev.pgwire.bench;

import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded engine with no server in between, as the reference for {@code serve}:
 * {@code qps THREADS SECONDS SQL} runs SQL in a loop on THREADS connections to one in-memory
 * database and prints queries per second; {@code rows SQL} reads a result and prints rows/s.
 */
public final class DuckDbInProcess {
    private DuckDbInProcess() {}

    public static void main(String[] args) throws Exception {
        try (DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
            if (args[0].equals("qps")) {
                qps(root, Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            } else {
                rows(root, args[1], args.length > 2 ? Integer.parseInt(args[2]) : 2);
            }
        }
    }

    private static void qps(DuckDBConnection root, int threads, int seconds, String sql) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = root.duplicate();
            Thread t = new Thread(() -> {
                try (c; Statement st = c.createStatement()) {
                    while (System.nanoTime() < end) {
                        try (ResultSet rs = st.executeQuery(sql)) {
                            while (rs.next()) rs.getString(1);
                        }
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) t.join();
        System.out.println("qps=" + done.get() / seconds);
    }

    private static void rows(DuckDBConnection root, String sql, int reads) throws Exception {
        try (Statement st = root.createStatement()) {
            for (int round = 0; round < reads; round++) { // the reads before the last warm up
                long start = System.nanoTime();
                long n = 0;
                long check = 0;
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        check += rs.getLong(1) + rs.getString(2).length() + (long) rs.getDouble(3) + (rs.getBoolean(4) ? 1 : 0);
                        n++;
                    }
                }
                double secs = (System.nanoTime() - start) / 1e9;
                if (round == reads - 1) System.out.printf("rows=%d rows_per_sec=%d check=%d%n", n, (long) (n / secs), check);
            }
        }
    }
}
