package dev.pgwire.serve;

import dev.pgwire.server.spi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtilityCommandsTest extends SessionTestSupport {

    @Test
    void createAndDropDatabaseAsInPostgres(@TempDir Path dir) throws Exception {
        try (DuckDbSessionFactory files = new DuckDbSessionFactory(ServeOptions.inDirectory(dir))) {
            Session s = files.open(info("postgres", "postgres", Map.of()));
            assertThat(run(s, "CREATE DATABASE shop").tag).isEqualTo("CREATE DATABASE");
            assertThat(fails(s, "CREATE DATABASE shop").sqlState()).isEqualTo("42P04");
            assertThat(files.databaseNames()).containsExactly("postgres", "shop");
            Session shop = files.open(info("postgres", "shop", Map.of()));
            run(shop, "CREATE TABLE t (x INT)");
            assertThat(fails(s, "DROP DATABASE shop").sqlState()).as("in use").isEqualTo("55006");
            assertThat(fails(s, "DROP DATABASE postgres").sqlState()).as("the current one").isEqualTo("55006");
            shop.close();
            run(s, "BEGIN");
            assertThat(fails(s, "DROP DATABASE shop").sqlState()).isEqualTo("25001");
            run(s, "ROLLBACK");
            assertThat(run(s, "DROP DATABASE shop").tag).isEqualTo("DROP DATABASE");
            assertThat(run(s, "DROP DATABASE IF EXISTS shop").tag).isEqualTo("DROP DATABASE");
            assertThat(fails(s, "DROP DATABASE shop").sqlState()).isEqualTo("3D000");
            assertThatThrownBy(() -> files.open(info("postgres", "shop", Map.of())))
                    .hasMessage("database \"shop\" does not exist");
            assertThat(dir.resolve("shop.duckdb")).doesNotExist();
        }
    }

    @Test
    void preparedStatementsOfSql() {
        run("CREATE TABLE t (id INT, name TEXT)");
        assertThat(run("PREPARE ins(int, text) AS INSERT INTO t VALUES ($1, $2)").tag).isEqualTo("PREPARE");
        assertThat(run("EXECUTE ins(1, 'one')").tag).isEqualTo("INSERT 0 1");
        assertThat(run("EXECUTE ins(1 + 1, upper('two'))").tag).isEqualTo("INSERT 0 1");
        run("PREPARE get AS SELECT name FROM t WHERE id = $1");
        RecordingSink r = run("EXECUTE get(2)");
        assertThat(r.tag).isEqualTo("SELECT 1");
        assertThat(r.value()).isEqualTo("TWO");
        assertThat(fails("PREPARE get AS SELECT 1").sqlState()).isEqualTo("42P05");
        assertThat(run("DEALLOCATE get").tag).isEqualTo("DEALLOCATE");
        assertThat(fails("EXECUTE get(1)").sqlState()).isEqualTo("26000");
        assertThat(run("DEALLOCATE ALL").tag).isEqualTo("DEALLOCATE ALL");
        assertThat(fails("EXECUTE ins(3, 'x')").sqlState()).isEqualTo("26000");
    }

    @Test
    void cursorsReadForward() {
        run("CREATE TABLE t AS SELECT range::INT AS x FROM range(5)");
        assertThat(fails("DECLARE c CURSOR FOR SELECT x FROM t").sqlState()).isEqualTo("25P01");
        run("BEGIN");
        assertThat(run("DECLARE c CURSOR FOR SELECT x FROM t ORDER BY x").tag).isEqualTo("DECLARE CURSOR");
        RecordingSink two = run("FETCH 2 FROM c");
        assertThat(two.tag).isEqualTo("FETCH 2");
        assertThat(two.rows).containsExactly(List.of("0"), List.of("1"));
        assertThat(run("FETCH NEXT FROM c").rows).containsExactly(List.of("2"));
        assertThat(run("MOVE 1 IN c").tag).isEqualTo("MOVE 1");
        RecordingSink rest = run("FETCH ALL FROM c");
        assertThat(rest.tag).isEqualTo("FETCH 1");
        assertThat(rest.rows).containsExactly(List.of("4"));
        assertThat(run("FETCH 1 FROM c").tag).isEqualTo("FETCH 0");
        assertThat(fails("FETCH BACKWARD 1 FROM c").sqlState()).isEqualTo("55000");
        run("ROLLBACK");
        run("BEGIN");
        run("DECLARE c CURSOR FOR SELECT x FROM t ORDER BY x");
        assertThat(run("CLOSE c").tag).isEqualTo("CLOSE CURSOR");
        assertThat(fails("FETCH 1 FROM c").sqlState()).isEqualTo("34000");
        run("COMMIT");
        run("DECLARE h CURSOR WITH HOLD FOR SELECT x FROM t ORDER BY x");
        assertThat(run("FETCH 1 FROM h").rows).as("a holdable cursor outside a block").containsExactly(List.of("0"));
    }

    @Test
    void readOnlyTransactionsRefuseWrites() {
        run("CREATE TABLE t (x INT)");
        run("BEGIN READ ONLY");
        assertThat(run("SHOW transaction_read_only").value()).isEqualTo("on");
        assertThat(run("SELECT count(*) FROM t").value()).isEqualTo("0");
        var e = fails("INSERT INTO t VALUES (1)");
        assertThat(e.sqlState()).isEqualTo("25006");
        assertThat(e.getMessage()).isEqualTo("cannot execute INSERT in a read-only transaction");
        run("ROLLBACK");
        run("BEGIN ISOLATION LEVEL SERIALIZABLE");
        assertThat(run("SHOW transaction_isolation").value()).isEqualTo("serializable");
        run("SET TRANSACTION READ ONLY");
        assertThat(fails("UPDATE t SET x = 2").sqlState()).isEqualTo("25006");
        run("ROLLBACK");
        run("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        assertThat(fails("DELETE FROM t").sqlState()).isEqualTo("25006");
        run("SET default_transaction_read_only = off");
        assertThat(run("INSERT INTO t VALUES (1)").tag).isEqualTo("INSERT 0 1");
    }

    @Test
    void roleAndFixedOffsetTimeZones() {
        assertThat(run("SET ROLE tester").tag).isEqualTo("SET");
        assertThat(run("SHOW role").value()).isEqualTo("tester");
        assertThat(run("SET ROLE NONE").tag).isEqualTo("SET");
        assertThat(run("RESET ROLE").tag).isEqualTo("RESET");
        assertThat(fails("SET ROLE someone_else").sqlState()).as("PostgreSQL's code for SET ROLE").isEqualTo("22023");
        run("SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE");
        assertThat(run("SHOW TimeZone").value()).isEqualTo("<+00>-00");
        run("SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE");
        assertThat(run("SHOW TimeZone").value()).isEqualTo("<+05:30>-05:30");
        run("SET TIME ZONE -7");
        assertThat(run("SHOW TimeZone").value()).isEqualTo("<-07>+07");
        assertThat(run("SELECT '2024-07-01 12:00:00+00'::timestamptz").value()).isEqualTo("2024-07-01 05:00:00-07");
    }

    @Test
    void extensionsServeProvidesCanBeCreated() {
        assertThat(run("CREATE EXTENSION IF NOT EXISTS pgcrypto").tag).isEqualTo("CREATE EXTENSION");
        assertThat(fails("CREATE EXTENSION pgcrypto").sqlState()).isEqualTo("42710");
        assertThat(run("CREATE EXTENSION IF NOT EXISTS pgcrypto").notices).isNotEmpty();
        assertThat(fails("CREATE EXTENSION postgis").sqlState()).isEqualTo("0A000");
        assertThat(run("DROP EXTENSION pgcrypto").tag).isEqualTo("DROP EXTENSION");
        assertThat(fails("DROP EXTENSION pgcrypto").sqlState()).isEqualTo("42704");
        assertThat(fails("DO LANGUAGE sql $$ SELECT 1 $$").sqlState()).isEqualTo("0A000");
    }
}
