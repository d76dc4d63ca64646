package dev.pgwire.protocol;

import dev.pgwire.protocol.message.ErrorField;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error as PostgreSQL reports it: a SQLSTATE, a severity and the optional fields of an
 * ErrorResponse (protocol section 55.8, "Error and Notice Message Fields").
 *
 * <pre>{@code
 * throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"t\" does not exist").withPosition(15);
 * }</pre>
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Map<Character, String> fields;

    /** An ERROR with the given SQLSTATE and message. */
    public PgException(String sqlState, String message) {
        this(sqlState, message, null);
    }

    public PgException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        Map<Character, String> f = new LinkedHashMap<>();
        f.put(ErrorField.SEVERITY, "ERROR");
        f.put(ErrorField.SEVERITY_NONLOCALIZED, "ERROR");
        f.put(ErrorField.CODE, Objects.requireNonNull(sqlState, "sqlState"));
        f.put(ErrorField.MESSAGE, message == null ? "" : message);
        this.fields = f;
    }

    /** Builds an exception from the fields of a received ErrorResponse or NoticeResponse. */
    public PgException(Map<Character, String> fields) {
        super(fields.getOrDefault(ErrorField.MESSAGE, ""));
        this.fields = new LinkedHashMap<>(fields);
    }

    public String sqlState() { return fields.get(ErrorField.CODE); }
    public String severity() { return fields.get(ErrorField.SEVERITY); }
    public String detail() { return fields.get(ErrorField.DETAIL); }
    public String hint() { return fields.get(ErrorField.HINT); }
    public String field(char code) { return fields.get(code); }

    /** All fields in wire order, keyed by their one-byte field code. */
    public Map<Character, String> fields() { return Collections.unmodifiableMap(fields); }

    public PgException withSeverity(String severity) {
        fields.put(ErrorField.SEVERITY, severity);
        fields.put(ErrorField.SEVERITY_NONLOCALIZED, severity);
        return this;
    }
    public PgException withDetail(String detail) { return with(ErrorField.DETAIL, detail); }
    public PgException withHint(String hint) { return with(ErrorField.HINT, hint); }
    /** 1-based character position in the query string. */
    public PgException withPosition(int position) { return with(ErrorField.POSITION, Integer.toString(position)); }

    public PgException with(char field, String value) {
        if (value == null) fields.remove(field); else fields.put(field, value);
        return this;
    }

    /** A protocol violation (08P01), the error for malformed or out-of-phase messages. */
    public static PgException protocolViolation(String message) {
        return new PgException(SqlState.PROTOCOL_VIOLATION, message);
    }

    /** FATAL severity: the server closes the connection after sending it. */
    public boolean isFatal() {
        String s = severity();
        return "FATAL".equals(s) || "PANIC".equals(s);
    }
}
