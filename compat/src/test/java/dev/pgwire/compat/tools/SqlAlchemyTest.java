package dev.pgwire.compat.tools;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ToolRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * SQLAlchemy 2 with psycopg 3 and with psycopg2 against serve and PostgreSQL:
 * {@code src/test/python/sqlalchemy_flow.py}.
 *
 * <pre>mvn -pl compat test -Dtest=SqlAlchemyTest</pre>
 */
class SqlAlchemyTest {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"psycopg", "psycopg2"})
    void connectsCreatesATableInsertsAndSelects(String driver) {
        ToolRun.assertLikePostgres("SQLAlchemy + " + driver, "sqlalchemy_connect_" + driver,
                List.of("connect", "create, insert, select"), List.of("connect", "create, insert, select"), Function.identity(),
                (t, db) -> Scripts.python("sqlalchemy_flow.py", List.of(driver, t.uri(db), "connect"), TIMEOUT));
    }

    /** pg8000 describes its statements before binding them (as asyncpg does): the inspector's queries too. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"psycopg", "psycopg2", "pg8000"})
    void createsAllInspectsRunsOrmCrudAndPandas(String driver) {
        List<String> steps = List.of("create_all", "inspect", "orm crud", "pandas");
        ToolRun.assertLikePostgres("SQLAlchemy + " + driver, "sqlalchemy_full_" + driver, steps, steps, Function.identity(),
                (t, db) -> Scripts.python("sqlalchemy_flow.py", List.of(driver, t.uri(db), "full"), TIMEOUT));
    }
}
