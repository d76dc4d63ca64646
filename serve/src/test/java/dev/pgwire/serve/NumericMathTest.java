package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** NumericMath gives PostgreSQL 15's text of sqrt, exp, ln, log and power of numeric (its outputs, recorded). */
class NumericMathTest {
    private static String of(String fn, String a, String b) {
        return NumericMath.apply(fn, new BigDecimal(a), b == null ? null : new BigDecimal(b)).toPlainString();
    }

    @Test
    void resultScalesAndDigitsAreThoseOfPostgres() {
        assertThat(of("sqrt", "2", null)).isEqualTo("1.414213562373095");
        assertThat(of("sqrt", "0", null)).isEqualTo("0.000000000000000");
        assertThat(of("sqrt", "0.0002", null)).isEqualTo("0.01414213562373095");
        assertThat(of("sqrt", "1E-20", null)).isEqualTo("0.0000000001000000000000000");
        assertThat(of("sqrt", "2.000000000000000000000000", null)).isEqualTo("1.414213562373095048801689");
        assertThat(of("sqrt", "12345678901234567890.123", null)).isEqualTo("3513641828.8201443");
        assertThat(of("exp", "1", null)).isEqualTo("2.7182818284590452");
        assertThat(of("exp", "10.5", null)).isEqualTo("36315.502674246638");
        assertThat(of("exp", "100", null)).isEqualTo("26881171418161354484126255515800135873611119");
        assertThat(of("exp", "-100", null)).isEqualTo("0.00000000000000000000000000000000000000000003720075976020836");
        assertThat(of("exp", "0.0001", null)).isEqualTo("1.0001000050001667");
        assertThat(of("ln", "0.5", null)).isEqualTo("-0.6931471805599453");
        assertThat(of("ln", "1", null)).isEqualTo("0.0000000000000000");
        assertThat(of("ln", "1E+30", null)).isEqualTo("69.077552789821371");
        assertThat(of("ln", "1.0001", null)).isEqualTo("0.00009999500033330834");
        assertThat(of("ln", "0.95", null)).isEqualTo("-0.051293294387550533");
        assertThat(of("ln", "12345.678", null)).isEqualTo("9.4210613212918320");
        assertThat(of("log10", "2", null)).isEqualTo("0.3010299956639812");
        assertThat(of("log10", "0.001", null)).isEqualTo("-3.0000000000000000");
        assertThat(of("log", "2", "1024")).isEqualTo("10.0000000000000000");
        assertThat(of("log", "10", "3")).isEqualTo("0.4771212547196624");
        assertThat(of("power", "2", "100")).isEqualTo("1267650600228229401496703205376.0000000000000000");
        assertThat(of("power", "10", "-3")).isEqualTo("0.0010000000000000");
        assertThat(of("power", "1.000001", "1000000")).isEqualTo("2.7182804693193769");
        assertThat(of("power", "9.99", "50.5")).isEqualTo("300647194393461009890893365296150665404047900761742.91");
        assertThat(of("power", "4", "0.5")).isEqualTo("2.0000000000000000");
        // the scale comes from power_var's low-precision estimate of 0.5 * ln(100): 1.0000000, not 0.99999…
        assertThat(of("power", "100", "0.5")).isEqualTo("10.000000000000000");
        assertThat(of("log", "1.0001", "2")).isEqualTo("6931.818373413795");
        assertThat(of("ln", "1E-10", null)).isEqualTo("-23.025850929940457");
        assertThat(of("ln", "22026.47", null)).isEqualTo("10.0000001909154615");
        assertThat(of("power", "-1.5", "3")).isEqualTo("-3.3750000000000000");
        assertThat(of("power", "1.5", "2.5")).isEqualTo("2.7556759606310754");
        assertThat(of("power", "0.1", "30")).isEqualTo("0.0000000000000000");
        assertThat(of("power", "0", "0")).isEqualTo("1.0000000000000000");
        assertThat(of("power", "0", "0.5")).isEqualTo("0.0000000000000000");
    }

    @ParameterizedTest(name = "{0}({1}, {2})")
    @CsvFileSource(resources = "/numeric/pg15-math.tsv", delimiter = '\t', nullValues = "")
    void answersAsPostgres15Did(String fn, String a, String b, String expected) {
        String actual = expected.startsWith("ERROR ") ? "ERROR " + state(fn, normal(a), normal(b)) : of(fn, normal(a), normal(b));
        assertThat(actual).isEqualTo(expected);
    }

    /** A numeric's text as PostgreSQL reads it: 1e100 has no decimals. */
    private static String normal(String text) {
        if (text == null) return null;
        BigDecimal v = new BigDecimal(text);
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    private static String state(String fn, String a, String b) {
        try {
            return "no error: " + of(fn, a, b);
        } catch (PgException e) {
            return e.sqlState();
        }
    }

    @Test
    void undefinedResultsAreErrorsWithPostgresStates() {
        assertThat(state("sqrt", "-1", null)).isEqualTo("2201F");
        assertThat(state("ln", "0", null)).isEqualTo("2201E");
        assertThat(state("log", "10", "-1")).isEqualTo("2201E");
        assertThat(state("log", "1", "10")).isEqualTo("22012");
        assertThat(state("power", "0", "-1")).isEqualTo("2201F");
        assertThat(state("power", "-8", "0.333")).isEqualTo("2201F");
        assertThat(state("exp", "6000", null)).isEqualTo("22003");
        assertThat(state("power", "10", "200000")).isEqualTo("22003");
    }
}
