package dev.pgwire.protocol.capture;

import dev.pgwire.protocol.capture.RawClient.Body;
import dev.pgwire.protocol.capture.RawClient.Msg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records the PostgreSQL 15 conversations under {@code src/test/resources/pg15}. Not a test: it
 * needs a running cluster and is run by hand through {@code src/test/capture/capture-pg15.sh}, which
 * sets the cluster up (see the README next to the fixtures).
 *
 * <p>Arguments: the cluster's port, the output directory, the directory holding psql and pgbench.
 */
public final class Pg15Capture {
    private static final String LEGEND = "F = frontend message, B = backend message, in the order they went by";
    private final int pgPort;
    private final Path outDir;
    private final Path binDir;
    private String serverVersion;

    private Pg15Capture(int pgPort, Path outDir, Path binDir) {
        this.pgPort = pgPort;
        this.outDir = outDir;
        this.binDir = binDir;
    }

    public static void main(String[] args) throws Exception {
        Pg15Capture c = new Pg15Capture(Integer.parseInt(args[0]), Path.of(args[1]),
                Path.of(args.length > 2 ? args[2] : "/usr/lib/postgresql/15/bin"));
        Files.createDirectories(c.outDir);
        c.serverVersion = c.lookUpServerVersion();
        c.startupTrust();
        c.startupProtocol32();
        c.startupUnsupportedVersion();
        c.startupUnknownDatabase();
        c.startupGssEncRequest();
        c.psql("psql-select", "user=postgres sslmode=prefer", "SELECT 1 AS one, 'x'::text AS t, NULL::int AS n");
        c.psql("psql-missing-table", "user=postgres", "SELECT * FROM missing_table");
        c.psql("psql-multi-statement", "user=postgres", "SELECT 1; SELECT 1/0; SELECT 2");
        c.psql("psql-md5", "user=md5user password=md5secret", "SELECT current_user");
        c.psql("psql-scram", "user=scramuser password=scramsecret", "SELECT current_user");
        c.pgbenchExtended();
        c.extendedQuery();
        c.copy();
        c.copyBoth();
        c.functionCall();
        c.noticesAndNotifications();
        c.cancel();
    }

    private String lookUpServerVersion() throws IOException {
        try (RawClient c = new RawClient(pgPort)) {
            c.startup(RawClient.PROTOCOL_3_0, "user", "postgres", "database", "postgres");
            for (Msg m : c.readUntil('Z')) {
                if (m.type() == 'S' && m.text().startsWith("server_version\0")) {
                    return m.text().substring("server_version\0".length(), m.text().length() - 1);
                }
            }
            throw new IOException("no server_version reported");
        }
    }

    private RecordingProxy proxy(String name, String what, String client) throws IOException {
        return new RecordingProxy(pgPort, outDir.resolve(name + ".txt"), what,
                "server: PostgreSQL " + serverVersion + ", client: " + client,
                LEGEND);
    }

    private RecordingProxy handBuilt(String name, String what) throws IOException {
        return proxy(name, what, "hand-built bytes (Pg15Capture/RawClient)");
    }

    private static void startupPostgres(RawClient c) throws IOException {
        c.startup(RawClient.PROTOCOL_3_0, "user", "postgres", "database", "postgres",
                "application_name", "pgwire-capture", "client_encoding", "UTF8");
        c.readUntil('Z');
    }

    private void startupTrust() throws Exception {
        try (RecordingProxy p = handBuilt("startup-trust", "StartupMessage 3.0 with trust authentication, then Terminate");
             RawClient c = new RawClient(p.port())) {
            startupPostgres(c);
            c.terminate();
            c.readToEnd();
        }
    }

    private void startupProtocol32() throws Exception {
        try (RecordingProxy p = handBuilt("startup-protocol-3.2",
                "StartupMessage asking for protocol 3.2 with an unknown _pq_ option: NegotiateProtocolVersion");
             RawClient c = new RawClient(p.port())) {
            c.startup(RawClient.PROTOCOL_3_2, "user", "postgres", "database", "postgres",
                    "_pq_.pgwire_test_option", "on");
            c.readUntil('Z');
            c.terminate();
            c.readToEnd();
        }
    }

    private void startupUnsupportedVersion() throws Exception {
        try (RecordingProxy p = handBuilt("startup-unsupported-version", "StartupMessage asking for protocol 4.0: FATAL");
             RawClient c = new RawClient(p.port())) {
            c.startup(4 << 16, "user", "postgres", "database", "postgres");
            c.readToEnd();
        }
    }

    private void startupUnknownDatabase() throws Exception {
        try (RecordingProxy p = handBuilt("startup-unknown-database", "StartupMessage naming a database that does not exist");
             RawClient c = new RawClient(p.port())) {
            c.startup(RawClient.PROTOCOL_3_0, "user", "postgres", "database", "no_such_database");
            c.readToEnd();
        }
    }

    private void startupGssEncRequest() throws Exception {
        try (RecordingProxy p = handBuilt("startup-gssenc-request",
                "GSSENCRequest; a server built with GSSAPI answers 'G', and the client hangs up");
             RawClient c = new RawClient(p.port())) {
            c.encryptionRequest(80877104);
            c.readByte();
        }
    }

    private void psql(String name, String conninfo, String sql) throws Exception {
        String shown = conninfo(0, conninfo).replaceAll("(host|port|password)=\\S+ ?", "").trim();
        try (RecordingProxy p = proxy(name, "psql -c \"" + sql + "\" (" + shown + ")", "psql " + version("psql"))) {
            run(List.of(binDir.resolve("psql").toString(), "-X", "-d", conninfo(p.port(), conninfo), "-c", sql));
        }
    }

    private void pgbenchExtended() throws Exception {
        Path script = Files.createTempFile("pgbench", ".sql");
        Files.writeString(script, "\\set x 41\nSELECT :x::int + 1 AS answer;\n");
        String what = "pgbench -n -M extended running SELECT :x::int + 1 AS answer (x = 41); "
                + "its first (setup) connection is forwarded but not recorded";
        try (RecordingProxy p = new RecordingProxy(pgPort, 2, outDir.resolve("pgbench-extended.txt"), what,
                "server: PostgreSQL " + serverVersion + ", client: pgbench " + version("pgbench"), LEGEND)) {
            run(List.of(binDir.resolve("pgbench").toString(), "-n", "-t", "1", "-M", "extended", "-f", script.toString(),
                    conninfo(p.port(), "user=postgres")));
        } finally {
            Files.delete(script);
        }
    }

    private void extendedQuery() throws Exception {
        try (RecordingProxy p = handBuilt("extended-query", "extended query protocol: Describe, formats, "
                + "PortalSuspended, NoData, Close, Flush, an error skipping to Sync, an empty Query");
             RawClient c = new RawClient(p.port())) {
            startupPostgres(c);
            c.send('P', new Body().cstr("s1").cstr("SELECT $1::int + $2 AS sum, $3::text AS t").i16(3).i32(23).i32(0).i32(25));
            c.send('D', new Body().i8('S').cstr("s1"));
            c.send('B', new Body().cstr("p1").cstr("s1").i16(3).i16(0).i16(1).i16(0)
                    .i16(3).value("41".getBytes(StandardCharsets.UTF_8)).value(new byte[] {0, 0, 0, 1}).value(null)
                    .i16(2).i16(1).i16(0));
            c.send('D', new Body().i8('P').cstr("p1"));
            c.send('E', new Body().cstr("p1").i32(0));
            c.send('C', new Body().i8('P').cstr("p1"));
            c.send('C', new Body().i8('S').cstr("s1"));
            c.send('S', new Body());
            c.flush();
            c.readUntil('Z');

            c.send('P', new Body().cstr("").cstr("SELECT g FROM generate_series(1, 3) AS g").i16(0));
            c.send('B', new Body().cstr("").cstr("").i16(0).i16(0).i16(0));
            c.send('E', new Body().cstr("").i32(2));
            c.send('E', new Body().cstr("").i32(0));
            c.send('S', new Body());
            c.flush();
            c.readUntil('Z');

            c.send('P', new Body().cstr("").cstr("SET application_name = 'pgwire-extended'").i16(0));
            c.send('D', new Body().i8('S').cstr(""));
            c.send('B', new Body().cstr("").cstr("").i16(0).i16(0).i16(0));
            c.send('E', new Body().cstr("").i32(0));
            c.send('S', new Body());
            c.flush();
            c.readUntil('Z');

            c.send('P', new Body().cstr("").cstr("SELECT 1").i16(0));
            c.send('H', new Body());
            c.flush();
            c.readUntil('1');
            c.send('S', new Body());
            c.flush();
            c.readUntil('Z');

            c.send('P', new Body().cstr("").cstr("SELECT 1/0").i16(0));
            c.send('B', new Body().cstr("").cstr("").i16(0).i16(0).i16(0));
            c.send('E', new Body().cstr("").i32(0));
            c.send('P', new Body().cstr("").cstr("SELECT 2").i16(0));
            c.send('S', new Body());
            c.flush();
            c.readUntil('Z');

            c.query("");
            c.readUntil('Z');
            c.terminate();
            c.readToEnd();
        }
    }

    private void copy() throws Exception {
        try (RecordingProxy p = handBuilt("copy", "COPY FROM STDIN (completed and failed), COPY TO STDOUT text and binary");
             RawClient c = new RawClient(p.port())) {
            startupPostgres(c);
            c.query("CREATE TEMP TABLE t (a int, b text)");
            c.readUntil('Z');
            c.query("COPY t FROM STDIN");
            c.readUntil('G');
            c.send('d', new Body().raw("1\tone\n".getBytes(StandardCharsets.UTF_8)));
            c.send('d', new Body().raw("2\t\\N\n".getBytes(StandardCharsets.UTF_8)));
            c.send('c', new Body());
            c.flush();
            c.readUntil('Z');
            c.query("COPY t FROM STDIN");
            c.readUntil('G');
            c.send('f', new Body().cstr("client gave up"));
            c.flush();
            c.readUntil('Z');
            c.query("COPY t TO STDOUT");
            c.readUntil('Z');
            c.query("COPY t TO STDOUT (FORMAT binary)");
            c.readUntil('Z');
            c.terminate();
            c.readToEnd();
        }
    }

    private void copyBoth() throws Exception {
        try (RecordingProxy p = handBuilt("copy-both", "physical replication connection: IDENTIFY_SYSTEM, "
                + "START_REPLICATION (CopyBothResponse) ended at once by the client's CopyDone");
             RawClient c = new RawClient(p.port())) {
            c.startup(RawClient.PROTOCOL_3_0, "user", "postgres", "replication", "true", "application_name", "pgwire-capture");
            c.readUntil('Z');
            c.query("IDENTIFY_SYSTEM");
            String xlogpos = null;
            for (Msg m : c.readUntil('Z')) if (m.type() == 'D') xlogpos = m.column(2);
            c.query("START_REPLICATION PHYSICAL " + xlogpos);
            c.readUntil('W');
            c.send('c', new Body());
            c.flush();
            c.readUntil('Z');
            c.terminate();
            c.readToEnd();
        }
    }

    private void functionCall() throws Exception {
        try (RecordingProxy p = handBuilt("function-call", "fast-path FunctionCall of int4pl: binary, text, and a NULL argument");
             RawClient c = new RawClient(p.port())) {
            startupPostgres(c);
            c.query("SELECT 'int4pl'::regproc::oid");
            int oid = -1;
            for (Msg m : c.readUntil('Z')) if (m.type() == 'D') oid = Integer.parseInt(m.column(0));
            c.send('F', new Body().i32(oid).i16(1).i16(1).i16(2).value(new byte[] {0, 0, 0, 40}).value(new byte[] {0, 0, 0, 2}).i16(1));
            c.flush();
            c.readUntil('Z');
            c.send('F', new Body().i32(oid).i16(0).i16(2).value("40".getBytes(StandardCharsets.UTF_8))
                    .value("2".getBytes(StandardCharsets.UTF_8)).i16(0));
            c.flush();
            c.readUntil('Z');
            c.send('F', new Body().i32(oid).i16(0).i16(2).value("40".getBytes(StandardCharsets.UTF_8)).value(null).i16(0));
            c.flush();
            c.readUntil('Z');
            c.terminate();
            c.readToEnd();
        }
    }

    private void noticesAndNotifications() throws Exception {
        try (RecordingProxy p = handBuilt("notice-notify", "NOTICE and WARNING with detail and hint, LISTEN/NOTIFY, "
                + "a unique violation with schema, table and constraint fields");
             RawClient c = new RawClient(p.port())) {
            startupPostgres(c);
            for (String sql : List.of(
                    "DO $$BEGIN RAISE NOTICE 'hello %', 42; END$$",
                    "DO $$BEGIN RAISE WARNING 'careful' USING DETAIL = 'some detail', HINT = 'some hint'; END$$",
                    "LISTEN pgwire_channel; NOTIFY pgwire_channel, 'the payload'",
                    "CREATE TEMP TABLE u (id int PRIMARY KEY); INSERT INTO u VALUES (1), (1)")) {
                c.query(sql);
                c.readUntil('Z');
            }
            c.terminate();
            c.readToEnd();
        }
    }

    /**
     * A query cancelled from a second connection. The CancelRequest is sent once pg_stat_activity
     * shows the query running, so that the cancel cannot arrive while the backend is still idle.
     */
    private void cancel() throws Exception {
        String sql = "SELECT pg_sleep(60)";
        try (RecordingProxy p = handBuilt("cancel-session", "a query cancelled by a CancelRequest from another connection");
             RawClient c = new RawClient(p.port())) {
            startupPostgres(c);
            c.query(sql);
            waitUntilActive(sql);
            try (RecordingProxy cp = handBuilt("cancel-request", "the CancelRequest that cancelled the query in cancel-session");
                 RawClient canceller = new RawClient(cp.port())) {
                canceller.cancel(c.processId, c.secretKey);
                canceller.readToEnd();
            }
            c.readUntil('Z');
            c.terminate();
            c.readToEnd();
        }
    }

    private void waitUntilActive(String sql) throws IOException {
        try (RawClient watcher = new RawClient(pgPort)) {
            startupPostgres(watcher);
            for (int attempt = 0; attempt < 10_000; attempt++) {
                watcher.query("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = '" + sql + "'");
                for (Msg m : watcher.readUntil('Z')) if (m.type() == 'D' && m.column(0).equals("1")) return;
            }
        }
        throw new IOException(sql + " never became active");
    }

    private String conninfo(int port, String extra) {
        String s = "host=127.0.0.1 port=" + port + " dbname=postgres gssencmode=disable " + extra;
        return s.contains("sslmode=") ? s : s + " sslmode=disable";
    }

    private String version(String program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binDir.resolve(program).toString(), "--version").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out.replaceAll("^\\S+ \\(PostgreSQL\\) ", "");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).inheritIO();
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGCLIENTENCODING", "UTF8");
        env.put("PGPASSFILE", "/nonexistent/pgpass");
        env.put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        System.out.println(String.join(" ", command).replaceAll("password=\\S+", "password=…") + " -> exit " + p.waitFor());
    }
}
