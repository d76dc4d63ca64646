package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's record_in: the text {@code (1," a,b ",)} of a composite value, read as PostgreSQL
 * reads it — white space kept inside attributes, double quotes grouping, {@code ""} and
 * backslash escaping a character, an empty unquoted attribute NULL — and written as DuckDB's
 * struct notation with every attribute quoted, {@code ('1', ' a,b ', NULL)}, which DuckDB's cast
 * to the STRUCT type then converts attribute by attribute without trimming anything.
 */
public final class RecordInput {
    private RecordInput() {}

    public static String toDuckDb(String text, int attributes) {
        List<String> values = parse(text, attributes);
        StringBuilder sb = new StringBuilder().append('(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(", ");
            String v = values.get(i);
            if (v == null) {
                sb.append("NULL");
                continue;
            }
            sb.append('\'');
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (c == '\'' || c == '\\') sb.append('\\');
                sb.append(c);
            }
            sb.append('\'');
        }
        return sb.append(')').toString();
    }

    /** The attributes of a record literal, null for NULL; 22P02 as PostgreSQL words it when malformed. */
    static List<String> parse(String text, int attributes) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        if (i >= n || text.charAt(i) != '(') throw malformed(text, "Missing left parenthesis.");
        i++;
        List<String> values = new ArrayList<>();
        for (int a = 0; a < attributes; a++) {
            if (a > 0) {
                // the previous attribute ended at a comma
                i++;
            }
            if (i < n && (text.charAt(i) == ',' || text.charAt(i) == ')')) {
                values.add(null);
                if (text.charAt(i) == ')' && a < attributes - 1) throw malformed(text, "Too few columns.");
                continue;
            }
            StringBuilder v = new StringBuilder();
            boolean inQuote = false;
            while (inQuote || !(i < n && (text.charAt(i) == ',' || text.charAt(i) == ')'))) {
                if (i >= n) throw malformed(text, "Unexpected end of input.");
                char c = text.charAt(i++);
                if (c == '\\') {
                    if (i >= n) throw malformed(text, "Unexpected end of input.");
                    v.append(text.charAt(i++));
                } else if (c == '"') {
                    if (!inQuote) {
                        inQuote = true;
                    } else if (i < n && text.charAt(i) == '"') {
                        v.append('"');
                        i++;
                    } else {
                        inQuote = false;
                    }
                } else {
                    v.append(c);
                }
            }
            values.add(v.toString());
            if (text.charAt(i) == ')' && a < attributes - 1) throw malformed(text, "Too few columns.");
        }
        if (i >= n || text.charAt(i) != ')') throw malformed(text, "Too many columns.");
        i++;
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        if (i < n) throw malformed(text, "Junk after right parenthesis.");
        return values;
    }

    private static PgException malformed(String text, String detail) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed record literal: \"" + text + "\"").withDetail(detail);
    }
}
