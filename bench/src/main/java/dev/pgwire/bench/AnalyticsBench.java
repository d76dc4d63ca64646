package dev.pgwire.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analytical queries over ROWS generated rows on {@code serve} (through pgjdbc), on PostgreSQL 15
 * (through pgjdbc) and on DuckDB in this process (its JDBC driver, no server in between), timed
 * alternately in every round so all three see the same machine noise. The queries are the same
 * SQL text on all three; only the loading differs (generate_series on the PostgreSQL side, DuckDB's
 * range in-process). Every result is read to the end as text, and the three must agree.
 *
 * <pre>AnalyticsBench SERVE_JDBC_URL POSTGRES_JDBC_URL ROWS ROUNDS</pre>
 *
 * Prints one line per query: {@code query=NAME serve_ms=… postgres_ms=… duckdb_ms=…} (medians),
 * and {@code load …} with the seconds each took to load.
 */
public final class AnalyticsBench {
    private AnalyticsBench() {}

    /** The measured queries: identical SQL on the three. */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();
    static {
        QUERIES.put("group-by, 100 000 groups",
                "SELECT customer_id, count(*) AS n, sum(amount) AS total, avg(amount) AS mean FROM facts"
                        + " GROUP BY customer_id ORDER BY total DESC, customer_id LIMIT 100");
        QUERIES.put("group-by, 365 groups",
                "SELECT day, count(*) AS n, sum(amount) AS total, min(amount) AS lo, max(amount) AS hi FROM facts"
                        + " GROUP BY day ORDER BY day");
        QUERIES.put("join + group-by",
                "SELECT c.region, count(*) AS n, sum(f.amount) AS total FROM facts f JOIN customers c ON c.id = f.customer_id"
                        + " GROUP BY c.region ORDER BY c.region");
        QUERIES.put("join + filter + count distinct",
                "SELECT c.region, count(DISTINCT f.customer_id) AS customers FROM facts f JOIN customers c ON c.id = f.customer_id"
                        + " WHERE f.day >= DATE '2024-07-01' GROUP BY c.region ORDER BY c.region");
    }

    static final String DDL_CUSTOMERS = "CREATE TABLE customers (id integer PRIMARY KEY, region text NOT NULL, name text NOT NULL)";
    static final String DDL_FACTS = "CREATE TABLE facts (id bigint NOT NULL, customer_id integer NOT NULL, product_id integer NOT NULL,"
            + " amount numeric(12,2) NOT NULL, day date NOT NULL)";
    /**
     * The generated columns, over a bigint g from 1 to ROWS. The amount is multiplied, not divided:
     * serve computes numeric division row by row in Java (PostgreSQL's result scale), which would
     * make the load measure that instead.
     */
    static final String FACT_COLUMNS = "g, CAST((g * 7919) % 100000 + 1 AS integer), CAST(g % 97 AS integer),"
            + " CAST(CAST(g % 100000 AS numeric(12,2)) * 0.01 AS numeric(12,2)), DATE '2024-01-01' + CAST(g % 366 AS integer)";
    static final String CUSTOMER_COLUMNS = "CAST(g AS integer), 'region ' || CAST(g % 20 AS text), 'customer ' || CAST(g AS text)";

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        try (Connection serve = DriverManager.getConnection(args[0]);
             Connection postgres = DriverManager.getConnection(args[1]);
             Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            Connection[] all = {serve, postgres, duckdb};
            String[] names = {"serve", "postgres", "duckdb"};
            StringBuilder load = new StringBuilder("load");
            for (int i = 0; i < 3; i++) {
                boolean pg = i < 2;
                String series = pg ? " FROM generate_series(CAST(1 AS bigint), " + rows + ") AS s(g)"
                        : " FROM range(1, " + (rows + 1) + ") AS s(g)";
                long t0 = System.nanoTime();
                try (Statement st = all[i].createStatement()) {
                    st.execute(DDL_CUSTOMERS);
                    st.execute("INSERT INTO customers SELECT " + CUSTOMER_COLUMNS
                            + (pg ? " FROM generate_series(CAST(1 AS bigint), 100000) AS s(g)" : " FROM range(1, 100001) AS s(g)"));
                    st.execute(DDL_FACTS);
                    st.execute("INSERT INTO facts SELECT " + FACT_COLUMNS + series);
                    if (i == 1) st.execute("VACUUM ANALYZE");
                }
                load.append(String.format(" %s_s=%.1f", names[i], (System.nanoTime() - t0) / 1e9));
                System.err.println(load);
            }
            System.out.println(load);
            for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                String[] results = new String[3];
                for (int i = 0; i < 3; i++) results[i] = run(all[i], q.getValue()); // unmeasured, and the answers must agree
                if (!results[0].equals(results[1]) || !results[0].equals(results[2])) {
                    throw new IllegalStateException(q.getKey() + ": the results differ\nserve:\n" + head(results[0])
                            + "\npostgres:\n" + head(results[1]) + "\nduckdb:\n" + head(results[2]));
                }
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < 3; i++) {
                        long t0 = System.nanoTime();
                        run(all[i], q.getValue());
                        times.get(i).add((System.nanoTime() - t0) / 1_000_000);
                    }
                    System.err.printf("%s round %d: serve %d ms, postgres %d ms, duckdb %d ms%n", q.getKey(), r + 1,
                            times.get(0).get(r), times.get(1).get(r), times.get(2).get(r));
                }
                System.out.printf("query=%s serve_ms=%d postgres_ms=%d duckdb_ms=%d%n", q.getKey().replace(' ', '_'),
                        median(times.get(0)), median(times.get(1)), median(times.get(2)));
            }
        }
    }

    /** Runs a query and returns its rows as text, numbers normalised (DuckDB's avg is a double). */
    private static String run(Connection c, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    String v = rs.getString(i);
                    if (v != null && v.matches("-?[0-9]+\\.[0-9]+")) v = new java.math.BigDecimal(v).setScale(4, java.math.RoundingMode.HALF_EVEN).toPlainString();
                    out.append(v).append(i < n ? "|" : "\n");
                }
            }
        }
        return out.toString();
    }

    private static String head(String s) {
        return s.lines().limit(5).reduce("", (a, b) -> a + b + "\n");
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
