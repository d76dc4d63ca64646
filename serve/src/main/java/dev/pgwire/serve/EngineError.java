package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error raised inside a function serve runs in DuckDB. DuckDB reports a function's exception
 * by its text only, so the SQLSTATE travels in it — {@code pgwire:22012: division by zero} — and
 * {@link ErrorMapper} reads it back.
 */
final class EngineError extends RuntimeException {
    private static final Pattern TEXT = Pattern.compile("pgwire:([0-9A-Z]{5}): ([^\\n]*)");

    private final String sqlState;

    EngineError(PgException e) {
        super(e.getMessage(), null, false, false);
        this.sqlState = e.sqlState();
    }

    @Override
    public String toString() {
        return "pgwire:" + sqlState + ": " + getMessage();
    }

    /** Runs a function's body, turning its PgException into an error DuckDB passes on. */
    static <T> T guard(Supplier<T> body) {
        try {
            return body.get();
        } catch (PgException e) {
            throw new EngineError(e);
        }
    }

    /** The PostgreSQL error inside DuckDB's report of a failed function, or null. */
    static PgException from(String duckDbMessage) {
        if (duckDbMessage == null) return null;
        Matcher m = TEXT.matcher(duckDbMessage);
        return m.find() ? new PgException(m.group(1), m.group(2)) : null;
    }
}
