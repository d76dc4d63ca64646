package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

/** The errors PostgreSQL's input functions raise, with its messages. */
final class Errors {
    private Errors() {}

    /** 22P02 {@code invalid input syntax for type X: "text"}. */
    static PgException invalidText(String typeName, String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    /** 22003 {@code value "text" is out of range for type X}. */
    static PgException outOfRange(String typeName, String text) {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type " + typeName);
    }

    static PgException numericOutOfRange(String message) {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, message);
    }

    /** 22008 (datetime field overflow), e.g. {@code date out of range: "text"}. */
    static PgException datetimeOverflow(String message) {
        return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, message);
    }

    /** 22P03, for binary values that do not have the type's send format. */
    static PgException invalidBinary(String message) {
        return new PgException(SqlState.INVALID_BINARY_REPRESENTATION, message);
    }

    /** 22P03 for a binary value whose length does not match the fixed width of its type. */
    static void checkLength(String typeName, int length, int expected) {
        if (length != expected) {
            throw invalidBinary("incorrect binary data format: " + typeName + " needs " + expected
                    + " bytes, got " + length);
        }
    }
}
