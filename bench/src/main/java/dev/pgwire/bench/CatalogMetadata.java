package dev.pgwire.bench;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * pgjdbc's {@code DatabaseMetaData.getColumns(null, "public", "%", "%")} — every column of every
 * table in the schema, as DBeaver or an ORM asks for them — timed on two servers alternately in
 * one process, so both see the same machine noise. One unmeasured call on each first.
 *
 * <pre>CatalogMetadata OURS_JDBC_URL REFERENCE_JDBC_URL ROUNDS</pre>
 *
 * Prints one line per round and {@code ours_ms=… reference_ms=… rows=…} with the medians; the
 * row counts of both servers must agree, otherwise it fails.
 */
public final class CatalogMetadata {
    private CatalogMetadata() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[2]);
        try (Connection ours = DriverManager.getConnection(args[0]);
             Connection reference = DriverManager.getConnection(args[1])) {
            long oursRows = columns(ours);
            long referenceRows = columns(reference);
            if (oursRows != referenceRows) {
                throw new IllegalStateException("getColumns: " + oursRows + " rows on ours, " + referenceRows + " on the reference");
            }
            List<Long> a = new ArrayList<>();
            List<Long> b = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                long t0 = System.nanoTime();
                columns(ours);
                long t1 = System.nanoTime();
                columns(reference);
                long t2 = System.nanoTime();
                a.add((t1 - t0) / 1_000_000);
                b.add((t2 - t1) / 1_000_000);
                System.err.printf("round %d: getColumns ours %d ms, reference %d ms%n", r, a.get(r - 1), b.get(r - 1));
            }
            System.out.printf("ours_ms=%d reference_ms=%d rows=%d%n", median(a), median(b), oursRows);
        }
    }

    private static long columns(Connection c) throws Exception {
        DatabaseMetaData md = c.getMetaData();
        long n = 0;
        try (ResultSet rs = md.getColumns(null, "public", "%", "%")) {
            while (rs.next()) {
                rs.getString("TABLE_NAME");
                rs.getString("COLUMN_NAME");
                rs.getInt("DATA_TYPE");
                rs.getString("TYPE_NAME");
                rs.getInt("COLUMN_SIZE");
                rs.getString("IS_NULLABLE");
                rs.getString("COLUMN_DEF");
                n++;
            }
        }
        return n;
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
