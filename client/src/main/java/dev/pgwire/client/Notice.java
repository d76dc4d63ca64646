package dev.pgwire.client;

import dev.pgwire.protocol.message.ErrorField;

import java.util.Collections;
import java.util.Map;

/**
 * A NoticeResponse: a WARNING, NOTICE, INFO, LOG or DEBUG message from the server, with the same
 * fields as an error (protocol section 55.8).
 */
public record Notice(Map<Character, String> fields) {
    public Notice {
        fields = Collections.unmodifiableMap(fields);
    }

    public String severity() { return fields.get(ErrorField.SEVERITY_NONLOCALIZED) != null
            ? fields.get(ErrorField.SEVERITY_NONLOCALIZED) : fields.get(ErrorField.SEVERITY); }
    public String sqlState() { return fields.get(ErrorField.CODE); }
    public String message() { return fields.get(ErrorField.MESSAGE); }
    public String detail() { return fields.get(ErrorField.DETAIL); }
    public String hint() { return fields.get(ErrorField.HINT); }

    @Override
    public String toString() {
        return severity() + ": " + message();
    }
}
