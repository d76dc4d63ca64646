package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.functions.PgFunctionError;

import java.util.function.Supplier;

/**
 * Errors raised inside the functions serve runs in DuckDB. DuckDB reports a function's exception
 * by its text only, so the SQLSTATE, detail and hint travel in it ({@link PgFunctionError}) and
 * {@link ErrorMapper} reads them back.
 */
final class EngineError {
    private EngineError() {}

    /** Runs a function's body, turning its PgException into an error DuckDB passes on. */
    static <T> T guard(Supplier<T> body) {
        try {
            return body.get();
        } catch (PgException e) {
            throw PgFunctionError.forDuckDb(e);
        }
    }

    /** The PostgreSQL error inside DuckDB's report of a failed function, or null. */
    static PgException from(String duckDbMessage) {
        return PgFunctionError.decode(duckDbMessage).orElse(null);
    }
}
