package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * asyncpg with arrays, enums, domains and composite types, which it learns through its own
 * introspection query: {@code src/test/python/asyncpg_types.py}. The domain check step must fail
 * (23514) on both sides; every other step must pass, with PostgreSQL's values.
 *
 * <pre>mvn -pl compat test -Dtest=AsyncpgTypesTest</pre>
 */
@Tag("catalog")
class AsyncpgTypesTest {
    @Test
    void introspectsArraysEnumsDomainsAndCompositeTypes() {
        List<String> steps = List.of("schema", "int and text arrays", "enum", "enum parameter", "domain", "composite",
                "insert all", "select all", "copy records");
        ToolRun.assertLikePostgres("asyncpg", "asyncpg_types", steps,
                List.of("int and text arrays", "enum", "enum parameter", "domain", "composite", "select all", "copy records"),
                Function.identity(),
                (t, db) -> Scripts.python("asyncpg_types.py", List.of(t.uri(db)), Duration.ofSeconds(60)));
    }
}
