package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.TransactionStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SavepointTest extends SessionTestSupport {

    @Test
    void rollbackToASavepointAfterAFailedStatementKeepsWhatCameBefore() {
        run("CREATE TABLE t (id INT PRIMARY KEY, v TEXT)");
        run("BEGIN");
        run("INSERT INTO t VALUES (1, 'kept')");
        assertThat(run("SAVEPOINT a").tag).isEqualTo("SAVEPOINT");
        run("INSERT INTO t VALUES (2, 'undone')");
        assertThat(fails("INSERT INTO t VALUES (1, 'duplicate')").sqlState()).isEqualTo("23505");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThat(run("ROLLBACK TO SAVEPOINT a").tag).isEqualTo("ROLLBACK");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
        assertThat(run("SELECT id, v FROM t ORDER BY id").rows).containsExactly(List.of("1", "kept"));
        run("INSERT INTO t VALUES (3, 'after')");
        assertThat(run("COMMIT").tag).isEqualTo("COMMIT");
        assertThat(run("SELECT id FROM t ORDER BY id").rows).containsExactly(List.of("1"), List.of("3"));
    }

    @Test
    void savepointsNestAndReleaseAsInPostgres() {
        run("CREATE TABLE t (id INT)");
        run("BEGIN");
        run("INSERT INTO t VALUES (1)");
        run("SAVEPOINT a");
        run("INSERT INTO t VALUES (2)");
        run("SAVEPOINT b");
        run("INSERT INTO t VALUES (3)");
        assertThat(run("RELEASE SAVEPOINT b").tag).isEqualTo("RELEASE");
        assertThat(fails("ROLLBACK TO b").sqlState()).as("released").isEqualTo("3B001");
        run("ROLLBACK TO a"); // the failed block is restored to a
        assertThat(run("SELECT count(*) FROM t").value()).isEqualTo("1");
        run("ROLLBACK TO a");
        assertThat(run("SAVEPOINT a").tag).as("the savepoint stays after ROLLBACK TO").isEqualTo("SAVEPOINT");
        run("COMMIT");
        assertThat(run("SELECT count(*) FROM t").value()).isEqualTo("1");
    }

    @Test
    void savepointsOutsideABlockAre25P01() {
        assertThat(fails("SAVEPOINT a").sqlState()).isEqualTo("25P01");
        assertThat(fails("ROLLBACK TO SAVEPOINT a").sqlState()).isEqualTo("25P01");
        assertThat(fails("RELEASE a").sqlState()).isEqualTo("25P01");
        run("BEGIN");
        assertThat(fails("ROLLBACK TO nope").sqlState()).isEqualTo("3B001");
        run("ROLLBACK");
    }

    @Test
    void aRollbackThatCannotBeRestoredIsRefusedAndTheBlockStaysFailed() {
        run("CREATE TABLE s (id INT PRIMARY KEY, at TIMESTAMPTZ)");
        run("BEGIN");
        run("INSERT INTO s (id, at) VALUES (1, clock_timestamp())");
        run("SAVEPOINT a");
        assertThat(fails("INSERT INTO s VALUES (1)").sqlState()).isEqualTo("23505");
        PgException refused = fails("ROLLBACK TO SAVEPOINT a");
        assertThat(refused.sqlState()).as("running the insert again would give another clock_timestamp()").isEqualTo("0A000");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThat(fails("SELECT 1").sqlState()).isEqualTo("25P02");
        assertThat(run("ROLLBACK").tag).isEqualTo("ROLLBACK");
        assertThat(run("SELECT count(*) FROM s").value()).isEqualTo("0");
    }

    @Test
    void insertsDrawingFromSequencesAreRestoredWithTheValuesTheyGot() {
        run("CREATE TABLE s (id SERIAL PRIMARY KEY, v TEXT)");
        run("CREATE TABLE g (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n INT, v TEXT)");
        run("BEGIN");
        assertThat(run("INSERT INTO s (v) VALUES ('x') RETURNING id").value()).isEqualTo("1");
        assertThat(run("INSERT INTO g (id, n, v) VALUES (DEFAULT, 1, 'a'), (DEFAULT, 2, 'b') RETURNING id").rows)
                .containsExactly(List.of("1"), List.of("2"));
        assertThat(run("INSERT INTO g (n) VALUES (3)").tag).isEqualTo("INSERT 0 1");
        run("SAVEPOINT a");
        assertThat(run("INSERT INTO s (v) VALUES ('undone') RETURNING id").value()).isEqualTo("2");
        assertThat(fails("INSERT INTO s VALUES (1, 'dup')").sqlState()).isEqualTo("23505");
        assertThat(run("ROLLBACK TO SAVEPOINT a").tag).isEqualTo("ROLLBACK");
        assertThat(run("SELECT id, v FROM s ORDER BY id").rows).containsExactly(List.of("1", "x"));
        assertThat(run("SELECT id, n, v FROM g ORDER BY id").rows)
                .containsExactly(List.of("1", "1", "a"), List.of("2", "2", "b"), java.util.Arrays.asList("3", "3", null));
        assertThat(run("SELECT currval('s_id_seq')").value()).isEqualTo("2");
        assertThat(run("INSERT INTO s (v) VALUES ('y') RETURNING id").value())
                .as("a sequence is not rolled back, as in PostgreSQL").isEqualTo("3");
        run("COMMIT");
        assertThat(run("SELECT id FROM s ORDER BY id").rows).containsExactly(List.of("1"), List.of("3"));
        assertThat(fails("INSERT INTO g (id, n) VALUES (9, 9)").sqlState()).as("ALWAYS still refuses a value").isEqualTo("428C9");
    }

    @Test
    void insertsLeavingClockAndRandomDefaultsAreRestoredWithTheValuesTheyGot() {
        // SQLAlchemy's begin_nested() and pgjdbc's rollback(savepoint) over a table with server_default=now()
        run("CREATE TABLE c (id SERIAL PRIMARY KEY, v INT UNIQUE, at TIMESTAMPTZ DEFAULT now(), d DATE DEFAULT current_date,"
                + " u UUID DEFAULT gen_random_uuid(), r DOUBLE PRECISION DEFAULT random())");
        run("BEGIN");
        run("INSERT INTO c (v) VALUES (1), (2)");
        List<List<String>> before = run("SELECT id, v, at, d, u, r FROM c ORDER BY id").rows;
        assertThat(before.get(0).get(4)).as("each row draws its own value").isNotEqualTo(before.get(1).get(4));
        run("SAVEPOINT a");
        assertThat(fails("INSERT INTO c (v) VALUES (1)").sqlState()).isEqualTo("23505");
        assertThat(run("ROLLBACK TO SAVEPOINT a").tag).isEqualTo("ROLLBACK");
        assertThat(run("SELECT id, v, at, d, u, r FROM c ORDER BY id").rows).as("the rows as they were stored").isEqualTo(before);
        run("INSERT INTO c (v) VALUES (3)");
        run("COMMIT");
        assertThat(run("SELECT v FROM c ORDER BY v").rows).containsExactly(List.of("1"), List.of("2"), List.of("3"));
    }

    @Test
    void nothingIsRunAgainWhenNothingChangedSinceTheSavepoint() {
        run("CREATE TABLE s (id SERIAL PRIMARY KEY, at TIMESTAMPTZ DEFAULT now())");
        run("BEGIN");
        run("INSERT INTO s DEFAULT VALUES");
        run("SAVEPOINT a");
        run("SELECT * FROM s");
        assertThat(run("ROLLBACK TO a").tag).isEqualTo("ROLLBACK");
        run("COMMIT");
        assertThat(run("SELECT count(*) FROM s").value()).isEqualTo("1");
    }

    @Test
    void statementsThatReadDataAreNotRunAgainAfterOthersCommitted() throws Exception {
        run("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
        run("INSERT INTO t VALUES (1, 0), (2, 0)");
        run("BEGIN");
        run("UPDATE t SET n = n + 1 WHERE id = 1");
        run("SAVEPOINT a");
        assertThat(fails("INSERT INTO t VALUES (1, 9)").sqlState()).isEqualTo("23505");
        DuckDbSession other = open("test");
        run(other, "INSERT INTO t VALUES (3, 0)");
        assertThat(fails("ROLLBACK TO a").sqlState()).isEqualTo("0A000");
        run("ROLLBACK");
    }

    @Test
    void statementsOfTheExtendedProtocolAreRunAgainWithTheirParameters() throws Exception {
        run("CREATE TABLE t (id INT PRIMARY KEY, v TEXT)");
        run("BEGIN");
        PreparedStatement insert = session.prepare("INSERT INTO t VALUES ($1, $2)", new int[] {PgType.INT4.oid(), PgType.TEXT.oid()});
        Portal p = insert.bind(new Parameters(new int[] {PgType.INT4.oid(), PgType.TEXT.oid()}, new short[2],
                new byte[][] {bytes("7"), bytes("seven")}));
        p.execute(0, new RecordingSink());
        run("SAVEPOINT a");
        assertThat(fails("INSERT INTO t VALUES (7, 'again')").sqlState()).isEqualTo("23505");
        run("ROLLBACK TO a");
        assertThat(run("SELECT v FROM t WHERE id = 7").value()).isEqualTo("seven");
        run("COMMIT");
    }

    @Test
    void extendedProtocolInsertsDrawingFromSequencesAreRestoredWithTheirValues() throws Exception {
        run("CREATE TABLE s (id SERIAL PRIMARY KEY, v TEXT)");
        run("BEGIN");
        PreparedStatement insert = session.prepare("INSERT INTO s (v) VALUES ($1) RETURNING id", new int[] {PgType.TEXT.oid()});
        RecordingSink first = new RecordingSink();
        Portal p1 = insert.bind(new Parameters(new int[] {PgType.TEXT.oid()}, new short[1], new byte[][] {bytes("kept")}));
        first.describeColumns(p1.columns());
        p1.execute(0, first);
        assertThat(first.rows).containsExactly(List.of("1"));
        run("SAVEPOINT a");
        RecordingSink second = new RecordingSink();
        Portal p2 = insert.bind(new Parameters(new int[] {PgType.TEXT.oid()}, new short[1], new byte[][] {bytes("undone")}));
        second.describeColumns(p2.columns());
        p2.execute(0, second);
        assertThat(second.rows).containsExactly(List.of("2"));
        assertThat(fails("INSERT INTO s VALUES (1, 'dup')").sqlState()).isEqualTo("23505");
        run("ROLLBACK TO a");
        assertThat(run("SELECT id, v FROM s ORDER BY id").rows).containsExactly(List.of("1", "kept"));
        run("COMMIT");
        assertThat(run("SELECT id, v FROM s ORDER BY id").rows).containsExactly(List.of("1", "kept"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
