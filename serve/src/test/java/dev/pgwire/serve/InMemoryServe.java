package dev.pgwire.serve;

import dev.pgwire.server.PgServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * serve on an in-memory engine, listening on a free loopback port, for the tests of one class:
 * {@code @RegisterExtension static final InMemoryServe server = new InMemoryServe();} starts it
 * before the class's {@code @BeforeAll} methods and closes it after the class.
 */
final class InMemoryServe implements BeforeAllCallback, AfterAllCallback {
    private DuckDbSessionFactory engine;
    private PgServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        engine = new DuckDbSessionFactory(ServeOptions.inMemory());
        server = PgServer.builder().port(0).sessionFactory(engine).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) server.close();
        if (engine != null) engine.close();
    }

    int port() {
        return server.port();
    }
}
