package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a PostgreSQL error raised inside a function that DuckDB evaluates travels back to the client.
 *
 * <p>DuckDB turns an exception thrown by a Java scalar function into its own error: the JDBC driver
 * prints the exception (as {@link Throwable#printStackTrace} does) and DuckDB reports that text as an
 * "Invalid Input" error. The functions of this package therefore throw an exception whose printed form
 * is exactly
 *
 * <pre>
 * [pgwire:SQLSTATE] message
 * [pgwire:detail] detail        (only when there is a detail)
 * [pgwire:hint] hint            (only when there is a hint)
 * </pre>
 *
 * followed by a line break. The {@link java.sql.SQLException} DuckDB raises for
 * {@code SELECT pg_to_date('2021-02-30', 'YYYY-MM-DD')} has the message
 *
 * <pre>
 * Invalid Input Error: [pgwire:22008] date/time field value out of range: "2021-02-30"
 * </pre>
 *
 * and, on a connection with {@code errors_as_json} set, the same text is the value of
 * {@code exception_message} (with {@code exception_type} {@code "Invalid Input"}). {@link #decode}
 * accepts either form and gives back the PostgreSQL error.
 */
public final class PgFunctionError {
    private PgFunctionError() {}

    /** Starts every error text this package produces. */
    public static final String MARKER = "[pgwire:";

    private static final String DETAIL = "\n[pgwire:detail] ";
    private static final String HINT = "\n[pgwire:hint] ";
    private static final Pattern HEAD = Pattern.compile("\\[pgwire:([0-9A-Z]{5})\\] ");

    /** The text DuckDB reports for {@code e}, without the trailing line break. */
    public static String encode(PgException e) {
        StringBuilder s = new StringBuilder(MARKER).append(e.sqlState()).append("] ").append(e.getMessage());
        if (e.detail() != null) s.append(DETAIL).append(e.detail());
        if (e.hint() != null) s.append(HINT).append(e.hint());
        return s.toString();
    }

    /**
     * The PostgreSQL error inside a DuckDB error message, when there is one: {@code text} may be a
     * {@link java.sql.SQLException} message ({@code "Invalid Input Error: [pgwire:…"}), DuckDB's JSON
     * error object, or its {@code exception_message}.
     */
    public static Optional<PgException> decode(String text) {
        if (text == null) return Optional.empty();
        String s = text.stripLeading().startsWith("{") ? jsonMessage(text) : text;
        if (s == null) return Optional.empty();
        Matcher m = HEAD.matcher(s);
        // (a marker right after a quote is SQL text DuckDB quotes in its message, as in "Division by zero in
        // expression (… error('[pgwire:22003] …') …)": not the error raised)
        boolean found = m.find();
        while (found && m.start() > 0 && s.charAt(m.start() - 1) == '\'') found = m.find();
        if (!found) return Optional.empty();
        String rest = s.substring(m.end()).stripTrailing();
        String detail = null;
        String hint = null;
        int h = rest.lastIndexOf(HINT);
        if (h >= 0) {
            hint = rest.substring(h + HINT.length());
            rest = rest.substring(0, h);
        }
        int d = rest.lastIndexOf(DETAIL);
        if (d >= 0) {
            detail = rest.substring(d + DETAIL.length());
            rest = rest.substring(0, d);
        }
        PgException e = new PgException(m.group(1), rest);
        if (detail != null) e.withDetail(detail);
        if (hint != null) e.withHint(hint);
        return Optional.of(e);
    }

    /** What a scalar function throws so that DuckDB reports exactly {@link #encode(PgException)}. */
    public static RuntimeException forDuckDb(PgException e) {
        return new Reported(encode(e));
    }

    /** An exception whose printed stack trace is its message alone. */
    private static final class Reported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Reported(String text) {
            super(text, null, false, false);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** The value of {@code "exception_message"} in a flat JSON object, or null. */
    private static String jsonMessage(String json) {
        int key = json.indexOf("\"exception_message\"");
        if (key < 0) return null;
        int i = json.indexOf(':', key + 19);
        if (i < 0) return null;
        i++;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) i++;
        if (i >= json.length() || json.charAt(i) != '"') return null;
        StringBuilder out = new StringBuilder();
        for (i++; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') return out.toString();
            if (c != '\\' || i + 1 >= json.length()) {
                out.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= json.length()) return null;
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return null;
    }
}
