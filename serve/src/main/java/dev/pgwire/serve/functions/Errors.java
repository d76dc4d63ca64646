package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;

/** SQLSTATEs of the errors these functions raise, named as in PostgreSQL's errcodes.txt. */
final class Errors {
    private Errors() {}

    static final String FEATURE_NOT_SUPPORTED = "0A000";
    static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    static final String NULL_VALUE_NOT_ALLOWED = "22004";
    static final String INVALID_DATETIME_FORMAT = "22007";
    static final String DATETIME_VALUE_OUT_OF_RANGE = "22008";
    static final String INVALID_TIME_ZONE_DISPLACEMENT_VALUE = "22009";
    static final String INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION = "2201G";
    static final String INVALID_REGULAR_EXPRESSION = "2201B";
    static final String INVALID_PARAMETER_VALUE = "22023";
    static final String INVALID_TEXT_REPRESENTATION = "22P02";
    static final String UNTRANSLATABLE_CHARACTER = "22P05";
    static final String ARRAY_SUBSCRIPT_ERROR = "2202E";
    static final String SYNTAX_ERROR = "42601";
    static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    static final String STATEMENT_TOO_COMPLEX = "54001";
    static final String INTERNAL_ERROR = "XX000";

    static PgException error(String sqlState, String message) {
        return new PgException(sqlState, message);
    }

    static PgException error(String sqlState, String message, String detail, String hint) {
        PgException e = new PgException(sqlState, message);
        if (detail != null) e.withDetail(detail);
        if (hint != null) e.withHint(hint);
        return e;
    }
}
