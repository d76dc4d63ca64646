package dev.pgwire.serve;

import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** LISTEN, UNLISTEN and NOTIFY across the sessions of one serve database. */
class NotifyTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres");
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Notifications that arrive within {@code millis}, waiting for at least {@code expected}. */
    static List<String> received(Connection c, int expected, long millis) throws SQLException {
        List<String> got = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        while (got.size() < expected && System.currentTimeMillis() < end) {
            PGNotification[] ns = c.unwrap(PGConnection.class).getNotifications(100);
            if (ns != null) for (PGNotification n : ns) got.add(n.getName() + ":" + n.getParameter());
        }
        return got;
    }

    @Test
    void a_notification_reaches_listeners_when_its_transaction_commits_in_order_and_never_on_rollback() throws Exception {
        try (Connection listener = connect(); Connection sender = connect()) {
            exec(listener, "LISTEN jobs");
            exec(sender, "NOTIFY jobs, 'autocommit'");
            assertThat(received(listener, 1, 5000)).containsExactly("jobs:autocommit");

            sender.setAutoCommit(false);
            exec(sender, "NOTIFY jobs, 'rolled back'");
            sender.rollback();
            exec(sender, "NOTIFY jobs, 'first'");
            exec(sender, "NOTIFY other, 'not listened'");
            exec(sender, "NOTIFY jobs, 'second'");
            exec(sender, "NOTIFY jobs, 'first'"); // the same twice in one transaction: once
            assertThat(received(listener, 1, 300)).isEmpty(); // not before the commit
            sender.commit();
            assertThat(received(listener, 2, 5000)).containsExactly("jobs:first", "jobs:second");
            assertThat(received(listener, 1, 300)).isEmpty();
        }
    }

    @Test
    void a_listener_inside_a_transaction_block_gets_them_when_its_block_ends() throws Exception {
        try (Connection listener = connect(); Connection sender = connect()) {
            exec(listener, "LISTEN busy");
            listener.setAutoCommit(false);
            exec(listener, "SELECT 1");
            exec(sender, "NOTIFY busy, 'x'");
            assertThat(received(listener, 1, 300)).isEmpty();
            listener.commit();
            assertThat(received(listener, 1, 5000)).containsExactly("busy:x");
        }
    }

    @Test
    void UNLISTEN_and_DISCARD_ALL_stop_listening() throws Exception {
        try (Connection listener = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/postgres?user=postgres&preferQueryMode=simple"); Connection sender = connect()) {
            exec(listener, "LISTEN a");
            exec(listener, "LISTEN b");
            exec(listener, "UNLISTEN a");
            exec(sender, "NOTIFY a, '1'");
            exec(sender, "NOTIFY b, '2'");
            assertThat(received(listener, 2, 1000)).containsExactly("b:2");
            exec(listener, "DISCARD ALL"); // a simple Query, as poolers send it
            exec(sender, "NOTIFY b, '3'");
            assertThat(received(listener, 1, 300)).isEmpty();
        }
    }

    @Test
    void psql_prints_the_notification_it_receives() throws Exception {
        try (Connection sender = connect()) {
            // psql reports notifications after each command: LISTEN, then a command after the NOTIFY
            Thread notifier = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    exec(sender, "NOTIFY from_jdbc, 'hello psql'");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            notifier.start();
            ExternalProcess.Result r = Clients.psql(List.of("-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                    "-U", "postgres", "-d", "postgres"), "LISTEN from_jdbc;\n\\! sleep 3\nSELECT 1;\n", Map.of(), Duration.ofSeconds(30));
            notifier.join();
            assertThat(r.stdout()).contains("Asynchronous notification \"from_jdbc\" with payload \"hello psql\" received from server process with PID");
        }
    }

    @Test
    void pg_notify_sends_when_its_statement_or_transaction_commits_and_never_on_rollback() throws Exception {
        try (Connection listener = connect(); Connection sender = connect()) {
            exec(listener, "LISTEN fn");
            try (java.sql.PreparedStatement ps = sender.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, "fn");
                ps.setString(2, "autocommit");
                ps.executeQuery().close();
            }
            assertThat(received(listener, 1, 5000)).containsExactly("fn:autocommit");

            org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> exec(sender, "SELECT pg_notify('fn', 'failed'), 1 / d FROM (VALUES (1), (0)) v(d)"));
            sender.setAutoCommit(false);
            exec(sender, "SELECT pg_notify('fn', 'rolled back')");
            sender.rollback();
            exec(sender, "SELECT pg_notify('fn', 'in block')");
            assertThat(received(listener, 1, 300)).isEmpty(); // not before the commit
            sender.commit();
            assertThat(received(listener, 1, 5000)).containsExactly("fn:in block");
        }
    }
}
