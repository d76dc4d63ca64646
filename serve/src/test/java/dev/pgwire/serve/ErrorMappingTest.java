package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** DuckDB errors arrive as PostgreSQL errors: SQLSTATE, PostgreSQL's wording, and the error position. */
class ErrorMappingTest extends SessionTestSupport {

    @BeforeEach
    void createTable() {
        run("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT NOT NULL, c INTEGER CHECK (c > 0))");
        run("INSERT INTO t VALUES (1, 'x', 1)");
    }

    @Test
    void syntaxErrorsAre42601WithAPosition() {
        PgException e = fails("SELECT 1 +");
        assertThat(e.sqlState()).isEqualTo("42601");
        assertThat(e.getMessage()).as("PostgreSQL's own parser reports it").isEqualTo("syntax error at end of input");
        assertThat(e.field('P')).isEqualTo("11");
        assertThat(e.getMessage()).doesNotContain("Parser Error");
    }

    @Test
    void missingTableIs42P01() {
        PgException e = fails("SELECT * FROM missing_table");
        assertThat(e.sqlState()).isEqualTo("42P01");
        assertThat(e.getMessage()).isEqualTo("relation \"missing_table\" does not exist");
        assertThat(e.field('P')).isEqualTo("15");
        assertThat(fails("INSERT INTO nope VALUES (1)").sqlState()).isEqualTo("42P01");
        assertThat(fails("DROP TABLE nope").sqlState()).isEqualTo("42P01");
    }

    @Test
    void positionsCountCharactersNotBytes() {
        PgException e = fails("SELECT 'héllo' || nosuch FROM t");
        assertThat(e.sqlState()).isEqualTo("42703");
        assertThat(e.field('P')).isEqualTo(String.valueOf("SELECT 'héllo' || ".length() + 1));
    }

    @Test
    void missingColumnIs42703() {
        PgException e = fails("SELECT nosuch FROM t");
        assertThat(e.sqlState()).isEqualTo("42703");
        assertThat(e.getMessage()).isEqualTo("column \"nosuch\" does not exist");
        assertThat(e.field('P')).isEqualTo("8");
        PgException insert = fails("INSERT INTO t (a, zz) VALUES (1, 2)");
        assertThat(insert.sqlState()).isEqualTo("42703");
    }

    @Test
    void duplicateKeyIs23505WithThePostgresDetail() {
        PgException e = fails("INSERT INTO t VALUES (1, 'y', 1)");
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.getMessage()).isEqualTo("duplicate key value violates unique constraint \"t_pkey\"");
        assertThat(e.detail()).isEqualTo("Key (a)=(1) already exists.");
    }

    @Test
    void aDuplicateAmongTheRowsOfOneStatementIs23505Too() {
        PgException e = fails("INSERT INTO t VALUES (7, 'y', 1), (7, 'z', 1)");
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.getMessage()).isEqualTo("duplicate key value violates unique constraint \"t_pkey\"");
        assertThat(e.detail()).isEqualTo("Key (a)=(7) already exists.");
    }

    @Test
    void notNullIs23502() {
        PgException e = fails("INSERT INTO t VALUES (2, NULL, 1)");
        assertThat(e.sqlState()).isEqualTo("23502");
        assertThat(e.getMessage()).isEqualTo("null value in column \"b\" of relation \"t\" violates not-null constraint");
    }

    @Test
    void checkIs23514() {
        assertThat(fails("INSERT INTO t VALUES (3, 'z', 0)").sqlState()).isEqualTo("23514");
    }

    @Test
    void aViolatedCheckIsNamedEvenWhenAnotherCheckUsesTheSameColumn() {
        run("CREATE TABLE two (id int, n int CHECK (n > 0), CONSTRAINT n_small CHECK (n < 100))");
        PgException small = fails("INSERT INTO two VALUES (1, 200)");
        assertThat(small.getMessage()).isEqualTo("new row for relation \"two\" violates check constraint \"n_small\"");
        assertThat(small.field('n')).isEqualTo("n_small");
        run("INSERT INTO two VALUES (2, 5)");
        assertThat(fails("UPDATE two SET n = -1").field('n')).isEqualTo("two_n_check");
    }

    @Test
    void aRowFailingTwoChecksNamesTheFirstByNameAsPostgresTestsThem() {
        run("CREATE TABLE both_checks (a int, CONSTRAINT z_positive CHECK (a > 0), CONSTRAINT a_even CHECK (a % 2 = 0))");
        assertThat(fails("INSERT INTO both_checks VALUES (-1)").field('n')).isEqualTo("a_even");
        assertThat(fails("INSERT INTO both_checks VALUES (-2)").field('n')).isEqualTo("z_positive");
    }

    @Test
    void aRenamedCheckIsStillNamed() {
        run("CREATE TABLE renamed (a int CONSTRAINT old_name CHECK (a > 0))");
        run("ALTER TABLE renamed RENAME CONSTRAINT old_name TO new_name");
        assertThat(fails("INSERT INTO renamed VALUES (0)").field('n')).isEqualTo("new_name");
    }

    @Test
    void castsAndFunctionsOutOfRangeAreThePostgresStates() {
        PgException overflow = fails("SELECT 1e10::numeric::int");
        assertThat(overflow.sqlState()).isEqualTo("22003");
        assertThat(overflow.getMessage()).isEqualTo("integer out of range");
        assertThat(fails("SELECT 70000::numeric::smallint").getMessage()).isEqualTo("smallint out of range");
        assertThat(fails("SELECT ntile(0) OVER () FROM t").sqlState()).isEqualTo("22014");
        PgException zone = fails("SELECT now() AT TIME ZONE 'Mars/Olympus'");
        assertThat(zone.sqlState()).isEqualTo("22023");
        assertThat(zone.getMessage()).isEqualTo("time zone \"Mars/Olympus\" not recognized");
        assertThat(fails("SELECT date_trunc('fortnight', timestamp '2024-01-01')").sqlState()).isEqualTo("22023");
    }

    @Test
    void anUnknownTypeIs42704WithoutSuggestingDuckDbTypes() {
        PgException cast = fails("SELECT 'a'::no_such_type");
        assertThat(cast.sqlState()).isEqualTo("42704");
        assertThat(cast.getMessage()).isEqualTo("type \"no_such_type\" does not exist");
        assertThat(cast.field('H')).isNull();
        assertThat(fails("SELECT pg_typeof('a'::foo)").sqlState()).isEqualTo("42704");
    }

    @Test
    void divisionByZeroIs22012LikePostgres() {
        PgException e = fails("SELECT 1/0");
        assertThat(e.sqlState()).isEqualTo("22012");
        assertThat(e.getMessage()).isEqualTo("division by zero");
        assertThat(fails("SELECT 1 % 0").sqlState()).isEqualTo("22012");
        assertThat(fails("SELECT 1.0 / 0").sqlState()).isEqualTo("22012");
        assertThat(fails("SELECT 1::DOUBLE / 0").sqlState()).isEqualTo("22012");
        assertThat(fails("SELECT a / 0 FROM t").sqlState()).isEqualTo("22012");
    }

    @Test
    void badTextInputIs22P02() {
        PgException e = fails("SELECT 'abc'::INTEGER");
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(e.getMessage()).isEqualTo("invalid input syntax for type integer: \"abc\"");
        assertThat(e.field('P')).isEqualTo("8"); // the literal, where PostgreSQL points
        assertThat(fails("SELECT 'abc'::UUID").getMessage()).isEqualTo("invalid input syntax for type uuid: \"abc\"");
        assertThat(fails("SELECT * FROM t WHERE a = 'x'").sqlState()).isEqualTo("22P02");
        PgException date = fails("SELECT 'not a date'::DATE");
        assertThat(date.sqlState()).isEqualTo("22007");
        assertThat(date.getMessage()).isEqualTo("invalid input syntax for type date: \"not a date\"");
        assertThat(fails("SELECT '2024-02-30'::DATE").sqlState()).isEqualTo("22008");
    }

    @Test
    void errorsFoundDuringExecutionAreReportedInsideTransactionsToo() {
        run("BEGIN");
        PgException e = fails("SELECT 'abc'::INTEGER");
        assertThat(e.sqlState()).isEqualTo("22P02");
        run("ROLLBACK");
        run("CREATE TEMP TABLE scratch (v TEXT)");
        run("INSERT INTO scratch VALUES ('nope')");
        assertThat(fails("SELECT v::INTEGER FROM scratch").sqlState()).as("temporary tables are visible when re-running")
                .isEqualTo("22P02");
    }

    @Test
    void alreadyExistsIs42P07() {
        PgException e = fails("CREATE TABLE t (x INTEGER)");
        assertThat(e.sqlState()).isEqualTo("42P07");
        assertThat(e.getMessage()).isEqualTo("relation \"t\" already exists");
        run("CREATE SCHEMA s");
        assertThat(fails("CREATE SCHEMA s").sqlState()).isEqualTo("42P06");
    }

    @Test
    void outOfRangeIs22003() {
        PgException e = fails("SELECT 2147483647::INTEGER + 1");
        assertThat(e.sqlState()).isEqualTo("22003");
        assertThat(e.getMessage()).isEqualTo("integer out of range");
        assertThat(fails("SELECT 40000::SMALLINT").getMessage()).isEqualTo("smallint out of range");
        assertThat(fails("SELECT 10::DECIMAL(2,1)").getMessage()).isEqualTo("numeric field overflow");
    }

    @Test
    void otherCatalogErrors() {
        assertThat(fails("SELECT nosuchfunction(1)").sqlState()).isEqualTo("42883");
        assertThat(fails("SELECT length(42)").sqlState()).isEqualTo("42883");
        assertThat(fails("SELECT CAST(1 AS nosuchtype)").sqlState()).isEqualTo("42704");
        PgException schema = fails("SELECT * FROM nosuchschema.t");
        assertThat(schema.sqlState()).as("PostgreSQL reports the relation, not the schema").isEqualTo("42P01");
        assertThat(schema.getMessage()).isEqualTo("relation \"nosuchschema.t\" does not exist");
        assertThat(fails("CREATE TABLE nosuchschema.t (x INTEGER)").sqlState()).isEqualTo("3F000");
        assertThat(fails("SELECT a, count(*) FROM t").sqlState()).isEqualTo("42803");
    }

    @Test
    void anythingElseIsXX000WithDuckDbsMessage() {
        PgException e = fails("SELECT error('something broke')");
        assertThat(e.sqlState()).isEqualTo("XX000");
        assertThat(e.getMessage()).isEqualTo("something broke");
    }

    @Test
    void copyThroughTheClientIsNotSupportedYet() {
        assertThat(fails("COPY t TO STDOUT").sqlState()).isEqualTo("0A000");
    }

    @Test
    void plainTextDriverMessagesAreParsedToo() {
        PgException e = ErrorMapper.map(new SQLException("Catalog Error: Table with name foo does not exist!\nDid you mean \"bar\"?"), "x");
        assertThat(e.sqlState()).isEqualTo("42P01");
        assertThat(e.getMessage()).isEqualTo("relation \"foo\" does not exist");
        assertThat(e.hint()).isNull(); // DuckDB's suggestion may name its own tables: PostgreSQL suggests nothing here
        PgException function = ErrorMapper.map(new SQLException(
                "Catalog Error: Scalar Function with name nosuchfn does not exist!\nDid you mean \"nanosecond\"?"), "x");
        assertThat(function.sqlState()).isEqualTo("42883");
        assertThat(function.hint()).isEqualTo("No function matches the given name and argument types. You might need to add explicit type casts.");
        PgException interrupted = ErrorMapper.map(new SQLException("INTERRUPT Error: Interrupted!"), "x");
        assertThat(interrupted.sqlState()).isEqualTo("57014");
        assertThat(interrupted.getCause()).isInstanceOf(SQLException.class);
    }
}
