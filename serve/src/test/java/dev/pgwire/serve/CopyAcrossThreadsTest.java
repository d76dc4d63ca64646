package dev.pgwire.serve;

import dev.pgwire.server.spi.CopyIn;
import dev.pgwire.server.spi.ResultSink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server runs a session's calls one at a time, each on whichever worker thread is free: the
 * CopyData of one COPY FROM STDIN can arrive on a thread other than the one that started it.
 * (DuckDB's appender is confined to the thread that made it; found by the soak test.)
 */
class CopyAcrossThreadsTest extends SessionTestSupport {

    @Test
    void copy_data_and_copy_done_on_other_threads_than_the_copy_statement_load_every_row() throws Exception {
        run("CREATE TABLE t (id BIGINT, name TEXT)");
        CopyIn[] receiver = new CopyIn[1];
        ResultSink sink = new ResultSink() {
            @Override
            public void copyIn(boolean binary, int columns, CopyIn r) {
                receiver[0] = r;
            }

            @Override public void describeColumns(java.util.List<dev.pgwire.server.spi.Column> columns) { }
            @Override public dev.pgwire.server.spi.RowWriter row() { throw new AssertionError("no rows"); }
            @Override public void complete(String commandTag) { }
            @Override public void emptyQuery() { }
            @Override public void notice(String severity, String sqlState, String message) { }
            @Override public void parameterStatus(String name, String value) { }
            @Override public boolean isCancelled() { return false; }
        };
        session.execute("COPY t FROM STDIN", sink);
        assertThat(receiver[0]).isNotNull();
        ExecutorService a = Executors.newSingleThreadExecutor();
        ExecutorService b = Executors.newSingleThreadExecutor();
        try {
            for (int chunk = 0; chunk < 4; chunk++) {
                StringBuilder data = new StringBuilder();
                for (int i = 0; i < 1000; i++) data.append(chunk * 1000 + i).append("\tname ").append(i).append('\n');
                byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
                // alternate threads, as a cached worker pool may
                CompletableFuture.runAsync(() -> {
                    try {
                        receiver[0].data(bytes);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, chunk % 2 == 0 ? a : b).get(30, TimeUnit.SECONDS);
            }
            String tag = CompletableFuture.supplyAsync(() -> {
                try {
                    return receiver[0].done();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, b).get(30, TimeUnit.SECONDS);
            assertThat(tag).isEqualTo("COPY 4000");
        } finally {
            a.shutdownNow();
            b.shutdownNow();
        }
        assertThat(run("SELECT count(*), count(DISTINCT id), max(id) FROM t").rows).containsExactly(java.util.List.of("4000", "4000", "3999"));
    }
}
