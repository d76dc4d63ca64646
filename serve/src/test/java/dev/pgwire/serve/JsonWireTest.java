package dev.pgwire.serve;

import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.ParameterDescription;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.PgServer;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.pgwire.serve.ExtendedWireTest.columns;
import static dev.pgwire.serve.ExtendedWireTest.dataRows;
import static dev.pgwire.serve.ExtendedWireTest.of;
import static dev.pgwire.serve.ExtendedWireTest.shape;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * json and jsonb on the wire, byte for byte against a real PostgreSQL 15: parameters declared
 * json (OID 114) or jsonb (3802) in text and in binary (jsonb's binary form is a version byte 1
 * then the text), parameters whose type comes from a json or jsonb column, RowDescription's OIDs,
 * results in text and binary, and documents nested 10 000 deep.
 */
class JsonWireTest {
    static PgCluster postgres;
    static DuckDbSessionFactory engine;
    static PgServer serve;

    @BeforeAll
    static void start() throws Exception {
        postgres = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
        engine = new DuckDbSessionFactory(ServeOptions.inMemory().withCreateDatabasesOnConnect(true));
        serve = PgServer.builder().port(0).sessionFactory(engine).start();
        String table = "CREATE TABLE docs (id INT PRIMARY KEY, body JSONB, raw JSON)";
        postgres.psql(table);
        try (WireClient c = WireClient.connect(serve.port(), "postgres", "postgres")) {
            c.exchange(new Query(table));
        }
    }

    @AfterAll
    static void stop() {
        if (serve != null) serve.close();
        if (engine != null) engine.close();
        if (postgres != null) postgres.close();
    }

    record Replies(List<BackendMessage> serve, List<BackendMessage> postgres) {
    }

    static Replies both(dev.pgwire.protocol.message.FrontendMessage... messages) throws IOException {
        try (WireClient s = WireClient.connect(serve.port(), "postgres", "postgres");
             WireClient p = WireClient.connect(postgres.port(), postgres.superuser(), "postgres")) {
            return new Replies(s.exchange(messages), p.exchange(messages));
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** jsonb's binary form: version 1, then the text. */
    static byte[] jsonbBinary(int version, String text) {
        byte[] t = utf8(text);
        byte[] out = new byte[t.length + 1];
        out[0] = (byte) version;
        System.arraycopy(t, 0, out, 1, t.length);
        return out;
    }

    static Bind bind(short[] parameterFormats, short resultFormat, byte[]... params) {
        return new Bind("", "", parameterFormats, params, new short[] {resultFormat});
    }

    static void assertSame(Replies r, String what) {
        assertThat(shape(r.serve())).as(what + ": messages").isEqualTo(shape(r.postgres()));
        assertThat(columns(r.serve())).as(what + ": columns").isEqualTo(columns(r.postgres()));
        assertThat(dataRows(r.serve())).as(what + ": values").isEqualTo(dataRows(r.postgres()));
    }

    static String deepArray(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void binaryJsonbParameterIsAVersionByteThenTheTextAndComesBackInItsNormalForm() throws IOException {
        String doc = "{\"b\": [1, 2.50, {\"c\" : null}], \"a\":\"x\", \"a\": \"last\"}";
        String sql = "SELECT $1, $2, $1 -> 'b', $2::json -> 'b', $1 ->> 'a', $1 @> '{\"a\": \"last\"}'";
        int[] types = {PgType.JSONB.oid(), PgType.JSON.oid()};
        for (short resultFormat : new short[] {0, 1}) {
            Replies r = both(new Parse("", sql, types), new Describe('S', ""),
                    bind(new short[] {1, 1}, resultFormat, jsonbBinary(1, doc), utf8(doc)), new Execute("", 0), Sync.INSTANCE);
            assertSame(r, "result format " + resultFormat);
            assertThat(of(r.serve(), ParameterDescription.class).get(0).typeOids()).containsExactly(3802, 114);
            assertThat(columns(r.serve()).subList(0, 4)).containsExactly("?column?:3802", "?column?:114", "?column?:3802",
                    "?column?:114");
        }
    }

    @Test
    void textParametersAreCheckedAndAnUnknownVersionIsRefused() throws IOException {
        int[] types = {PgType.JSONB.oid(), PgType.JSON.oid()};
        Replies r = both(
                new Parse("", "SELECT $1, $2", types), bind(new short[] {0, 0}, (short) 0, utf8("[1, {\"a\":1}]"), utf8(" [1 , 2] ")),
                new Execute("", 0), Sync.INSTANCE,
                new Parse("", "SELECT $1", new int[] {PgType.JSONB.oid()}), bind(new short[] {0}, (short) 0, utf8("{bad")),
                new Execute("", 0), Sync.INSTANCE,
                new Parse("", "SELECT $1", new int[] {PgType.JSON.oid()}), bind(new short[] {1}, (short) 0, utf8("[1,]")),
                new Execute("", 0), Sync.INSTANCE);
        assertSame(r, "text parameters");
        assertThat(shape(r.serve())).isEqualTo("1 2 D C Z(I) 1 E(22P02) Z(I) 1 E(22P02) Z(I)");

        Replies version = both(new Parse("", "SELECT $1", new int[] {PgType.JSONB.oid()}),
                bind(new short[] {1}, (short) 0, jsonbBinary(2, "{}")), new Execute("", 0), Sync.INSTANCE);
        // PostgreSQL reports it as an internal error (elog); serve says which value is wrong
        assertThat(shape(version.postgres())).isEqualTo("1 E(XX000) Z(I)");
        assertThat(shape(version.serve())).startsWith("1 E(");
        ErrorResponse e = of(version.serve(), ErrorResponse.class).get(0);
        assertThat(e.fields().get('M')).contains("unsupported jsonb version number 2");
    }

    @Test
    void parametersTakeTheTypesOfJsonAndJsonbColumnsAndRoundTripInBinary() throws IOException {
        String doc = "{\"z\": 1, \"a\": [true, \"é\"]}";
        String raw = "{\"z\" : 1,   \"z\": 2}";
        Replies insert = both(new Parse("", "INSERT INTO docs VALUES ($1, $2, $3) RETURNING body, raw", new int[0]),
                new Describe('S', ""), new Bind("", "", new short[0], new byte[][] {utf8("1"), utf8(doc), utf8(raw)}, new short[] {1}),
                new Execute("", 0), Sync.INSTANCE);
        assertSame(insert, "insert");
        assertThat(of(insert.serve(), ParameterDescription.class).get(0).typeOids()).containsExactly(23, 3802, 114);

        Replies where = both(new Parse("", "SELECT id, body, raw FROM docs WHERE body @> $1 AND body -> 'a' ->> 1 = $2", new int[0]),
                new Describe('S', ""), new Bind("", "", new short[] {0, 0}, new byte[][] {utf8("{\"a\": [true]}"), utf8("é")},
                        new short[] {1}), new Execute("", 0), Sync.INSTANCE);
        assertSame(where, "where");
        assertThat(of(where.serve(), ParameterDescription.class).get(0).typeOids()).containsExactly(3802, 25);
        assertThat(dataRows(where.serve())).hasSize(1);
        assertThat(dataRows(where.serve()).get(0).get(1)).startsWith("01"); // jsonb's version byte
    }

    @Test
    void documentsNestedTenThousandDeepWorkAndDeeperOnesAreRefusedAsPostgreSqlRefusesThem() throws IOException {
        String deep = deepArray(10_000);
        String sql = "SELECT jsonb_array_length($1), json_array_length($2), length($1::text), $2::text = $3";
        List<byte[]> params = new ArrayList<>(List.of(jsonbBinary(1, deep), utf8(deep), utf8(deep)));
        int[] types = {PgType.JSONB.oid(), PgType.JSON.oid(), PgType.TEXT.oid()};
        Replies r = both(new Parse("", sql, types), bind(new short[] {1, 1, 1}, (short) 0, params.toArray(new byte[0][])),
                new Execute("", 0), Sync.INSTANCE,
                new Query("SELECT jsonb_typeof((repeat('[', 10000) || repeat(']', 10000))::jsonb),"
                        + " json_typeof((repeat('{\"a\":', 10000) || '1' || repeat('}', 10000))::json)"));
        assertSame(r, "10 000 deep");
        assertThat(shape(r.serve())).isEqualTo("1 2 D C Z(I) T D C Z(I)");

        String tooDeep = deepArray(100_000);
        Replies refused = both(new Parse("", "SELECT $1", new int[] {PgType.JSONB.oid()}),
                bind(new short[] {1}, (short) 0, jsonbBinary(1, tooDeep)), new Execute("", 0), Sync.INSTANCE,
                new Query("SELECT (repeat('[', 100000) || repeat(']', 100000))::json"),
                new Query("SELECT jsonb_array_length((repeat('[', 100000) || repeat(']', 100000))::jsonb)"));
        assertThat(shape(refused.serve())).isEqualTo(shape(refused.postgres())).isEqualTo("1 E(54001) Z(I) E(54001) Z(I) E(54001) Z(I)");
    }
}
