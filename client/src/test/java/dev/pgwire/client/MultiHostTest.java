package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.testkit.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Host lists as libpq handles them: in order, skipping hosts that cannot be reached or do not
 * match target_session_attrs, and stopping at a server that rejects the login.
 */
class MultiHostTest {
    /** A server like PostgreSQL before 14: no in_hot_standby at startup, read-only when asked. */
    private static FakeServer readOnlyServer;
    private static final AtomicInteger readOnlyQuestions = new AtomicInteger();
    /** A pgwire server that wants a password the tests do not have. */
    private static PgServer otherPasswordServer;
    private static int pgPort;
    private static int deadPort;

    @BeforeAll
    static void start() throws Exception {
        pgPort = TestCluster.get().port();
        deadPort = FreePort.find();
        readOnlyServer = new FakeServer(conn -> {
            conn.readStartupPacket();
            conn.acceptLogin();
            for (String sql = conn.readQuery(); sql != null; sql = conn.readQuery()) {
                boolean asked = sql.equals("SHOW transaction_read_only");
                if (asked) readOnlyQuestions.incrementAndGet();
                conn.send(new RowDescription(List.of(new RowDescription.Field("answer", PgType.TEXT.oid(), (short) -1))),
                        new DataRow(new byte[][] {(asked ? "on" : "fake").getBytes(StandardCharsets.UTF_8)}),
                        new CommandComplete("SELECT 1"), ReadyForQuery.IDLE);
            }
        });
        otherPasswordServer = PgServer.builder().host("127.0.0.1").port(0)
                .auth(AuthConfig.all(AuthMethod.SCRAM_SHA_256))
                .credentials(new InMemoryCredentialStore().addPassword("scram", "a different password"))
                .sessionFactory(info -> (sql, sink) -> sink.complete("SELECT 0"))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        readOnlyServer.close();
        otherPasswordServer.close();
    }

    private static String hosts(int... ports) {
        StringBuilder h = new StringBuilder("host=");
        StringBuilder p = new StringBuilder(" port=");
        for (int i = 0; i < ports.length; i++) {
            h.append(i == 0 ? "" : ",").append("127.0.0.1");
            p.append(i == 0 ? "" : ",").append(ports[i]);
        }
        return h.append(p).toString();
    }

    private static String login(String user) {
        return " dbname=postgres user=" + user + " password='" + TestCluster.PASSWORD + "' sslmode=disable";
    }

    @Test
    void aHostThatIsDownIsSkipped() {
        try (PgConnection c = PgConnection.connect(hosts(deadPort, pgPort) + login("scram"))) {
            assertThat(c.async().host().port()).isEqualTo(pgPort);
            assertThat(c.query("SELECT 1").first().getInt(0)).isEqualTo(1);
        }
    }

    @Test
    void theSameInUriForm() {
        String uri = "postgresql://scram:" + TestCluster.PASSWORD.replace(" ", "%20") + "@127.0.0.1:" + deadPort
                + ",127.0.0.1:" + pgPort + "/postgres?sslmode=disable";
        try (PgConnection c = PgConnection.connect(uri)) {
            assertThat(c.async().host().port()).isEqualTo(pgPort);
        }
    }

    @Test
    void whenEveryHostIsDownTheErrorNamesEach() {
        int otherDead = FreePort.find();
        assertThatThrownBy(() -> PgConnection.connect(hosts(deadPort, otherDead) + login("scram")))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("port " + deadPort).contains("port " + otherDead);
                });
    }

    @Test
    void readWriteSkipsAServerThatSaysItIsReadOnly() {
        int before = readOnlyQuestions.get();
        try (PgConnection c = PgConnection.connect(hosts(readOnlyServer.port(), pgPort) + login("scram")
                + " target_session_attrs=read-write")) {
            assertThat(c.async().host().port()).isEqualTo(pgPort);
        }
        assertThat(readOnlyQuestions.get()).as("asked with SHOW, as the server reports no in_hot_standby")
                .isEqualTo(before + 1);
    }

    @Test
    void readOnlyTakesTheReadOnlyServer() {
        try (PgConnection c = PgConnection.connect(hosts(pgPort, readOnlyServer.port()) + login("scram")
                + " target_session_attrs=read-only")) {
            assertThat(c.async().host().port()).isEqualTo(readOnlyServer.port());
        }
    }

    @Test
    void defaultTransactionReadOnlyMakesAPostgresSessionReadOnly() {
        // PostgreSQL 14+ reports default_transaction_read_only and in_hot_standby at startup
        assertThatThrownBy(() -> PgConnection.connect(hosts(pgPort, pgPort) + login("readonly")
                + " target_session_attrs=read-write"))
                .isInstanceOf(PgException.class).hasMessageContaining("session is not read-write");
        try (PgConnection c = PgConnection.connect(hosts(pgPort) + login("readonly") + " target_session_attrs=read-only")) {
            assertThat(c.parameter("default_transaction_read_only")).isEqualTo("on");
        }
        try (PgConnection c = PgConnection.connect(hosts(pgPort) + login("scram") + " target_session_attrs=primary")) {
            assertThat(c.parameter("in_hot_standby")).isEqualTo("off");
        }
        assertThatThrownBy(() -> PgConnection.connect(hosts(pgPort) + login("scram") + " target_session_attrs=standby"))
                .isInstanceOf(PgException.class).hasMessageContaining("session is not standby");
        try (PgConnection c = PgConnection.connect(hosts(pgPort) + login("scram") + " target_session_attrs=prefer-standby")) {
            assertThat(c.isOpen()).as("no standby: prefer-standby settles for the primary").isTrue();
        }
    }

    @Test
    void aServerThatRejectsTheLoginEndsTheSearch() {
        assertThatThrownBy(() -> PgConnection.connect(hosts(otherPasswordServer.port(), pgPort) + login("scram")))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("28P01"));
    }
}
