package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.Locale;

/** boolean input as PostgreSQL reads it: any unique prefix of true/false/yes/no, on/off, 1/0. */
final class Booleans {
    private Booleans() {}

    static boolean parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
            if ("true".startsWith(t) || "yes".startsWith(t) || t.equals("on") || t.equals("1")) return true;
            if ("false".startsWith(t) || "no".startsWith(t) || t.length() >= 2 && "off".startsWith(t) || t.equals("0")) return false;
            if (t.equals("o")) throw invalid(text); // ambiguous between on and off
        }
        throw invalid(text);
    }

    /**
     * DuckDB SQL reading the text {@code value} as a boolean while the statement runs, by the rules
     * of {@link #parse} (DuckDB's cast takes neither 'on' nor 'off' nor spaces around the word).
     */
    static String atRunTime(String value) {
        // the value is written where it is used: a CHECK or DEFAULT takes no lambda
        String word = "lower(trim(CAST(" + value + " AS VARCHAR)))";
        return "CASE WHEN " + word + " IN ('t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1') THEN true"
                + " WHEN " + word + " IN ('f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '0') THEN false"
                + " WHEN " + value + " IS NULL THEN NULL"
                + " ELSE error('[pgwire:22P02] invalid input syntax for type boolean: \"' || CAST(" + value + " AS VARCHAR) || '\"') END";
    }

    private static PgException invalid(String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type boolean: \"" + text + "\"");
    }
}
