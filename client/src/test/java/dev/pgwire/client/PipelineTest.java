package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many requests in flight on one connection, each matched to its own response. */
class PipelineTest {

    @Test
    void tenThousandStatementsEachGetTheirOwnResult() {
        try (PgAsyncConnection conn = TestCluster.connectAsync()) {
            PgPreparedStatement ps = conn.prepare("SELECT $1::int4 * 2, $2::text").join();
            List<CompletableFuture<RowSet>> results = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                // alternate the three request kinds so that responses of different shapes interleave
                results.add(switch (i % 3) {
                    case 0 -> conn.execute(ps, i, "p" + i);
                    case 1 -> conn.execute("SELECT $1::int4 * 2, $2", i, "x" + i);
                    default -> conn.query("SELECT " + i + " * 2, 's" + i + "'");
                });
            }
            for (int i = 0; i < results.size(); i++) {
                Row r = results.get(i).join().first();
                assertThat(r.getLong(0)).isEqualTo(2L * i);
                assertThat(r.getString(1)).isEqualTo((i % 3 == 0 ? "p" : i % 3 == 1 ? "x" : "s") + i);
            }
        }
    }

    @Test
    void anErrorInThePipelineFailsOnlyItsOwnRequest() {
        try (PgAsyncConnection conn = TestCluster.connectAsync()) {
            List<CompletableFuture<RowSet>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(i % 10 == 5 ? conn.execute("SELECT 1 / $1::int4", 0) : conn.execute("SELECT $1::int4", i));
            }
            for (int i = 0; i < 100; i++) {
                CompletableFuture<RowSet> f = results.get(i);
                if (i % 10 == 5) {
                    assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                            .cause().isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"));
                } else {
                    assertThat(f.join().first().getInt(0)).isEqualTo(i);
                }
            }
        }
    }

    @Test
    void requestsFromManyThreadsAreAnsweredInTheirOwnOrder() throws Exception {
        try (PgAsyncConnection conn = TestCluster.connectAsync()) {
            int threads = 4;
            int perThread = 500;
            List<Thread> workers = new ArrayList<>();
            List<List<CompletableFuture<RowSet>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<RowSet>> mine = new ArrayList<>();
                results.add(mine);
                int base = t * perThread;
                workers.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) mine.add(conn.execute("SELECT $1::int4", base + i));
                }));
            }
            workers.forEach(Thread::start);
            for (Thread w : workers) w.join();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertThat(results.get(t).get(i).join().first().getInt(0)).isEqualTo(t * perThread + i);
                }
            }
        }
    }

    @Test
    void aTransactionCanSpanPipelinedRequests() {
        try (PgAsyncConnection conn = TestCluster.connectAsync()) {
            conn.query("CREATE TEMP TABLE pt (x int)");
            conn.query("BEGIN");
            List<CompletableFuture<RowSet>> inserts = new ArrayList<>();
            for (int i = 0; i < 50; i++) inserts.add(conn.execute("INSERT INTO pt VALUES ($1)", i));
            CompletableFuture<RowSet> count = conn.query("SELECT count(*) FROM pt");
            CompletableFuture<RowSet> rollback = conn.query("ROLLBACK");
            CompletableFuture<RowSet> after = conn.query("SELECT count(*) FROM pt");
            inserts.forEach(CompletableFuture::join);
            assertThat(count.join().first().getLong(0)).isEqualTo(50);
            rollback.join();
            assertThat(after.join().first().getLong(0)).isZero();
            assertThat(conn.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        }
    }
}
