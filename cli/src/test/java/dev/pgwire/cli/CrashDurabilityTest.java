package dev.pgwire.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A COMMIT acknowledged to a client survives {@code kill -9} of the server: writers commit rows
 * (single-statement and two-statement transactions) while the serve process is killed; after a
 * restart on the same data directory every acknowledged row is there, and no row that no client
 * wrote. A second serve process on the same data directory is refused the database the first has
 * open (55006) instead of hanging or sharing the file.
 */
class CrashDurabilityTest {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final int WRITERS = 4;

    @Test
    void everyAcknowledgedCommitSurvivesAKill9(@TempDir Path data) throws Exception {
        Server first = Server.start(data);
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> attempted = ConcurrentHashMap.newKeySet();
        try (Connection c = first.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE acked (id int PRIMARY KEY, writer int NOT NULL)");
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(WRITERS * 50);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> write(first, writer, acknowledged, attempted, stop, enough), "writer-" + w);
            t.start();
            writers.add(t);
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).as("writers committed").isTrue();
        first.process.destroyForcibly(); // SIGKILL while the writers are still committing
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (Thread t : writers) t.join(60_000);

        Server second = Server.start(data);
        try (Connection c = second.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM acked")) {
            Set<Integer> present = new HashSet<>();
            while (rs.next()) present.add(rs.getInt(1));
            assertThat(acknowledged).isNotEmpty();
            assertThat(present).as("acknowledged commits after kill -9").containsAll(acknowledged);
            assertThat(attempted).as("rows no client wrote").containsAll(present);
        } finally {
            second.process.destroy();
            second.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDatabaseAnotherServeProcessHasOpenIsRefusedWith55006NotAHang(@TempDir Path data) throws Exception {
        Server first = Server.start(data);
        Server second = Server.start(data); // both start: the database is opened when a session needs it
        try (Connection holder = first.connect()) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, second::connect);
            assertThat(refused.getSQLState()).isEqualTo("55006");
            assertThat(refused.getMessage()).contains("in use by another process");
            try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue(); // the first process carries on
            }
        } finally {
            for (Server s : List.of(first, second)) {
                s.process.destroy();
                s.process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Commits rows until stopped or the server is gone; an id is acknowledged once COMMIT returned. */
    private static void write(Server server, int writer, Set<Integer> acknowledged, Set<Integer> attempted,
                              AtomicBoolean stop, CountDownLatch enough) {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            for (int i = 0; !stop.get(); i++) {
                int id = writer * 1_000_000 + i * 2;
                attempted.add(id);
                if (i % 3 == 0) { // a transaction of two rows
                    attempted.add(id + 1);
                    c.setAutoCommit(false);
                    st.execute("INSERT INTO acked VALUES (" + id + ", " + writer + ")");
                    st.execute("INSERT INTO acked VALUES (" + (id + 1) + ", " + writer + ")");
                    c.commit();
                    c.setAutoCommit(true);
                    acknowledged.add(id);
                    acknowledged.add(id + 1);
                } else {
                    st.execute("INSERT INTO acked VALUES (" + id + ", " + writer + ")");
                    acknowledged.add(id);
                }
                enough.countDown();
            }
        } catch (SQLException gone) {
            // the server was killed: what was acknowledged before is what counts
        }
    }

    /** {@code pgwire serve} in a JVM of its own, so that it can be killed. */
    private record Server(Process process, int port) {
        static Server start(Path data) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    "dev.pgwire.cli.Main", "serve", "--data-dir", data.toString(), "--port", "0")
                    .redirectErrorStream(true);
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    int port = Integer.parseInt(m.group(1));
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) { /* keep the pipe from filling */ }
                        } catch (IOException closed) {
                            // the process ended
                        }
                    }, "serve-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new Server(p, port);
                }
            }
            throw new AssertionError("pgwire serve did not start:\n" + seen);
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&connectTimeout=30");
        }
    }
}
