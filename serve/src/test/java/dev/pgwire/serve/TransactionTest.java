package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.spi.Session.ImplicitTransaction;
import dev.pgwire.server.spi.TransactionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's transaction block rules (protocol §55.2.2, "Simple Query"; xact.c) on DuckDB. */
class TransactionTest extends SessionTestSupport {
    DuckDbSession other;

    @BeforeEach
    void createTable() throws Exception {
        run("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        other = open("test");
    }

    private List<List<String>> ids(DuckDbSession s) {
        return run(s, "SELECT id FROM t ORDER BY id").rows;
    }

    private List<List<String>> ids() {
        return ids(session);
    }

    @Test
    void beginCommitMovesThroughInTransactionBackToIdle() {
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        run("BEGIN");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
        run("INSERT INTO t VALUES (1)");
        assertThat(ids(other)).as("uncommitted rows are invisible to other sessions").isEmpty();
        run("COMMIT");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(ids(other)).containsExactly(List.of("1"));
    }

    @Test
    void rollbackDiscardsTheBlock() {
        run("BEGIN");
        run("INSERT INTO t VALUES (1)");
        assertThat(run("ROLLBACK").tag).isEqualTo("ROLLBACK");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(ids()).isEmpty();
    }

    @Test
    void anErrorInABlockFailsItAndLaterStatementsAreRefusedWith25P02() {
        run("BEGIN");
        run("INSERT INTO t VALUES (1)");
        assertThat(fails("SELECT 1/0").sqlState()).isEqualTo("22012");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        PgException refused = fails("SELECT 1");
        assertThat(refused.sqlState()).isEqualTo("25P02");
        assertThat(refused.getMessage()).isEqualTo("current transaction is aborted, commands ignored until end of transaction block");
        assertThat(fails("SET application_name = 'x'").sqlState()).isEqualTo("25P02");
        assertThat(fails("BEGIN").sqlState()).isEqualTo("25P02");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThat(run("").emptyQuery).as("an empty query is still answered").isTrue();
        RecordingSink commit = run("COMMIT");
        assertThat(commit.tag).as("COMMIT of a failed block reports ROLLBACK").isEqualTo("ROLLBACK");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(ids()).isEmpty();
    }

    @Test
    void rollbackAndAbortEndAFailedBlock() {
        run("BEGIN");
        fails("SELECT * FROM missing");
        assertThat(run("ABORT").tag).isEqualTo("ROLLBACK");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        run("BEGIN");
        fails("SELECT 'x'::INTEGER");
        run("ROLLBACK");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(run("SELECT 1").value()).isEqualTo("1");
    }

    @Test
    void errorsOutsideABlockLeaveTheSessionIdle() {
        fails("SELECT 1/0");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(run("SELECT 2").value()).isEqualTo("2");
    }

    @Test
    void beginInsideABlockWarnsAndKeepsTheBlock() {
        run("BEGIN");
        run("INSERT INTO t VALUES (1)");
        RecordingSink second = run("BEGIN");
        assertThat(second.tag).isEqualTo("BEGIN");
        assertThat(second.notices).containsExactly(new RecordingSink.Notice("WARNING", "25001", "there is already a transaction in progress"));
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
        run("ROLLBACK");
        assertThat(ids()).as("the first BEGIN's block was rolled back").isEmpty();
    }

    @Test
    void commitOrRollbackOutsideABlockWarns() {
        RecordingSink commit = run("COMMIT");
        assertThat(commit.tag).isEqualTo("COMMIT");
        assertThat(commit.notices).containsExactly(new RecordingSink.Notice("WARNING", "25P01", "there is no transaction in progress"));
        RecordingSink rollback = run("ROLLBACK");
        assertThat(rollback.tag).isEqualTo("ROLLBACK");
        assertThat(rollback.notices).extracting(RecordingSink.Notice::sqlState).containsExactly("25P01");
        run("SET client_min_messages = error");
        assertThat(run("COMMIT").notices).as("client_min_messages filters warnings").isEmpty();
    }

    @Test
    void uniqueViolationAtCommitEndsTheBlock() {
        run("BEGIN");
        run("INSERT INTO t VALUES (1)");
        run(other, "INSERT INTO t VALUES (1)");
        PgException e = fails("COMMIT");
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(ids()).containsExactly(List.of("1"));
    }

    // ---------------------------------------------------------------- implicit transactions

    /** What the server does for a multi-statement Query: bracket, stop at the first error. */
    private PgException query(String... statements) {
        session.implicitTransaction(ImplicitTransaction.BEGIN);
        for (String sql : statements) {
            RecordingSink sink = new RecordingSink();
            try {
                session.execute(sql, sink);
            } catch (PgException e) {
                session.implicitTransaction(ImplicitTransaction.ROLLBACK);
                return e;
            }
        }
        session.implicitTransaction(ImplicitTransaction.COMMIT);
        return null;
    }

    @Test
    void aFailingStatementRollsBackTheWholeQuery() {
        PgException e = query("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)", "SELECT 1/0");
        assertThat(e.sqlState()).isEqualTo("22012");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(ids()).isEmpty();
    }

    @Test
    void aSuccessfulQueryCommits() {
        assertThat(query("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)")).isNull();
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(ids(other)).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void anExplicitCommitInsideTheQueryKeepsWhatItCommitted() {
        PgException e = query("BEGIN", "INSERT INTO t VALUES (1)", "COMMIT", "SELECT 1/0");
        assertThat(e.sqlState()).isEqualTo("22012");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(ids()).containsExactly(List.of("1"));
    }

    @Test
    void statementsAfterAnExplicitCommitRunInANewImplicitTransaction() {
        PgException e = query("INSERT INTO t VALUES (1)", "COMMIT", "INSERT INTO t VALUES (2)", "SELECT 1/0");
        assertThat(e.sqlState()).isEqualTo("22012");
        assertThat(ids()).as("the COMMIT committed the first insert; the failure undid the second").containsExactly(List.of("1"));
    }

    @Test
    void beginInsideTheQueryTurnsEarlierStatementsIntoTheExplicitBlock() {
        PgException e = query("INSERT INTO t VALUES (1)", "BEGIN", "INSERT INTO t VALUES (2)", "SELECT 1/0");
        assertThat(e.sqlState()).isEqualTo("22012");
        assertThat(session.transactionStatus()).as("the explicit block is left failed").isEqualTo(TransactionStatus.FAILED);
        assertThat(fails("SELECT 1").sqlState()).isEqualTo("25P02");
        run("ROLLBACK");
        assertThat(ids()).isEmpty();
    }

    @Test
    void anOpenBlockOutlivesTheQuery() {
        assertThat(query("BEGIN", "INSERT INTO t VALUES (1)")).isNull();
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
        assertThat(ids(other)).isEmpty();
        run("COMMIT");
        assertThat(ids(other)).containsExactly(List.of("1"));
    }

    @Test
    void setInsideARolledBackQueryIsUndone() {
        PgException e = query("SET application_name = 'inside'", "SELECT 1/0");
        assertThat(e).isNotNull();
        assertThat(run("SHOW application_name").value()).isEqualTo("");
    }

    // ---------------------------------------------------------------- parameters and blocks

    @Test
    void setInARolledBackBlockIsUndoneAndReportedAgain() {
        run("BEGIN");
        RecordingSink set = run("SET application_name = 'inside'");
        assertThat(set.parameterStatus).containsEntry("application_name", "inside");
        RecordingSink rollback = run("ROLLBACK");
        assertThat(rollback.parameterStatus).containsEntry("application_name", "");
        assertThat(run("SHOW application_name").value()).isEqualTo("");
    }

    @Test
    void setLocalLastsUntilTheEndOfTheBlock() {
        run("BEGIN");
        run("SET LOCAL extra_float_digits = 0");
        assertThat(run("SHOW extra_float_digits").value()).isEqualTo("0");
        run("COMMIT");
        assertThat(run("SHOW extra_float_digits").value()).isEqualTo("1");
        RecordingSink outside = run("SET LOCAL extra_float_digits = 0");
        assertThat(outside.notices).extracting(RecordingSink.Notice::message).containsExactly("SET LOCAL can only be used in transaction blocks");
        assertThat(run("SHOW extra_float_digits").value()).isEqualTo("1");
    }

    @Test
    void discardAllResetsParametersButNotInsideABlock() {
        run("SET application_name = 'x'");
        run("BEGIN");
        assertThat(fails("DISCARD ALL").sqlState()).isEqualTo("25001");
        run("ROLLBACK");
        RecordingSink discard = run("DISCARD ALL");
        assertThat(discard.tag).isEqualTo("DISCARD ALL");
        assertThat(run("SHOW application_name").value()).isEqualTo("");
    }
}
