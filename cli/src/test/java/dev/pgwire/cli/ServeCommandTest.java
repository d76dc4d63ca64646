package dev.pgwire.cli;

import dev.pgwire.cli.Cli.Result;
import dev.pgwire.cli.Cli.Serving;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code pgwire serve} started in-process, talked to with pgjdbc. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private static Connection connect(int port, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    /** The first column of the only row, as text (whatever type the engine picked). */
    private static String queryOne(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            String value = rs.getString(1);
            assertThat(rs.next()).isFalse();
            return value;
        }
    }

    @Test
    void inMemoryServerAnswersQueriesAndStopsGracefully() throws Exception {
        int port;
        try (Serving serve = Cli.serve("--port", "0", "--in-memory")) {
            port = serve.port();
            assertThat(port).isPositive();
            assertThat(serve.out()).isEqualTo("pgwire serve listening on 127.0.0.1:" + port + " (data: in-memory)"
                    + System.lineSeparator());
            try (Connection c = connect(port, "postgres", null)) {
                assertThat(queryOne(c, "SELECT 40 + 2")).isEqualTo("42");
            }
            Result r = serve.stop();
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            }
        }).as("nothing listens after the shutdown").isInstanceOf(ConnectException.class);
    }

    @Test
    void scramWithPasswordFileRejectsAWrongPasswordAndAcceptsTheRightOne() throws Exception {
        Path pw = Files.writeString(dir.resolve("password"), "correct horse\n");
        try (Serving serve = Cli.serve("--port", "0", "--in-memory", "--auth", "scram-sha-256",
                "--password-file", pw.toString())) {
            assertThatThrownBy(() -> connect(serve.port(), "postgres", "wrong horse").close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            assertThatThrownBy(() -> connect(serve.port(), "postgres", null).close())
                    .as("no password at all").isInstanceOf(SQLException.class);
            try (Connection c = connect(serve.port(), "postgres", "correct horse")) {
                assertThat(queryOne(c, "SELECT 'in'")).isEqualTo("in");
            }
        }
    }

    @Test
    void rolesOfTheDataDirectoryLogInWithThePasswordsSqlGaveThem() throws Exception {
        Path data = dir.resolve("data");
        Path pw = Files.writeString(dir.resolve("password"), "admin pw\n");
        try (Serving serve = Cli.serve("--port", "0", "--data-dir", data.toString(), "--auth", "scram-sha-256",
                "--user", "admin", "--password-file", pw.toString())) {
            assertThatThrownBy(() -> connect(serve.port(), "nobody", "x").close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            try (Connection c = connect(serve.port(), "admin", "admin pw"); Statement st = c.createStatement()) {
                assertThat(queryOne(c, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("t");
                st.execute("CREATE ROLE app LOGIN PASSWORD 'app pw'");
            }
            try (Connection c = connect(serve.port(), "app", "app pw")) {
                assertThat(queryOne(c, "SELECT current_user")).isEqualTo("app");
            }
        }
        // the next start needs no password file: the roles of the data directory have passwords
        try (Serving serve = Cli.serve("--port", "0", "--data-dir", data.toString(), "--auth", "scram-sha-256")) {
            try (Connection c = connect(serve.port(), "app", "app pw")) {
                assertThat(queryOne(c, "SELECT session_user")).isEqualTo("app");
            }
        }
    }

    @Test
    void aDataDirectoryWithoutPasswordsCannotStartWithPasswordAuthentication() {
        Result r = Cli.run("serve", "--port", "0", "--data-dir", dir.resolve("fresh").toString(), "--auth", "scram-sha-256");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--auth scram-sha-256 needs passwords, and no role of the data directory has one yet");
    }

    @Test
    void userAddWritesVerifiersThatServeAccepts() throws Exception {
        Path users = dir.resolve("users");
        Result added = Cli.runWithStdin("tr0ub4dor\n", "user", "add", "--credentials-file", users.toString(), "--user", "alice");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.out()).contains("alice", users.toString());
        String stored = Files.readString(users);
        assertThat(stored).doesNotContain("tr0ub4dor").contains("alice:SCRAM-SHA-256$", "alice:md5");

        try (Serving serve = Cli.serve("--port", "0", "--in-memory", "--auth", "md5", "--credentials-file", users.toString())) {
            assertThatThrownBy(() -> connect(serve.port(), "alice", "tr0ub4dor!").close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            try (Connection c = connect(serve.port(), "alice", "tr0ub4dor")) {
                assertThat(queryOne(c, "SELECT 1")).isEqualTo("1");
            }
        }
    }

    @Test
    void userAddRefusesAnEmptyPassword() {
        Path users = dir.resolve("users");
        Result r = Cli.runWithStdin("\n", "user", "add", "--credentials-file", users.toString(), "--user", "alice");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("empty password");
        assertThat(users).doesNotExist();
    }

    @Test
    void dataDirKeepsTablesAcrossRestarts() throws Exception {
        Path data = dir.resolve("data");
        try (Serving serve = Cli.serve("--port", "0", "--data-dir", data.toString())) {
            assertThat(serve.out()).contains("(data: " + data + ")");
            try (Connection c = connect(serve.port(), "postgres", null); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v INTEGER)");
                s.execute("INSERT INTO kept VALUES (7)");
            }
        }
        assertThat(data).isDirectory();
        try (Serving serve = Cli.serve("--port", "0", "--data-dir", data.toString());
             Connection c = connect(serve.port(), "postgres", null)) {
            assertThat(queryOne(c, "SELECT v FROM kept")).isEqualTo("7");
        }
    }

    @Test
    void portInUseIsOneClearLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Result r = Cli.run("serve", "--in-memory", "--port", String.valueOf(port));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + port, "already in use");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void unixSocketLivesInSocketDirWhileServing() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Unix sockets need the epoll transport");
        Path sockets = dir.resolve("sockets");
        Path socket;
        try (Serving serve = Cli.serve("--port", "0", "--in-memory", "--socket-dir", sockets.toString(),
                "--max-connections", "3", "--idle-session-timeout", "5m")) {
            socket = sockets.resolve(".s.PGSQL." + serve.port());
            assertThat(socket).exists();
            assertThat(serve.out()).contains("127.0.0.1:" + serve.port() + " and " + socket);
            assertThat(serve.server.config().maxConnections()).isEqualTo(3);
            assertThat(serve.server.config().idleSessionTimeout()).hasMinutes(5);
        }
        assertThat(socket).doesNotExist();
    }
}
