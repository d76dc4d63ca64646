package dev.pgwire.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Reads a large result with pgjdbc (extended protocol, fetch size 10 000, i.e. portal suspension)
 * and prints rows per second. Values are read as the application would: id as long, name as
 * string, score as double, flag as boolean.
 *
 * <pre>LargeResultClient JDBC_URL SQL [rounds]</pre>
 */
public final class LargeResultClient {
    private LargeResultClient() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String sql = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                long rows = 0;
                long check = 0;
                try (Statement st = c.createStatement()) {
                    st.setFetchSize(10_000);
                    try (ResultSet rs = st.executeQuery(sql)) {
                        while (rs.next()) {
                            check += rs.getLong(1) + rs.getString(2).length() + (long) rs.getDouble(3)
                                    + (rs.getBoolean(4) ? 1 : 0);
                            rows++;
                        }
                    }
                }
                c.commit();
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.printf("rows=%d seconds=%.3f rows_per_sec=%d check=%d%n", rows, secs, (long) (rows / secs), check);
            }
        }
    }
}
