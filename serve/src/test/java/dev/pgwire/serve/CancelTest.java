package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.server.spi.TransactionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A CancelRequest (Session.cancel from another thread) ends the running statement with 57014. */
class CancelTest extends SessionTestSupport {
    /** Far too much work to finish during a test, and no row before the end. */
    static final String ENDLESS_AGGREGATE = "SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000000) b";
    /** Ten billion rows: streaming or nothing. */
    static final String ENDLESS_ROWS = "SELECT * FROM range(10000000000)";

    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Future<RecordingSink> start(String sql, RecordingSink sink) {
        return pool.submit(() -> {
            session.execute(sql, sink);
            return sink;
        });
    }

    private void awaitExecuting() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!session.isExecuting()) {
            if (System.nanoTime() > deadline) fail("the statement did not start");
            Thread.onSpinWait();
        }
    }

    private static PgException failureOf(Future<?> f) throws Exception {
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PgException.class);
            return (PgException) e.getCause();
        }
        throw new AssertionError("the statement completed");
    }

    @Test
    void cancelInterruptsAQueryRunningInsideDuckDb() throws Exception {
        Future<RecordingSink> running = start(ENDLESS_AGGREGATE, new RecordingSink());
        awaitExecuting();
        session.cancel();
        PgException e = failureOf(running);
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(e.getMessage()).isEqualTo("canceling statement due to user request");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(run("SELECT 1").value()).as("the session goes on").isEqualTo("1");
    }

    @Test
    void cancelStopsAStreamingResultBetweenRows() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.onRow = n -> {
            if (n == 1000) {
                try {
                    pool.submit(session::cancel).get(10, TimeUnit.SECONDS); // from another thread, as the server does
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
        PgException e = failureOf(start(ENDLESS_ROWS, sink));
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(sink.rows).hasSizeBetween(1000, 1001);
        assertThat(sink.columns).hasSize(1);
        assertThat(sink.tag).isNull();
    }

    @Test
    void theSinksCancelFlagIsHonouredToo() {
        RecordingSink sink = new RecordingSink();
        sink.onRow = n -> {
            if (n == 10) sink.cancelled = true;
        };
        PgException e = fails(ENDLESS_ROWS, sink);
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(sink.rows).hasSize(10);
    }

    private PgException fails(String sql, RecordingSink sink) {
        try {
            session.execute(sql, sink);
        } catch (PgException e) {
            return e;
        }
        throw new AssertionError("completed");
    }

    @Test
    void aCancelledStatementFailsTheTransactionBlock() throws Exception {
        run("BEGIN");
        Future<RecordingSink> running = start(ENDLESS_AGGREGATE, new RecordingSink());
        awaitExecuting();
        session.cancel();
        assertThat(failureOf(running).sqlState()).isEqualTo("57014");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        run("ROLLBACK");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
    }

    @Test
    void statementTimeoutCancelsWithItsOwnMessage() {
        run("SET statement_timeout = '200ms'");
        PgException e = fails(ENDLESS_AGGREGATE, new RecordingSink());
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(e.getMessage()).isEqualTo("canceling statement due to statement timeout");
        run("SET statement_timeout = 0");
        assertThat(run("SELECT 1").value()).isEqualTo("1");
    }

    @Test
    void aCancelBetweenStatementsIsIgnored() {
        session.cancel();
        assertThat(run("SELECT 2").value()).isEqualTo("2");
    }
}
