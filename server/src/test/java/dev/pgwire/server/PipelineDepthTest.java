package dev.pgwire.server;

import dev.pgwire.protocol.message.Query;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A deep pipeline costs the same per message as a shallow one. */
class PipelineDepthTest {

    @Test
    void the_inbox_counts_its_size_so_100_000_queued_messages_cost_linear_time() {
        // Walking the queue to size it (as ConcurrentLinkedQueue.size() does) would visit
        // 100 000 * 100 000 / 2 nodes here: minutes. Counting takes milliseconds.
        Inbox inbox = new Inbox();
        long t0 = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            inbox.add(i);
            assertThat(inbox.size()).isEqualTo(i + 1);
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(inbox.poll()).isEqualTo(i);
            assertThat(inbox.size()).isEqualTo(100_000 - i - 1);
        }
        assertThat(inbox.poll()).isNull();
        assertThat(inbox.isEmpty()).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
    }

    /** Sends {@code n} Query messages in one pipeline and reads the n ReadyForQuery; returns nanoseconds. */
    static long pipeline(PgServer server, int n) throws Exception {
        try (RawConnection c = RawConnection.startup(server.port(), "p")) {
            ByteBuf b = Unpooled.buffer();
            for (int i = 0; i < n; i++) new Query("set").encode(b);
            byte[] all = new byte[b.readableBytes()];
            b.readBytes(all);
            long t0 = System.nanoTime();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    c.raw(all);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            DataInputStream in = new DataInputStream(new BufferedInputStream(c.input(), 1 << 16));
            int ready = 0;
            int complete = 0;
            while (ready < n) {
                byte type = in.readByte();
                int len = in.readInt();
                in.skipNBytes(len - 4);
                if (type == 'C') complete++;
                if (type == 'Z') {
                    ready++;
                    assertThat(complete).isEqualTo(ready); // one CommandComplete per Query, in order
                }
                assertThat(type).isNotEqualTo((byte) 'E');
            }
            writer.get(30, TimeUnit.SECONDS);
            return System.nanoTime() - t0;
        }
    }

    @Test
    void a_pipeline_of_100_000_queries_costs_per_message_what_one_of_20_000_does() throws Exception {
        // Timing, not leaks, is measured here: paranoid leak tracking would dominate it.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try (PgServer server = PgServer.builder().port(0).sessionFactory(new TestHandler()).start()) {
            for (int i = 0; i < 2; i++) pipeline(server, 100_000); // until the JIT has compiled the path
            long small = Math.min(pipeline(server, 20_000), pipeline(server, 20_000));
            long large = Math.min(pipeline(server, 100_000), pipeline(server, 100_000));
            double perSmall = small / 20_000.0;
            double perLarge = large / 100_000.0;
            System.out.printf("pipeline: 20 000 queries %.0f ms (%.2f us each), 100 000 queries %.0f ms (%.2f us each)%n",
                    small / 1e6, perSmall / 1e3, large / 1e6, perLarge / 1e3);
            // Linear: about the same per message. (Generous, for a loaded machine.)
            assertThat(perLarge).isLessThan(perSmall * 3);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }
}
