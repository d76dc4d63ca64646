package dev.pgwire.serve.differential;

import java.util.regex.Pattern;

/**
 * One statement of the differential corpus.
 *
 * @param category      the corpus file it comes from, without {@code .sql}
 * @param name          its name within the file ({@code -- name:}), stable across edits
 * @param line          the line of its {@code -- name:} directive, for messages
 * @param sql           the statement as sent, without the trailing semicolon
 * @param expectedError the SQLSTATE PostgreSQL must fail with ({@code -- expect-error:}), or null
 *                      when PostgreSQL must succeed
 * @param valuePattern  when set ({@code -- match:}), values are compared by this pattern instead
 *                      of by equality: every non-null value on both sides must match it whole
 */
record CorpusStatement(String category, String name, int line, String sql, String expectedError, Pattern valuePattern) {

    /** The id used in reports and in the accepted-differences file: {@code category:name}. */
    String id() {
        return category + ":" + name;
    }

    String location() {
        return category + ".sql:" + line;
    }
}
