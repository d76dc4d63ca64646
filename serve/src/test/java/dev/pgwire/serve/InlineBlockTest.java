package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.spi.Session.ImplicitTransaction;
import dev.pgwire.server.spi.TransactionStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DO blocks as a session runs them (what PostgreSQL answers for the same blocks is compared in the
 * differential corpus, do_blocks.sql): notices, transactions, cancel.
 */
class InlineBlockTest extends SessionTestSupport {

    @Test
    void raiseNoticeAndWarningReachTheClientAndTheTagIsDo() {
        RecordingSink sink = run("DO $$ DECLARE n int := 41; BEGIN n := n + 1; RAISE NOTICE 'n is %', n;"
                + " RAISE WARNING 'careful'; RAISE LOG 'not sent'; END $$");
        assertThat(sink.tag).isEqualTo("DO");
        assertThat(sink.notices).containsExactly(new RecordingSink.Notice("NOTICE", "00000", "n is 42"),
                new RecordingSink.Notice("WARNING", "01000", "careful"));
    }

    @Test
    void aFailedBlockInATransactionBlockFailsTheBlockAndKeepsNothingOfItself() {
        run("CREATE TABLE t (id int PRIMARY KEY)");
        run("BEGIN");
        run("INSERT INTO t VALUES (1)");
        PgException e = fails("DO $$ BEGIN INSERT INTO t VALUES (2); RAISE EXCEPTION 'no' USING ERRCODE = '22023'; END $$");
        assertThat(e.sqlState()).isEqualTo("22023");
        assertThat(e.field('W')).isEqualTo("PL/pgSQL function inline_code_block line 1 at RAISE");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        run("ROLLBACK");
        assertThat(run("SELECT count(*) FROM t").value()).isEqualTo("0");
    }

    @Test
    void aBlockOutsideATransactionIsOneAndCommitsOrRollsBackWhole() {
        run("CREATE TABLE t (id int PRIMARY KEY)");
        run("DO $$ BEGIN INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); END $$");
        assertThat(fails("DO $$ BEGIN INSERT INTO t VALUES (3); INSERT INTO t VALUES (1); END $$").sqlState()).isEqualTo("23505");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(run("SELECT id FROM t ORDER BY id").rows).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void aHandlerAfterAnEngineErrorKeepsTheStatementsOfTheQueryBeforeTheBlock() {
        run("CREATE TABLE t (id int PRIMARY KEY)");
        run("INSERT INTO t VALUES (1)");
        // one Query of three statements, as Sequelize sends its DROP TYPE; DO …: one implicit transaction
        session.implicitTransaction(ImplicitTransaction.BEGIN);
        run("INSERT INTO t VALUES (2)");
        run("DO $$ BEGIN INSERT INTO t VALUES (1); EXCEPTION WHEN unique_violation THEN INSERT INTO t VALUES (3); END $$");
        run("INSERT INTO t VALUES (4)");
        session.implicitTransaction(ImplicitTransaction.COMMIT);
        assertThat(run("SELECT id FROM t ORDER BY id").rows)
                .containsExactly(List.of("1"), List.of("2"), List.of("3"), List.of("4"));
    }

    @Test
    void anEndlessLoopEndsAtStatementTimeout() {
        run("SET statement_timeout = 200");
        PgException e = fails("DO $$ BEGIN LOOP END LOOP; END $$");
        assertThat(e.sqlState()).isEqualTo("57014");
        run("RESET statement_timeout");
        assertThat(run("SELECT 1").value()).isEqualTo("1");
    }

    @Test
    void transactionControlAndCopyInsideABlockAreRefused() {
        assertThat(fails("DO $$ BEGIN SAVEPOINT a; END $$").sqlState()).isEqualTo("0A000");
        assertThat(fails("DO $$ BEGIN COPY (SELECT 1) TO STDOUT; END $$").sqlState()).isEqualTo("0A000");
    }
}
