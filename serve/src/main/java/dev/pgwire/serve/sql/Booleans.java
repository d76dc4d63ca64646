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
            if ("false".startsWith(t) || "no".startsWith(t) || t.equals("off") || t.equals("0")) return false;
            if (t.equals("o")) throw invalid(text); // ambiguous between on and off
        }
        throw invalid(text);
    }

    private static PgException invalid(String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type boolean: \"" + text + "\"");
    }
}
