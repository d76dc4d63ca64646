package dev.pgwire.serve;

import dev.pgwire.server.PgServer;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Roles as PostgreSQL 15 has them: logins name a role that exists, CREATE / ALTER / DROP ROLE and
 * role memberships with PostgreSQL's permission rules and messages, passwords kept as SCRAM
 * verifiers in the data directory and used by the next login (pgjdbc and psql), SET ROLE and SET
 * SESSION AUTHORIZATION, and psql's \du; CREATE, RENAME and DROP DATABASE under those roles.
 * Messages and psql's output are compared with a real PostgreSQL 15 given the same statements.
 */
class RolesTest {
    static final String PASSWORD = "bootstrap pw";

    @TempDir
    static Path dir;
    static PgCluster postgres;
    static DuckDbSessionFactory engine;
    static PgServer serve;

    @BeforeAll
    static void start() throws Exception {
        postgres = PgCluster.builder().superuser("postgres", PASSWORD).start();
        engine = new DuckDbSessionFactory(ServeOptions.inDirectory(dir.resolve("data")));
        serve = scramServer(engine);
        // the bootstrap superuser gets its password as PostgreSQL's did: by ALTER ROLE
        try (PgServer trust = trustServer(engine); Connection c = asPostgres(trust); Statement st = c.createStatement()) {
            st.execute("ALTER ROLE postgres PASSWORD '" + PASSWORD + "'");
        }
    }

    @AfterAll
    static void stop() {
        if (serve != null) serve.close();
        if (engine != null) engine.close();
        if (postgres != null) postgres.close();
    }

    /** A server like {@code pgwire serve --auth scram-sha-256}: passwords come from the roles. */
    static PgServer scramServer(DuckDbSessionFactory factory) throws Exception {
        return PgServer.builder().host("127.0.0.1").port(0).auth(AuthConfig.all(AuthMethod.SCRAM_SHA_256))
                .credentials(factory.roles()).sessionFactory(factory).start();
    }

    /** A server that trusts every connection, as {@code pgwire serve} does on loopback by default. */
    static PgServer trustServer(DuckDbSessionFactory factory) throws Exception {
        return PgServer.builder().host("127.0.0.1").port(0).auth(AuthConfig.all(AuthMethod.TRUST)).sessionFactory(factory).start();
    }

    static Connection asPostgres(PgServer trust) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + trust.port() + "/postgres?user=postgres");
    }

    static Connection connect(int port, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    static Connection serveAs(String user, String password) throws SQLException {
        return connect(serve.port(), user, password);
    }

    static ExternalProcess.Result psql(int port, String user, String password, String script) {
        return Clients.psql(List.of("-h", "127.0.0.1", "-p", String.valueOf(port), "-U", user, "-d", "postgres",
                        "-v", "VERBOSITY=default", "-P", "pager=off", "-f", "-"),
                script, Map.of("PGPASSWORD", password, "PGSSLMODE", "disable"), Duration.ofSeconds(60));
    }

    static String sqlState(ThrowingRunnable r) {
        try {
            r.run();
        } catch (SQLException e) {
            return e.getSQLState() + " " + e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected an error");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---------------------------------------------------------------- logins

    @Test
    void aLoginNamingNoRoleIsRefusedWith28000EvenUnderTrust() throws Exception {
        try (PgServer trust = PgServer.builder().host("127.0.0.1").port(0).auth(AuthConfig.all(AuthMethod.TRUST))
                .sessionFactory(engine).start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + trust.port() + "/postgres?user=";
            assertThat(sqlState(() -> DriverManager.getConnection(url + "nobody").close()))
                    .isEqualTo("28000 FATAL: role \"nobody\" does not exist");
            try (Connection c = DriverManager.getConnection(url + "postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE cannot_login");
            }
            assertThat(sqlState(() -> DriverManager.getConnection(url + "cannot_login").close()))
                    .isEqualTo("28000 FATAL: role \"cannot_login\" is not permitted to log in");
            ExternalProcess.Result r = Clients.psql(List.of("-h", "127.0.0.1", "-p", String.valueOf(trust.port()), "-U", "me",
                    "-d", "postgres", "-c", "SELECT 1"), null, Map.of("PGSSLMODE", "disable"), Duration.ofSeconds(30));
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).contains("FATAL:  role \"me\" does not exist");
            try (Connection c = DriverManager.getConnection(url + "postgres"); Statement st = c.createStatement()) {
                st.execute("DROP ROLE cannot_login");
            }
        }
    }

    @Test
    void aFreshDataDirectoryHasTheBootstrapSuperuserOnly(@TempDir Path fresh) throws Exception {
        try (DuckDbSessionFactory f = new DuckDbSessionFactory(ServeOptions.inDirectory(fresh))) {
            assertThat(f.roles().names()).containsExactly("postgres");
            try (PgServer trust = trustServer(f); Connection c = asPostgres(trust); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT oid, rolname, rolsuper, rolcanlogin, rolpassword IS NULL FROM pg_authid"
                         + " WHERE rolname !~ '^pg_'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(10);
                assertThat(rs.getString(2)).isEqualTo("postgres");
                assertThat(rs.getBoolean(3)).isTrue();
                assertThat(rs.getBoolean(4)).isTrue();
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(Files.getPosixFilePermissions(fresh.resolve(Roles.FILE_NAME))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aNewRoleLogsInWithItsPasswordThroughPgjdbcAndPsqlAndAfterARestart(@TempDir Path data) throws Exception {
        DuckDbSessionFactory f = new DuckDbSessionFactory(ServeOptions.inDirectory(data));
        PgServer s = scramServer(f);
        try (PgServer trust = trustServer(f); Connection admin = asPostgres(trust); Statement st = admin.createStatement()) {
            st.execute("CREATE USER app PASSWORD 'first secret'");
            st.execute("CREATE ROLE \"odd:%0A name é\"");
            try (Connection c = connect(s.port(), "app", "first secret"); Statement q = c.createStatement();
                 ResultSet rs = q.executeQuery("SELECT current_user, session_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("app");
                assertThat(rs.getString(2)).isEqualTo("app");
                PGConnection pg = c.unwrap(PGConnection.class);
                assertThat(pg.getParameterStatus("is_superuser")).isEqualTo("off");
                assertThat(pg.getParameterStatus("session_authorization")).isEqualTo("app");
            }
            assertThat(sqlState(() -> connect(s.port(), "app", "wrong").close()))
                    .isEqualTo("28P01 FATAL: password authentication failed for user \"app\"");

            ExternalProcess.Result r = psql(s.port(), "app", "first secret", "SELECT current_user;\n");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains(" app\n");

            st.execute("ALTER ROLE app PASSWORD 'second secret'");
            assertThat(sqlState(() -> connect(s.port(), "app", "first secret").close())).startsWith("28P01");
            connect(s.port(), "app", "second secret").close();

            // the role changes its own password the way pgjdbc and psql's \password do: a SCRAM verifier
            try (Connection c = connect(s.port(), "app", "second secret")) {
                c.unwrap(PGConnection.class).alterUserPassword("app", "third secret".toCharArray(), "scram-sha-256");
            }
            connect(s.port(), "app", "third secret").close();

            st.execute("ALTER ROLE app VALID UNTIL '2001-01-01'");
            assertThat(sqlState(() -> connect(s.port(), "app", "third secret").close())).startsWith("28P01");
            st.execute("ALTER ROLE app VALID UNTIL 'infinity'");
            connect(s.port(), "app", "third secret").close();
        } finally {
            s.close();
            f.close();
        }

        String stored = Files.readString(data.resolve(Roles.FILE_NAME));
        assertThat(stored).doesNotContain("secret").contains("SCRAM-SHA-256$4096:");

        try (DuckDbSessionFactory again = new DuckDbSessionFactory(ServeOptions.inDirectory(data))) {
            assertThat(again.roles().names()).containsExactly("postgres", "app", "odd:%0A name é");
            PgServer s2 = scramServer(again);
            try (Connection c = connect(s2.port(), "app", "third secret"); Statement q = c.createStatement();
                 ResultSet rs = q.executeQuery("SELECT rolname, rolvaliduntil FROM pg_roles WHERE rolname = 'app'")) {
                rs.next();
                assertThat(rs.getString(2)).isEqualTo("infinity");
            } finally {
                s2.close();
            }
        }
    }

    @Test
    void aVerifierGivenAsPasswordIsKeptAsItIsAndMd5HashesAreRefused() throws Exception {
        String verifier;
        try (Connection pg = connect(postgres.port(), "postgres", PASSWORD); Statement st = pg.createStatement()) {
            st.execute("CREATE ROLE v_source PASSWORD 'via verifier'");
            try (ResultSet rs = st.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'v_source'")) {
                rs.next();
                verifier = rs.getString(1);
            }
        }
        try (Connection c = serveAs("postgres", PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE v_copy LOGIN PASSWORD '" + verifier + "'");
            try (ResultSet rs = st.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'v_copy'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(verifier);
            }
            connect(serve.port(), "v_copy", "via verifier").close();
            assertThat(sqlState(() -> st.execute("CREATE ROLE m PASSWORD 'md5" + "0".repeat(32) + "'")))
                    .startsWith("0A000 ERROR: md5 password hashes are not supported");
            st.execute("DROP ROLE v_copy");
        }
        try (Connection pg = connect(postgres.port(), "postgres", PASSWORD); Statement st = pg.createStatement()) {
            st.execute("DROP ROLE v_source");
        }
    }

    @Test
    void connectionLimitIsEnforced() throws Exception {
        try (Connection admin = serveAs("postgres", PASSWORD); Statement st = admin.createStatement()) {
            st.execute("CREATE USER limited PASSWORD 'lim' CONNECTION LIMIT 1");
            try (Connection first = serveAs("limited", "lim")) {
                assertThat(sqlState(() -> serveAs("limited", "lim").close()))
                        .isEqualTo("53300 FATAL: too many connections for role \"limited\"");
            }
            // the server ends a session after its client has gone: wait (bounded) until it has
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = 'limited'")) {
                    rs.next();
                    if (rs.getInt(1) == 0) break;
                }
                assertThat(System.nanoTime()).as("the first session of \"limited\" never ended").isLessThan(deadline);
                Thread.onSpinWait();
            }
            serveAs("limited", "lim").close();
            st.execute("DROP ROLE limited");
        }
    }

    // ---------------------------------------------------------------- statements, compared with PostgreSQL

    /** Statements and psql commands whose output must be PostgreSQL's, line for line. */
    static final String SCRIPT = String.join("\n",
            "CREATE ROLE reader;",
            "CREATE ROLE reader;",
            "CREATE USER app_user PASSWORD 'secret' CREATEDB VALID UNTIL '2030-01-01 00:00:00+00' CONNECTION LIMIT 5;",
            "CREATE ROLE admin_role SUPERUSER LOGIN;",
            "CREATE ROLE mgr CREATEROLE NOINHERIT REPLICATION BYPASSRLS;",
            "CREATE ROLE \"Mixed Case\" LOGIN VALID UNTIL 'infinity';",
            "CREATE ROLE pg_mine;",
            "CREATE ROLE public;",
            "CREATE ROLE none;",
            "CREATE ROLE current_user;",
            "CREATE ROLE e PASSWORD '';",
            "CREATE ROLE w SYSID 12;",
            "CREATE ROLE v2 CONNECTION LIMIT -2;",
            "CREATE ROLE v3 LOGIN NOLOGIN;",
            "CREATE ROLE with_members ROLE reader ADMIN mgr IN ROLE e;",
            "GRANT reader TO app_user;",
            "GRANT reader TO app_user;",
            "GRANT pg_monitor TO mgr WITH ADMIN OPTION;",
            "GRANT reader TO \"Mixed Case\";",
            "GRANT reader TO nobody;",
            "GRANT nobody TO reader;",
            "GRANT reader TO reader;",
            "GRANT app_user TO reader;",
            "REVOKE reader FROM w;",
            "REVOKE ADMIN OPTION FOR with_members FROM mgr;",
            "\\du",
            "\\du+",
            "\\du app_user",
            "\\dg",
            "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolconnlimit,"
                    + " rolpassword, rolvaliduntil, rolbypassrls, rolconfig FROM pg_roles ORDER BY rolname;",
            "SELECT usename, usecreatedb, usesuper, userepl, usebypassrls, passwd, valuntil, useconfig FROM pg_user ORDER BY 1;",
            "SELECT usename, left(passwd, 14), valuntil FROM pg_shadow ORDER BY 1;",
            "SELECT rolname, left(rolpassword, 19) FROM pg_authid ORDER BY 1;",
            "SELECT r.rolname, m.rolname AS member, g.rolname AS grantor, admin_option FROM pg_auth_members a"
                    + " JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member"
                    + " JOIN pg_roles g ON g.oid = a.grantor ORDER BY 1, 2;",
            "ALTER ROLE nobody PASSWORD 'x';",
            "ALTER ROLE reader RENAME TO reader;",
            "ALTER ROLE reader RENAME TO app_user;",
            "ALTER ROLE reader RENAME TO pg_foo;",
            "ALTER ROLE postgres RENAME TO p2;",
            "ALTER ROLE w WITH SUPERUSER;",
            "ALTER ROLE w WITH NOSUPERUSER CREATEDB LOGIN CONNECTION LIMIT 2;",
            "ALTER USER w VALID UNTIL 'infinity';",
            "ALTER ROLE w RENAME TO w2;",
            "DROP ROLE nobody;",
            "DROP ROLE IF EXISTS nobody, a2;",
            "DROP ROLE postgres;",
            "DROP ROLE current_user;",
            "DROP ROLE pg_monitor;",
            // a role without CREATEROLE, then one with it
            "SET ROLE reader;",
            "SELECT current_user, session_user, current_role;",
            "SHOW is_superuser;",
            "SHOW role;",
            "CREATE ROLE q;",
            "CREATE DATABASE dd;",
            "SELECT * FROM pg_authid;",
            "SELECT * FROM pg_shadow;",
            "SELECT count(*) FROM pg_roles;",
            "ALTER ROLE reader PASSWORD 'x';",
            "ALTER ROLE reader CREATEDB;",
            "ALTER ROLE reader RENAME TO r2;",
            "ALTER ROLE app_user PASSWORD 'x';",
            "DROP ROLE app_user;",
            "GRANT reader TO app_user;",
            "SET ROLE postgres;",
            "RESET ROLE;",
            "SET ROLE mgr;",
            "CREATE ROLE q;",
            "CREATE ROLE q2 SUPERUSER;",
            "CREATE ROLE q3 REPLICATION;",
            "CREATE ROLE q4 BYPASSRLS;",
            "ALTER ROLE admin_role PASSWORD 'x';",
            "ALTER ROLE admin_role RENAME TO s2;",
            "ALTER ROLE q SUPERUSER;",
            "ALTER ROLE q RENAME TO q5;",
            "DROP ROLE admin_role;",
            "DROP ROLE mgr;",
            "GRANT admin_role TO q5;",
            "GRANT reader TO q5;",
            "DROP ROLE q5;",
            "RESET ROLE;",
            "SET ROLE nobody;",
            "SET SESSION AUTHORIZATION nobody;",
            "SET SESSION AUTHORIZATION app_user;",
            "SELECT current_user, session_user;",
            "SHOW is_superuser;",
            "SET ROLE postgres;",
            "SET ROLE reader;",
            "SELECT current_user, session_user;",
            "RESET SESSION AUTHORIZATION;",
            "SELECT current_user, session_user;",
            "SET ROLE 'none';",
            "SET ROLE public;",
            "SET ROLE pg_monitor;",
            "SELECT current_user;",
            "RESET ROLE;",
            "BEGIN; SET LOCAL ROLE reader; SELECT current_user; COMMIT;",
            "BEGIN; SET ROLE reader; ROLLBACK;",
            "SELECT current_user;",
            "SELECT pg_get_userbyid(oid) FROM pg_roles WHERE rolname = 'app_user';",
            "SELECT 'app_user'::regrole;",
            "DROP ROLE reader, \"Mixed Case\", with_members;",
            "\\du",
            "");

    @Test
    void statementsAndDuPrintWhatPostgres15Prints() {
        ExternalProcess.Result pg = psql(postgres.port(), "postgres", PASSWORD, SCRIPT);
        ExternalProcess.Result sv = psql(serve.port(), "postgres", PASSWORD, SCRIPT);
        assertThat(pg.exitCode()).as(pg.stderr()).isZero();
        assertThat(sv.stdout()).isEqualTo(pg.stdout());
        assertThat(sv.stderr()).isEqualTo(pg.stderr());
    }

    /** CREATE, ALTER … RENAME and DROP DATABASE with the roles' permissions (the server's other half). */
    static final String DATABASES = String.join("\n",
            "CREATE DATABASE d1;",
            "CREATE DATABASE d2;",
            "ALTER DATABASE d1 RENAME TO d2;",
            "ALTER DATABASE nod RENAME TO d3;",
            "ALTER DATABASE postgres RENAME TO p2;",
            "ALTER DATABASE d1 RENAME TO d3;",
            "SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1;",
            "CREATE ROLE dbuser LOGIN;",
            "CREATE ROLE dbcreator CREATEDB;",
            "SET ROLE dbuser;",
            "CREATE DATABASE d5;",
            "ALTER DATABASE d3 RENAME TO d4;",
            "DROP DATABASE d3;",
            "DROP DATABASE nod;",
            "RESET ROLE;",
            "CREATE DATABASE busy;",
            "\\c busy",
            "CREATE TABLE kept (x int);",
            "INSERT INTO kept VALUES (7);",
            "\\c postgres",
            "ALTER DATABASE busy RENAME TO quiet;",
            "\\c quiet",
            "SELECT x, current_database() FROM kept;",
            "\\c postgres",
            "DROP DATABASE quiet;",
            "DROP DATABASE d3;",
            "DROP DATABASE d2;",
            "DROP ROLE dbuser, dbcreator;",
            "");

    @Test
    void databaseStatementsAnswerAsPostgres15() {
        ExternalProcess.Result pg = psql(postgres.port(), "postgres", PASSWORD, DATABASES);
        ExternalProcess.Result sv = psql(serve.port(), "postgres", PASSWORD, DATABASES);
        assertThat(pg.exitCode()).as(pg.stderr()).isZero();
        assertThat(sv.stdout()).isEqualTo(pg.stdout());
        assertThat(sv.stderr()).isEqualTo(pg.stderr());
    }

    /** pg_has_role by name and by OID, MEMBER, USAGE through INHERIT and NOINHERIT roles, ADMIN OPTION. */
    static final String HAS_ROLE = String.join("\n",
            "CREATE ROLE hr_a;",
            "CREATE ROLE hr_b NOINHERIT LOGIN;",
            "CREATE ROLE hr_c LOGIN;",
            "GRANT hr_a TO hr_b;",
            "GRANT hr_a TO hr_c WITH ADMIN OPTION;",
            "SELECT pg_has_role('hr_b', 'hr_a', 'MEMBER'), pg_has_role('hr_b', 'hr_a', 'USAGE'), pg_has_role('hr_c', 'hr_a', 'USAGE'),"
                    + " pg_has_role('hr_c', 'hr_a', 'MEMBER WITH ADMIN OPTION'), pg_has_role('hr_b', 'hr_a', 'member with admin option');",
            "SELECT pg_has_role('hr_a', 'MEMBER'), pg_has_role('postgres', 'hr_b', 'USAGE');",
            "SELECT rolname, pg_has_role(oid, 'MEMBER') FROM pg_roles WHERE rolname LIKE 'hr%' ORDER BY 1;",
            "SELECT r.rolname, pg_has_role('hr_c', r.oid, 'USAGE') FROM pg_roles r WHERE rolname LIKE 'hr%' ORDER BY 1;",
            "SELECT pg_has_role('nobody', 'hr_a', 'MEMBER');",
            "SELECT pg_has_role('hr_b', 'hr_a', 'FLY');",
            "SET ROLE hr_c;",
            "SELECT pg_has_role('hr_a', 'USAGE'), pg_has_role('hr_b', 'USAGE');",
            "RESET ROLE;",
            "DROP ROLE hr_a, hr_b, hr_c;",
            "");

    @Test
    void pgHasRoleAnswersAsPostgres15() {
        ExternalProcess.Result pg = psql(postgres.port(), "postgres", PASSWORD, HAS_ROLE);
        ExternalProcess.Result sv = psql(serve.port(), "postgres", PASSWORD, HAS_ROLE);
        assertThat(pg.exitCode()).as(pg.stderr()).isZero();
        assertThat(sv.stdout()).isEqualTo(pg.stdout());
        assertThat(sv.stderr()).isEqualTo(pg.stderr());
    }

    @Test
    void roleCommandsRunOutsideTransactionBlocksOnly() throws Exception {
        try (Connection c = serveAs("postgres", PASSWORD); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            assertThat(sqlState(() -> st.execute("CREATE ROLE in_block")))
                    .startsWith("25001 ERROR: CREATE ROLE cannot run inside a transaction block");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(sqlState(() -> st.execute("SELECT 1; DROP ROLE IF EXISTS in_block")))
                    .startsWith("25001 ERROR: DROP ROLE cannot run inside a transaction block");
        }
    }

    @Test
    void objectPrivilegesAreRefusedNotIgnored() throws Exception {
        try (Connection c = serveAs("postgres", PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE granted (id int)");
            st.execute("CREATE ROLE grantee");
            assertThat(sqlState(() -> st.execute("GRANT SELECT ON granted TO grantee")))
                    .startsWith("0A000 ERROR: GRANT on objects is not supported");
            assertThat(sqlState(() -> st.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")))
                    .startsWith("0A000 ERROR: REVOKE on objects is not supported");
            assertThat(sqlState(() -> st.execute("ALTER TABLE granted OWNER TO grantee")))
                    .startsWith("0A000 ERROR: ALTER TABLE … OWNER TO is not supported");
            assertThat(sqlState(() -> st.execute("ALTER SCHEMA public OWNER TO grantee")))
                    .startsWith("0A000 ERROR: ALTER SCHEMA … OWNER TO is not supported");
            assertThat(sqlState(() -> st.execute("ALTER TABLE granted OWNER TO nobody")))
                    .startsWith("42704 ERROR: role \"nobody\" does not exist");
            st.execute("ALTER TABLE granted OWNER TO postgres"); // the owner it has: nothing changes
            st.execute("DROP TABLE granted");
            st.execute("DROP ROLE grantee");
        }
    }

    @Test
    void otherSessionsCatalogsSeeRoleChanges() throws Exception {
        try (Connection a = serveAs("postgres", PASSWORD); Statement sa = a.createStatement();
             Connection b = serveAs("postgres", PASSWORD); Statement sb = b.createStatement()) {
            String count = "SELECT count(*) FROM pg_roles WHERE rolname = 'seen_elsewhere'";
            try (ResultSet rs = sb.executeQuery(count)) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            sa.execute("CREATE ROLE seen_elsewhere");
            try (ResultSet rs = sb.executeQuery(count)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            sa.execute("DROP ROLE seen_elsewhere");
            try (ResultSet rs = sb.executeQuery(count)) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
