package dev.pgwire.serve.plpgsql;

import java.util.List;

/**
 * What an inline code block needs of the session it runs in: statements run through serve's
 * whole path (translation, foreign keys, savepoint bookkeeping) in the session's transaction, and
 * subtransactions for blocks with an EXCEPTION clause. Every method throws
 * {@link dev.pgwire.protocol.PgException} on failure.
 */
public interface Executor {

    /**
     * A statement's outcome: its result columns (empty for a command), their PostgreSQL type names
     * as they can be written in a cast (null where there is none), the rows as text and the tag.
     */
    record Result(List<String> columns, List<String> types, List<List<String>> rows, String tag) {

        /** The rows a command processed (its tag's count), or the rows returned. */
        public long processed() {
            if (!columns.isEmpty()) return rows.size();
            int space = tag == null ? -1 : tag.lastIndexOf(' ');
            if (space < 0) return 0;
            try {
                return Long.parseLong(tag.substring(space + 1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** Runs one SQL statement. */
    Result run(String sql);

    /** Sends a notice (RAISE NOTICE, INFO, WARNING) to the client. */
    void notice(String severity, String sqlState, String message);

    /** A subtransaction begins (a block with an EXCEPTION clause is entered). */
    void savepoint(String name);

    /** After an error a handler caught: everything since {@link #savepoint} is undone. */
    void rollbackTo(String name);

    /** The subtransaction ends (its block finished, or its handler took over). */
    void release(String name);

    /** Throws the cancel or timeout error if the statement was cancelled meanwhile. */
    void checkInterrupts();
}
