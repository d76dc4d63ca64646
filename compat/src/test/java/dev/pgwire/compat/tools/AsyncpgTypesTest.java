package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * asyncpg with arrays, enums, domains and composite types, which it learns through its own
 * introspection query: {@code src/test/python/asyncpg_types.py}. Every step but the domain check
 * (which fails on PostgreSQL too) must pass, with PostgreSQL's values.
 *
 * <pre>mvn -pl compat test -Dtest=AsyncpgTypesTest</pre>
 */
class AsyncpgTypesTest {
    @Test
    void introspectsArraysEnumsDomainsAndCompositeTypes() {
        List<String> steps = List.of("create enum", "create domain", "create composite", "create tables",
                "create table of domain and composite", "int and text arrays", "enum", "enum parameter", "domain",
                "composite", "insert all", "select all", "insert domain and composite", "select domain and composite",
                "copy records");
        ToolRun.assertLikePostgres("asyncpg", "asyncpg_types", steps,
                List.of("int and text arrays", "enum", "enum parameter", "domain", "composite", "select all",
                        "select domain and composite", "copy records"),
                Function.identity(),
                (t, db) -> Scripts.python("asyncpg_types.py", List.of(t.uri(db)), Duration.ofSeconds(60)));
    }
}
