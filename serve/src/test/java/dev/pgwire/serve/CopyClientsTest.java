package dev.pgwire.serve;

import dev.pgwire.server.PgServer;
import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COPY and LISTEN/NOTIFY with the clients people use — psql's {@code \copy}, psycopg 3, asyncpg,
 * node-postgres with pg-copy-streams — each run against serve and against PostgreSQL 15, whose
 * output must be the same.
 */
class CopyClientsTest {
    @TempDir
    static Path dir;
    static PgCluster postgres;
    static DuckDbSessionFactory engine;
    static PgServer serve;

    @BeforeAll
    static void start() throws Exception {
        postgres = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
        engine = new DuckDbSessionFactory(ServeOptions.inMemory());
        serve = PgServer.builder().port(0).sessionFactory(engine).start();
    }

    @AfterAll
    static void stop() {
        if (serve != null) serve.close();
        if (engine != null) engine.close();
        if (postgres != null) postgres.close();
    }

    static String serveConninfo() {
        return "host=127.0.0.1 port=" + serve.port() + " user=postgres dbname=postgres sslmode=disable";
    }

    static String serveUri() {
        return "postgresql://postgres@127.0.0.1:" + serve.port() + "/postgres";
    }

    static String pgUri() {
        return "postgresql://" + postgres.superuser() + "@" + postgres.host() + ":" + postgres.port() + "/postgres";
    }

    static ExternalProcess.Result psql(String conninfo, String script) {
        ExternalProcess.Result r = Clients.psql(List.of("-v", "ON_ERROR_STOP=0", "-d", conninfo), script, Map.of(),
                Duration.ofSeconds(60));
        return r;
    }

    @Test
    void psql_copy_both_ways_matches_PostgreSQL() throws Exception {
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "id,name,price\n1,\"a, b\",1.50\n2,,\n3,\"say \"\"hi\"\"\",-0.01\n");
        Path text = dir.resolve("in.txt");
        Files.writeString(text, "1\tone\\ttab\t\\N\n2\t\\N\t2.5\n3\tback\\\\slash\\nline\t0\n");
        String script = "CREATE TABLE psql_copy (id int, name text, price numeric(10,2));\n"
                + "\\copy psql_copy FROM '" + csv + "' WITH (FORMAT csv, HEADER)\n"
                + "\\copy psql_copy FROM '" + text + "'\n"
                + "\\copy psql_copy TO '" + dir.resolve("OUT.csv") + "' WITH (FORMAT csv, HEADER)\n"
                + "\\copy (SELECT * FROM psql_copy ORDER BY id, name) TO '" + dir.resolve("OUT.txt") + "'\n"
                + "\\copy psql_copy FROM '" + text + "' WITH (FORMAT csv)\n"
                + "SELECT count(*) FROM psql_copy;\n";
        ExternalProcess.Result onServe = psql(serveConninfo(), script.replace("OUT", "serve"));
        ExternalProcess.Result onPostgres = psql(postgres.conninfo("postgres"), script.replace("OUT", "postgres"));
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
        assertThat(onServe.stderr()).isEqualTo(onPostgres.stderr());
        assertThat(onServe.stdout()).contains("COPY 3");
        assertThat(Files.readString(dir.resolve("serve.csv"))).isEqualTo(Files.readString(dir.resolve("postgres.csv")));
        assertThat(Files.readString(dir.resolve("serve.txt"))).isEqualTo(Files.readString(dir.resolve("postgres.txt")));
    }

    @Test
    void psql_copy_of_edge_values_in_every_format_matches_PostgreSQL() throws Exception {
        // values around COPY's fast paths (ISO timestamps and dates, plain numbers, text): the
        // unusual ones must take the general path and come out as PostgreSQL's
        String[][] rows = {
                {"1", "2024-01-01 00:00:00", "2024-01-31", "0.25", "0", "0", "plain"},
                {"2", "infinity", "infinity", "NaN", "-9223372036854775808", "-32768", "\u00fcn\u00efc\u00f6d\u00e9"},
                {"3", "-infinity", "-infinity", "Infinity", "9223372036854775807", "32767", "tab\\there"},
                {"4", "0044-03-15 12:00:00 BC", "0044-03-15 BC", "-Infinity", "007", "-7", "emoji \ud83d\ude00"},
                {"5", "2024-01-01 24:00:00", "2024-02-29", "-0", " 42 ", "12", "back\\\\slash"},
                {"6", "2024-01-01 23:59:60", "epoch", "1e+20", "+5", "1", "a,b"},
                {"7", "2024-01-01 00:00:00.1234567", "1999-12-31", "1.5e-07", "1234567890123456789", "2", "\"quoted\""},
                {"8", "2024-01-01T12:34:56.5", "5874897-12-31", "1.7976931348623157e+308", "-1", "3", ""},
                {"9", " 2024-06-01 10:00:00 ", "0001-01-01", " 2.5", "10", "4", "\\N"},
                {"10", "January 8, 1999 04:05:06", "2000-01-01", "0.1", "-0", "5", "x"},
                {"11", "1999-01-08 04:05:06+02", "1970-01-01", "123456789012345678", "1", "6", "y"},
                {"12", "9999-12-31 23:59:59.999999", "9999-12-31", "-123.456", "2", "7", "z"},
                {"13", "2024-02-29 00:00:00.000001", "2000-02-29", "5e-324", "3", "8", "w"},
                {"14", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N"}};
        StringBuilder text = new StringBuilder();
        for (String[] r : rows) text.append(String.join("\t", r)).append('\n');
        Path in = dir.resolve("edge.txt");
        Files.writeString(in, text);
        String table = "(id int, ts timestamp, d date, f float8, i8 bigint, i2 smallint, t text)";
        String script = "CREATE TABLE edge " + table + ";\n"
                + "CREATE TABLE edge2 " + table + ";\n"
                + "CREATE TABLE edge3 " + table + ";\n"
                + "\\copy edge FROM '" + in + "'\n"
                + "\\copy (SELECT * FROM edge ORDER BY id) TO '" + dir.resolve("OUT-edge.txt") + "'\n"
                + "\\copy (SELECT * FROM edge ORDER BY id) TO '" + dir.resolve("OUT-edge.csv") + "' WITH (FORMAT csv)\n"
                + "\\copy (SELECT * FROM edge ORDER BY id) TO '" + dir.resolve("OUT-edge.bin") + "' WITH (FORMAT binary)\n"
                + "\\copy edge2 FROM '" + dir.resolve("OUT-edge.bin") + "' WITH (FORMAT binary)\n"
                + "\\copy edge3 FROM '" + dir.resolve("OUT-edge.csv") + "' WITH (FORMAT csv)\n"
                + "SELECT * FROM edge2 ORDER BY id;\n"
                + "SELECT * FROM edge3 ORDER BY id;\n";
        ExternalProcess.Result onServe = psql(serveConninfo(), script.replace("OUT", "serve"));
        ExternalProcess.Result onPostgres = psql(postgres.conninfo("postgres"), script.replace("OUT", "postgres"));
        assertThat(onServe.stderr()).isEqualTo(onPostgres.stderr());
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
        assertThat(onServe.stdout()).contains("(14 rows)");
        for (String f : List.of("edge.txt", "edge.csv", "edge.bin")) {
            assertThat(Files.readAllBytes(dir.resolve("serve-" + f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("postgres-" + f)));
        }
    }

    @Test
    void COPY_TO_read_from_DuckDB_vectors_matches_PostgreSQL_over_many_chunks_with_every_option() throws Exception {
        // 6 000 rows (three of DuckDB's chunks) of every column kind COPY TO reads from DuckDB's
        // vectors, NULLs in every column, strings on both sides of DuckDB's 12 inline bytes with
        // escapes and multi-byte characters, float8 of short and long expansions, dates and
        // timestamps inside and outside years 1 to 9999; PostgreSQL writes them, both load them,
        // and every format and option comes out byte for byte the same
        String columns = "(id int, b bool, i2 smallint, i4 int, i8 bigint, r real, f8 float8, t text, vc varchar(20),"
                + " d date, ts timestamp, tz timestamptz)";
        String gen = "SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE g % 3 = 0 END,"
                + " CASE WHEN g % 12 = 0 THEN NULL ELSE (g * 37 % 65536 - 32768)::int2 END,"
                + " CASE WHEN g % 13 = 0 THEN NULL ELSE (g::int8 * 2654435 % 4294967296 - 2147483648)::int4 END,"
                + " CASE WHEN g % 14 = 0 THEN NULL ELSE g::int8 * 1000003 * 999983 * (CASE WHEN g % 2 = 0 THEN -1 ELSE 1 END) END,"
                + " CASE WHEN g % 15 = 0 THEN NULL ELSE g * 0.1::float4 END,"
                + " CASE g % 9 WHEN 0 THEN NULL WHEN 1 THEN g * 0.25::float8 WHEN 2 THEN g / 7.0::float8 WHEN 3 THEN 1.0::float8 / g"
                + "  WHEN 4 THEN g * 1e-6::float8 WHEN 5 THEN power(10.0::float8, g % 30 - 20) * g WHEN 6 THEN -g * 1.1::float8"
                + "  WHEN 7 THEN g * 123456789.123::float8 ELSE g::float8 END,"
                + " CASE WHEN g % 16 = 0 THEN NULL WHEN g % 16 = 1 THEN '' ELSE repeat(chr(65 + g % 26), g % 19)"
                + "  || CASE g % 5 WHEN 0 THEN E'\\t\\\\\\n,\"' WHEN 1 THEN 'é' WHEN 2 THEN '\\.' WHEN 3 THEN E'\\r;|' ELSE '' END END,"
                + " CASE WHEN g % 17 = 0 THEN NULL ELSE left(repeat('xé,', g % 9) || g, 20) END,"
                + " CASE WHEN g % 18 = 0 THEN NULL ELSE date '2000-01-01' + (g * 9973 % 1600000 - 1200000) END,"
                + " CASE WHEN g % 19 = 0 THEN NULL ELSE timestamp '1970-01-01' + (g::int8 * 98765 % 4000000 - 1000000) * interval '1 hour'"
                + "  + (g * 7 % 1000000) * interval '1 microsecond' + (g % 60) * interval '1 second' END,"
                + " CASE WHEN g % 20 = 0 THEN NULL ELSE timestamptz '2024-03-31 00:30:00+00' + g * interval '17 minutes 3.25 seconds' END"
                + " FROM generate_series(1, 6000) g";
        Path src = dir.resolve("vectors-src.txt");
        ExternalProcess.Result made = psql(postgres.conninfo("postgres"), "SET TimeZone = 'UTC';\n"
                + "CREATE TABLE vectors_src " + columns + ";\n"
                + "INSERT INTO vectors_src " + gen + ";\n"
                + "INSERT INTO vectors_src VALUES (6001, true, -32768, -2147483648, -9223372036854775808, 'NaN', 'NaN',"
                + " 'abcdefghijkl', 'abcdefghijklm', 'infinity', 'infinity', 'infinity'),"
                + " (6002, false, 32767, 2147483647, 9223372036854775807, '-Infinity', '-Infinity', 'abcdefghijké', 'abcdefghijklé',"
                + " '-infinity', '-infinity', '-infinity'),"
                + " (6003, NULL, 0, 0, 0, '-0', '-0', '\\N', 'NULL', '0001-01-01', '0001-01-01 00:00:00', '9999-12-31 23:59:59.999999+00'),"
                + " (6004, NULL, NULL, NULL, NULL, 'Infinity', 'Infinity', 'x', 'y', '9999-12-31', '9999-12-31 23:59:59.999999',"
                + " '0001-01-01 00:00:00+00'),"
                + " (6005, NULL, NULL, NULL, NULL, 1e-5, 1e15, '', '', '0001-12-31 BC', '10000-01-01 00:00:00', '1999-01-01 00:00:00+00'),"
                + " (6006, NULL, NULL, NULL, NULL, 3.4028235e38, 9.999999999999999e-5, NULL, NULL, NULL, NULL, NULL);\n"
                + "\\copy vectors_src TO '" + src + "'\n");
        assertThat(made.stderr()).isEmpty();
        List<String> variants = List.of("", "(FORMAT csv)", "(FORMAT binary)", "(FORMAT csv, HEADER, FORCE_QUOTE *)",
                "(FORMAT csv, DELIMITER ';', NULL 'NULL', QUOTE '''', ESCAPE '\\', FORCE_QUOTE (f8, t))",
                "(FORMAT text, DELIMITER '|', NULL 'nil')", "(FORMAT csv, DELIMITER '1')", "(FORMAT text, DELIMITER ' ')",
                "(FORMAT csv, NULL '0')");
        StringBuilder script = new StringBuilder("SET TimeZone = 'UTC';\nCREATE TABLE vectors " + columns + ";\n"
                + "\\copy vectors FROM '" + src + "'\nSET TimeZone = 'America/New_York';\n");
        for (int i = 0; i < variants.size(); i++) {
            script.append("\\copy (SELECT * FROM vectors ORDER BY id) TO '").append(dir.resolve("OUT-vectors" + i))
                    .append("' ").append(variants.get(i)).append('\n');
        }
        script.append("SET extra_float_digits = 0;\n\\copy (SELECT id, r, f8 FROM vectors ORDER BY id) TO '")
                .append(dir.resolve("OUT-vectors-efd")).append("'\n");
        script.append("RESET extra_float_digits;\n\\copy vectors (t, vc) TO '").append(dir.resolve("OUT-vectors-t"))
                .append("' WITH (FORMAT csv)\n");
        ExternalProcess.Result onServe = psql(serveConninfo(), script.toString().replace("OUT", "serve"));
        ExternalProcess.Result onPostgres = psql(postgres.conninfo("postgres"), script.toString().replace("OUT", "postgres"));
        assertThat(onServe.stderr()).isEqualTo(onPostgres.stderr());
        assertThat(onPostgres.stderr()).isEmpty();
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
        List<String> files = new java.util.ArrayList<>(List.of("vectors-efd", "vectors-t"));
        for (int i = 0; i < variants.size(); i++) files.add("vectors" + i);
        for (String f : files) assertSameBytes(f);
        assertThat(Files.readString(dir.resolve("serve-vectors0")).lines().count()).isEqualTo(6006);

        // PostgreSQL's binary file read back: fields go to DuckDB's appender as they are read
        String back = "SET TimeZone = 'UTC';\nCREATE TABLE vectors_bin " + columns + ";\n"
                + "\\copy vectors_bin FROM '" + dir.resolve("postgres-vectors2") + "' WITH (FORMAT binary)\n"
                + "\\copy (SELECT * FROM vectors_bin ORDER BY id) TO '" + dir.resolve("OUT-vectors-bin") + "'\n";
        onServe = psql(serveConninfo(), back.replace("OUT", "serve"));
        onPostgres = psql(postgres.conninfo("postgres"), back.replace("OUT", "postgres"));
        assertThat(onServe.stderr()).isEqualTo(onPostgres.stderr());
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout()).contains("COPY 6006");
        assertSameBytes("vectors-bin");
    }

    @Test
    void bad_binary_fields_fail_COPY_FROM_as_on_PostgreSQL() throws Exception {
        // each file one odd field after a good row: the same error, CONTEXT line and nothing kept,
        // or the same values
        record Field(int length, byte[] bytes) {}
        java.util.function.Function<Object[], byte[]> file = fields -> {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(b);
            try {
                out.write(CopyBinaryReader.SIGNATURE);
                out.writeInt(0);
                out.writeInt(0);
                for (int row = 0; row < 2; row++) {
                    out.writeShort(fields.length);
                    for (Object f : fields) {
                        Field field = row == 0 ? null : (Field) f;
                        if (field == null) {
                            // the first row: id 1, name "ok", flag true, n 7
                            int i = java.util.Arrays.asList(fields).indexOf(f);
                            byte[] good = switch (i) {
                                case 0 -> new byte[]{0, 0, 0, 0, 0, 0, 0, 1};
                                case 1 -> "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                                case 2 -> new byte[]{1};
                                default -> new byte[]{0, 0, 0, 7};
                            };
                            out.writeInt(good.length);
                            out.write(good);
                        } else {
                            out.writeInt(field.length());
                            if (field.bytes() != null) out.write(field.bytes());
                        }
                    }
                }
                out.writeShort(-1);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return b.toByteArray();
        };
        Field id = new Field(8, new byte[]{0, 0, 0, 0, 0, 0, 0, 2});
        Field name = new Field(1, new byte[]{'x'});
        Field flag = new Field(1, new byte[]{0});
        Field n = new Field(4, new byte[]{0, 0, 0, 9});
        Object[][] bad = {
                {id, new Field(3, new byte[]{'a', 0, 'b'}), flag, n},              // NUL
                {id, new Field(6, "abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8)), flag, n}, // over varchar(5)
                {id, new Field(3, new byte[]{(byte) 0xe2, (byte) 0x82, (byte) 0xac}), flag, n}, // € fits
                {id, new Field(2, new byte[]{(byte) 0xed, (byte) 0xa0}), flag, n},   // a cut surrogate
                {id, new Field(2, new byte[]{(byte) 0xc3, 0x28}), flag, n},          // invalid UTF-8
                {id, new Field(3, new byte[]{(byte) 0xe2, (byte) 0x82, 0x41}), flag, n}, // a bad third byte
                {id, name, new Field(1, new byte[]{2}), n}};                       // bool byte 2 is true
        StringBuilder script = new StringBuilder("CREATE TABLE bad_bin (id bigint NOT NULL, name varchar(5), flag bool, n int);\n");
        for (int i = 0; i < bad.length; i++) {
            Path p = dir.resolve("bad" + i + ".bin");
            Files.write(p, file.apply(bad[i]));
            script.append("\\copy bad_bin FROM '").append(p).append("' WITH (FORMAT binary)\n");
        }
        script.append("SELECT * FROM bad_bin ORDER BY id, name;\n");
        ExternalProcess.Result onServe = psql(serveConninfo(), script.toString());
        ExternalProcess.Result onPostgres = psql(postgres.conninfo("postgres"), script.toString());
        assertThat(onServe.stderr()).isEqualTo(onPostgres.stderr());
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
        assertThat(onPostgres.stdout()).contains("(4 rows)"); // the € file and the bool byte 2 (true) are good
    }

    /** serve's file {@code name} is PostgreSQL's, or the failure names where they part. */
    private static void assertSameBytes(String name) throws Exception {
        byte[] a = Files.readAllBytes(dir.resolve("serve-" + name));
        byte[] b = Files.readAllBytes(dir.resolve("postgres-" + name));
        int at = java.util.Arrays.mismatch(a, b);
        if (at < 0) return;
        int from = Math.max(0, at - 60);
        assertThat(new String(a, from, Math.min(a.length, at + 60) - from, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("%s from byte %d", name, from)
                .isEqualTo(new String(b, from, Math.min(b.length, at + 60) - from, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(a.length).as("%s length", name).isEqualTo(b.length);
    }

    @Test
    void binary_and_text_COPY_TO_of_many_types_matches_PostgreSQL_byte_for_byte() throws Exception {
        String script = "SET TimeZone = 'Europe/Berlin';\n"
                + "CREATE TABLE many (id int, b bool, n numeric(10,2), u numeric, r real, tz timestamptz, tm time, iv interval,"
                + " id2 uuid, by bytea, ia int[], ta text[], vc varchar(5), ch char(3), sm smallint);\n"
                + "INSERT INTO many VALUES"
                + " (1, true, 12.5, 1.000001, 0.1, '2024-03-31 01:30:00+00', '23:59:59.999999', '1 year 2 mons 3 days 04:05:06.7',"
                + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff10', '{1,NULL,3}', '{a,\"b c\",NULL}', 'abc', 'x', -5),"
                + " (2, false, -0.01, -123456789.123456789, 'Infinity', 'infinity', '00:00:00', '-1 days', "
                + " '00000000-0000-0000-0000-000000000000', '\\x', '{}', '{}', '', 'ab', 32767),"
                + " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);\n"
                + "\\copy (SELECT * FROM many ORDER BY id) TO '" + dir.resolve("OUT-many.bin") + "' WITH (FORMAT binary)\n"
                + "\\copy (SELECT * FROM many ORDER BY id) TO '" + dir.resolve("OUT-many.txt") + "'\n"
                + "\\copy (SELECT * FROM many ORDER BY id) TO '" + dir.resolve("OUT-many.csv") + "' WITH (FORMAT csv)\n";
        ExternalProcess.Result onServe = psql(serveConninfo(), script.replace("OUT", "serve"));
        ExternalProcess.Result onPostgres = psql(postgres.conninfo("postgres"), script.replace("OUT", "postgres"));
        assertThat(onServe.stderr()).isEqualTo(onPostgres.stderr());
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
        assertThat(onPostgres.stderr()).isEmpty();
        assertThat(Files.size(dir.resolve("serve-many.bin"))).isGreaterThan(200);
        for (String f : List.of("many.txt", "many.csv", "many.bin")) {
            assertThat(Files.readAllBytes(dir.resolve("serve-" + f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("postgres-" + f)));
        }
    }

    @Test
    void psycopg_and_asyncpg_copy_and_listen_as_on_PostgreSQL() {
        ExternalProcess.Result onServe = Clients.python("copy_notify.py", List.of(serveConninfo(), serveUri()), Map.of(),
                Duration.ofSeconds(60));
        ExternalProcess.Result onPostgres = Clients.python("copy_notify.py", List.of(postgres.conninfo("postgres"), pgUri()),
                Map.of(), Duration.ofSeconds(60));
        assertThat(onPostgres.exitCode()).as(onPostgres.stderr()).isZero();
        assertThat(onServe.exitCode()).as(onServe.stderr()).isZero();
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
    }

    @Test
    void node_postgres_copy_streams_and_notifications_as_on_PostgreSQL() {
        ExternalProcess.Result onServe = Clients.node("copy_notify.js", List.of(serveUri()), Map.of(), Duration.ofSeconds(60));
        ExternalProcess.Result onPostgres = Clients.node("copy_notify.js", List.of(pgUri()), Map.of(), Duration.ofSeconds(60));
        assertThat(onPostgres.exitCode()).as(onPostgres.stderr()).isZero();
        assertThat(onServe.exitCode()).as(onServe.stderr()).isZero();
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
    }
}
