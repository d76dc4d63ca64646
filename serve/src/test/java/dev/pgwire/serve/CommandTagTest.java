package dev.pgwire.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements complete with PostgreSQL's command tags; DuckDB's update count supplies the row counts. */
class CommandTagTest extends SessionTestSupport {

    @Test
    void dataDefinitionTags() {
        assertThat(run("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)").tag).isEqualTo("CREATE TABLE");
        assertThat(run("CREATE TEMP TABLE tmp (x INTEGER)").tag).isEqualTo("CREATE TABLE");
        assertThat(run("CREATE OR REPLACE TABLE r (x INTEGER)").tag).isEqualTo("CREATE TABLE");
        assertThat(run("CREATE TABLE IF NOT EXISTS t (id INTEGER)").tag).isEqualTo("CREATE TABLE");
        assertThat(run("CREATE VIEW v AS SELECT * FROM t").tag).isEqualTo("CREATE VIEW");
        assertThat(run("CREATE OR REPLACE VIEW v AS SELECT * FROM t").tag).isEqualTo("CREATE VIEW");
        assertThat(run("CREATE SCHEMA s").tag).isEqualTo("CREATE SCHEMA");
        assertThat(run("CREATE INDEX t_name ON t (name)").tag).isEqualTo("CREATE INDEX");
        assertThat(run("CREATE UNIQUE INDEX t_name2 ON t (name)").tag).isEqualTo("CREATE INDEX");
        assertThat(run("CREATE SEQUENCE seq").tag).isEqualTo("CREATE SEQUENCE");
        assertThat(run("ALTER TABLE t ADD COLUMN extra INTEGER").tag).isEqualTo("ALTER TABLE");
        assertThat(run("DROP INDEX t_name2").tag).isEqualTo("DROP INDEX");
        assertThat(run("DROP VIEW v").tag).isEqualTo("DROP VIEW");
        assertThat(run("DROP SEQUENCE seq").tag).isEqualTo("DROP SEQUENCE");
        assertThat(run("DROP TABLE r").tag).isEqualTo("DROP TABLE");
        assertThat(run("DROP SCHEMA s").tag).isEqualTo("DROP SCHEMA");
    }

    @Test
    void dataManipulationTagsCountRows() {
        run("CREATE TABLE t (id INTEGER, name TEXT)");
        assertThat(run("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')").tag).isEqualTo("INSERT 0 3");
        assertThat(run("UPDATE t SET name = 'x' WHERE id >= 2").tag).isEqualTo("UPDATE 2");
        assertThat(run("DELETE FROM t WHERE id = 1").tag).isEqualTo("DELETE 1");
        assertThat(run("DELETE FROM t WHERE id = 99").tag).isEqualTo("DELETE 0");
        RecordingSink select = run("SELECT * FROM t ORDER BY id");
        assertThat(select.tag).isEqualTo("SELECT 2");
        assertThat(select.describeCalls).isEqualTo(1);
        assertThat(run("SELECT * FROM t WHERE false").tag).isEqualTo("SELECT 0");
        assertThat(run("TRUNCATE t").tag).isEqualTo("TRUNCATE TABLE");
    }

    @Test
    void returningClausesStreamRowsWithTheDmlTag() {
        run("CREATE TABLE t (id INTEGER, name TEXT)");
        RecordingSink insert = run("INSERT INTO t VALUES (1, 'a'), (2, 'b') RETURNING id");
        assertThat(insert.tag).isEqualTo("INSERT 0 2");
        assertThat(insert.rows).containsExactly(java.util.List.of("1"), java.util.List.of("2"));
        assertThat(run("UPDATE t SET name = 'z' RETURNING name").tag).isEqualTo("UPDATE 2");
        assertThat(run("DELETE FROM t WHERE id = 2 RETURNING *").tag).isEqualTo("DELETE 1");
    }

    @Test
    void dataChangingStatementsWithDataChangingCtesCompleteWithTheirTagAlone() {
        run("CREATE TABLE t1 (a INTEGER)");
        run("CREATE TABLE t2 (a INTEGER)");
        run("INSERT INTO t1 VALUES (1), (2), (3)");
        run("INSERT INTO t2 VALUES (1), (2), (3), (4)");
        RecordingSink delete = run("WITH d AS (DELETE FROM t1 WHERE a = 1 RETURNING a) DELETE FROM t2 WHERE a > 1");
        assertThat(delete.tag).isEqualTo("DELETE 3");
        assertThat(delete.rows).isEmpty();
        assertThat(delete.describeCalls).isZero();
        RecordingSink insert = run("WITH d AS (DELETE FROM t1 RETURNING a) INSERT INTO t2 SELECT a FROM d");
        assertThat(insert.tag).isEqualTo("INSERT 0 2");
        assertThat(insert.describeCalls).isZero();
        RecordingSink update = run("WITH i AS (INSERT INTO t1 VALUES (7) RETURNING a) UPDATE t2 SET a = a + 1");
        assertThat(update.tag).isEqualTo("UPDATE 3");
        assertThat(update.rows).isEmpty();
        assertThat(run("SELECT a FROM t1").rows).containsExactly(java.util.List.of("7"));
    }

    @Test
    void createTableAsReportsRowsLikePostgres() {
        assertThat(run("CREATE TABLE five AS SELECT * FROM range(5)").tag).isEqualTo("SELECT 5");
        assertThat(run("CREATE TABLE none AS SELECT * FROM range(5) WHERE false").tag).isEqualTo("SELECT 0");
    }

    @Test
    void commonTableExpressionsTakeTheTagOfTheMainStatement() {
        run("CREATE TABLE t (id INTEGER)");
        assertThat(run("WITH src AS (SELECT 1 AS id UNION ALL SELECT 2) INSERT INTO t SELECT id FROM src").tag).isEqualTo("INSERT 0 2");
        assertThat(run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT * FROM n").tag)
                .isEqualTo("SELECT 3");
    }

    @Test
    void leadingCommentsAndParenthesesAreSkipped() {
        assertThat(run("-- a comment\n/* block /* nested */ comment */ SELECT 1").tag).isEqualTo("SELECT 1");
        assertThat(run("(SELECT 1) UNION ALL (SELECT 2)").tag).isEqualTo("SELECT 2");
        assertThat(run("  values (1), (2), (3)").tag).isEqualTo("SELECT 3");
    }

    @Test
    void emptyStatementsAreEmptyQueries() {
        assertThat(run("").emptyQuery).isTrue();
        assertThat(run("   \n\t ").emptyQuery).isTrue();
        assertThat(run("-- only a comment").emptyQuery).isTrue();
        assertThat(run("/* only */ ;").emptyQuery).isTrue();
        RecordingSink s = run(";");
        assertThat(s.emptyQuery).isTrue();
        assertThat(s.tag).isNull();
    }

    @Test
    void transactionAndParameterTags() {
        assertThat(run("BEGIN").tag).isEqualTo("BEGIN");
        assertThat(run("COMMIT").tag).isEqualTo("COMMIT");
        assertThat(run("START TRANSACTION").tag).isEqualTo("START TRANSACTION");
        assertThat(run("ROLLBACK").tag).isEqualTo("ROLLBACK");
        assertThat(run("BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE").tag).isEqualTo("BEGIN");
        assertThat(run("END").tag).isEqualTo("COMMIT");
        assertThat(run("SET application_name = 'x'").tag).isEqualTo("SET");
        assertThat(run("RESET application_name").tag).isEqualTo("RESET");
        assertThat(run("SHOW application_name").tag).isEqualTo("SHOW");
    }

    @Test
    void statementsWithoutRowsSendNoRowDescription() {
        RecordingSink checkpoint = run("CHECKPOINT");
        assertThat(checkpoint.tag).isEqualTo("CHECKPOINT");
        assertThat(checkpoint.describeCalls).isZero();
        RecordingSink create = run("CREATE TABLE t (x INTEGER)");
        assertThat(create.describeCalls).isZero();
    }

    @Test
    void copyToAndFromFilesCountRows(@TempDir Path dir) throws Exception {
        factory.close();
        factory = new DuckDbSessionFactory(ServeOptions.inMemory().withExternalAccess(true));
        session = open("postgres");
        run("CREATE TABLE t AS SELECT * FROM range(4) r(x)");
        String file = dir.resolve("t.csv").toString().replace("'", "''");
        assertThat(run("COPY t TO '" + file + "' (HEADER)").tag).isEqualTo("COPY 4");
        run("CREATE TABLE u (x BIGINT)");
        assertThat(run("COPY u FROM '" + file + "' (HEADER)").tag).isEqualTo("COPY 4");
    }
}
