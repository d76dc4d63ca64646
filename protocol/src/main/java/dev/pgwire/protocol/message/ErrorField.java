package dev.pgwire.protocol.message;

/** Field codes of ErrorResponse and NoticeResponse (protocol section 55.8). */
public final class ErrorField {
    private ErrorField() {}

    public static final char SEVERITY = 'S';
    /** Non-localized severity, sent by PostgreSQL 9.6 and later. */
    public static final char SEVERITY_NONLOCALIZED = 'V';
    public static final char CODE = 'C';
    public static final char MESSAGE = 'M';
    public static final char DETAIL = 'D';
    public static final char HINT = 'H';
    public static final char POSITION = 'P';
    public static final char INTERNAL_POSITION = 'p';
    public static final char INTERNAL_QUERY = 'q';
    public static final char WHERE = 'W';
    public static final char SCHEMA_NAME = 's';
    public static final char TABLE_NAME = 't';
    public static final char COLUMN_NAME = 'c';
    public static final char DATA_TYPE_NAME = 'd';
    public static final char CONSTRAINT_NAME = 'n';
    public static final char FILE = 'F';
    public static final char LINE = 'L';
    public static final char ROUTINE = 'R';
}
