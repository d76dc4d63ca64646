package dev.pgwire.serve.functions;

import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the functions live in DuckDB: per database, overloaded by argument type, values crossing as text where needed. */
class RegistrationTest {
    private DuckDBConnection duck;

    @BeforeEach
    void open() throws SQLException {
        duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        PgFunctions.register(duck);
    }

    @AfterEach
    void close() throws SQLException {
        duck.close();
    }

    private static List<String> row(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getString(i));
            return out;
        }
    }

    @Test
    void everySignatureIsRegisteredOnceEvenWhenRegisteringAgain() throws SQLException {
        String names = PgFunctions.signatures().stream().map(sig -> "'" + sig.substring(0, sig.indexOf('(')) + "'")
                .distinct().reduce((a, b) -> a + ", " + b).orElseThrow();
        String count = "SELECT count(*) FROM duckdb_functions() WHERE function_type = 'scalar' AND function_name IN ("
                + names + ")";
        List<String> before = row(duck, count);
        PgFunctions.register(duck);
        assertThat(row(duck, count)).isEqualTo(before);
        assertThat(before.get(0)).isEqualTo(Integer.toString(PgFunctions.signatures().size()));
    }

    @Test
    void theFunctionsBelongToTheDatabaseSoEveryConnectionSeesThem() throws SQLException {
        try (Connection second = duck.duplicate()) {
            assertThat(row(second, "SELECT pg_initcap('hello world')")).containsExactly("Hello World");
        }
    }

    @Test
    void pgToCharPicksTheOverloadOfItsArgumentsType() throws SQLException {
        // numeric keeps 9.99's exponent and rounds the significand; the other types print through printf
        assertThat(row(duck, "SELECT pg_to_char(9.99, '9.9EEEE'), pg_to_char(CAST(9.99 AS DOUBLE), '9.9EEEE'), "
                + "pg_to_char(CAST(9.99 AS REAL), '9.9EEEE'), pg_to_char(42, '9.9EEEE'), pg_to_char(CAST(42 AS BIGINT), "
                + "'9.9EEEE'), pg_to_char(CAST(12 AS SMALLINT), '999')"))
                .containsExactly(" 10.0e+00", " 1.0e+01", " 1.0e+01", " 4.2e+01", " 4.2e+01", "  12");
        assertThat(row(duck, "SELECT pg_to_char(TIMESTAMP '2020-02-29 13:05', 'Dy HH12 AM'), "
                + "pg_to_char(TIMESTAMPTZ '2020-07-01 12:00:00+00', 'HH24 TZ', 'Europe/Paris'), "
                + "pg_to_char(DATE '2020-07-01', 'HH24 TZ', 'Europe/Paris')"))
                .containsExactly("Sat 01 PM", "14 CEST", "00 CEST");
    }

    @Test
    void manyRowsAcrossDuckDbsThreadsGetTheirOwnResults() throws SQLException {
        assertThat(row(duck, "SELECT count(DISTINCT pg_to_char(TIMESTAMP '2020-01-01' + to_minutes(i), "
                + "'YYYY-MM-DD HH24:MI')), count(DISTINCT pg_regexp_replace(CAST(i AS VARCHAR), '(\\d)$', 'x\\1')), "
                + "min(pg_to_char(i, 'FM999999th')) FROM range(100000) t(i)"))
                .containsExactly("100000", "100000", "0th");
    }

    @Test
    void infiniteTimestampsAndDatesFormatAsNull() throws SQLException {
        assertThat(row(duck, "SELECT pg_to_char(TIMESTAMP 'infinity', 'YYYY'), pg_to_char(TIMESTAMPTZ '-infinity', "
                + "'YYYY', 'UTC'), pg_to_char(DATE 'infinity', 'YYYY', 'UTC')")).containsExactly(null, null, null);
    }

    @Test
    void strictFunctionsGiveNullForNullButFormatAndQuoteNullableDoNot() throws SQLException {
        assertThat(row(duck, "SELECT pg_to_char(CAST(NULL AS INTEGER), '9'), pg_initcap(NULL), "
                + "pg_format('%s|%L', NULL, NULL), pg_quote_nullable(NULL), pg_string_to_array('a,b', NULL)"))
                .containsExactly(null, null, "|NULL", "NULL", "[\"a\",\",\",\"b\"]");
    }

    @Test
    void textArraysBecomeListsThroughJson() throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT CAST(CAST(pg_regexp_match('foobarbequebaz', '(bar)(x)?(beque)') AS JSON) AS VARCHAR[]), "
                        + "pg_array_to_string(CAST(to_json(['a', NULL, 'c\"d']) AS VARCHAR), '|', '*')")) {
            rs.next();
            Array a = rs.getArray(1);
            assertThat(Arrays.asList((Object[]) a.getArray())).containsExactly("bar", null, "beque");
            assertThat(rs.getString(2)).isEqualTo("a|*|c\"d");
        }
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT unnest(CAST(CAST(pg_regexp_matches('a1b22', '([a-z])(\\d+)', 'g') AS JSON) AS VARCHAR[][]))")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) rows.add(Arrays.toString((Object[]) rs.getArray(1).getArray()));
            assertThat(rows).containsExactly("[a, 1]", "[b, 22]");
        }
    }

    @Test
    void intervalsAndByteaCrossAsText() throws SQLException {
        assertThat(row(duck, "SELECT CAST(pg_justify_days(CAST(INTERVAL '35 days 10 hours' AS VARCHAR)) AS INTERVAL) "
                + "= INTERVAL '1 month 5 days 10 hours', CAST(pg_make_interval(1, 2, 3, 4, 5, 6, 7.5) AS INTERVAL), "
                + "pg_to_char_interval(CAST(INTERVAL '-1 day 02:03:04' AS VARCHAR), 'DD HH24:MI:SS')"))
                .containsExactly("true", "1 year 2 months 25 days 05:06:07.5", "-1 02:03:04");
        assertThat(row(duck, "SELECT pg_encode(hex(CAST('\\x00\\xFF\\x5C' AS BLOB)), 'escape'), "
                + "unhex(pg_decode('YWJj', 'base64')) = CAST('abc' AS BLOB)")).containsExactly("\\000\\377\\\\", "true");
    }

    @Test
    void toTimestampReturnsATimestamptzAndToDateADate() throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
        }
        assertThat(row(duck, "SELECT CAST(pg_to_timestamp('2020-07-01 12:00', 'YYYY-MM-DD HH24:MI', 'America/New_York') AS VARCHAR), "
                + "typeof(pg_to_timestamp('2020', 'YYYY', 'UTC')), pg_to_date('2020-060', 'YYYY-DDD'), "
                + "typeof(pg_to_date('2020', 'YYYY'))"))
                .containsExactly("2020-07-01 16:00:00+00", "TIMESTAMP WITH TIME ZONE", "2020-02-29", "DATE");
    }
}
