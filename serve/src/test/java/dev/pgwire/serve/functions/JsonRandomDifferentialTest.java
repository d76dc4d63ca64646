package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Generated json documents (repeated keys, escapes, numbers in every form, whitespace anywhere,
 * nesting, now and then a syntax error) go through the json and jsonb operations on PostgreSQL 15
 * and through the {@code pg_*} functions on DuckDB, with paths, keys and second operands drawn from
 * the document itself so that lookups hit as often as they miss; the outcomes must agree.
 */
class JsonRandomDifferentialTest {
    private static final long SEED = 20240102L;
    private static final int DOCUMENTS = 300;

    private static PgCluster postgres;
    private static Connection pg;
    private static Connection duck;

    /** One operation: PostgreSQL's SQL and DuckDB's, over the same parameters. */
    private record Op(String name, String postgres, String duckDb) {}

    // parameters: 1 the document, 2 a path (JSON array of text), 3 a second document, 4 a key
    private static final String PATH = "ARRAY(SELECT json_array_elements_text(?::json))";
    private static final List<Op> OPS = List.of(
            new Op("jsonb out", "SELECT ?::jsonb::text", "SELECT pg_jsonb_out(?)"),
            new Op("jsonb_pretty", "SELECT jsonb_pretty(?::jsonb)", "SELECT pg_jsonb_pretty(?)"),
            new Op("json_strip_nulls", "SELECT json_strip_nulls(?::json)::text", "SELECT pg_json_strip_nulls(?)"),
            new Op("jsonb_strip_nulls", "SELECT jsonb_strip_nulls(?::jsonb)::text", "SELECT pg_jsonb_strip_nulls(?)"),
            new Op("json #>", "SELECT (?::json #> " + PATH + ")::text", "SELECT pg_json_extract_path(?, ?)"),
            new Op("json #>>", "SELECT ?::json #>> " + PATH, "SELECT pg_json_extract_path_text(?, ?)"),
            new Op("jsonb #>", "SELECT (?::jsonb #> " + PATH + ")::text", "SELECT pg_jsonb_extract_path(?, ?)"),
            new Op("jsonb #>>", "SELECT ?::jsonb #>> " + PATH, "SELECT pg_jsonb_extract_path_text(?, ?)"),
            new Op("json -> key", "SELECT (?::json -> ?::text)::text", "SELECT pg_json_object_field(?, ?)"),
            new Op("jsonb ->> key", "SELECT ?::jsonb ->> ?::text", "SELECT pg_jsonb_object_field_text(?, ?)"),
            new Op("jsonb_set", "SELECT jsonb_set(?::jsonb, " + PATH + ", ?::jsonb)::text", "SELECT pg_jsonb_set(?, ?, ?)"),
            new Op("jsonb_insert", "SELECT jsonb_insert(?::jsonb, " + PATH + ", ?::jsonb, true)::text",
                    "SELECT pg_jsonb_insert(?, ?, ?, true)"),
            new Op("jsonb #-", "SELECT (?::jsonb #- " + PATH + ")::text", "SELECT pg_jsonb_delete_path(?, ?)"),
            new Op("jsonb @>", "SELECT (?::jsonb @> ?::jsonb)::text", "SELECT CAST(pg_jsonb_contains(?, ?) AS VARCHAR)"),
            new Op("jsonb <@", "SELECT (?::jsonb <@ ?::jsonb)::text", "SELECT CAST(pg_jsonb_contained(?, ?) AS VARCHAR)"),
            new Op("jsonb_cmp", "SELECT sign(jsonb_cmp(?::jsonb, ?::jsonb))::text", "SELECT CAST(pg_jsonb_cmp(?, ?) AS VARCHAR)"),
            new Op("jsonb sort key", "SELECT sign(jsonb_cmp(?::jsonb, ?::jsonb))::text",
                    "SELECT CAST(CAST(ka > kb AS INTEGER) - CAST(ka < kb AS INTEGER) AS VARCHAR) "
                            + "FROM (SELECT pg_jsonb_sort_key(?) AS ka, pg_jsonb_sort_key(?) AS kb)"),
            new Op("jsonb ||", "SELECT (?::jsonb || ?::jsonb)::text", "SELECT pg_jsonb_concat(?, ?)"),
            new Op("jsonb - key", "SELECT (?::jsonb - ?::text)::text", "SELECT pg_jsonb_delete(?, ?)"),
            new Op("jsonb ? key", "SELECT jsonb_exists(?::jsonb, ?::text)::text", "SELECT CAST(pg_jsonb_exists(?, ?) AS VARCHAR)"),
            new Op("json_each_text", "SELECT key || '=' || coalesce(value, '<NULL>') FROM json_each_text(?::json)",
                    "SELECT key || '=' || coalesce(value, '<NULL>') FROM (SELECT unnest(CAST(CAST(pg_json_each_text(?) "
                            + "AS JSON) AS STRUCT(key VARCHAR, value VARCHAR)[]), recursive := true))"),
            new Op("jsonb_each", "SELECT key || '=' || value::text FROM jsonb_each(?::jsonb)",
                    "SELECT key || '=' || value FROM (SELECT unnest(CAST(CAST(pg_jsonb_each(?) "
                            + "AS JSON) AS STRUCT(key VARCHAR, value VARCHAR)[]), recursive := true))"),
            new Op("json_array_elements", "SELECT value::text FROM json_array_elements(?::json)",
                    "SELECT unnest(CAST(CAST(pg_json_array_elements(?) AS JSON) AS VARCHAR[]))"),
            new Op("jsonb_array_elements_text", "SELECT coalesce(value, '<NULL>') FROM jsonb_array_elements_text(?::jsonb)",
                    "SELECT coalesce(v, '<NULL>') FROM (SELECT unnest(CAST(CAST(pg_jsonb_array_elements_text(?) AS JSON) "
                            + "AS VARCHAR[])) AS v)"),
            new Op("json_object_keys", "SELECT json_object_keys(?::json)",
                    "SELECT unnest(CAST(CAST(pg_json_object_keys(?) AS JSON) AS VARCHAR[]))"));

    @BeforeAll
    static void start() throws SQLException {
        postgres = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
        pg = DriverManager.getConnection(postgres.jdbcUrl("postgres") + "?sslmode=disable", "postgres", "");
        duck = DriverManager.getConnection("jdbc:duckdb:");
        PgFunctions.register(duck);
    }

    @AfterAll
    static void stop() throws SQLException {
        for (PreparedStatement st : prepared.values()) st.close();
        if (duck != null) duck.close();
        if (pg != null) pg.close();
        if (postgres != null) postgres.close();
    }

    @TestFactory
    Stream<DynamicTest> generatedDocumentsAgreeWithPostgreSql() {
        return IntStream.range(0, DOCUMENTS).mapToObj(n -> {
            Generator g = new Generator(new Random(SEED + n));
            String doc = g.document();
            String other = g.random.nextInt(3) == 0 ? g.document() : g.pick(g.values.isEmpty() ? List.of("1") : g.values);
            String path = g.path();
            String key = g.key();
            return DynamicTest.dynamicTest("#" + n + " " + abbreviate(doc), () -> {
                for (Op op : OPS) {
                    List<String> params = parameters(op, doc, path, other, key);
                    String expected = outcome(pg, op.postgres(), params);
                    String actual = outcome(duck, op.duckDb(), params);
                    assertEquals(expected, actual, op.name() + " of " + doc + " with " + params.subList(1, params.size()));
                }
            });
        });
    }

    private static List<String> parameters(Op op, String doc, String path, String other, String key) {
        List<String> p = new ArrayList<>();
        p.add(doc);
        int count = op.duckDb().split("\\?", -1).length - 1;
        if (count >= 2) {
            boolean usesPath = op.postgres().contains("json_array_elements_text(?::json))");
            boolean usesKey = op.postgres().contains("?::text");
            p.add(usesPath ? path : usesKey ? key : other);
        }
        if (count >= 3) p.add(other);
        return p;
    }

    /** Prepared statements by connection and SQL, prepared again when an error closed one. */
    private static final Map<String, PreparedStatement> prepared = new HashMap<>();

    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        String key = (c == pg ? "pg:" : "duckdb:") + sql;
        PreparedStatement st = prepared.get(key);
        if (st == null || st.isClosed()) {
            st = c.prepareStatement(sql);
            prepared.put(key, st);
        }
        return st;
    }

    private static String outcome(Connection c, String sql, List<String> params) throws SQLException {
        try {
            PreparedStatement st = prepare(c, sql);
            for (int i = 0; i < params.size(); i++) st.setString(i + 1, params.get(i));
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) rows.add(rs.getString(1) == null ? "<NULL>" : rs.getString(1));
            }
            return String.join("\n", rows);
        } catch (PSQLException e) {
            ServerErrorMessage m = e.getServerErrorMessage();
            if (m == null) throw e;
            return "ERROR " + m.getSQLState() + ": " + m.getMessage() + " / " + m.getDetail() + " / " + m.getHint();
        } catch (SQLException e) {
            Optional<PgException> p = PgFunctionError.decode(e.getMessage());
            if (p.isEmpty()) return "DUCKDB ERROR: " + e.getMessage();
            return "ERROR " + p.get().sqlState() + ": " + p.get().getMessage() + " / " + p.get().detail() + " / "
                    + p.get().hint();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Random json text, remembering the keys, indexes and values it wrote for paths and operands. */
    private static final class Generator {
        static final List<String> KEYS = List.of("a", "b", "aa", "ab", "é", "\\u00e9", "", " ", "1", "0", "-1",
                "A", "😀", "\\ud83d\\ude00", "a\\nb", "\\\"q\\\"", "key with space", "\\/");
        static final List<String> STRINGS = List.of("", "x", "é", "\\u00e9", "\\n", "\\t\\\"", "😀", "\\ud83d\\ude00",
                "\\/", "\\u0041\\u0062", "a", "b", "1", "null", "\\u001f", "\\b\\f\\r");
        static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "1.5", "1.50", "-0.0", "1e3", "1E-2",
                "0.000", "12345678901234567890", "1e20", "2.5e+1", "100e-2", "3", "7");
        static final List<String> SPACE = List.of("", "", "", " ", "  ", "\n", "\t", "\r\n");
        static final List<String> BROKEN = List.of("[1,]", "{\"a\" 1}", "[1 2]", "{\"a\":1", "\"\\x\"", "tru", "01",
                "\"\\u12\"", "\"\\ud83d\"", "\"\\u0000\"", "[1e]", "{1:2}", "[,]", "]");

        final Random random;
        final List<String> keys = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        final List<List<String>> paths = new ArrayList<>();

        Generator(Random random) {
            this.random = random;
        }

        <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        String document() {
            if (random.nextInt(25) == 0) return pick(BROKEN);
            StringBuilder out = new StringBuilder(pick(SPACE));
            value(out, 0, new ArrayList<>());
            return out.append(pick(SPACE)).toString();
        }

        private void value(StringBuilder out, int depth, List<String> path) {
            int start = out.length();
            int kind = depth >= 4 ? 2 + random.nextInt(4) : random.nextInt(7);
            switch (kind) {
                case 0, 6 -> {
                    out.append('{');
                    int n = random.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) out.append(pick(SPACE)).append(',');
                        String key = pick(KEYS);
                        keys.add(key);
                        out.append(pick(SPACE)).append('"').append(key).append('"').append(pick(SPACE)).append(':')
                                .append(pick(SPACE));
                        List<String> sub = new ArrayList<>(path);
                        sub.add(decoded(key));
                        value(out, depth + 1, sub);
                    }
                    out.append(pick(SPACE)).append('}');
                }
                case 1 -> {
                    out.append('[');
                    int n = random.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) out.append(pick(SPACE)).append(',');
                        out.append(pick(SPACE));
                        List<String> sub = new ArrayList<>(path);
                        sub.add(Integer.toString(random.nextBoolean() ? i : i - n));
                        value(out, depth + 1, sub);
                    }
                    out.append(pick(SPACE)).append(']');
                }
                case 2 -> out.append('"').append(pick(STRINGS)).append('"');
                case 3 -> out.append(pick(NUMBERS));
                case 4 -> out.append(random.nextBoolean() ? "true" : "false");
                default -> out.append("null");
            }
            values.add(out.substring(start));
            paths.add(path);
        }

        /** A path to a value of the document, sometimes spoilt. */
        String path() {
            List<String> p = new ArrayList<>(paths.isEmpty() ? List.of() : pick(paths));
            switch (random.nextInt(6)) {
                case 0 -> p.add(pick(List.of("a", "0", "-1", "zz", "5")));
                case 1 -> {
                    if (!p.isEmpty()) p.remove(p.size() - 1);
                }
                case 2 -> {
                    if (!p.isEmpty()) p.set(random.nextInt(p.size()), pick(List.of("x", "9", "-9", " 1", "+0", "")));
                }
                default -> {
                    // as found
                }
            }
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < p.size(); i++) {
                if (i > 0) out.append(',');
                out.append(Jsonb.escape(p.get(i)));
            }
            if (random.nextInt(15) == 0) out.append(p.isEmpty() ? "null" : ",null");
            return out.append(']').toString();
        }

        String key() {
            return keys.isEmpty() || random.nextInt(4) == 0 ? pick(List.of("a", "x", "")) : decoded(pick(keys));
        }

        private static String decoded(String jsonKey) {
            return ((JsonbValue.Str) Jsonb.parse('"' + jsonKey + '"')).value();
        }
    }
}
