package dev.pgwire.compat.soak;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * One pgjdbc soak client, in the test's JVM: the same mix as the Python and Node clients
 * (autocommit inserts, batched transactions committed or rolled back, COPY, reads that check the
 * client sees its own acknowledged rows, and connections aborted idle, inside a transaction or
 * inside COPY), with its ledger kept as it goes. Client i writes ids {@code i * 10^9 + 1, + 2, …}.
 */
final class JdbcSoakClient {
    private final String url;
    private final Properties props = new Properties();
    private final String name;
    private final Random r;
    private final long deadlineNanos;
    private final Ledger led;
    private long nextId;

    JdbcSoakClient(String host, int port, String database, String user, int index, long deadlineNanos, long seed) {
        this.url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        props.setProperty("user", user);
        props.setProperty("sslmode", "disable");
        props.setProperty("connectTimeout", "120");
        props.setProperty("loginTimeout", "120");
        this.name = "pgjdbc-" + index;
        this.led = new Ledger(name, "pgjdbc");
        this.r = new Random(seed);
        this.deadlineNanos = deadlineNanos;
        this.nextId = index * 1_000_000_000L;
    }

    private List<Long> ids(int n) {
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(++nextId);
        return out;
    }

    private String payload() {
        return "p".repeat(r.nextInt(201));
    }

    /** pgjdbc reports a broken connection with its own class-08 states; the server never sends them here. */
    private static boolean connectionLost(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    private void drop(Connection c) throws SQLException {
        c.abort(Runnable::run); // closes the socket at once: no Terminate
        led.disconnects++;
    }

    Ledger run() {
        Connection c = null;
        while (System.nanoTime() < deadlineNanos) {
            try {
                if (c == null) {
                    long t0 = System.nanoTime();
                    c = DriverManager.getConnection(url, props);
                    led.time("connect", (System.nanoTime() - t0) / 1e9);
                }
                double op = r.nextDouble();
                led.ops++;
                long t0 = System.nanoTime();
                String kind = op < 0.25 ? "insert" : op < 0.45 ? "tx" : op < 0.55 ? "copy" : op < 0.90 ? "read" : "drop";
                try {
                    if (op < 0.25) {
                        insertOne(c);
                    } else if (op < 0.45) {
                        transaction(c);
                    } else if (op < 0.55) {
                        copy(c);
                    } else if (op < 0.90) {
                        read(c);
                    } else {
                        disconnect(c);
                        c = null;
                    }
                } finally {
                    led.time(kind, (System.nanoTime() - t0) / 1e9);
                }
            } catch (SQLException e) {
                led.error(connectionLost(e) ? null : e.getSQLState(), e.toString());
                if (c != null) {
                    try {
                        c.abort(Runnable::run);
                    } catch (SQLException ignored) {
                        // already gone
                    }
                }
                c = null;
            }
        }
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                led.error(e.getSQLState(), "close: " + e);
            }
        }
        return led;
    }

    private void insertOne(Connection c) throws SQLException {
        List<Long> batch = ids(1);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO soak_rows VALUES (?, ?, 'single', ?)")) {
            ps.setLong(1, batch.get(0));
            ps.setString(2, name);
            ps.setString(3, payload());
            ps.executeUpdate();
            led.acked.addAll(batch);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                led.indoubt.addAll(batch);
                throw e;
            }
            led.absent.addAll(batch);
            led.error(e.getSQLState(), "insert: " + e.getMessage());
        }
    }

    private void transaction(Connection c) throws SQLException {
        List<Long> batch = ids(2 + r.nextInt(5));
        boolean rollback = r.nextInt(100) < 15;
        boolean committing = false;
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO soak_rows VALUES (?, ?, 'tx', ?)")) {
                for (long id : batch) {
                    ps.setLong(1, id);
                    ps.setString(2, name);
                    ps.setString(3, payload());
                    ps.addBatch();
                }
                ps.executeBatch(); // pipelined: one Sync for the batch
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE soak_counters SET n = n + 1 WHERE client = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            if (rollback) {
                c.rollback();
                led.absent.addAll(batch);
            } else {
                committing = true;
                c.commit();
                led.acked.addAll(batch);
                led.txAcked++;
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                if (committing) {
                    led.indoubt.addAll(batch);
                    led.txInDoubt++;
                } else {
                    led.absent.addAll(batch);
                }
                throw e;
            }
            led.absent.addAll(batch);
            led.error(e.getSQLState(), "transaction: " + e.getMessage());
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private String copyText(List<Long> ids, String kind) {
        StringBuilder sb = new StringBuilder();
        for (long id : ids) sb.append(id).append('\t').append(name).append('\t').append(kind).append('\t').append(payload()).append('\n');
        return sb.toString();
    }

    private void copy(Connection c) throws SQLException {
        List<Long> batch = ids(5 + r.nextInt(56));
        try {
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY soak_rows (id, client, kind, payload) FROM STDIN", new StringReader(copyText(batch, "copy")));
            led.acked.addAll(batch);
        } catch (java.io.IOException e) {
            led.indoubt.addAll(batch);
            throw new SQLException("COPY: " + e, "08006", e);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                led.indoubt.addAll(batch);
                throw e;
            }
            led.absent.addAll(batch);
            led.error(e.getSQLState(), "copy: " + e.getMessage());
        }
    }

    private void read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM soak_rows WHERE client = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                long low = led.acked.size();
                if (n < low || n > low + led.indoubt.size()) {
                    led.error("read", "read-your-writes: " + n + " rows, " + low + " acknowledged, "
                            + led.indoubt.size() + " in doubt");
                }
            }
        }
        if (r.nextInt(10) == 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, payload FROM soak_rows WHERE client = ? ORDER BY id DESC LIMIT 20")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rs.getString(2);
                }
            }
        }
    }

    private void disconnect(Connection c) throws SQLException {
        switch (r.nextInt(3)) {
            case 0 -> drop(c);
            case 1 -> {
                List<Long> batch = ids(1 + r.nextInt(4));
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    for (long id : batch) st.executeUpdate("INSERT INTO soak_rows VALUES (" + id + ", '" + name + "', 'dropped-tx', 'x')");
                }
                led.absent.addAll(batch);
                drop(c);
            }
            default -> {
                List<Long> batch = ids(5 + r.nextInt(26));
                led.absent.addAll(batch);
                CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY soak_rows (id, client, kind, payload) FROM STDIN");
                byte[] half = copyText(batch.subList(0, batch.size() / 2), "dropped-copy").getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(half, 0, half.length);
                in.flushCopy();
                drop(c);
            }
        }
    }
}
