package dev.pgwire.serve.catalog;

import dev.pgwire.protocol.PgException;

import java.util.ArrayList;
import java.util.List;

/** Qualified names as PostgreSQL reads them in reg* input: dots between parts, quotes keep case. */
public final class QualifiedNames {
    private QualifiedNames() {}

    public static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        String t = text.trim();
        boolean any = false;
        while (i < t.length()) {
            char ch = t.charAt(i);
            if (ch == '"') {
                i++;
                while (i < t.length()) {
                    char q = t.charAt(i++);
                    if (q == '"') {
                        if (i < t.length() && t.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(q);
                    }
                }
                any = true;
            } else if (ch == '.') {
                if (!any) throw invalid(text);
                out.add(sb.toString());
                sb.setLength(0);
                any = false;
                i++;
            } else if (Character.isWhitespace(ch)) {
                i++;
            } else {
                sb.append(Character.toLowerCase(ch));
                any = true;
                i++;
            }
        }
        if (!any) throw invalid(text);
        out.add(sb.toString());
        return out;
    }

    private static PgException invalid(String text) {
        return new PgException("42602", "invalid name syntax: " + text);
    }
}
