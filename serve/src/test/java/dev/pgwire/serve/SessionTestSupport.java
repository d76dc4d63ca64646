package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.SessionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An in-memory factory per test, and shorthands for running statements. */
abstract class SessionTestSupport {
    DuckDbSessionFactory factory;
    DuckDbSession session;

    @BeforeEach
    void openFactory() throws Exception {
        factory = new DuckDbSessionFactory(ServeOptions.inMemory().withCreateDatabasesOnConnect(true));
        session = open("test");
    }

    @AfterEach
    void closeFactory() {
        factory.close();
    }

    DuckDbSession open(String database) throws Exception {
        return open(database, Map.of());
    }

    /** The process id of the next session opened: each its own, as the server gives them (the first 42). */
    private int nextPid = 42;

    DuckDbSession open(String database, Map<String, String> startup) throws Exception {
        factory.roles().ensureSuperuser("tester"); // what initdb -U tester makes
        return (DuckDbSession) factory.open(info("tester", database, startup, nextPid++));
    }

    static SessionInfo info(String user, String database, Map<String, String> startup) {
        return info(user, database, startup, 42);
    }

    static SessionInfo info(String user, String database, Map<String, String> startup, int pid) {
        Map<String, String> params = new HashMap<>(startup);
        params.put("user", user);
        if (database != null) params.put("database", database);
        return new SessionInfo(user, database, params, new InetSocketAddress("127.0.0.1", 5432), false, pid, 0);
    }

    RecordingSink run(String sql) {
        return run(session, sql);
    }

    static RecordingSink run(Session s, String sql) {
        RecordingSink sink = new RecordingSink();
        try {
            s.execute(sql, sink);
        } catch (Exception e) {
            throw new AssertionError("statement failed: " + sql + ": " + e.getMessage(), e);
        }
        assertThat(sink.tag != null || sink.emptyQuery).as("completed: %s", sql).isTrue();
        return sink;
    }

    PgException fails(String sql) {
        return fails(session, sql);
    }

    static PgException fails(Session s, String sql) {
        RecordingSink sink = new RecordingSink();
        try {
            s.execute(sql, sink);
        } catch (PgException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a PgException from " + sql + ", got " + e, e);
        }
        throw new AssertionError("expected " + sql + " to fail, it completed with " + sink.tag);
    }

    /** The text of the single value {@code SELECT <expr>} returns. */
    String text(String expr) {
        return run("SELECT " + expr).value();
    }
}
