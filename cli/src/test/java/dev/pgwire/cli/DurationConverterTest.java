package dev.pgwire.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "30sec, PT30S", "5m, PT5M", "5min, PT5M", "2h, PT2H", "1d, PT24H",
            "PT90S, PT1M30S", "0, PT0S", "' 10 s ', PT10S"})
    void readsPostgresAndIsoSpellings(String text, String expected) {
        assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "abc", "5 weeks", "-5s", "PTX", "99999999999999999999s"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + text + "' is not a duration");
    }
}
