package dev.pgwire.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Functions that act on the session: advisory locks across sessions, set_config and
 * current_setting with arguments known only at run time, and the types PostgreSQL gives the
 * session's names — through pgjdbc with server-side prepared statements.
 */
class SessionFunctionsTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/postgres?user=postgres&prepareThreshold=1");
    }

    static String one(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    @Test
    void sessionLevelAdvisoryLocksExcludeOtherSessionsUntilUnlockedOrTheSessionEnds() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            assertThat(one(a, "SELECT pg_try_advisory_lock(42)")).isEqualTo("t");
            assertThat(one(a, "SELECT pg_try_advisory_lock(42)")).isEqualTo("t"); // re-entrant
            assertThat(one(b, "SELECT pg_try_advisory_lock(?)", 42L)).isEqualTo("f");
            assertThat(one(b, "SELECT pg_try_advisory_lock(0, 42)")).isEqualTo("t"); // two int4 keys are another lock
            assertThat(one(a, "SELECT pg_advisory_unlock(42)")).isEqualTo("t");
            assertThat(one(b, "SELECT pg_try_advisory_lock(42)")).isEqualTo("f"); // still held once
            assertThat(one(a, "SELECT pg_advisory_unlock(42)")).isEqualTo("t");
            assertThat(one(a, "SELECT pg_advisory_unlock(42)")).isEqualTo("f"); // not held any more
            assertThat(one(b, "SELECT pg_try_advisory_lock(42)")).isEqualTo("t");
            assertThat(one(a, "SELECT pg_try_advisory_lock_shared(43)")).isEqualTo("t");
            assertThat(one(b, "SELECT pg_try_advisory_lock_shared(43)")).isEqualTo("t");
            assertThat(one(b, "SELECT pg_try_advisory_lock(43)")).isEqualTo("f");
        }
        try (Connection c = connect()) { // the sessions ended: their locks went with them
            assertThat(one(c, "SELECT pg_try_advisory_lock(42)")).isEqualTo("t");
            assertThat(one(c, "SELECT pg_try_advisory_lock(43)")).isEqualTo("t");
            one(c, "SELECT pg_advisory_unlock_all()");
        }
    }

    @Test
    void transactionLevelLocksAreReleasedWhenTheTransactionEnds() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            assertThat(one(a, "SELECT pg_try_advisory_xact_lock(?)", 7L)).isEqualTo("t");
            assertThat(one(b, "SELECT pg_try_advisory_xact_lock(7)")).isEqualTo("f");
            a.rollback();
            assertThat(one(b, "SELECT pg_try_advisory_xact_lock(7)")).isEqualTo("t"); // and released after the statement
            assertThat(one(a, "SELECT pg_try_advisory_xact_lock(7)")).isEqualTo("t");
            a.commit();
        }
    }

    @Test
    void aWaitingLockIsGrantedWhenTheHolderUnlocksAndACancelledWaitEnds() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            one(a, "SELECT pg_advisory_lock(99)");
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return one(b, "SELECT pg_advisory_lock(99)");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(waiter).isNotDone();
            one(a, "SELECT pg_advisory_unlock(99)");
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isEmpty(); // void
            try (Statement st = a.createStatement()) {
                st.execute("SET statement_timeout = 200");
                SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT pg_advisory_lock(99)"));
                assertThat(e.getSQLState()).isEqualTo("57014");
            }
        }
    }

    @Test
    void setConfigAndCurrentSettingWithParametersChangeTheSession() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS app");
            st.execute("CREATE TABLE IF NOT EXISTS app.only_here (x int)");
            assertThat(one(c, "SELECT set_config('search_path', ?, false)", "app, public")).isEqualTo("app, public");
            assertThat(one(c, "SHOW search_path")).isEqualTo("app, public");
            assertThat(one(c, "SELECT count(*) FROM only_here")).isEqualTo("0");
            assertThat(one(c, "SELECT current_setting(?)", "search_path")).isEqualTo("app, public");
            SQLException e = assertThrows(SQLException.class, () -> one(c, "SELECT set_config(?, 'x', false)", "no_such_setting"));
            assertThat(e.getSQLState()).isEqualTo("42704");
            one(c, "SELECT set_config('search_path', 'public', false)");
        }
    }

    @Test
    void theSessionsNamesAreOfTypeNameAndWorkAsARelation() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_database(), current_schema, current_user, session_user")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= 4; i++) assertThat(md.getColumnTypeName(i)).isEqualTo("name");
            try (ResultSet r2 = st.executeQuery("SELECT * FROM current_schema()")) {
                assertThat(r2.getMetaData().getColumnName(1)).isEqualTo("current_schema");
                assertThat(r2.next()).isTrue();
                assertThat(r2.getString(1)).isEqualTo("public");
            }
        }
    }

    @Test
    void pgStatActivityShowsTheLiveSessions() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sb.execute("SET application_name = 'other_one'");
            b.setAutoCommit(false);
            sb.execute("SELECT 1");
            int pidA = Integer.parseInt(one(a, "SELECT pg_backend_pid()"));
            int pidB = Integer.parseInt(one(b, "SELECT pg_backend_pid()"));
            try (ResultSet rs = sa.executeQuery("SELECT pid, datname, usename, application_name, state, query, backend_type,"
                    + " backend_start <= now(), datid IS NOT NULL FROM pg_stat_activity WHERE pid IN (" + pidA + ", " + pidB + ") ORDER BY pid = "
                    + pidA + " DESC")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(pidA);
                assertThat(rs.getString(2)).isEqualTo("postgres");
                assertThat(rs.getString(3)).isEqualTo("postgres");
                assertThat(rs.getString(5)).isEqualTo("active");
                assertThat(rs.getString(6)).contains("FROM pg_stat_activity");
                assertThat(rs.getString(7)).isEqualTo("client backend");
                assertThat(rs.getBoolean(8)).isTrue();
                assertThat(rs.getBoolean(9)).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(pidB);
                assertThat(rs.getString(4)).isEqualTo("other_one");
                assertThat(rs.getString(5)).isEqualTo("idle in transaction");
                assertThat(rs.next()).isFalse();
            }
            b.rollback();
        }
    }

    /** Waits (bounded) until pg_stat_activity shows session {@code pid} running a statement. */
    static void awaitActive(Connection c, int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!"active".equals(one(c, "SELECT coalesce(max(state), '') FROM pg_stat_activity WHERE pid = ?", pid))) {
            if (System.nanoTime() > deadline) {
                StringBuilder rows = new StringBuilder();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pid, state, query FROM pg_stat_activity")) {
                    while (rs.next()) rows.append(rs.getInt(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3)).append('\n');
                }
                throw new AssertionError("session " + pid + " never became active:\n" + rows);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void pgCancelBackendCancelsAnotherSessionsStatementAndTerminateEndsTheSession() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Connection c = connect()) {
            int pidB = Integer.parseInt(one(b, "SELECT pg_backend_pid()"));
            int pidC = Integer.parseInt(one(c, "SELECT pg_backend_pid()"));
            one(a, "SELECT pg_advisory_lock(77)");
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return one(b, "SELECT pg_advisory_lock(77)");
                } catch (SQLException e) {
                    return e.getSQLState();
                }
            });
            awaitActive(a, pidB);
            assertThat(one(a, "SELECT pg_cancel_backend(?)", pidB)).isEqualTo("t");
            assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo("57014");
            assertThat(one(b, "SELECT 1")).isEqualTo("1"); // a cancelled statement leaves the session usable

            assertThat(one(a, "SELECT pg_terminate_backend(?)", pidC)).isEqualTo("t");
            SQLException gone = assertThrows(SQLException.class, () -> one(c, "SELECT 1"));
            assertThat(gone.getSQLState()).isIn("57P01", "08006", "08003");
            assertThat(one(a, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pidC)).isEqualTo("0");

            assertThat(one(a, "SELECT pg_cancel_backend(424242), pg_terminate_backend(424242)")).isEqualTo("f");
            one(a, "SELECT pg_advisory_unlock(77)");
        }
    }

    @Test
    void onlyARoleWithTheTargetsPrivilegesMaySignalIt() throws Exception {
        try (Connection admin = connect(); Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE signal_a LOGIN");
            st.execute("CREATE ROLE signal_b LOGIN");
            try (Connection a = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=signal_a");
                 Connection b = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=signal_b")) {
                int pidAdmin = Integer.parseInt(one(admin, "SELECT pg_backend_pid()"));
                int pidB = Integer.parseInt(one(b, "SELECT pg_backend_pid()"));
                SQLException su = assertThrows(SQLException.class, () -> one(a, "SELECT pg_cancel_backend(?)", pidAdmin));
                assertThat(su.getSQLState()).isEqualTo("42501");
                assertThat(su.getMessage()).contains("must be a superuser to cancel superuser query");
                SQLException other = assertThrows(SQLException.class, () -> one(a, "SELECT pg_terminate_backend(?)", pidB));
                assertThat(other.getSQLState()).isEqualTo("42501");
                assertThat(other.getMessage()).contains("member of the role whose process is being terminated");
                st.execute("GRANT signal_b TO signal_a");
                assertThat(one(a, "SELECT pg_cancel_backend(?)", pidB)).isEqualTo("t");
            } finally {
                st.execute("DROP ROLE signal_a");
                st.execute("DROP ROLE signal_b");
            }
        }
    }

    @Test
    void pgListeningChannelsAndPgSettingsAreReadWhenAPreparedStatementRuns() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            // one() prepares on the server once per text (prepareThreshold=1): later runs reuse the statement
            String channels = "SELECT coalesce(string_agg(ch, ',' ORDER BY ch), '') FROM pg_listening_channels() AS ch";
            assertThat(one(c, channels)).isEqualTo("");
            st.execute("LISTEN alpha");
            st.execute("LISTEN beta");
            assertThat(one(c, channels)).isEqualTo("alpha,beta");
            st.execute("UNLISTEN alpha");
            assertThat(one(c, channels)).isEqualTo("beta");
            assertThat(one(c, "SELECT pg_listening_channels()")).isEqualTo("beta");
            String setting = "SELECT setting FROM pg_settings WHERE name = 'application_name'";
            st.execute("SET application_name = 'first'");
            assertThat(one(c, setting)).isEqualTo("first");
            st.execute("SET application_name = 'second'");
            assertThat(one(c, setting)).isEqualTo("second");
            st.execute("UNLISTEN *");
        }
    }

    @Test
    void aSessionFunctionInFromTakesTheAliasAsItsColumnName() throws Exception {
        try (Connection c = connect()) {
            assertThat(one(c, "SELECT s FROM current_schema() AS s")).isEqualTo("public");
            assertThat(one(c, "SELECT x FROM current_schema() AS s(x)")).isEqualTo("public");
        }
    }
}
