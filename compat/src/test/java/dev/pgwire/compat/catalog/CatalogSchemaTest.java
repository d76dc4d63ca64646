package dev.pgwire.compat.catalog;

import dev.pgwire.compat.Servers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * serve takes every statement of the catalog tests' schema ({@code catalog/schema.sql}) that
 * PostgreSQL takes.
 *
 * <pre>mvn -pl compat test -Dtest=CatalogSchemaTest</pre>
 */
class CatalogSchemaTest {
    @Test
    void serveLoadsTheWholeSchema() {
        CatalogSchema.loadBoth();
        List<String> refused = CatalogSchema.load(Servers.serve());
        assertTrue(refused.isEmpty(), () -> "serve refused " + refused.size() + " statements of the schema:\n  "
                + String.join("\n  ", refused));
    }
}
