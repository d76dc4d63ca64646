package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's errors about a query's clauses — aggregates, window frames and names, GROUP BY
 * positions, percentiles — as PostgreSQL reports them (its SQLSTATE and words), whatever kind
 * DuckDB gives them; part of {@link ErrorMapper}.
 */
final class QueryClauseErrors {
    private QueryClauseErrors() {}

    private static final Pattern WINDOW_NAME = Pattern.compile("^window \"(.+)\" (is already defined|does not exist)");
    private static final Pattern FRAME_OFFSET = Pattern.compile("^Window (?:ROWS|RANGE|GROUPS) (PRECEDING|FOLLOWING) expression cannot be (negative|NULL)");

    /** PostgreSQL's error for DuckDB's message {@code msg}, or null where it is none of these. */
    static PgException of(String msg) {
        Matcher m;
        if (msg.startsWith("aggregate function calls cannot be nested")) return new PgException("42803", "aggregate function calls cannot be nested");
        if ((m = FRAME_OFFSET.matcher(msg)).find()) {
            // DuckDB names the bound's side, PostgreSQL whether it starts or ends the frame (mostly the same)
            String bound = m.group(1).equals("PRECEDING") ? "starting" : "ending";
            return m.group(2).equals("negative")
                    ? new PgException("22013", "frame " + bound + " offset must not be negative")
                    : new PgException(SqlState.NULL_VALUE_NOT_ALLOWED, "frame " + bound + " offset must not be null");
        }
        if ((m = WINDOW_NAME.matcher(msg)).find()) {
            return m.group(2).equals("is already defined") ? new PgException("42P20", "window \"" + m.group(1) + "\" is already defined")
                    : new PgException(SqlState.UNDEFINED_OBJECT, "window \"" + m.group(1) + "\" does not exist");
        }
        if (msg.startsWith("GROUP BY term out of range")) return new PgException("42P10", "GROUP BY position is not in select list");
        if (msg.startsWith("PERCENTILEs can only take parameters in the range [0, 1]")) {
            return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "percentile value is not between 0 and 1");
        }
        if (msg.startsWith("Invalid RANGE PRECEDING value") || msg.startsWith("Invalid RANGE FOLLOWING value")) {
            return new PgException("22013", "invalid preceding or following size in window function");
        }
        return null;
    }
}
