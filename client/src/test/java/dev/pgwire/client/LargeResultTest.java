package dev.pgwire.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million rows, streamed: every row arrives once and in order, and a consumer that falls behind
 * stops the client reading the socket, so the rows waiting in memory stay bounded.
 */
class LargeResultTest {
    private static final int N = 1_000_000;
    private static final long SUM = N * (N + 1L) / 2;
    private static final String SQL = "SELECT g::int8 AS g, 'row ' || g AS label FROM generate_series(1, " + N + ") g";
    /** Rows one socket read can add after the pause: a 64 KiB read of ~25-byte DataRows, with room to spare. */
    private static final int ONE_READ = 16_384;

    private static PgConnection conn;

    @BeforeAll
    static void connect() {
        conn = TestCluster.connect();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @Test
    void blockingStreamReadsAMillionRowsInOrder() {
        AtomicLong sum = new AtomicLong();
        AtomicLong expected = new AtomicLong(1);
        long count = conn.stream(SQL, List.of(), row -> {
            long g = row.getLong(0);
            assertThat(g).isEqualTo(expected.getAndIncrement());
            sum.addAndGet(g);
        });
        assertThat(count).isEqualTo(N);
        assertThat(sum.get()).isEqualTo(SUM);
    }

    @Test
    void forEachOnTheEventLoopReadsAMillionBinaryRows() {
        PgPreparedStatement ps = conn.prepare(SQL);
        long[] sum = {0};
        long[] labels = {0};
        long count = conn.async().forEach(ps, List.of(), row -> {
            sum[0] += row.getLong(0);
            labels[0] += row.getString(1).length();
        }).join();
        assertThat(count).isEqualTo(N);
        assertThat(sum[0]).isEqualTo(SUM);
        assertThat(labels[0]).isGreaterThan(4L * N);
        conn.close(ps);
    }

    @Test
    void aBlockedConsumerThreadPausesTheSocket() throws Exception {
        HandOff<Row> handOff = new HandOff<>(conn.async().handler(), PgConnection.BATCH, PgConnection.HIGH, PgConnection.LOW);
        CompletableFuture<Long> done = conn.async().submit(new ExtendedQueryCommand<>(SQL, List.of(),
                new RowSink.Blocking(handOff)));
        // nothing is consumed yet, so the backlog must reach the high-water mark and reading must stop
        handOff.firstPause.get(30, TimeUnit.SECONDS);
        long[] count = {0};
        long[] sum = {0};
        handOff.drainTo(row -> {
            count[0]++;
            sum[0] += row.getLong(0);
        });
        assertThat(done.join()).isEqualTo(N);
        assertThat(count[0]).isEqualTo(N);
        assertThat(sum[0]).isEqualTo(SUM);
        assertThat(handOff.maxQueued()).isLessThan(PgConnection.HIGH + ONE_READ);
    }

    @Test
    void aSlowSubscriberPausesTheSocketAndStillGetsEveryRow() throws Exception {
        LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        Object end = new Object();
        CompletableFuture<RowSubscription> subscription = new CompletableFuture<>();
        conn.async().stream(SQL).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.complete((RowSubscription) s);
                s.request(10);
            }

            @Override
            public void onNext(Row item) {
                inbox.add(item);
            }

            @Override
            public void onError(Throwable t) {
                inbox.add(t);
            }

            @Override
            public void onComplete() {
                inbox.add(end);
            }
        });
        RowSubscription s = subscription.get(5, TimeUnit.SECONDS);
        // demand is 10 of a million: the buffer fills to the high-water mark and the socket pauses
        s.firstPause.get(30, TimeUnit.SECONDS);
        long count = 0;
        long sum = 0;
        int sinceRequest = 0;
        for (Object o = inbox.take(); o != end; o = inbox.take()) {
            assertThat(o).isInstanceOf(Row.class);
            count++;
            sum += ((Row) o).getLong(0);
            if (count == 10 || ++sinceRequest == 100) {
                // a consumer that asks for a little at a time, well behind the socket
                s.request(100);
                sinceRequest = 0;
            }
        }
        assertThat(count).isEqualTo(N);
        assertThat(sum).isEqualTo(SUM);
        assertThat(s.pauses()).isPositive();
        assertThat(s.maxBuffered()).isLessThan(RowSubscription.HIGH + ONE_READ);
        assertThat(conn.query("SELECT 1").first().getInt(0)).isEqualTo(1);
    }
}
