package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.functions.FunctionCase.Arg;
import dev.pgwire.serve.functions.FunctionCase.Kind;
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
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every case of the function corpus ({@code *.cases} next to this class) runs on a throwaway
 * PostgreSQL 15 and, through the registered {@code pg_*} functions, on an in-memory DuckDB; the
 * outcomes must be the same text: the value (arrays as PostgreSQL prints them, intervals as
 * months/days/microseconds, timestamps as epoch microseconds) or the error's SQLSTATE, message,
 * detail and hint.
 *
 * <p>Arguments reach DuckDB the way the translator is to pass them: timestamps as DuckDB
 * timestamps, intervals through {@code CAST(interval AS VARCHAR)}, bytea through {@code hex()},
 * text[] through {@code to_json()}, numeric and format()'s arguments as their PostgreSQL text.
 */
class PgFunctionsDifferentialTest {
    private static final List<String> CORPUS = List.of("datetime.cases", "numbers.cases", "strings.cases",
            "regex.cases", "matrix.cases", "regression.cases");

    /** Every case with PostgreSQL's outcome, written to {@code target/pg-functions-cases.txt} for reading. */
    private static final Path REPORT = Path.of("target", "pg-functions-cases.txt");
    private static final List<String> report = new ArrayList<>();

    private static PgCluster postgres;
    private static Connection pg;
    private static Connection duck;
    private static String pgZone = "";

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
        List<FunctionCase> cases = new ArrayList<>();
        for (String file : CORPUS) cases.addAll(FunctionCase.read(file));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            String expected = postgresOutcome(c);
            String actual = duckDbOutcome(c);
            synchronized (report) {
                report.add(c + "\n    " + expected.replace("\n", "\n    "));
            }
            assertEquals(expected, actual, c + "\nDuckDB: " + duckDbSql(c));
        }));
    }

    // ---- PostgreSQL ----

    private enum Result { TEXT, TEXT_ARRAY, SET_OF_TEXT_ARRAYS, INTERVAL, DATE, TIMESTAMPTZ, BYTEA }

    private static Result result(FunctionCase c) {
        return switch (c.function()) {
            case "regexp_match", "regexp_split_to_array", "string_to_array" -> Result.TEXT_ARRAY;
            case "regexp_matches" -> Result.SET_OF_TEXT_ARRAYS;
            case "justify_days", "justify_hours", "justify_interval", "make_interval" -> Result.INTERVAL;
            case "to_date" -> Result.DATE;
            case "to_timestamp" -> Result.TIMESTAMPTZ;
            case "decode" -> Result.BYTEA;
            default -> Result.TEXT;
        };
    }

    private static void usePgZone(String zone) throws SQLException {
        if (!zone.equals(pgZone)) {
            try (Statement st = pg.createStatement()) {
                st.execute("SET TIME ZONE '" + zone + "'");
            }
            pgZone = zone;
        }
    }

    private static String postgresOutcome(FunctionCase c) throws SQLException {
        usePgZone(c.zone());
        String sql = switch (result(c)) {
            case SET_OF_TEXT_ARRAYS -> "SELECT m::text FROM " + c.sql() + " AS m";
            case TIMESTAMPTZ -> "SELECT (extract(epoch FROM " + c.sql() + ") * 1000000)::bigint::text";
            case BYTEA -> "SELECT encode(" + c.sql() + ", 'hex')";
            default -> "SELECT (" + c.sql() + ")::text";
        };
        try {
            List<String> rows = rows(pg, sql);
            if (result(c) == Result.SET_OF_TEXT_ARRAYS) return String.join("\n", rows);
            String v = rows.get(0);
            return v != null && result(c) == Result.INTERVAL ? canonicalInterval(v) : show(v);
        } catch (PSQLException e) {
            ServerErrorMessage m = e.getServerErrorMessage();
            if (m == null) throw e;
            return error(m.getSQLState(), m.getMessage(), m.getDetail(), m.getHint());
        }
    }

    private static String pgText(String expression) throws SQLException {
        return rows(pg, "SELECT (" + expression + ")::text").get(0);
    }

    // ---- DuckDB ----

    private static String duckDbOutcome(FunctionCase c) throws SQLException {
        String sql = duckDbSql(c);
        try {
            if (result(c) == Result.SET_OF_TEXT_ARRAYS) {
                List<String> out = new ArrayList<>();
                try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) out.add(pgArray(rs.getArray(1)));
                }
                return String.join("\n", out);
            }
            try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                if (result(c) == Result.TEXT_ARRAY) return show(pgArray(rs.getArray(1)));
                String v = rs.getString(1);
                if (v == null) return show(null);
                return switch (result(c)) {
                    case INTERVAL -> canonicalInterval(v);
                    case DATE -> v.replace(" (BC)", " BC");
                    default -> v;
                };
            }
        } catch (SQLException e) {
            Optional<PgException> pgError = PgFunctionError.decode(e.getMessage());
            if (pgError.isEmpty()) return "DUCKDB ERROR: " + e.getMessage();
            PgException p = pgError.get();
            return error(p.sqlState(), p.getMessage(), p.detail(), p.hint());
        }
    }

    private static String duckDbSql(FunctionCase c) throws SQLException {
        String call = duckDbCall(c);
        return switch (result(c)) {
            case TEXT_ARRAY -> "SELECT CAST(CAST(" + call + " AS JSON) AS VARCHAR[])";
            case SET_OF_TEXT_ARRAYS -> "SELECT unnest(CAST(CAST(" + call + " AS JSON) AS VARCHAR[][]))";
            case INTERVAL -> "SELECT CAST(CAST(" + call + " AS INTERVAL) AS VARCHAR)";
            case DATE -> "SELECT CAST(" + call + " AS VARCHAR)";
            case TIMESTAMPTZ -> "SELECT CAST(epoch_us(" + call + ") AS VARCHAR)";
            case BYTEA -> "SELECT lower(hex(unhex(" + call + ")))";
            default -> "SELECT CAST(" + call + " AS VARCHAR)";
        };
    }

    private static String duckDbCall(FunctionCase c) throws SQLException {
        List<Arg> a = c.args();
        String zone = literal(c.zone());
        switch (c.function()) {
            case "to_char": {
                Kind k = a.get(0).kind();
                String v = arg(a.get(0));
                String f = arg(a.get(1));
                return switch (k) {
                    case TIMESTAMPTZ, DATE -> "pg_to_char(" + v + ", " + f + ", " + zone + ")";
                    case INTERVAL -> "pg_to_char_interval(" + v + ", " + f + ")";
                    case NUMERIC -> "pg_to_char_numeric(" + v + ", " + f + ")";
                    default -> "pg_to_char(" + v + ", " + f + ")";
                };
            }
            case "to_timestamp":
                return "pg_to_timestamp(" + arg(a.get(0)) + ", " + arg(a.get(1)) + ", " + zone + ")";
            case "width_bucket": {
                boolean numeric = a.subList(0, 3).stream().anyMatch(x -> x.kind() == Kind.NUMERIC);
                List<String> args = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Arg x = a.get(i);
                    if (numeric) args.add(x.isNull() ? "CAST(NULL AS VARCHAR)" : literal(pgText(x.sql())));
                    else args.add(x.isNull() ? "CAST(NULL AS DOUBLE)" : "CAST(" + literal(pgText(x.sql())) + " AS DOUBLE)");
                }
                args.add(arg(a.get(3)));
                return (numeric ? "pg_width_bucket_numeric(" : "pg_width_bucket(") + String.join(", ", args) + ")";
            }
            case "make_interval": {
                List<String> names = List.of("years", "months", "weeks", "days", "hours", "mins", "secs");
                String[] values = {"0", "0", "0", "0", "0", "0", "0"};
                for (int i = 0; i < a.size(); i++) {
                    Arg x = a.get(i);
                    int at = x.name() != null ? names.indexOf(x.name()) : i;
                    values[at] = x.isNull() ? "NULL" : literal(pgText(x.sql()));
                }
                StringBuilder s = new StringBuilder("pg_make_interval(");
                for (int i = 0; i < 7; i++) {
                    if (i > 0) s.append(", ");
                    s.append("CAST(").append(values[i]).append(i == 6 ? " AS DOUBLE)" : " AS INTEGER)");
                }
                return s.append(')').toString();
            }
            case "format": {
                StringBuilder s = new StringBuilder("pg_format(").append(arg(a.get(0)));
                for (Arg x : a.subList(1, a.size())) {
                    // the argument's text output (format('%s') prints it with the type's output function)
                    String text = x.isNull() ? null : rows(pg, "SELECT format('%s', " + x.sql() + ")").get(0);
                    s.append(", ").append(text == null ? "CAST(NULL AS VARCHAR)" : literal(text));
                }
                return s.append(')').toString();
            }
            default: {
                String name = c.function().equals("substring") ? "pg_substring" : "pg_" + c.function();
                List<String> args = new ArrayList<>();
                for (Arg x : a) args.add(arg(x));
                return name + "(" + String.join(", ", args) + ")";
            }
        }
    }

    /** An argument as the translator passes it to DuckDB. */
    private static String arg(Arg a) throws SQLException {
        if (a.isNull()) {
            return "CAST(NULL AS " + switch (a.kind()) {
                case INT4 -> "INTEGER";
                case INT8 -> "BIGINT";
                case FLOAT4 -> "FLOAT";
                case FLOAT8 -> "DOUBLE";
                case TIMESTAMP -> "TIMESTAMP";
                case TIMESTAMPTZ -> "TIMESTAMPTZ";
                case DATE -> "DATE";
                default -> "VARCHAR";
            } + ")";
        }
        return switch (a.kind()) {
            case TEXT -> literal(a.text());
            case BOOL -> "CAST(" + a.text() + " AS BOOLEAN)";
            case INT4 -> "CAST(" + a.text() + " AS INTEGER)";
            case INT8 -> "CAST(" + a.text() + " AS BIGINT)";
            case NUMERIC -> literal(pgText(a.sql()));
            case FLOAT4 -> "CAST(" + literal(pgText(a.sql())) + " AS FLOAT)";
            case FLOAT8 -> "CAST(" + literal(pgText(a.sql())) + " AS DOUBLE)";
            case TIMESTAMP, TIMESTAMPTZ -> {
                String micros = pgText("CASE WHEN isfinite(" + a.sql() + ") THEN (extract(epoch FROM " + a.sql()
                        + ") * 1000000)::bigint::text ELSE (" + a.sql() + ")::text END");
                String type = a.kind() == Kind.TIMESTAMP ? "TIMESTAMP" : "TIMESTAMPTZ";
                yield micros.contains("infinity") ? "CAST(" + literal(micros) + " AS " + type + ")"
                        : "CAST(make_timestamp(CAST(" + micros + " AS BIGINT)) AS " + type + ")";
            }
            case DATE -> {
                String days = pgText("CASE WHEN isfinite(" + a.sql() + ") THEN (" + a.sql()
                        + " - date '1970-01-01')::text ELSE (" + a.sql() + ")::text END");
                yield days.contains("infinity") ? "CAST(" + literal(days) + " AS DATE)"
                        : "CAST(CAST('1970-01-01' AS DATE) + CAST(" + days + " AS INTEGER) AS DATE)";
            }
            case INTERVAL -> {
                List<String> parts = row(pg, "SELECT (extract(year FROM x) * 12 + extract(month FROM x))::int::text, "
                        + "extract(day FROM x)::int::text, (extract(hour FROM x) * 3600000000 + extract(minute FROM x) "
                        + "* 60000000 + extract(microseconds FROM x))::bigint::text FROM (SELECT " + a.sql() + " AS x) t");
                yield "CAST(to_months(CAST(" + parts.get(0) + " AS INTEGER)) + to_days(CAST(" + parts.get(1)
                        + " AS INTEGER)) + to_microseconds(CAST(" + parts.get(2) + " AS BIGINT)) AS VARCHAR)";
            }
            case BYTEA -> "hex(unhex(" + literal(pgText("encode(" + a.sql() + ", 'hex')")) + "))";
            case TEXT_ARRAY -> {
                String json = pgText("to_json(" + a.sql() + ")");
                yield json.startsWith("[[") ? literal(json)
                        : "CAST(to_json(CAST(CAST(" + literal(json) + " AS JSON) AS VARCHAR[])) AS VARCHAR)";
            }
        };
    }

    // ---- common ----

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static List<String> row(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getString(i));
            return out;
        }
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String show(String v) {
        return v == null ? "<NULL>" : v;
    }

    private static String error(String state, String message, String detail, String hint) {
        return "ERROR " + state + ": " + message + (detail == null ? "" : "\nDETAIL: " + detail)
                + (hint == null ? "" : "\nHINT: " + hint);
    }

    private static String canonicalInterval(String text) {
        PgInterval i = PgInterval.parse(text);
        return i.months() + " months " + i.days() + " days " + i.micros() + " us";
    }

    /** A list as PostgreSQL prints a text[]. */
    static String pgArray(Array array) throws SQLException {
        if (array == null) return null;
        Object[] items = (Object[]) array.getArray();
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) s.append(',');
            s.append(arrayElement((String) items[i]));
        }
        return s.append('}').toString();
    }

    private static String arrayElement(String e) {
        if (e == null) return "NULL";
        boolean quote = e.isEmpty() || e.equalsIgnoreCase("NULL");
        for (int i = 0; i < e.length() && !quote; i++) {
            char c = e.charAt(i);
            quote = "{}\",\\".indexOf(c) >= 0 || c == ' ' || (c >= '\t' && c <= '\r');
        }
        if (!quote) return e;
        return '"' + e.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

}
