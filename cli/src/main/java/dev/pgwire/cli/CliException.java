package dev.pgwire.cli;

/**
 * A failure the user can act on (an unreadable file, a port in use): printed as one line, without
 * a stack trace, and the command exits with 1.
 */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
