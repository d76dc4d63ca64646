package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COPY FROM STDIN and COPY TO STDOUT with a million rows, from every kind of source. */
class CopyTest {
    private static final int N = 1_000_000;
    private static final long SUM = N * (N + 1L) / 2;
    private static PgConnection conn;

    @BeforeAll
    static void connect() {
        conn = TestCluster.connect();
        conn.query("DROP TABLE IF EXISTS copy_target; CREATE TABLE copy_target (id int8, name text)");
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    private static byte[] line(int i) {
        return (i + "\tname " + i + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void assertTableHoldsAMillionRows() {
        Row r = conn.query("SELECT count(*), sum(id), count(DISTINCT name) FROM copy_target").first();
        assertThat(r.getLong(0)).isEqualTo(N);
        assertThat(r.getLong(1)).isEqualTo(SUM);
        assertThat(r.getLong(2)).isEqualTo(N);
    }

    @Test
    void copyInAMillionRowsFromAnIterator() {
        conn.query("TRUNCATE copy_target");
        Iterator<byte[]> rows = IntStream.rangeClosed(1, N).mapToObj(CopyTest::line).iterator();
        assertThat(conn.copyIn("COPY copy_target (id, name) FROM STDIN", rows)).isEqualTo(N);
        assertTableHoldsAMillionRows();
    }

    @Test
    void copyInAMillionRowsFromAnInputStream() {
        conn.query("TRUNCATE copy_target");
        InputStream in = new InputStream() {
            private int next = 1;
            private byte[] current = new byte[0];
            private int pos;

            @Override
            public int read() {
                if (pos == current.length) {
                    if (next > N) return -1;
                    current = line(next++);
                    pos = 0;
                }
                return current[pos++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) break;
                    b[off + n++] = (byte) c;
                }
                return n == 0 && len > 0 ? -1 : n;
            }
        };
        assertThat(conn.copyIn("COPY copy_target FROM STDIN", in)).isEqualTo(N);
        assertTableHoldsAMillionRows();
    }

    @Test
    void copyInFromAPublisher() throws Exception {
        conn.query("TRUNCATE copy_target");
        CompletableFuture<Long> copied;
        try (SubmissionPublisher<byte[]> publisher = new SubmissionPublisher<>()) {
            copied = conn.async().copyIn("COPY copy_target FROM STDIN", (Flow.Publisher<byte[]>) publisher);
            // submit blocks while the subscriber's buffer is full: the producer is held back by the socket
            for (int i = 1; i <= N; i++) publisher.submit(line(i));
        }
        assertThat(copied.get()).isEqualTo(N);
        assertTableHoldsAMillionRows();
    }

    @Test
    void copyOutAMillionRows() {
        long[] sum = {0};
        long[] lines = {0};
        long count = conn.copyOut("COPY (SELECT g, 'x' || g FROM generate_series(1, " + N + ") g) TO STDOUT", data -> {
            String s = new String(data, StandardCharsets.UTF_8);
            assertThat(s).endsWith("\n");
            sum[0] += Long.parseLong(s.substring(0, s.indexOf('\t')));
            lines[0]++;
        });
        assertThat(count).isEqualTo(N);
        assertThat(lines[0]).isEqualTo(N);
        assertThat(sum[0]).isEqualTo(SUM);
    }

    @Test
    void copyOutToAStreamAndAsyncToAConsumer() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(conn.copyOut("COPY (VALUES (1, 'a'), (2, NULL)) TO STDOUT WITH (FORMAT csv)", out)).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1,a\n2,\n");
        StringBuilder seen = new StringBuilder();
        long n = conn.async().copyOut("COPY (SELECT 'z') TO STDOUT", d -> seen.append(new String(d, StandardCharsets.UTF_8)))
                .join();
        assertThat(n).isEqualTo(1);
        assertThat(seen).hasToString("z\n");
    }

    @Test
    void badDataFailsTheCopyWithTheServersErrorAndTheConnectionRecovers() {
        conn.query("CREATE TEMP TABLE IF NOT EXISTS copy_small (id int)");
        Iterator<byte[]> rows = IntStream.rangeClosed(1, 200_000)
                .mapToObj(i -> (i == 100_000 ? "oops\n" : i + "\n").getBytes(StandardCharsets.UTF_8)).iterator();
        assertThatThrownBy(() -> conn.copyIn("COPY copy_small FROM STDIN", rows))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22P02");
                    assertThat(e.getMessage()).contains("oops");
                });
        assertThat(conn.query("SELECT count(*) FROM copy_small").first().getLong(0)).isZero();
        assertThat(conn.query("SELECT 1").first().getInt(0)).isEqualTo(1);
    }

    @Test
    void copyFailAbortsWithTheReason() {
        conn.query("CREATE TEMP TABLE IF NOT EXISTS copy_small (id int)");
        CopyIn copy = conn.async().copyIn("COPY copy_small FROM STDIN").join();
        copy.write("1\n2\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PgConnection.await(copy.fail("changed my mind")))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("57014");
                    assertThat(e.getMessage()).contains("changed my mind");
                });
        assertThat(conn.query("SELECT count(*) FROM copy_small").first().getLong(0)).isZero();
    }

    @Test
    void requestsSubmittedDuringACopyWaitForIt() {
        conn.query("CREATE TEMP TABLE IF NOT EXISTS copy_order (id int)");
        CopyIn copy = conn.async().copyIn("COPY copy_order FROM STDIN").join();
        CompletableFuture<RowSet> count = conn.async().query("SELECT count(*) FROM copy_order");
        copy.write("1\n2\n3\n".getBytes(StandardCharsets.UTF_8));
        assertThat(count).isNotDone();
        assertThat(copy.end().join()).isEqualTo(3);
        assertThat(count.join().first().getLong(0)).isEqualTo(3);
    }

    @Test
    void copyInOnAStatementThatIsNotCopyFromStdin() {
        assertThatThrownBy(() -> conn.copyIn("SELECT 1", IntStream.range(0, 1).mapToObj(i -> new byte[0]).iterator()))
                .isInstanceOf(PgException.class).hasMessageContaining("COPY ... FROM STDIN");
        assertThatThrownBy(() -> conn.copyOut("COPY (SELECT 1) TO STDOUT; SELECT 2", d -> { }))
                .isInstanceOf(PgException.class).hasMessageContaining("COPY ... TO STDOUT");
        assertThat(conn.query("SELECT 1").first().getInt(0)).isEqualTo(1);
    }
}
