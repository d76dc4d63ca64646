package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What DuckDB reports when one of the functions fails, and how the PostgreSQL error is read back. */
class PgFunctionErrorTest {
    private Connection duck;

    @BeforeEach
    void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        PgFunctions.register(duck);
    }

    @AfterEach
    void close() throws SQLException {
        duck.close();
    }

    private SQLException failure(String sql) {
        try (Statement st = duck.createStatement()) {
            st.executeQuery(sql).close();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no error from " + sql);
    }

    @Test
    void duckDbReportsAnInvalidInputErrorWhoseTextStartsWithTheMarkerAndSqlState() {
        SQLException e = failure("SELECT pg_to_date('2021-02-30', 'YYYY-MM-DD')");
        assertThat(e.getMessage())
                .isEqualTo("Invalid Input Error: [pgwire:22008] date/time field value out of range: \"2021-02-30\"\n");
    }

    @Test
    void anErrorRaisedWhileReadingRowsLooksTheSame() {
        SQLException e = failure("SELECT pg_to_char(x, 'Month') FROM (VALUES (CAST('1 year' AS VARCHAR))) t(x)"
                .replace("pg_to_char(", "pg_to_char_interval("));
        assertThat(e.getMessage()).isEqualTo("Invalid Input Error: [pgwire:22007] invalid format specification for an "
                + "interval value\n[pgwire:hint] Intervals are not tied to specific calendar dates.\n");
    }

    @Test
    void withErrorsAsJsonTheMarkedTextIsTheExceptionMessage() throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute("SET errors_as_json = true");
        }
        SQLException e = failure("SELECT pg_to_number('1', '9.9EEEE')");
        assertThat(e.getMessage()).isEqualTo("{\"exception_type\":\"Invalid Input\",\"exception_message\":"
                + "\"[pgwire:0A000] \\\"EEEE\\\" not supported for input\\n\"}");
        PgException pg = PgFunctionError.decode(e.getMessage()).orElseThrow();
        assertThat(pg.sqlState()).isEqualTo("0A000");
        assertThat(pg.getMessage()).isEqualTo("\"EEEE\" not supported for input");
    }

    @Test
    void decodeGivesBackSqlStateMessageDetailAndHint() {
        SQLException e = failure("SELECT pg_to_date('2020-1', 'YYYY-MMDD')");
        PgException pg = PgFunctionError.decode(e.getMessage()).orElseThrow();
        assertThat(pg.sqlState()).isEqualTo("22007");
        assertThat(pg.getMessage()).isEqualTo("source string too short for \"MM\" formatting field");
        assertThat(pg.detail()).isEqualTo("Field requires 2 characters, but only 1 remain.");
        assertThat(pg.hint()).isEqualTo("If your source string is not fixed-width, try using the \"FM\" modifier.");
    }

    @Test
    void aMessageWithLineBreaksSurvivesTheTrip() {
        PgException original = new PgException("22007", "invalid value \"a\nb\" for \"YYYY\"").withDetail("Value must be an integer.");
        PgException back = PgFunctionError.decode("Invalid Input Error: " + PgFunctionError.encode(original) + "\n").orElseThrow();
        assertThat(back.getMessage()).isEqualTo(original.getMessage());
        assertThat(back.detail()).isEqualTo("Value must be an integer.");
        assertThat(back.hint()).isNull();
    }

    @Test
    void otherDuckDbErrorsAreNotFunctionErrors() {
        SQLException e = failure("SELECT pg_no_such_function(1)");
        assertThat(PgFunctionError.decode(e.getMessage())).isEmpty();
        assertThat(PgFunctionError.decode(null)).isEmpty();
    }

    @Test
    void aBugInAFunctionIsAnInternalErrorInTheSameForm() {
        // PgInterval.parse refuses text that is no interval: the translator never passes such text
        SQLException e = failure("SELECT pg_justify_days('soon')");
        PgException pg = PgFunctionError.decode(e.getMessage()).orElseThrow();
        assertThat(pg.sqlState()).isEqualTo("XX000");
        assertThat(pg.getMessage()).startsWith("internal error in pg_justify_days: ");
        assertThatThrownBy(() -> PgInterval.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
