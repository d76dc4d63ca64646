package dev.pgwire.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as PostgreSQL settings write them ({@code 500ms}, {@code 30s}, {@code 5min},
 * {@code 5m}, {@code 2h}, {@code 1d}) or in ISO-8601 ({@code PT30S}). A number needs its unit:
 * PostgreSQL's unit-less default differs from setting to setting, so guessing would surprise.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*(ms|s|sec|m|min|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("0")) return Duration.ZERO;
        Matcher m = AMOUNT.matcher(text);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw invalid(value);
            }
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s", "sec" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (text.startsWith("p")) {
            try {
                return Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        throw invalid(value);
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration; write a number with a unit, e.g. 500ms, 30s, 5m, 2h, 1d");
    }
}
