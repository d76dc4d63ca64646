package dev.pgwire.gateway;

import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.CancelRequest;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.Wire;
import dev.pgwire.testkit.PgCluster;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same message scripts sent to PostgreSQL 15 directly and through the gateway (transaction
 * pooling, one server connection shared with a second client between steps) give the same
 * responses, frame by frame. The differences accepted, and why, are listed in
 * src/test/resources/differential/ACCEPTED.md; {@link #normalize} applies exactly those.
 */
@Timeout(120)
class ProtocolDifferentialTest {
    static final int MAX_PREPARED = 2;
    static PgCluster pg;
    static Gateway gw;

    @BeforeAll
    static void start() throws Exception {
        pg = SharedCluster.get();
        // Room for two statements per server connection: the scripts run with statements evicted
        // (closed upstream) and prepared again where a client uses them next.
        gw = Gateway.start(SharedCluster.config(pg, PoolMode.TRANSACTION, 1).maxPreparedStatements(MAX_PREPARED).build());
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
    }

    /** One step: messages sent together, answered up to as many ReadyForQuery as they hold Sync and Query. */
    record Step(List<FrontendMessage> messages, boolean cancel) {
        static Step of(FrontendMessage... m) {
            return new Step(List.of(m), false);
        }

        int readies() {
            return (int) messages.stream().filter(m -> m instanceof Sync || m instanceof Query).count();
        }
    }

    /** A step whose query is cancelled (CancelRequest with the session's key) once it runs. */
    static Step cancelled(FrontendMessage... m) {
        return new Step(List.of(m), true);
    }

    static final Map<String, List<Step>> SCRIPTS = new LinkedHashMap<>();

    static Parse parse(String name, String sql, int... types) {
        return new Parse(name, sql, types);
    }

    static Bind bind(String portal, String statement, String... params) {
        byte[][] p = new byte[params.length][];
        for (int i = 0; i < params.length; i++) p[i] = params[i] == null ? null : params[i].getBytes(StandardCharsets.UTF_8);
        return new Bind(portal, statement, new short[0], p, new short[0]);
    }

    static {
        SCRIPTS.put("simple queries, several statements, an error in the middle, an empty query", List.of(
                Step.of(new Query("SELECT 1 AS one, 'two'::text AS two; SELECT g FROM generate_series(1, 3) g")),
                Step.of(new Query("SELECT 1; SELECT 1/0; SELECT 3")),
                Step.of(new Query("")),
                Step.of(new Query(";")),
                Step.of(new Query("SELECT 'after'"))));
        SCRIPTS.put("transaction blocks: failed block, 25P02, rollback; commit", List.of(
                Step.of(new Query("BEGIN")),
                Step.of(new Query("SELECT nope")),
                Step.of(new Query("SELECT 1")),
                Step.of(new Query("ROLLBACK")),
                Step.of(new Query("BEGIN; CREATE TABLE diff_tx (x int); INSERT INTO diff_tx VALUES (1), (2); COMMIT")),
                Step.of(new Query("SELECT sum(x) FROM diff_tx; DROP TABLE diff_tx"))));
        SCRIPTS.put("extended: unnamed and named statements, describe, parameters, close and parse again", List.of(
                Step.of(parse("", "SELECT $1::int + 1 AS n", 23), bind("", "", "41"), new Describe('P', ""), new Execute("", 0), Sync.INSTANCE),
                Step.of(parse("s1", "SELECT $1::text || '!' AS t", 25), new Describe('S', "s1"), Sync.INSTANCE),
                Step.of(bind("", "s1", "hi"), new Execute("", 0), Sync.INSTANCE),
                Step.of(parse("s1", "SELECT 2"), Sync.INSTANCE),
                Step.of(bind("", "s1", "again"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Close('S', "s1"), Sync.INSTANCE),
                Step.of(bind("", "s1", "gone"), new Execute("", 0), Sync.INSTANCE),
                Step.of(parse("s1", "SELECT 3 AS three"), bind("", "s1"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Describe('S', "nosuch"), Sync.INSTANCE),
                Step.of(new Close('S', "nosuch"), new Close('P', "nosuch"), Sync.INSTANCE)));
        SCRIPTS.put("pipelines with errors: the rest of the batch is skipped to Sync, the next batch runs", List.of(
                Step.of(parse("", "SELECT 1"), bind("", ""), new Execute("", 0),
                        parse("", "SELECT 1/0"), bind("", ""), new Execute("", 0),
                        parse("", "SELECT 3"), bind("", ""), new Execute("", 0), Sync.INSTANCE,
                        parse("", "SELECT 4"), bind("", ""), new Execute("", 0), Sync.INSTANCE),
                Step.of(parse("p2", "SELECT $1::int", 23), bind("", "p2", "x"), new Execute("", 0), Sync.INSTANCE,
                        bind("", "p2", "5"), new Execute("", 0), Sync.INSTANCE)));
        SCRIPTS.put("portals: maxRows, PortalSuspended, named portals in a block", List.of(
                Step.of(new Query("BEGIN")),
                Step.of(parse("ps", "SELECT g FROM generate_series(1, 5) g"), bind("cur", "ps"), new Execute("cur", 2), Sync.INSTANCE),
                Step.of(new Execute("cur", 2), new Execute("cur", 2), new Execute("cur", 2), Sync.INSTANCE),
                Step.of(new Describe('P', "cur"), new Close('P', "cur"), Sync.INSTANCE),
                Step.of(new Query("COMMIT"))));
        SCRIPTS.put("COPY in and out, COPY failed by the client", List.of(
                Step.of(new Query("CREATE TABLE diff_copy (a int, b text)")),
                Step.of(new Query("COPY diff_copy FROM STDIN"), new CopyData("1\tone\n2\ttwo\n".getBytes(StandardCharsets.UTF_8)),
                        new CopyData("3\tthree\n".getBytes(StandardCharsets.UTF_8)), CopyDone.INSTANCE),
                Step.of(new Query("COPY diff_copy FROM STDIN"), new CopyData("4\tfour\n".getBytes(StandardCharsets.UTF_8)),
                        new CopyFail("changed my mind")),
                Step.of(new Query("COPY diff_copy TO STDOUT")),
                Step.of(new Query("COPY (SELECT * FROM diff_copy ORDER BY a) TO STDOUT WITH (FORMAT csv, HEADER)")),
                Step.of(new Query("DROP TABLE diff_copy"))));
        SCRIPTS.put("session commands: SET, SHOW, PREPARE/EXECUTE/DEALLOCATE, notices", List.of(
                Step.of(new Query("SET search_path = pg_catalog, public")),
                Step.of(new Query("SHOW search_path")),
                Step.of(new Query("PREPARE q(int) AS SELECT $1 * 2")),
                Step.of(new Query("EXECUTE q(21)")),
                Step.of(new Query("PREPARE q AS SELECT 1")),
                Step.of(new Query("DEALLOCATE q")),
                Step.of(new Query("EXECUTE q(1)")),
                Step.of(new Query("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$")),
                Step.of(new Query("RESET search_path; SHOW search_path"))));
        SCRIPTS.put("more named statements than a server connection keeps: evicted ones prepared again where used", List.of(
                Step.of(parse("e1", "SELECT 1 AS e"), parse("e2", "SELECT $1::int * 2 AS e", 23),
                        parse("e3", "SELECT $1::text || '?' AS e", 25), Sync.INSTANCE),
                Step.of(bind("", "e1"), new Execute("", 0), bind("", "e2", "21"), new Execute("", 0),
                        bind("", "e3", "x"), new Execute("", 0), bind("", "e1"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Describe('S', "e2"), new Describe('S', "e3"), new Describe('S', "e1"), Sync.INSTANCE),
                Step.of(new Query("PREPARE q1 AS SELECT 'q1' AS q")),
                Step.of(new Query("PREPARE q2(int) AS SELECT $1 + 1 AS q")),
                Step.of(bind("", "e3", "y"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Query("EXECUTE q1")),
                Step.of(new Query("EXECUTE q2(41)")),
                Step.of(new Query("BEGIN")),
                Step.of(bind("c1", "e2", "5"), bind("c2", "e1"), bind("c3", "e3", "z"), new Execute("c1", 0),
                        new Execute("c3", 0), new Execute("c2", 0), Sync.INSTANCE),
                Step.of(new Query("EXECUTE q1; EXECUTE q2(1); COMMIT")),
                Step.of(bind("", "e2", "x"), new Execute("", 0), bind("", "e1"), new Execute("", 0), Sync.INSTANCE,
                        bind("", "e1"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Close('S', "e1"), Sync.INSTANCE),
                Step.of(bind("", "e1"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Query("DEALLOCATE ALL")),
                Step.of(new Query("EXECUTE q1")),
                Step.of(bind("", "e2", "1"), new Execute("", 0), Sync.INSTANCE),
                Step.of(parse("e2", "SELECT 'e2 again' AS e"), bind("", "e2"), new Execute("", 0), Sync.INSTANCE)));
        SCRIPTS.put("a pipeline's later batch uses statements whose preparation went in a failed earlier batch", List.of(
                Step.of(parse("f1", "SELECT $1::int AS f", 23), parse("f2", "SELECT 'f2' AS f"), parse("f3", "SELECT 'f3' AS f"),
                        Sync.INSTANCE),
                Step.of(bind("", "f1", "x"), new Execute("", 0), bind("", "f2"), new Execute("", 0), Sync.INSTANCE,
                        bind("", "f2"), new Execute("", 0), bind("", "f3"), new Execute("", 0), Sync.INSTANCE,
                        bind("", "f1", "7"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Query("PREPARE q3 AS SELECT 'q3' AS q")),
                Step.of(bind("", "f2"), new Execute("", 0), bind("", "f3"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Query("BEGIN")),
                Step.of(new Query("SELECT 1/0")),
                Step.of(new Query("EXECUTE q3")),
                Step.of(bind("", "f1", "1"), new Execute("", 0), Sync.INSTANCE),
                Step.of(new Query("ROLLBACK")),
                Step.of(new Query("EXECUTE q3")),
                Step.of(bind("", "f1", "1"), new Execute("", 0), Sync.INSTANCE)));
        SCRIPTS.put("cancel of a running query", List.of(
                cancelled(new Query("SELECT pg_sleep(20) /* diff-cancel */")),
                Step.of(new Query("SELECT 'next'"))));
    }

    @Test
    void the_same_scripts_give_the_same_responses_directly_and_through_the_gateway() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, List<Step>> script : SCRIPTS.entrySet()) {
            List<String> direct = run(script.getValue(), false);
            all.addAll(direct);
            List<String> through = run(script.getValue(), true);
            if (!direct.equals(through)) {
                failures.add(script.getKey() + "\n  direct:  " + String.join("\n           ", direct)
                        + "\n  gateway: " + String.join("\n           ", through));
            }
            assertThat(direct).as(script.getKey()).isNotEmpty();
        }
        assertThat(failures).as("scripts that differ").isEmpty();
        // The scripts reach what they are meant to: errors skipping to Sync, suspended portals,
        // COPY both ways, duplicate and missing statements, a cancelled query, notices.
        for (String expected : List.of("E S=ERROR V=ERROR C=22012", "E S=ERROR V=ERROR C=25P02", "E S=ERROR V=ERROR C=42P05",
                "E S=ERROR V=ERROR C=26000", "E S=ERROR V=ERROR C=57014", "E S=ERROR V=ERROR C=22P02", "N S=NOTICE",
                "s", "G", "H", "da,b", "I", "ZT", "ZE")) {
            assertThat(all).as("a response starting with " + expected).anyMatch(f -> f.startsWith(expected));
        }
    }

    @Test
    void a_server_connection_keeps_at_most_max_prepared_statements_and_closes_the_evicted_ones() throws Exception {
        try (Conn c = Conn.open(true)) {
            List<FrontendMessage> batch = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                batch.add(parse("g" + i, "SELECT " + i + " AS lru_" + i));
                batch.add(bind("", "g" + i));
                batch.add(new Execute("", 0));
            }
            batch.add(Sync.INSTANCE);
            c.send(batch);
            List<String> answers = readUntilReady(c);
            for (int i = 1; i <= 5; i++) assertThat(answers).contains("D\\x00\\x01\\x00\\x00\\x00\\x01" + i);
            // the gateway's one server connection, asked by a simple Query (which prepares nothing)
            c.send(List.of(new Query("SELECT count(*) || ':' || string_agg(statement, ',' ORDER BY statement) FROM pg_prepared_statements")));
            assertThat(readUntilReady(c)).anyMatch(f -> f.endsWith(MAX_PREPARED + ":SELECT 4 AS lru_4,SELECT 5 AS lru_5"));
        }
    }

    @Test
    void prepare_in_a_query_of_several_statements_is_refused_and_fails_the_block_on_the_server_too() throws Exception {
        try (Conn c = Conn.open(true)) {
            c.send(List.of(new Query("SELECT 1; PREPARE m AS SELECT 1")));
            assertThat(readUntilReady(c)).anyMatch(f -> f.startsWith("E S=ERROR V=ERROR C=0A000 M=PREPARE in a query string"))
                    .last().isEqualTo("ZI");
            c.send(List.of(new Query("EXECUTE m")));
            assertThat(readUntilReady(c)).anyMatch(f -> f.startsWith("E S=ERROR V=ERROR C=26000 M=prepared statement \"m\" does not exist"));
            c.send(List.of(new Query("BEGIN")));
            readUntilReady(c);
            c.send(List.of(new Query("SELECT 1; DEALLOCATE m")));
            assertThat(readUntilReady(c)).anyMatch(f -> f.startsWith("E S=ERROR V=ERROR C=0A000 M=DEALLOCATE in a query string"))
                    .last().isEqualTo("ZE");
            c.send(List.of(new Query("SELECT 1")));
            assertThat(readUntilReady(c)).anyMatch(f -> f.startsWith("E S=ERROR V=ERROR C=25P02"));
            c.send(List.of(new Query("ROLLBACK")));
            assertThat(readUntilReady(c)).last().isEqualTo("ZI");
        }
    }

    @Test
    void an_unnamed_parse_skipped_by_a_failed_batch_never_leaves_a_later_bind_on_another_clients_statement() throws Exception {
        try (Conn a = Conn.open(true); Conn b = Conn.open(true)) {
            // b leaves its unnamed statement on the gateway's one server connection
            b.send(List.of(parse("", "SELECT 'b''s statement' AS s"), bind("", ""), new Execute("", 0), Sync.INSTANCE));
            assertThat(readUntilReady(b)).anyMatch(f -> f.contains("b's statement"));
            a.send(List.of(parse("a1", "SELECT $1::int AS n", 23), Sync.INSTANCE));
            readUntilReady(a);
            // a's first batch fails before its unnamed Parse, which PostgreSQL then skips; the
            // second batch, sent before the first is answered, binds the unnamed statement
            a.send(List.of(bind("", "a1", "x"), new Execute("", 0), parse("", "SELECT 'a''s statement' AS s"), Sync.INSTANCE,
                    bind("", ""), new Execute("", 0), Sync.INSTANCE));
            List<String> first = readUntilReady(a);
            assertThat(first).anyMatch(f -> f.startsWith("E S=ERROR V=ERROR C=22P02"));
            List<String> second = readUntilReady(a);
            assertThat(second).noneMatch(f -> f.contains("b's statement"));
            assertThat(second).anyMatch(f -> f.contains("a's statement"));
        }
    }

    @Test
    void a_duplicate_prepare_answered_by_the_gateway_fails_the_transaction_block_on_the_server_too() throws Exception {
        pg.psql("DROP TABLE IF EXISTS dup_block; CREATE TABLE dup_block (x int)");
        try (Conn c = Conn.open(true)) {
            for (String sql : List.of("BEGIN", "INSERT INTO dup_block VALUES (1)", "PREPARE dq AS SELECT 1")) {
                c.send(List.of(new Query(sql)));
                assertThat(readUntilReady(c)).last().isEqualTo("ZT");
            }
            c.send(List.of(new Query("PREPARE dq AS SELECT 2")));
            assertThat(readUntilReady(c)).anyMatch(f -> f.startsWith("E S=ERROR V=ERROR C=42P05 M=prepared statement \"dq\" already exists"))
                    .last().isEqualTo("ZE");
            c.send(List.of(new Query("SELECT 1")));
            assertThat(readUntilReady(c)).anyMatch(f -> f.startsWith("E S=ERROR V=ERROR C=25P02")).last().isEqualTo("ZE");
            // COMMIT of a failed block rolls back, as PostgreSQL's own error would have made it
            c.send(List.of(new Query("COMMIT")));
            assertThat(readUntilReady(c)).contains("CROLLBACK\\x00").last().isEqualTo("ZI");
            c.send(List.of(new Query("DEALLOCATE dq")));
            readUntilReady(c);
        }
        assertThat(pg.psql("SELECT count(*) FROM dup_block").strip()).isEqualTo("0");
        pg.psql("DROP TABLE dup_block");
    }

    private static List<String> readUntilReady(Conn c) throws IOException {
        List<String> out = new ArrayList<>();
        String f;
        do {
            f = c.read();
            out.add(f);
        } while (!f.startsWith("Z"));
        return out;
    }

    /** Runs a script on a fresh session; between steps another client uses the gateway's one server connection. */
    static List<String> run(List<Step> steps, boolean throughGateway) throws Exception {
        List<String> out = new ArrayList<>();
        try (Conn c = Conn.open(throughGateway); Conn other = throughGateway ? Conn.open(true) : null) {
            for (Step step : steps) {
                c.send(step.messages());
                if (step.cancel()) {
                    awaitRunning("diff-cancel");
                    c.cancel(throughGateway);
                }
                String last = "ZI";
                for (int r = 0; r < step.readies(); ) {
                    String f = c.read();
                    out.add(f);
                    if (f.startsWith("Z")) {
                        r++;
                        last = f;
                    }
                }
                if (other != null && last.equals("ZI")) { // the connection is free between transactions
                    other.send(List.of(new Query("SELECT 'someone else'")));
                    while (!other.read().startsWith("Z")) { }
                }
            }
        }
        return out;
    }

    static void awaitRunning(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pg.psql("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%/* " + marker + " */%'"
                + " AND pid <> pg_backend_pid()").strip().equals("0")) {
            if (System.nanoTime() > deadline) throw new AssertionError(marker + " never ran");
            Thread.sleep(10);
        }
    }

    /** A raw protocol session: directly over PostgreSQL's Unix socket (trust), or to the gateway over TCP. */
    static final class Conn implements AutoCloseable {
        final SocketChannel ch;
        final DataInputStream in;
        final OutputStream out;
        int pid;
        byte[] secret;

        Conn(SocketChannel ch) {
            this.ch = ch;
            this.in = new DataInputStream(new java.io.BufferedInputStream(Channels.newInputStream(ch)));
            this.out = Channels.newOutputStream(ch);
        }

        static SocketChannel channel(boolean throughGateway) throws IOException {
            if (throughGateway) return SocketChannel.open(new InetSocketAddress("127.0.0.1", gw.port()));
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(pg.socketDir().resolve(".s.PGSQL." + pg.port())));
            return ch;
        }

        static Conn open(boolean throughGateway) throws IOException {
            Conn c = new Conn(channel(throughGateway));
            ByteBuf b = Unpooled.buffer();
            new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "postgres", "database", "postgres")).encode(b);
            c.write(b);
            // The startup phase is not compared (ACCEPTED.md): authentication, ParameterStatus, BackendKeyData.
            while (true) {
                byte type = c.in.readByte();
                byte[] body = c.in.readNBytes(c.in.readInt() - 4);
                if (type == 'E') throw new AssertionError("startup failed: " + new String(body, StandardCharsets.UTF_8));
                if (type == 'K') {
                    c.pid = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                    c.secret = java.util.Arrays.copyOfRange(body, 4, body.length);
                }
                if (type == 'Z') return c;
            }
        }

        void send(List<FrontendMessage> messages) throws IOException {
            ByteBuf b = Unpooled.buffer();
            for (FrontendMessage m : messages) m.encode(b);
            write(b);
        }

        void write(ByteBuf b) throws IOException {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            out.write(bytes);
            out.flush();
        }

        void cancel(boolean throughGateway) throws IOException {
            try (SocketChannel ch = channel(throughGateway)) {
                ByteBuf b = Unpooled.buffer();
                new CancelRequest(pid, secret).encode(b);
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                OutputStream o = Channels.newOutputStream(ch);
                o.write(bytes);
                o.flush();
                InputStream i = Channels.newInputStream(ch);
                i.read(); // the server closes the connection once the cancel is passed on
            }
        }

        String read() throws IOException {
            byte type = in.readByte();
            byte[] body = in.readNBytes(in.readInt() - 4);
            return normalize(type, body);
        }

        @Override
        public void close() throws IOException {
            ByteBuf b = Unpooled.buffer();
            b.writeByte('X').writeInt(4);
            write(b);
            ch.close();
        }
    }

    /**
     * A frame as text for comparison. ErrorResponse and NoticeResponse keep every field but the
     * source location (F, L, R): errors the gateway answers itself (42P05, 26000 for a Close it
     * answers, …) have none. NotificationResponse's process id is dropped: it names the upstream
     * backend, not the gateway's id for the client.
     */
    static String normalize(byte type, byte[] body) {
        if (type == 'E' || type == 'N') {
            StringBuilder s = new StringBuilder().append((char) type).append(' ');
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char field = (char) body[i++];
                int end = i;
                while (body[end] != 0) end++;
                if (field != 'F' && field != 'L' && field != 'R') {
                    s.append(field).append('=').append(new String(body, i, end - i, StandardCharsets.UTF_8)).append(' ');
                }
                i = end + 1;
            }
            return s.toString().strip();
        }
        if (type == 'A') return "A " + new String(body, 4, body.length - 4, StandardCharsets.UTF_8).replace('\0', '|');
        StringBuilder s = new StringBuilder().append((char) type);
        for (byte x : body) {
            if (x >= 0x20 && x < 0x7f) s.append((char) x);
            else s.append(String.format("\\x%02x", x & 0xff));
        }
        return s.toString();
    }
}
