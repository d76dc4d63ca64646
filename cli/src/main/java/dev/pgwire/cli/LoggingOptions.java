package dev.pgwire.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.Set;

/** {@code --log-level}: shared by the commands that run a server. */
final class LoggingOptions {
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Level level;

    @Option(names = "--log-level", paramLabel = "LEVEL", order = 1000,
            description = "Level of pgwire's own log messages on stderr: trace, debug, info (default), warn, error or off.")
    void setLevel(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new ParameterException(spec.commandLine(),
                    "invalid --log-level '" + name + "': use trace, debug, info, warn, error or off");
        }
        level = Level.toLevel(upper);
    }

    /** Sets the level of the {@code dev.pgwire} loggers, if one was given. */
    void apply() {
        if (level != null && LoggerFactory.getLogger("dev.pgwire") instanceof Logger logger) {
            logger.setLevel(level);
        }
    }
}
