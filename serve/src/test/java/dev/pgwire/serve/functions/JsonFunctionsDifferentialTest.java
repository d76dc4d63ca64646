package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.functions.JsonCase.Arg;
import dev.pgwire.serve.functions.JsonCase.Kind;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every case of the json corpus ({@code json.cases}, {@code jsonb.cases}) runs on a throwaway
 * PostgreSQL 15 and, through the registered {@code pg_*} functions, on an in-memory DuckDB; the
 * outcomes must be the same text: the value, the rows of a set-returning function, or the error's
 * SQLSTATE, message, detail and hint.
 *
 * <p>Arguments reach DuckDB the way the translator passes them: json and jsonb as the JSON text
 * written, text[] through {@code to_json()}, the values of the build functions as their JSON text
 * ({@code to_json(value)}) and their keys as text, dates and timestamps as DuckDB's text of them,
 * a timestamptz as the value with the session time zone, floating-point numbers as DuckDB's values.
 */
class JsonFunctionsDifferentialTest {
    private static final List<String> CORPUS = List.of("json.cases", "jsonb.cases");
    private static final Path REPORT = Path.of("target", "pg-json-cases.txt");
    private static final List<String> report = new ArrayList<>();

    private static PgCluster postgres;
    private static Connection pg;
    private static Connection duck;
    private static String zone = "";

    /** The parameter kinds of a function: J json, B jsonb, T text, A text[], I integer, L boolean. */
    private record Signature(String duckDb, String params, Rows rows) {}

    private enum Rows { ONE, SET, PAIRS }

    private static final Map<String, Signature> FUNCTIONS = Map.ofEntries(
            entry("literal", new Signature("pg_jsonb_out", "B", Rows.ONE)),
            entry("jsonb_text", new Signature("pg_jsonb_text", "B", Rows.ONE)),
            entry("jsonb_cmp", new Signature("pg_jsonb_cmp", "BB", Rows.ONE)),
            entry("jsonb_set", new Signature("pg_jsonb_set", "BABL", Rows.ONE)),
            entry("jsonb_set_lax", new Signature("pg_jsonb_set_lax", "BABLT", Rows.ONE)),
            entry("jsonb_insert", new Signature("pg_jsonb_insert", "BABL", Rows.ONE)),
            entry("jsonb_strip_nulls", new Signature("pg_jsonb_strip_nulls", "B", Rows.ONE)),
            entry("json_strip_nulls", new Signature("pg_json_strip_nulls", "J", Rows.ONE)),
            entry("jsonb_pretty", new Signature("pg_jsonb_pretty", "B", Rows.ONE)),
            entry("jsonb_typeof", new Signature("pg_jsonb_typeof", "B", Rows.ONE)),
            entry("json_typeof", new Signature("pg_json_typeof", "J", Rows.ONE)),
            entry("jsonb_array_length", new Signature("pg_jsonb_array_length", "B", Rows.ONE)),
            entry("json_array_length", new Signature("pg_json_array_length", "J", Rows.ONE)),
            entry("jsonb_build_object", new Signature("pg_jsonb_build_object", "*", Rows.ONE)),
            entry("json_build_object", new Signature("pg_json_build_object", "*", Rows.ONE)),
            entry("jsonb_build_array", new Signature("pg_jsonb_build_array", "*", Rows.ONE)),
            entry("json_build_array", new Signature("pg_json_build_array", "*", Rows.ONE)),
            entry("json_object_keys", new Signature("pg_json_object_keys", "J", Rows.SET)),
            entry("jsonb_object_keys", new Signature("pg_jsonb_object_keys", "B", Rows.SET)),
            entry("json_array_elements", new Signature("pg_json_array_elements", "J", Rows.SET)),
            entry("json_array_elements_text", new Signature("pg_json_array_elements_text", "J", Rows.SET)),
            entry("jsonb_array_elements", new Signature("pg_jsonb_array_elements", "B", Rows.SET)),
            entry("jsonb_array_elements_text", new Signature("pg_jsonb_array_elements_text", "B", Rows.SET)),
            entry("json_each", new Signature("pg_json_each", "J", Rows.PAIRS)),
            entry("json_each_text", new Signature("pg_json_each_text", "J", Rows.PAIRS)),
            entry("jsonb_each", new Signature("pg_jsonb_each", "B", Rows.PAIRS)),
            entry("jsonb_each_text", new Signature("pg_jsonb_each_text", "B", Rows.PAIRS)));

    /** Operators by left type, operator and right kind. */
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            entry("J->T", "pg_json_object_field"), entry("J->I", "pg_json_array_element"),
            entry("J->>T", "pg_json_object_field_text"), entry("J->>I", "pg_json_array_element_text"),
            entry("J#>A", "pg_json_extract_path"), entry("J#>>A", "pg_json_extract_path_text"),
            entry("B->T", "pg_jsonb_object_field"), entry("B->I", "pg_jsonb_array_element"),
            entry("B->>T", "pg_jsonb_object_field_text"), entry("B->>I", "pg_jsonb_array_element_text"),
            entry("B#>A", "pg_jsonb_extract_path"), entry("B#>>A", "pg_jsonb_extract_path_text"),
            entry("B||B", "pg_jsonb_concat"), entry("B-T", "pg_jsonb_delete"), entry("B-I", "pg_jsonb_delete"),
            entry("B-A", "pg_jsonb_delete_array"), entry("B#-A", "pg_jsonb_delete_path"),
            entry("B@>B", "pg_jsonb_contains"), entry("B<@B", "pg_jsonb_contained"),
            entry("B?T", "pg_jsonb_exists"), entry("B?|A", "pg_jsonb_exists_any"), entry("B?&A", "pg_jsonb_exists_all"));

    /** The right operand's kind when the case leaves it a bare string. */
    private static final Map<String, Character> UNTYPED_RIGHT = Map.ofEntries(
            entry("->", 'T'), entry("->>", 'T'), entry("#>", 'A'), entry("#>>", 'A'), entry("#-", 'A'),
            entry("||", 'B'), entry("@>", 'B'), entry("<@", 'B'), entry("-", 'T'), entry("?", 'T'),
            entry("?|", 'A'), entry("?&", 'A'));

    @BeforeAll
    static void start() throws SQLException {
        postgres = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
        pg = DriverManager.getConnection(postgres.jdbcUrl("postgres") + "?sslmode=disable", "postgres", "");
        duck = DriverManager.getConnection("jdbc:duckdb:");
        PgFunctions.register(duck);
        try (Statement st = duck.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
        }
    }

    @AfterAll
    static void stop() throws SQLException, IOException {
        Files.createDirectories(REPORT.getParent());
        Files.write(REPORT, report, StandardCharsets.UTF_8);
        if (duck != null) duck.close();
        if (pg != null) pg.close();
        if (postgres != null) postgres.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseAgreesWithPostgreSql() throws Exception {
        List<JsonCase> cases = new ArrayList<>();
        for (String file : CORPUS) cases.addAll(JsonCase.read(file));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            usePgZone(c.zone());
            String expected = outcome(pg, postgresSql(c));
            String duckDbSql = duckDbSql(c);
            String actual = outcome(duck, duckDbSql);
            synchronized (report) {
                report.add(c + "\n    " + expected.replace("\n", "\n    "));
            }
            assertEquals(expected, actual, c + "\nDuckDB: " + duckDbSql);
        }));
    }

    // ---- PostgreSQL ----

    private static void usePgZone(String z) throws SQLException {
        if (z.equals(zone)) return;
        try (Statement st = pg.createStatement()) {
            st.execute("SET TIME ZONE '" + z + "'");
        }
        zone = z;
    }

    private static String postgresSql(JsonCase c) {
        if (c.isQuery()) return c.sql();
        if (c.isOperator()) {
            Arg l = c.args().get(0);
            Arg r = c.args().get(1);
            String left = l.kind() == Kind.UNKNOWN ? l.sql() + "::jsonb" : l.sql();
            // pgjdbc reads ? as a parameter marker, so the key tests go by their function names
            String expr = switch (c.name()) {
                case "?" -> "jsonb_exists(" + left + ", " + r.sql() + ")";
                case "?|" -> "jsonb_exists_any(" + left + ", " + r.sql() + ")";
                case "?&" -> "jsonb_exists_all(" + left + ", " + r.sql() + ")";
                default -> left + " " + c.name() + " " + r.sql();
            };
            return "SELECT (" + expr + ")::text";
        }
        String call = switch (c.name()) {
            case "literal" -> c.args().get(0).sql() + (c.args().get(0).kind() == Kind.UNKNOWN ? "::jsonb" : "");
            case "jsonb_text" -> "(" + c.args().get(0).sql() + "::jsonb #>> '{}')";
            case "jsonb_cmp" -> "sign(" + c.sql() + ")";
            default -> c.sql();
        };
        Signature sig = signature(c);
        return switch (sig == null ? Rows.ONE : sig.rows()) {
            case ONE -> "SELECT (" + call + ")::text";
            case SET -> "SELECT (x)::text FROM " + call + " AS x";
            case PAIRS -> "SELECT key, (value)::text FROM " + call;
        };
    }

    private static Signature signature(JsonCase c) {
        if (c.name().equals("to_json") || c.name().equals("to_jsonb")) return null;
        Signature sig = FUNCTIONS.get(c.name());
        if (sig == null && !c.isOperator()) throw new IllegalArgumentException("no DuckDB function for " + c);
        return sig;
    }

    // ---- DuckDB ----

    private static String duckDbSql(JsonCase c) throws SQLException {
        if (c.isQuery()) return c.duckDbQuery();
        if (c.isOperator()) {
            Arg l = c.args().get(0);
            Arg r = c.args().get(1);
            char left = l.kind() == Kind.JSON ? 'J' : 'B';
            char right = switch (r.kind()) {
                case UNKNOWN -> UNTYPED_RIGHT.get(c.name());
                case INT -> 'I';
                case TEXT_ARRAY -> 'A';
                case JSONB, JSON -> 'B';
                default -> 'T';
            };
            String function = OPERATORS.get("" + left + c.name() + right);
            if (function == null) throw new IllegalArgumentException("no DuckDB function for " + c);
            return "SELECT CAST(" + function + "(" + arg(l, left) + ", " + arg(r, right) + ") AS VARCHAR)";
        }
        if (signature(c) == null) {
            // to_jsonb is to_json read as jsonb: a float's 1e+20 becomes the numeric 100000000000000000000
            String json = toJson(c.args().get(0));
            return c.name().equals("to_jsonb") ? "SELECT pg_jsonb_out((" + json + "))" : json;
        }
        Signature sig = signature(c);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Arg a = c.args().get(i);
            if (sig.params().equals("*")) {
                boolean key = c.name().endsWith("object") && i % 2 == 0;
                args.add(buildArgument(a, key));
            } else {
                args.add(arg(a, sig.params().charAt(i)));
            }
        }
        String call = sig.duckDb() + "(" + String.join(", ", args) + ")";
        if (c.name().equals("jsonb_cmp")) {
            // jsonb_cmp and the order of the sort keys must agree
            return "SELECT CASE WHEN c = k THEN CAST(c AS VARCHAR) ELSE 'jsonb_cmp ' || c || ', sort keys ' || k END "
                    + "FROM (SELECT " + call + " AS c, CAST(ka > kb AS INTEGER) - CAST(ka < kb AS INTEGER) AS k "
                    + "FROM (SELECT pg_jsonb_sort_key(" + args.get(0) + ") AS ka, pg_jsonb_sort_key(" + args.get(1)
                    + ") AS kb))";
        }
        return switch (sig.rows()) {
            case ONE -> "SELECT CAST(" + call + " AS VARCHAR)";
            case SET -> "SELECT unnest(CAST(CAST(" + call + " AS JSON) AS VARCHAR[]))";
            case PAIRS -> "SELECT key, value FROM (SELECT unnest(CAST(CAST(" + call
                    + " AS JSON) AS STRUCT(key VARCHAR, value VARCHAR)[]), recursive := true))";
        };
    }

    /** An argument of parameter kind {@code param} as the translator passes it. */
    private static String arg(Arg a, char param) throws SQLException {
        String type = switch (param) {
            case 'I' -> "INTEGER";
            case 'L' -> "BOOLEAN";
            default -> "VARCHAR";
        };
        if (a.isNull()) return "CAST(NULL AS " + type + ")";
        return switch (param) {
            case 'I', 'L' -> "CAST(" + a.text() + " AS " + type + ")";
            case 'A' -> literal(pgText("to_json((" + a.sql() + ")::text[])"));
            default -> literal(a.text());
        };
    }

    /** A value of the build functions as its JSON text, a key as its text. */
    private static String buildArgument(Arg a, boolean key) throws SQLException {
        if (a.isNull()) return "CAST(NULL AS VARCHAR)";
        String value = a.kind() == Kind.UNKNOWN ? "(" + a.sql() + ")::text" : a.sql();
        return literal(pgText(key ? value + "::text" : "to_json(" + value + ")"));
    }

    /** to_json of a float, date, timestamp or timestamptz, from DuckDB's value. */
    private static String toJson(Arg a) throws SQLException {
        if (a.isNull()) return "CAST(NULL AS VARCHAR)";
        if (a.kind() == Kind.FLOAT4 || a.kind() == Kind.FLOAT8) {
            String text = literal(pgText(a.sql()));
            return a.kind() == Kind.FLOAT4 ? "SELECT pg_to_json_float4(CAST(" + text + " AS FLOAT))"
                    : "SELECT pg_to_json_float8(CAST(" + text + " AS DOUBLE))";
        }
        String special = pgText("CASE WHEN isfinite(" + a.sql() + ") THEN NULL ELSE (" + a.sql() + ")::text END");
        String value;
        if (a.kind() == Kind.DATE) {
            value = special != null ? "CAST('" + special + "' AS DATE)"
                    : "CAST(CAST('1970-01-01' AS DATE) + CAST(" + pgText("(" + a.sql() + " - date '1970-01-01')::text")
                    + " AS INTEGER) AS DATE)";
            return "SELECT pg_to_json_date(CAST(" + value + " AS VARCHAR))";
        }
        value = special != null ? "CAST('" + special + "' AS TIMESTAMP)"
                : "make_timestamp(CAST(" + pgText("(extract(epoch FROM " + a.sql() + ") * 1000000)::bigint::text")
                + " AS BIGINT))";
        if (a.kind() == Kind.TIMESTAMPTZ) {
            return "SELECT pg_to_json_timestamptz(CAST(" + value + " AS TIMESTAMPTZ), " + literal(zone) + ")";
        }
        return "SELECT pg_to_json_timestamp(CAST(" + value + " AS VARCHAR))";
    }

    // ---- common ----

    private static String pgText(String expression) throws SQLException {
        try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery("SELECT (" + expression + ")::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The rows of {@code sql}, columns joined by " | " and rows by line breaks, or the error. */
    private static String outcome(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) row.append(" | ");
                    String v = rs.getString(i);
                    row.append(v == null ? "<NULL>" : v);
                }
                rows.add(row.toString());
            }
            return rows.isEmpty() ? "<no rows>" : String.join("\n", rows);
        } catch (PSQLException e) {
            ServerErrorMessage m = e.getServerErrorMessage();
            if (m == null) throw e;
            return error(m.getSQLState(), m.getMessage(), m.getDetail(), m.getHint());
        } catch (SQLException e) {
            Optional<PgException> pgError = PgFunctionError.decode(e.getMessage());
            if (pgError.isEmpty()) return "DUCKDB ERROR: " + e.getMessage();
            PgException p = pgError.get();
            return error(p.sqlState(), p.getMessage(), p.detail(), p.hint());
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String error(String state, String message, String detail, String hint) {
        return "ERROR " + state + ": " + message + (detail == null ? "" : "\nDETAIL: " + detail)
                + (hint == null ? "" : "\nHINT: " + hint);
    }
}
